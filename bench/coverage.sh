#!/usr/bin/env bash
# Lumbung coverage benchmark (issue 14): the coverage of every programme over the whole province, cold and warm.
#
#   bench/coverage.sh                 scale 1: generates dtsen + programme lists, imports them into SQLite, measures
#   SCALE=0.1 bench/coverage.sh
#   DB=postgres://… bench/coverage.sh the same imported into PostgreSQL (the database must exist and be empty)
#
# Figures: the imports (wall time, rows/s, peak memory); `lumbung report coverage --within 52 --level kabupaten`
# run three times as a fresh process each (cold: nothing cached in the process); then the API
# `GET /api/v1/coverage?within=52&level=kabupaten` on a running server: the first request (cold, computed) and
# 50 further requests (warm: cached until an import or a programme change).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${SCALE:-1}"
source bench/lib/coverage-common.sh

POP="$OUT/coverage-population"
echo "== generate: scale $SCALE, layouts dtsen + programs"
rm -rf "$POP"
measure coverage-generate "$BIN" generate --out "$POP" --scale "$SCALE" --layout dtsen programs
echo "   $WALL s, peak $RSS MB"

if [ -n "${DB:-}" ]; then DATABASE="$DB"; else DATABASE="$OUT/coverage.sqlite"; rm -f "$DATABASE"*; fi
"$BIN" migrate --database "$DATABASE" > /dev/null

ROWS_FAMILIES=$(cat "$POP"/dtsen-keluarga-*.csv | wc -l)
ROWS_PEOPLE=$(cat "$POP"/dtsen-individu-*.csv | wc -l)
ROWS_LISTS=$(cat "$POP"/penerima-program-*.csv | wc -l)
echo "== import registry: $ROWS_FAMILIES family rows, $ROWS_PEOPLE person rows"
measure coverage-import-families "$BIN" import "$POP"/dtsen-keluarga-*.csv --database "$DATABASE" --rejects "$OUT"
echo "   families: $WALL s, peak $RSS MB"
measure coverage-import-people "$BIN" import "$POP"/dtsen-individu-*.csv --database "$DATABASE" --rejects "$OUT"
echo "   people: $WALL s, peak $RSS MB"
echo "== import beneficiary lists: $ROWS_LISTS rows"
measure coverage-import-lists "$BIN" import "$POP"/penerima-program-*.csv --database "$DATABASE" --rejects "$OUT"
echo "   lists: $WALL s ($(python3 -c "print(round($ROWS_LISTS / $WALL))") rows/s), peak $RSS MB"

echo "== report coverage --within 52 --level kabupaten (a fresh process each time)"
for run in 1 2 3; do
  measure coverage-report "$BIN" report coverage --within 52 --level kabupaten --format json --database "$DATABASE"
  echo "   run $run: $WALL s, peak $RSS MB"
done
python3 - "$POP/truth.json" "$OUT/coverage-report.log" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))["programs"]
report = json.load(open(sys.argv[2]))["regions"]
keys = ["familiesReached", "duplicatedAidFamilies", "eligibleUnreachedFamilies", "inclusionErrorFamilies", "betterOffFamiliesReached"]
def pairs(region):
    return {" ∩ ".join(p["programmes"]): p["families"] for p in region["programmePairs"]}
wrong = [r["code"] for r in report if any(r[k] != truth[r["code"]][k] for k in keys) or pairs(r) != truth[r["code"]]["overlaps"]]
print("   equals truth.json for every kabupaten (reached, duplicated, unreached, inclusion errors, leakage, pairs)" if not wrong
      else f"   DIFFERS from truth.json in {wrong}")
# People reached: the truth counts every generated member; rows with an injected error fault are rejected on import.
people = sum(sum(r["peopleReached"].values()) for r in report)
generated = sum(sum(truth[r["code"]]["peopleReached"].values()) for r in report)
print(f"   people reached: {people} in the registry of {generated} generated ({people / max(generated, 1):.2%}; the rest are rows rejected for injected faults)")
PY

start_server "$DATABASE"
time_coverage_api "cold (first request)"
time_page "/koordinasi?within=52.03"
