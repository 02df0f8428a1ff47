# Shared by bench/coverage.sh and bench/coverage-query.sh (sourced, not run): the release binary, the timing of a
# command, a signed-in analyst on a running server, and the API and page timings both scripts report.
#
#   source bench/lib/coverage-common.sh   (from the repository root; sets OUT and BIN)

OUT="$(pwd)/bench/out"
mkdir -p "$OUT"

echo "== building release binary"
swift build -c release --product lumbung 2>&1 | tail -1
BIN=.build/release/lumbung

measure() {  # measure NAME COMMAND... -> sets WALL (s) and RSS (MB); output in $OUT/NAME.log
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1
  read -r WALL RSS_KB < "$OUT/$name.time"
  RSS=$((RSS_KB / 1024))
}

ms() {  # ms SECONDS -> milliseconds, one decimal
  python3 -c "print(round($1 * 1000, 1))"
}

start_server() {  # start_server DATABASE -> sets TOKEN (an analyst's, scope 52), PORT and SERVER (stopped on exit)
  local database=$1
  "$BIN" user list --database "$database" | grep -q '^bench-analyst ' ||
    printf '%s\n' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" |
    "$BIN" user add bench-analyst --name "Benchmark" --role analyst --scope 52 --database "$database" >/dev/null
  TOKEN=$("$BIN" user token bench-analyst --name bench --days 1 --database "$database" | tail -1)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  "$BIN" serve --database "$database" --port "$PORT" --log-level warning > "$OUT/coverage-serve.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
}

fetch() {  # fetch PATH -> seconds taken, as the analyst
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "%{time_total}" "http://127.0.0.1:$PORT$1"
}

time_coverage_api() {  # time_coverage_api FIRST_LABEL: the first request, then 50 more (p50, p95, max)
  local path="/api/v1/coverage?within=52&level=kabupaten" first times=()
  echo "== GET $path"
  first=$(fetch "$path")
  echo "   $1: $(ms "$first") ms"
  for _ in $(seq 1 50); do times+=("$(fetch "$path")"); done
  python3 - "${times[@]}" <<'PY'
import sys
ms = sorted(float(t) * 1000 for t in sys.argv[1:])
print(f"   warm (50 requests): p50 {ms[len(ms)//2]:.1f} ms, p95 {ms[int(len(ms)*0.95)-1]:.1f} ms, max {ms[-1]:.1f} ms")
PY
}

time_page() {  # time_page PATH: an HTML page, first and again
  local first again
  first=$(fetch "$1")
  again=$(fetch "$1")
  echo "== $1 (HTML): first $(ms "$first") ms, again $(ms "$again") ms"
}
