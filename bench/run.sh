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
OUT="bench/out"
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
