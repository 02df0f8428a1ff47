#!/usr/bin/env bash
# Lumbung snapshot and release-diff benchmark (issue 16).
#
#   SCALE=0.1 bench/snapshot-diff.sh    generates dtsen at the scale, imports it into SQLite, then measures
#   DB=postgres://… bench/snapshot-diff.sh   the same in PostgreSQL (the database must exist and be empty)
#
# Until the generator writes releases (`lumbung generate --release N`), the second release is made in SQL on the
# imported registry: 5 % of families change desil (half into desil 1), 1 % of people are marked dead, 1 % move to
# another desa of their kabupaten. Figures: `snapshot create` for each release and `snapshot diff` at each level
# (wall time and peak memory of a fresh process each); the goal is a scale-1 diff (5.8 M people) in ≤ 60 s, ≤ 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${SCALE:-0.1}"
OUT="$(pwd)/bench/out"
mkdir -p "$OUT"

if [ -z "${BIN:-}" ]; then   # BIN=.build/debug/lumbung to measure without a release build (the diff's time is the database's)
  echo "== building release binary"
  swift build -c release --product lumbung 2>&1 | tail -1
  BIN=.build/release/lumbung
fi

measure() {  # measure NAME COMMAND... -> sets WALL (s) and RSS (MB)
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB < "$OUT/$name.time"
  RSS=$((RSS_KB / 1024))
}

POP="$OUT/snapshot-population"
if [ ! -f "$POP/truth.json" ]; then
  echo "== generate: scale $SCALE, layout dtsen"
  rm -rf "$POP"
  "$BIN" generate --out "$POP" --scale "$SCALE" --layout dtsen > /dev/null
fi
if [ -n "${DB:-}" ]; then DATABASE="$DB"; else DATABASE="$OUT/snapshot.sqlite"; rm -f "$DATABASE"*; fi
"$BIN" migrate --database "$DATABASE" > /dev/null
echo "== import"
measure snapshot-import-families "$BIN" import "$POP"/dtsen-keluarga-*.csv --database "$DATABASE" --rejects "$OUT"
measure snapshot-import-people "$BIN" import "$POP"/dtsen-individu-*.csv --database "$DATABASE" --rejects "$OUT"
echo "   people: $WALL s, peak $RSS MB"

measure snapshot-create-a "$BIN" snapshot create bench-a --database "$DATABASE"
echo "== snapshot create bench-a: $WALL s, peak $RSS MB — $(tail -1 "$OUT/snapshot-create-a.log")"

SQL="
UPDATE household SET desil = CASE WHEN id % 40 = 0 THEN 1 ELSE 5 END WHERE id % 20 = 0;
UPDATE person SET resident_status = 2 WHERE id % 100 = 7;
UPDATE person SET village_code = (SELECT MIN(r.code) FROM region r WHERE r.parent_code LIKE substr(person.village_code, 1, 5) || '.%' AND r.code <> person.village_code AND length(r.code) = 13)
  WHERE id % 100 = 13;
"
if [ -n "${DB:-}" ]; then psql -q "$DB" -c "$SQL"; else sqlite3 "$DATABASE" "$SQL"; fi
measure snapshot-create-b "$BIN" snapshot create bench-b --database "$DATABASE"
echo "== snapshot create bench-b: $WALL s, peak $RSS MB"

for level in kabupaten kecamatan desa; do
  measure "snapshot-diff-$level" "$BIN" snapshot diff bench-a bench-b --level "$level" --format json --database "$DATABASE"
  echo "== snapshot diff --level $level: $WALL s, peak $RSS MB, $(grep -c '"code"' "$OUT/snapshot-diff-$level.log") regions"
done
python3 - "$OUT/snapshot-diff-kabupaten.log" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["enteredDesil1", "leftDesil1", "enteredDesil1to4", "leftDesil1to4", "births", "deaths", "movedIn", "movedOut"]
print("   totals:", {k: sum(r[k] for r in d["regions"]) for k in keys})
PY
