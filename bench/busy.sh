#!/usr/bin/env bash
# Issue 17 item 2: does anyone wait behind an import? A release server on SQLite with demo data; a user signs in and
# opens an indicator page every INTERVAL seconds (bench/busy-probe.py), first with nothing else running (the
# baseline), then while a scale-0.1 province (`lumbung generate --scale 0.1`, families then people) is imported.
# Prints count, errors and p50/p95/p99/max in ms of each kind of request in each phase. Goal: p99 ≤ 300 ms.
#
#   bench/busy.sh                      import uploaded to the server (POST /api/v1/imports, one file after another)
#   VIA=cli bench/busy.sh              import by `lumbung import` in another process (the write lock shared across processes)
#   SCALE=0.05 DEMO_SCALE=0.01 BASELINE_SECONDS=30 INTERVAL=0.25 bench/busy.sh
#   LUMBUNG_BIN=.build/debug/lumbung SCALE=0.01 bench/busy.sh   try the script with a binary already built
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$(pwd)/bench/out/busy"
SCALE="${SCALE:-0.1}"
DEMO_SCALE="${DEMO_SCALE:-0.01}"
VIA="${VIA:-api}"
BASELINE_SECONDS="${BASELINE_SECONDS:-30}"
INTERVAL="${INTERVAL:-0.25}"
mkdir -p "$OUT"

if [ -n "${LUMBUNG_BIN:-}" ]; then
  BIN="$LUMBUNG_BIN"   # an already built binary (e.g. to try the script with a debug build; figures need release)
else
  echo "== building release binary"
  swift build -c release --product lumbung 2>&1 | tail -1
  BIN="$(pwd)/.build/release/lumbung"
fi

echo "== generate: scale $SCALE (the import)"
rm -rf "$OUT/population"
"$BIN" generate --out "$OUT/population" --scale "$SCALE" --format csv > "$OUT/generate.log" 2>&1
FILES=("$OUT"/population/dtsen-keluarga-*.csv "$OUT"/population/dtsen-individu-*.csv)
echo "   ${#FILES[@]} files, $(du -sh "$OUT/population" | cut -f1)"

echo "== demo server: scale $DEMO_SCALE, SQLite"
DATABASE="$OUT/busy.sqlite"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" demo --fresh --scale "$DEMO_SCALE" --database "$DATABASE" --port "$PORT" --log-level warning > "$OUT/demo.log" 2>&1 &
SERVER=$!
IMPORTER=""
trap 'kill $SERVER 2>/dev/null || true; [ -n "$IMPORTER" ] && kill $IMPORTER 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 1800); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/healthz" >/dev/null || { echo "the demo server did not start: see $OUT/demo.log"; exit 1; }
PASSWORD=$(awk '{ for (i = 1; i < NF; i++) if ($i == "demo-pembaca") print $(i + 1) }' "$OUT/demo.log")
ADMIN_TOKEN=$("$BIN" user token demo-admin --name bench-busy --days 1 --database "$DATABASE" | tail -1)
PAGE="/wilayah/52.03/indikator"
echo "   $(sqlite3 "$DATABASE" 'SELECT COUNT(*) FROM person') people stored; load: $(cut -d' ' -f1-3 /proc/loadavg)"

printf "\n%-26s%-16s%6s%7s%9s%9s%9s%9s\n" "phase" "request" "n" "errors" "p50 ms" "p95 ms" "p99 ms" "max ms"
python3 bench/busy-probe.py "$BASE" demo-pembaca "$PASSWORD" "$PAGE" "no import (baseline)" --seconds "$BASELINE_SECONDS" --interval "$INTERVAL"

STOP="$OUT/import.done"
rm -f "$STOP"
import_via_api() {
  for file in "${FILES[@]}"; do
    id=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -F "file=@$file" -F "as_of=2025-06-30" "$BASE/api/v1/imports" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    while :; do
      state=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/api/v1/imports/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
      [ "$state" != running ] && break
      sleep 0.5
    done
    echo "$(basename "$file"): $state" >> "$OUT/import.log"
  done
}
: > "$OUT/import.log"
START=$(date +%s.%N)
if [ "$VIA" = cli ]; then
  ( "$BIN" import "${FILES[@]}" --database "$DATABASE" --as-of 2025-06-30 --rejects "$OUT" >> "$OUT/import.log" 2>&1; touch "$STOP" ) &
else
  ( import_via_api; touch "$STOP" ) &
fi
IMPORTER=$!
python3 bench/busy-probe.py "$BASE" demo-pembaca "$PASSWORD" "$PAGE" "during import ($VIA)" --stop "$STOP" --interval "$INTERVAL"
wait "$IMPORTER" || true
IMPORTER=""
END=$(date +%s.%N)
echo
echo "import of ${#FILES[@]} files: $(python3 -c "print(f'{$END - $START:.1f}')") s; $(sqlite3 "$DATABASE" 'SELECT COUNT(*) FROM person') people stored;" \
  "load: $(cut -d' ' -f1-3 /proc/loadavg); import log: $OUT/import.log"
grep -c ": done" "$OUT/import.log" >/dev/null 2>&1 && echo "   $(grep -c ': done' "$OUT/import.log") of ${#FILES[@]} uploads done" || true
