#!/usr/bin/env bash
# The chaos and fuzz suite, long version (docs/reliability.md, "Fuzzing"). Runs both services' suite
# tests, MutatedRequestsTest (N deterministic mutations of valid requests per endpoint: truncation, byte
# flips, type swaps, huge numbers, deep nesting, duplicate keys, huge arrays, invalid UTF-8, long strings,
# 10 MB and empty bodies, non-JSON content types) and AbusiveConnectionsTest (raw-socket slow senders,
# hang-ups mid-body, broken chunked bodies, endless headers, pipelining), against the real services on
# loopback. `./mvnw verify` runs the same tests with 2,500 mutations per endpoint.
# The rest of the suite: faults (filter SIGSTOP/SIGKILL, every fleet fault mode, SIGTERM under load)
# run in `./mvnw verify` (FaultsUnderTrafficTest, GracefulShutdownTest); overload at 2x and the soak
# are bench/auction-load.sh runs (--tmax-grace-ms 100 --connections 2048 --recovery S; --gc-log DIR).
#
# usage: bench/chaos.sh [--mutations N] [--seed S] [--only auction|filter]
# defaults: 20000 mutations per endpoint, the tests' own seed (20261207), both services. Maven options
# go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for offline). Prints progress, then per endpoint a table of
# requests by mutation kind and status, the failures, and the tests' results; the full Maven output is
# kept in a temporary file whose name is printed. Exits non-zero when a test failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
auction_tests="io.bidsift.auction.MutatedRequestsTest,io.bidsift.auction.AbusiveConnectionsTest"
filter_tests="io.bidsift.filter.http.MutatedRequestsTest,io.bidsift.filter.http.AbusiveConnectionsTest"
mutations=20000 seed="" modules="bid-filter,auction-server" tests="$auction_tests,$filter_tests"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mutations) mutations="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --only)
      case "$2" in
        # auction-server also builds bid-filter (a test dependency): the test list keeps its tests out.
        auction) modules="auction-server" tests="$auction_tests" ;;
        filter) modules="bid-filter" tests="$filter_tests" ;;
        *) echo "chaos: --only takes auction or filter" >&2; exit 2 ;;
      esac
      shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    *) echo "chaos: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
log="$(mktemp -t chaos.XXXXXX.log)"
bench_machine
echo "run:     $mutations mutations per endpoint, seed ${seed:-default}, modules $modules"
echo "log:     $log"
# No stale tables or results from an earlier run in the summary.
rm -f "$ROOT"/{auction-server,bid-filter}/target/chaos/*.txt \
  "$ROOT"/{auction-server,bid-filter}/target/surefire-reports/TEST-*{MutatedRequestsTest,AbusiveConnectionsTest}.xml

start="$(date +%s)"
# Progress as it happens: the tests print "[chaos] ..." lines; everything else goes to the log only.
set +e
"$ROOT/mvnw" -B -pl "$modules" -am verify -Dtest="$tests" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.mutations="$mutations" ${seed:+-Dchaos.seed="$seed"} \
  -f "$ROOT/pom.xml" 2>&1 | tee "$log" | grep -a --line-buffered '^\[chaos\]'
status="${PIPESTATUS[0]}"
set -e
echo
echo "== done in $(( $(date +%s) - start )) s"

for module in ${modules//,/ }; do
  for table in "$ROOT/$module"/target/chaos/*.txt; do
    [[ -f "$table" ]] || continue
    echo
    cat "$table"
  done
  echo
  for report in "$ROOT/$module"/target/surefire-reports/TEST-*{MutatedRequestsTest,AbusiveConnectionsTest}.xml; do
    [[ -f "$report" ]] || continue
    sed -n 's/.*<testsuite[^>]* name="\([^"]*\)"[^>]* time="\([^"]*\)" tests="\([^"]*\)" errors="\([^"]*\)" skipped="\([^"]*\)" failures="\([^"]*\)".*/\1: \3 tests, \6 failed, \4 errors, \5 skipped (disabled), \2 s/p' "$report"
  done
done
if [[ $status -ne 0 ]]; then
  echo
  echo "FAILED (maven exit $status); failures, or the end of the log when no test failed:"
  if grep -aq '<<< FAILURE\|<<< ERROR' "$log"; then
    grep -a -A12 '<<< FAILURE\|<<< ERROR' "$log" | grep -av '^\s*at ' | head -60
  else
    tail -n 20 "$log"
  fi
fi
exit "$status"
