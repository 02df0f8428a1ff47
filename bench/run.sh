#!/usr/bin/env bash
# Lumbung benchmark harness: builds the release binary, runs each measured step on generated data,
# and prints every figure beside a baseline measured in the same run on the same machine.
#
#   bench/run.sh                 scale 0.1 (≈ 575,000 people), CSV
#   SCALE=1 bench/run.sh         the whole province
#   SCALE=0.1 FORMAT=xlsx bench/run.sh
#   CALLGRIND=0 bench/run.sh     without the instruction counts of the parser (valgrind)
#
# Figures: wall time, throughput and peak memory (/usr/bin/time's maximum resident set), each import beside the
# bare loader of the same rows in the same run (ratio of rows per second), and the parser's and validator's
# instructions per row counted by callgrind (repeatable on a busy machine, unlike times).
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${SCALE:-0.1}"
FORMAT="${FORMAT:-csv}"
OUT="${OUT:-$(pwd)/bench/out}"
mkdir -p "$OUT"

if [ -z "${BIN:-}" ]; then  # BIN=path/to/lumbung measures a binary built elsewhere (e.g. main's, for a before/after)
  echo "== building release binary"
  swift build -c release --product lumbung 2>&1 | tail -1
  BIN=.build/release/lumbung
fi

measure() {  # measure NAME COMMAND... -> sets WALL (s), RSS (MB) and CPU (user + system s; on a shared machine the steadier figure)
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB USER_S SYS_S < <(tail -1 "$OUT/$name.time")
  RSS=$((RSS_KB / 1024))
  CPU=$(python3 -c "print(f'{$USER_S + $SYS_S:.2f}')")
  echo "   $name: wall ${WALL} s, cpu ${CPU} s, peak ${RSS} MB"
}

echo "== generate: scale $SCALE, format $FORMAT"
rm -rf "$OUT/population"
measure generate "$BIN" generate --out "$OUT/population" --scale "$SCALE" --format "$FORMAT"
GEN_WALL=$WALL; GEN_RSS=$RSS
PEOPLE=$(python3 -c "import json,sys; print(json.load(open('$OUT/population/truth.json'))['generatedPeople'])")
BYTES=$(du -sb "$OUT/population" | cut -f1)

# Baseline: copying the same bytes with cat, the floor for writing that much data on this disk.
measure copy sh -c "cat '$OUT/population'/* > '$OUT/copy.bin'"
COPY_WALL=$WALL; COPY_RSS=$RSS
rm -f "$OUT/copy.bin"

python3 - "$GEN_WALL" "$GEN_RSS" "$PEOPLE" "$BYTES" "$COPY_WALL" "$COPY_RSS" <<'PY'
import sys
gen_wall, gen_rss, people, size, copy_wall, copy_rss = map(float, sys.argv[1:])
mb = size / 1e6
print()
print(f"{'step':<34}{'wall s':>9}{'people/s':>12}{'MB/s':>9}{'peak MB':>9}")
print(f"{'lumbung generate':<34}{gen_wall:>9.2f}{people / gen_wall:>12,.0f}{mb / gen_wall:>9.0f}{gen_rss:>9.0f}")
print(f"{'baseline: cat of the same bytes':<34}{copy_wall:>9.2f}{'':>12}{mb / max(copy_wall, 0.01):>9.0f}{copy_rss:>9.0f}")
print(f"\n{int(people):,} people, {mb:,.0f} MB of files; generation takes {gen_wall / max(copy_wall, 0.01):.1f}x the time of copying its output.")
PY

[ "$FORMAT" = csv ] || { echo "(import figures are measured on CSV files)"; exit 0; }
POP="$OUT/population"
FAMILY_FILES=("$POP"/dtsen-keluarga-*.csv)
PERSON_FILES=("$POP"/dtsen-individu-*.csv)
FAMILY_ROWS=$(python3 -c "import json; t=json.load(open('$POP/truth.json')); print(sum(f['dataRows'] for f in t['layouts']['dtsen']['files'] if f['table']=='keluarga'))")
PERSON_ROWS=$(python3 -c "import json; t=json.load(open('$POP/truth.json')); print(sum(f['dataRows'] for f in t['layouts']['dtsen']['files'] if f['table']=='individu'))")

