#!/usr/bin/env bash
# The coverage queries of bench/coverage.sh alone, over a database it imported (or any other):
#
#   bench/coverage-query.sh                       uses bench/out/coverage.sqlite
#   DB=postgres://… bench/coverage-query.sh
#
# `lumbung report coverage --within 52 --level kabupaten` as a fresh process three times (the first after a change
# counts and stores what is stale; the others read the stored desa tallies), then the API on a running server: the
# first request and 50 more (cached in the server until an import or a programme change).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/out"
DATABASE="${DB:-$OUT/coverage.sqlite}"
echo "== building release binary"
swift build -c release --product lumbung 2>&1 | tail -1
BIN=.build/release/lumbung
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB < "$OUT/$name.time"
  RSS=$((RSS_KB / 1024))
}
measure coverage-migrate "$BIN" migrate --database "$DATABASE"
echo "== migrate: $WALL s"
echo "== report coverage --within 52 --level kabupaten (a fresh process each time)"
for run in 1 2 3 4; do
  measure coverage-report "$BIN" report coverage --within 52 --level kabupaten --format json --database "$DATABASE"
  echo "   run $run: $WALL s, peak $RSS MB"
done
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
echo "   first request after start: $(python3 -c "print(round($first * 1000, 1))") ms"
times=()
for _ in $(seq 1 50); do times+=("$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "$URL")"); done
python3 - "${times[@]}" <<'PY'
import sys
ms = sorted(float(t) * 1000 for t in sys.argv[1:])
print(f"   warm (50 requests): p50 {ms[len(ms)//2]:.1f} ms, p95 {ms[int(len(ms)*0.95)-1]:.1f} ms, max {ms[-1]:.1f} ms")
PY
for path in "/koordinasi?within=52" "/koordinasi?within=52.03"; do
  first=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "http://127.0.0.1:$PORT$path")
  again=$(curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "http://127.0.0.1:$PORT$path")
  echo "== $path (HTML): first $(python3 -c "print(round($first * 1000, 1))") ms, again $(python3 -c "print(round($again * 1000, 1))") ms"
done
