#!/usr/bin/env bash
# Runs the bid-filter and auction-server test suites N times in a row (default 10) and stops at the
# first failure: the proof that no test of either service is flaky (docs/reliability.md, "The ten-run
# loop"). Each run is a full `verify` of the two modules and what they depend on; a failed run's log is
# kept and its path printed.
#
# usage: bench/test-loop.sh [RUNS]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
runs="${1:-10}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "test-loop: RUNS must be a positive number (see --help)" >&2; exit 2; }

cd "$ROOT"
logs="$(mktemp -d -t test-loop.XXXXXX)"
echo "test-loop: $runs runs on $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)'), logs in $logs"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ./mvnw -B verify -pl bid-filter,auction-server -am \
      -Dtest='io/bidsift/filter/**/*Test,io/bidsift/auction/**/*Test' -Dsurefire.failIfNoSpecifiedTests=false \
      >"$logs/run-$i.log" 2>&1; then
    summary="$(grep -E '^\[(INFO|WARNING)\] Tests run:' "$logs/run-$i.log" | grep -v ' in ' \
      | awk -F'[:,]' '{ t += $2; f += $4; e += $6; s += $8 } END { printf "%d tests, %d failed, %d errors, %d skipped", t, f, e, s }')"
    echo "run $i of $runs passed in $(( $(date +%s) - start )) s: $summary"
  else
    echo "run $i of $runs FAILED after $(( $(date +%s) - start )) s; log: $logs/run-$i.log"
    grep -E 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|FAIL' "$logs/run-$i.log" | head -20
    exit 1
  fi
done
echo "test-loop: $runs of $runs runs passed"