report() {  # report NAME ROWS WALL RSS BASE_WALL [CPU BASE_CPU]: the ratio of rows per second to the bare loader's, by wall
  # time and, for SQLite (both in-process), by CPU time too — the steadier figure when other work shares the cores
  python3 -c "
import sys
n, r, w, m, b = sys.argv[1], *map(float, sys.argv[2:6])
line = f'{n:<44}{w:>8.2f}{r/w:>11,.0f}{m:>9.0f}   {b/w:>5.2f}x bare'
if len(sys.argv) > 7: line += f'   (cpu {float(sys.argv[6]):.2f} s: {float(sys.argv[7])/float(sys.argv[6]):.2f}x bare by cpu)'
print(line)" "$@"
}

bare_table() {  # bare_table HEADERFILE → CREATE TABLE of TEXT columns named after the header
  python3 -c "import sys; h=open(sys.argv[1]).readline().strip().split(','); print('CREATE TABLE bare (' + ', '.join(f'\"{c}\" TEXT' for c in h) + ');')" "$1"
}

echo
# Instructions per row of the parser and validator: `lumbung parse-rows` (the import's reading and checking,
# no database) under callgrind, counting only inside the per-row loop (FileScan.read), on the first rows of one
# family file and one person file. Valgrind 3.19 needs the debug info stripped and a sigsuspend wrapper.
if [ "${CALLGRIND:-1}" = 1 ] && command -v valgrind >/dev/null && command -v cc >/dev/null; then
  echo "== callgrind: instructions per row of the parser and validator (lumbung parse-rows)"
  cc -shared -fPIC -O2 -o "$OUT/sigsuspend-shim.so" bench/sigsuspend-shim.c -ldl
  objcopy --strip-debug "$BIN" "$OUT/lumbung-nodebug"
  for kind in keluarga:2000 individu:5000; do
    table=${kind%%:*}; rows=${kind##*:}
    first=$(ls "$POP"/dtsen-$table-*.csv | head -1)
    head -n $((rows + 1)) "$first" > "$OUT/callgrind-$table.csv"
    LD_PRELOAD="$OUT/sigsuspend-shim.so" valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-$table.out" \
      --toggle-collect='$s13LumbungImport8FileScanC4read33_*LL4intoyAA7RowFeedC_tKF' \
      "$OUT/lumbung-nodebug" parse-rows "$OUT/callgrind-$table.csv" --as-of 2025-06-30 > "$OUT/callgrind-$table.log" 2>&1
    collected=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$OUT/callgrind-$table.log")
    python3 -c "import sys; n,r,i=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]); print(f'{n:<44}{i:>15,} instructions {i/r:>10,.0f} per row')" \
      "parse + validate, $table ($rows rows)" "$rows" "${collected:-0}"
  done
  echo "(callgrind_annotate $OUT/callgrind-individu.out lists where they go)"
fi

echo
echo "== import into SQLite (full validation) vs sqlite3 .import of the same rows into one bare table"
rm -f "$OUT"/import.sqlite* "$OUT"/bare.sqlite*
measure import-sqlite-families "$BIN" import "${FAMILY_FILES[@]}" --database "$OUT/import.sqlite" --as-of 2025-06-30 --rejects "$OUT"
SF_WALL=$WALL; SF_RSS=$RSS; SF_CPU=$CPU
measure import-sqlite-people "$BIN" import "${PERSON_FILES[@]}" --database "$OUT/import.sqlite" --as-of 2025-06-30 --rejects "$OUT"
SP_WALL=$WALL; SP_RSS=$RSS; SP_CPU=$CPU
for kind in keluarga individu; do
  files=("$POP"/dtsen-$kind-*.csv)
  rm -f "$OUT/bare-$kind.sqlite"
  { echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"; bare_table "${files[0]}"; echo ".mode csv";
    for f in "${files[@]}"; do echo ".import --skip 1 $f bare"; done; } > "$OUT/bare-$kind.sql"
  measure "bare-sqlite-$kind" sh -c "sqlite3 '$OUT/bare-$kind.sqlite' < '$OUT/bare-$kind.sql'"
  eval "BARE_SQLITE_$kind=$WALL; BARE_SQLITE_CPU_$kind=$CPU"
done
printf "%-44s%8s%11s%9s\n" "step" "wall s" "rows/s" "peak MB"
report "lumbung import, families (SQLite)" "$FAMILY_ROWS" "$SF_WALL" "$SF_RSS" "$BARE_SQLITE_keluarga" "$SF_CPU" "$BARE_SQLITE_CPU_keluarga"
report "lumbung import, people (SQLite)" "$PERSON_ROWS" "$SP_WALL" "$SP_RSS" "$BARE_SQLITE_individu" "$SP_CPU" "$BARE_SQLITE_CPU_individu"
report "baseline: sqlite3 .import, families" "$FAMILY_ROWS" "$BARE_SQLITE_keluarga" 0 "$BARE_SQLITE_keluarga"
report "baseline: sqlite3 .import, people" "$PERSON_ROWS" "$BARE_SQLITE_individu" 0 "$BARE_SQLITE_individu"

# PostgreSQL: LUMBUNG_BENCH_POSTGRES_URL names a server whose user may create databases; otherwise a
# throw-away cluster is started on 127.0.0.1 when PostgreSQL is installed.
ADMIN_URL="${LUMBUNG_BENCH_POSTGRES_URL:-}"
if [ -z "$ADMIN_URL" ] && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGROOT=$(mktemp -d /tmp/lumbung-bench-pg.XXXXXX); chown postgres "$PGROOT"
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  su postgres -c "$PGBIN/initdb -D $PGROOT/data --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT' start" >/dev/null
  trap 'su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast stop" >/dev/null 2>&1; rm -rf "$PGROOT"' EXIT
  ADMIN_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
fi
[ -n "$ADMIN_URL" ] || { echo "(no PostgreSQL: set LUMBUNG_BENCH_POSTGRES_URL for its figures)"; exit 0; }
BASE_URL="${ADMIN_URL%/*}"
psql "$ADMIN_URL" -q -c "DROP DATABASE IF EXISTS lumbung_bench WITH (FORCE)" -c "CREATE DATABASE lumbung_bench" \
  -c "DROP DATABASE IF EXISTS lumbung_bare WITH (FORCE)" -c "CREATE DATABASE lumbung_bare"
echo
echo "== import into PostgreSQL (full validation, COPY into staging) vs psql \\copy of the same rows into one bare table"
measure import-pg-families "$BIN" import "${FAMILY_FILES[@]}" --database "$BASE_URL/lumbung_bench" --as-of 2025-06-30 --rejects "$OUT"
PF_WALL=$WALL; PF_RSS=$RSS
measure import-pg-people "$BIN" import "${PERSON_FILES[@]}" --database "$BASE_URL/lumbung_bench" --as-of 2025-06-30 --rejects "$OUT"
PP_WALL=$WALL; PP_RSS=$RSS
for kind in keluarga individu; do
  files=("$POP"/dtsen-$kind-*.csv)
  psql "$BASE_URL/lumbung_bare" -q -c "DROP TABLE IF EXISTS bare" -c "$(bare_table "${files[0]}")"
  { for f in "${files[@]}"; do echo "\\copy bare FROM '$f' WITH (FORMAT csv, HEADER true)"; done; } > "$OUT/bare-pg-$kind.sql"
  measure "bare-pg-$kind" psql "$BASE_URL/lumbung_bare" -q -f "$OUT/bare-pg-$kind.sql"
  eval "BARE_PG_$kind=$WALL"
done
printf "%-44s%8s%11s%9s\n" "step" "wall s" "rows/s" "peak MB"
report "lumbung import, families (PostgreSQL)" "$FAMILY_ROWS" "$PF_WALL" "$PF_RSS" "$BARE_PG_keluarga"
report "lumbung import, people (PostgreSQL)" "$PERSON_ROWS" "$PP_WALL" "$PP_RSS" "$BARE_PG_individu"
report "baseline: psql \\copy, families" "$FAMILY_ROWS" "$BARE_PG_keluarga" 0 "$BARE_PG_keluarga"
report "baseline: psql \\copy, people" "$PERSON_ROWS" "$BARE_PG_individu" 0 "$BARE_PG_individu"
