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
source bench/lib/coverage-common.sh
DATABASE="${DB:-$OUT/coverage.sqlite}"
measure coverage-migrate "$BIN" migrate --database "$DATABASE"
echo "== migrate: $WALL s"
echo "== report coverage --within 52 --level kabupaten (a fresh process each time)"
for run in 1 2 3 4; do
  measure coverage-report "$BIN" report coverage --within 52 --level kabupaten --format json --database "$DATABASE"
  echo "   run $run: $WALL s, peak $RSS MB"
done
start_server "$DATABASE"
time_coverage_api "first request after start"
for path in "/koordinasi?within=52" "/koordinasi?within=52.03"; do time_page "$path"; done
