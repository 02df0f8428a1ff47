#!/usr/bin/env bash
# The per-person shape (DTKS/DTSEN "ART" extract: family columns on every member's row, no family file) imported into
# SQLite with full validation and family building, beside `sqlite3 .import` of the same rows into one bare table —
# both measured in this run, on this machine.
#
#   bench/shapes.sh              scale 1 (the whole province)
#   SCALE=0.1 bench/shapes.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${SCALE:-1}"
OUT="$(pwd)/bench/out/shapes"
rm -rf "$OUT"; mkdir -p "$OUT"
SCRATCH="${SCRATCH:-.build}"    # SCRATCH=.build-release keeps the release build apart from a debug build in progress
swift build -c release --product lumbung --scratch-path "$SCRATCH" 2>&1 | tail -1
BIN="$SCRATCH/release/lumbung"

measure() {  # measure NAME COMMAND... -> WALL (s), RSS (MB)
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB < "$OUT/$name.time"; RSS=$((RSS_KB / 1024))
}

measure generate "$BIN" generate --out "$OUT/population" --scale "$SCALE" --format csv --layout dtsen-art
FILES=("$OUT"/population/dtsen-art-*.csv)
ROWS=$(python3 -c "import json; t=json.load(open('$OUT/population/truth.json')); print(sum(f['dataRows'] for f in t['layouts']['dtsen-art']['files']))")

measure import "$BIN" import "${FILES[@]}" --database "$OUT/import.sqlite" --as-of 2025-06-30 --rejects "$OUT"
IMPORT_WALL=$WALL; IMPORT_RSS=$RSS

{ echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
  python3 -c "import sys; h=open(sys.argv[1], encoding='utf-8-sig').readline().strip().split(','); print('CREATE TABLE bare (' + ', '.join(f'\"c{i}\" TEXT' for i in range(len(h))) + ');')" "${FILES[0]}"
  echo ".mode csv"; for f in "${FILES[@]}"; do echo ".import --skip 1 $f bare"; done; } > "$OUT/bare.sql"
measure bare sh -c "sqlite3 '$OUT/bare.sqlite' < '$OUT/bare.sql'"
BARE_WALL=$WALL

python3 - "$ROWS" "$IMPORT_WALL" "$IMPORT_RSS" "$BARE_WALL" <<'PY'
import sys
rows, wall, rss, bare = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{'step':<48}{'wall s':>9}{'rows/s':>11}{'peak MB':>9}")
print(f"{'import dtsen-art (people + families), SQLite':<48}{wall:>9.2f}{rows / wall:>11,.0f}{rss:>9.0f}   {bare / wall:.2f}x bare")
print(f"{'baseline: sqlite3 .import into one bare table':<48}{bare:>9.2f}{rows / bare:>11,.0f}")
PY
