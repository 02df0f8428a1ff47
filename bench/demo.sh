#!/usr/bin/env bash
# How long `lumbung demo` takes to start, and whether its desa look real.
#
#   bench/demo.sh                                           the demo's defaults (Lombok Timur at 30 %, the rest at 2 %)
#   ARGS="--scale 0.3 --region-scale 52.03=0.3" bench/demo.sh    any other demo options
#   SCRATCH=.build bench/demo.sh                            another build folder (default .build-release, apart from debug builds)
#
# 1. Builds the release binary.
# 2. First start: `lumbung demo` into a new database (bench/out/demo.sqlite) — generation, import, users — timed from
#    launch to the line "Lumbung berjalan di http://…" (the server listens), with the process's peak memory.
# 3. Second start on the same database, timed the same way.
# 4. Checks in the database that Lombok Timur's median desa/kelurahan holds at least 300 families; exits 1 if not.
# The load average is printed beside the times: on a shared machine it says how much else was running.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${SCRATCH:-.build-release}"
ARGS="${ARGS:-}"
OUT="$(pwd)/bench/out"
mkdir -p "$OUT"

echo "== building release binary ($SCRATCH)"
swift build -c release --product lumbung --scratch-path "$SCRATCH" 2>&1 | tail -1
BIN="$SCRATCH/release/lumbung"

DB="$OUT/demo.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.dibuat" "$DB.dibuat-wal" "$DB.dibuat-shm"

# start NAME: starts the demo, waits until it listens; sets SECONDS_TO_LISTEN, PEAK_MB, LOAD and stops the demo.
start() {
  local log="$OUT/demo-$1.log"
  local t0
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$BIN" demo --database "$DB" --port 0 $ARGS > "$log" 2> "$log.err" &
  local pid=$!
  until grep -q "http://" "$log" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the demo stopped:"; cat "$log.err"; exit 1; }
    sleep 0.1
  done
  SECONDS_TO_LISTEN=$(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')")
  PEAK_MB=$(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 ))
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "== first start (generate, import, serve): lumbung demo ${ARGS:-(defaults)}"
start first
FIRST=$SECONDS_TO_LISTEN; FIRST_MB=$PEAK_MB; FIRST_LOAD=$LOAD
grep -E "^Membuat|^Data demo siap" "$OUT/demo-first.log.err" || true
echo "== second start (the database kept)"
start second
SECOND=$SECONDS_TO_LISTEN; SECOND_MB=$PEAK_MB; SECOND_LOAD=$LOAD

# Families per desa/kelurahan of Lombok Timur, desa without any counted as 0; the median by sorting.
COUNTS=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM household h WHERE h.village_code = r.code) FROM region r
                        WHERE r.code LIKE '52.03.%' AND r.depth = 4 ORDER BY 1")
read -r DESA MEDIAN LOWEST HIGHEST <<< "$(python3 -c "
import sys
v = [int(x) for x in sys.argv[1].split()]
print(len(v), v[(len(v) - 1) // 2], v[0], v[-1])" "$COUNTS")"
PEOPLE=$(sqlite3 "$DB" "SELECT count(*) FROM person")
FAMILIES=$(sqlite3 "$DB" "SELECT count(*) FROM household")
SIZE_MB=$(( $(stat -c %s "$DB") / 1024 / 1024 ))

echo
printf '%-44s %9s %9s   %s\n' "step" "to listen" "peak MB" "load average (1, 5, 15 min)"
printf '%-44s %8ss %9s   %s\n' "first start: generate, import, serve" "$FIRST" "$FIRST_MB" "$FIRST_LOAD"
printf '%-44s %8ss %9s   %s\n' "second start: the kept database" "$SECOND" "$SECOND_MB" "$SECOND_LOAD"
echo
echo "database: $FAMILIES families, $PEOPLE people, $SIZE_MB MB"
echo "Lombok Timur: $DESA desa/kelurahan, families per desa: median $MEDIAN (lowest $LOWEST, highest $HIGHEST)"
if [ "$MEDIAN" -lt 300 ]; then
  echo "FAIL: the median desa of Lombok Timur holds $MEDIAN families, under 300"
  exit 1
fi
echo "ok: the median desa of Lombok Timur holds at least 300 families"
