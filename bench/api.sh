#!/usr/bin/env bash
# Lumbung API benchmark: latency and throughput of the indicator, ranking and summary endpoints over a
# whole imported province, with wrk (Debian package `wrk`) on 127.0.0.1.
#
#   bench/api.sh                       uses bench/out/import.sqlite from bench/run.sh (scale 1)
#   DB=path/to.sqlite bench/api.sh     any imported database (SQLite file or postgres:// URL)
#
# For each endpoint: the first (uncached) request's time, then p50/p95 with 1 connection, then
# requests/s and p50/p95 with 50 connections (2 wrk threads, 10 s each).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/out"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

SOURCE="${DB:-$OUT/import.sqlite}"
echo "== building release binary"
swift build -c release --product lumbung 2>&1 | tail -1
BIN=.build/release/lumbung

if [[ "$SOURCE" == postgres* ]]; then
  DATABASE="$SOURCE"
else
  [ -f "$SOURCE" ] || { echo "no database at $SOURCE: run bench/run.sh first (or set DB)"; exit 1; }
  DATABASE="$OUT/api.sqlite"
  rm -f "$DATABASE"*
  cp "$SOURCE" "$DATABASE"
fi
echo "== migrate (rebuilds stored village tallies when their format changed)"
/usr/bin/time -f "%e s, peak %M KB" "$BIN" migrate --database "$DATABASE"
# Requests are signed in as an analyst of the whole province, by API token (each request looks the token up).
"$BIN" user list --database "$DATABASE" | grep -q '^bench-analyst ' ||
  printf '%s\n' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" |
  "$BIN" user add bench-analyst --name "Benchmark" --role analyst --scope 52 --database "$DATABASE" >/dev/null
TOKEN=$("$BIN" user token bench-analyst --name bench --days 1 --database "$DATABASE" | tail -1)
AUTH="Authorization: Bearer $TOKEN"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --database "$DATABASE" --port "$PORT" --log-level warning > "$OUT/api-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"

DESA=$(sqlite3 "$DATABASE" "SELECT village_code FROM village_aggregate WHERE village_code LIKE '52.03.%' ORDER BY village_code LIMIT 1" 2>/dev/null || echo 52.03.01.2001)
ENDPOINTS=(
  "indicators province|/api/v1/regions/52/indicators"
  "indicators kabupaten|/api/v1/regions/52.03/indicators"
  "indicators desa|/api/v1/regions/$DESA/indicators"
  "ranking desa in province|/api/v1/rankings?within=52&level=desa"
  "ranking desa in kabupaten|/api/v1/rankings?within=52.03&level=desa"
  "ranking kecamatan in kabupaten|/api/v1/rankings?within=52.03&level=kecamatan"
  "summary kabupaten|/api/v1/regions/52.03/summary"
  "summary desa|/api/v1/regions/$DESA/summary"
  "indicator page kabupaten (HTML)|/wilayah/52.03/indikator"
)

cat > "$OUT/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA

printf "\n%-34s%10s%10s%10s%12s%10s%10s%8s\n" "endpoint" "first ms" "p50 ms" "p95 ms" "req/s @50" "p50 @50" "p95 @50" "errors"
for entry in "${ENDPOINTS[@]}"; do
  name="${entry%%|*}"; path="${entry#*|}"
  first=$(curl -s -o /dev/null -H "$AUTH" -w "%{time_total}" "$BASE$path")
  read -r _ _ p50 p95 _ < <(wrk -t1 -c1 -d5s -H "$AUTH" -s "$OUT/percentiles.lua" "$BASE$path" | grep RESULT)
  read -r _ rps p50c p95c errors < <(wrk -t2 -c50 -d10s -H "$AUTH" -s "$OUT/percentiles.lua" "$BASE$path" | grep RESULT)
  printf "%-34s%10.1f%10s%10s%12s%10s%10s%8s\n" "$name" "$(python3 -c "print($first*1000)")" "$p50" "$p95" "$rps" "$p50c" "$p95c" "$errors"
done
