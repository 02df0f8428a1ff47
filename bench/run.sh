#!/usr/bin/env bash
# Lumbung benchmark harness: builds the release binary, runs each measured step on generated data,
# and prints every figure beside a baseline measured in the same run on the same machine.
#
#   bench/run.sh                 scale 1 (the whole province), CSV
#   SCALE=0.1 FORMAT=xlsx bench/run.sh
#
# Figures: wall time, throughput and peak memory (/usr/bin/time's maximum resident set).
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${SCALE:-1}"
FORMAT="${FORMAT:-csv}"
OUT="$(pwd)/bench/out"
mkdir -p "$OUT"

echo "== building release binary"
swift build -c release --product lumbung 2>&1 | tail -1
BIN=.build/release/lumbung

measure() {  # measure NAME COMMAND... -> sets WALL (s) and RSS (MB)
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB < "$OUT/$name.time"
  RSS=$((RSS_KB / 1024))
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

report() {  # report NAME ROWS WALL RSS BASE_WALL
  python3 -c "import sys; n,r,w,m,b=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]),float(sys.argv[5]); print(f'{n:<44}{w:>8.2f}{r/w:>11,.0f}{m:>9.0f}   {(r/w)/(r/b):>5.2f}x bare')" "$@"
}

bare_table() {  # bare_table HEADERFILE → CREATE TABLE of TEXT columns named after the header
  python3 -c "import sys; h=open(sys.argv[1]).readline().strip().split(','); print('CREATE TABLE bare (' + ', '.join(f'\"{c}\" TEXT' for c in h) + ');')" "$1"
}

echo
echo "== import into SQLite (full validation) vs sqlite3 .import of the same rows into one bare table"
rm -f "$OUT"/import.sqlite* "$OUT"/bare.sqlite*
measure import-sqlite-families "$BIN" import "${FAMILY_FILES[@]}" --database "$OUT/import.sqlite" --as-of 2025-06-30 --rejects "$OUT"
SF_WALL=$WALL; SF_RSS=$RSS
measure import-sqlite-people "$BIN" import "${PERSON_FILES[@]}" --database "$OUT/import.sqlite" --as-of 2025-06-30 --rejects "$OUT"
SP_WALL=$WALL; SP_RSS=$RSS
for kind in keluarga individu; do
  files=("$POP"/dtsen-$kind-*.csv)
  rm -f "$OUT/bare-$kind.sqlite"
  { echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"; bare_table "${files[0]}"; echo ".mode csv";
    for f in "${files[@]}"; do echo ".import --skip 1 $f bare"; done; } > "$OUT/bare-$kind.sql"
  measure "bare-sqlite-$kind" sh -c "sqlite3 '$OUT/bare-$kind.sqlite' < '$OUT/bare-$kind.sql'"
  eval "BARE_SQLITE_$kind=$WALL"
done
printf "%-44s%8s%11s%9s\n" "step" "wall s" "rows/s" "peak MB"
report "lumbung import, families (SQLite)" "$FAMILY_ROWS" "$SF_WALL" "$SF_RSS" "$BARE_SQLITE_keluarga"
report "lumbung import, people (SQLite)" "$PERSON_ROWS" "$SP_WALL" "$SP_RSS" "$BARE_SQLITE_individu"
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
