#!/bin/sh
# The deployment-test rehearsal as CI runs it; .github-workflow.yml and .gitlab-ci.yml call this file,
# and test/integration/ci-recipe.test.ts runs it, so the recipe is tested, not just written down.
#
# 1. the readiness scenarios against a simulator `kantasim run` starts for itself (no --sim);
# 2. `kantasim serve` in the background, the reference vendor system against it, and every shipped
#    scenario with JUnit and HTML reports; 3. serve stopped with SIGTERM, which it must obey.
# Environment: KANTASIM (the command, default `npx kantasim`), SIM_PORT, SUT_PORT, OUT (reports folder).
set -eu
KANTASIM=${KANTASIM:-npx kantasim}
SIM_PORT=${SIM_PORT:-8080}
SUT_PORT=${SUT_PORT:-8090}
OUT=${OUT:-reports}
mkdir -p "$OUT"

$KANTASIM run scenarios/readiness --junit "$OUT/readiness.xml"

$KANTASIM serve --port "$SIM_PORT" --db :memory: --log-level warn &
SIM_PID=$!
node --import tsx examples/vendor-ehr/main.ts --port "$SUT_PORT" --sim "http://127.0.0.1:$SIM_PORT" &
SUT_PID=$!
i=0
until curl -fsS "http://127.0.0.1:$SIM_PORT/healthz" >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -lt 100 ] || { echo "the simulator did not become healthy" >&2; exit 2; }; sleep 0.2
done
status=0
$KANTASIM run scenarios --sim "http://127.0.0.1:$SIM_PORT" --sut "http://127.0.0.1:$SUT_PORT" \
  --junit "$OUT/junit.xml" --report "$OUT/report.html" || status=$?
kill -TERM "$SUT_PID" 2>/dev/null || true
kill -TERM "$SIM_PID"
wait "$SIM_PID" || { echo "kantasim serve did not exit cleanly on SIGTERM" >&2; exit 2; }
exit "$status"
