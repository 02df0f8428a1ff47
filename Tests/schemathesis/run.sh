#!/usr/bin/env bash
# Runs schemathesis (PyPI) against a small demo server: every operation of /api/v1/openapi.json with an admin API token,
# a bounded number of examples each. Fails on any server error (5xx) or any answer that breaks the document
# (schema, status code, content type). Usage:
#   Tests/schemathesis/run.sh                   # after `swift build`; under a minute on 2 cores
#   SCHEMATHESIS_EXAMPLES=100 Tests/schemathesis/run.sh
# Environment: LUMBUNG_BIN (default .build/debug/lumbung), SCHEMATHESIS_EXAMPLES (default 50 per operation),
# SCHEMATHESIS_SEED (default fixed, so a run can be repeated), SCHEMATHESIS_REPORT (a folder for the JUnit report).
# The examples phase is left out: schemathesis 4.32 fails inside its own generator there (a Hypothesis FlakyFailure while
# drawing the multipart file of POST /api/v1/programmes/{programme}/enrolments), not on an answer of Lumbung.
# `swift test` runs it (SchemathesisTests) wherever `st` is installed: `pip install schemathesis`.
set -euo pipefail
cd "$(dirname "$0")/../.."

lumbung=${LUMBUNG_BIN:-.build/debug/lumbung}
examples=${SCHEMATHESIS_EXAMPLES:-50}
seed=${SCHEMATHESIS_SEED:-20261207}
command -v st >/dev/null 2>&1 || { echo "schemathesis is not installed: pip install schemathesis" >&2; exit 2; }
[ -x "$lumbung" ] || { echo "$lumbung is missing: run swift build first" >&2; exit 2; }

work=$(mktemp -d /tmp/lumbung-schemathesis.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A small synthetic province (≈ 7,000 people) on SQLite, served on a free port.
"$lumbung" demo --scale 0.001 --region-scale 52.03=0.001 --database "$work/demo.sqlite" --port 0 >"$work/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" 2>/dev/null | head -1 | sed 's/.*://' || true)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "the demo server stopped" >&2; exit 1; }
  sleep 0.5
done
[ -n "$port" ] || { echo "the demo server did not start within 5 minutes" >&2; exit 1; }

# An admin API token (the demo makes demo-admin, scope 52), as `lumbung user token` gives partner systems.
token=$("$lumbung" user token demo-admin --name schemathesis --days 1 --database "$work/demo.sqlite" | grep -o 'lmb_[A-Za-z0-9_-]*' | head -1)
[ -n "$token" ] || { echo "no API token was issued" >&2; exit 1; }

report=()
if [ -n "${SCHEMATHESIS_REPORT:-}" ]; then report=(--report junit --report-dir "$SCHEMATHESIS_REPORT"); fi
echo "schemathesis: $examples examples per operation against http://127.0.0.1:$port/api/v1/openapi.json (seed $seed)"
cd "$work"
st run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --phases coverage,fuzzing,stateful \
  --max-examples "$examples" --seed "$seed" --workers 2 --request-timeout 30 \
  --generation-database none --no-color --output-truncate true "${report[@]}" || {
  status=$?
  echo "--- the demo server's log (last 40 lines):"
  tail -40 "$work/server.log"
  exit $status
}
