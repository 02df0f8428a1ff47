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
keys = ["familiesReached", "duplicatedAidFamilies", "eligibleUnreachedFamilies", "inclusionErrorFamilies"]
wrong = [r["code"] for r in report if any(r[k] != truth[r["code"]][k] for k in keys)]
print("   equals truth.json for every kabupaten" if not wrong else f"   DIFFERS from truth.json in {wrong}")
PY

"$BIN" user list --database "$DATABASE" | grep -q '^bench-analyst ' ||
  printf '%s\n' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" |
  "$BIN" user add bench-analyst --name "Benchmark" --role analyst --scope 52 --database "$DATABASE" >/dev/null
TOKEN=$("$BIN" user token bench-analyst --name bench --days 1 --database "$DATABASE" | tail -1)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --database "$DATABASE" --port "$PORT" --log-level warning > "$OUT/coverage-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/api/v1/coverage?within=52&level=kabupaten"
echo "== GET /api/v1/coverage?within=52&level=kabupaten"
first=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "$URL")
echo "   cold (first request): $(python3 -c "print(round($first * 1000, 1))") ms"
times=()
for _ in $(seq 1 50); do times+=("$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "$URL")"); done
python3 - "${times[@]}" <<'PY'
import sys
ms = sorted(float(t) * 1000 for t in sys.argv[1:])
print(f"   warm (50 requests): p50 {ms[len(ms)//2]:.1f} ms, p95 {ms[int(len(ms)*0.95)-1]:.1f} ms, max {ms[-1]:.1f} ms")
PY
URL="http://127.0.0.1:$PORT/koordinasi?within=52.03"
first=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "$URL")
again=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "$URL")
echo "== /koordinasi?within=52.03 (HTML): first $(python3 -c "print(round($first * 1000, 1))") ms, again $(python3 -c "print(round($again * 1000, 1))") ms"
