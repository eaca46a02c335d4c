#!/usr/bin/env bash
# ./bidsift demo: the whole closed loop on this machine (contracts.md §2, issue "Auction server").
# serve -> log -> preprocess -> train -> register -> promote -> hot-load -> serve, with the
# simulated market standing in for publishers and DSPs. Every process it starts is stopped at
# the end, also on Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIDSIFT="$ROOT/bidsift"

RATE=100
PHASE_SECONDS=30
DAYS=4
AUCTIONS_PER_DAY=15000
FLEET_PORT=18090
FILTER_PORT=18081
AUCTION_PORT=18080

usage() {
  cat <<'USAGE'
Usage: ./bidsift demo [--rate N] [--phase-seconds S] [--days N] [--auctions-per-day N]

The closed loop on this machine, with embedded defaults and no AWS account:
  1. generate a few days of simulated auction logs (the history before any filter)
  2. train a model on them (Spark + XGBoost), with its report
  3. register it, approve it, promote it to the local model source
  4. start the simulated DSP fleet, the bid filter and the auction server
  5. publisher traffic at a fixed rate with the filter in shadow mode (every DSP called)
  6. the same traffic with the filter on
  7. retrain on the history plus the logs the auction server just wrote, promote, hot-swap live
  8. a summary table: callouts per auction, saved, bids lost, fill, bid value, latency

Options:
  --rate N              auctions per second in each traffic phase (default: 100)
  --phase-seconds S     length of each traffic phase (default: 30)
  --days N              days of simulated history (default: 4)
  --auctions-per-day N  simulated auctions per day of history (default: 15000)
  -h, --help            this help

Work files go to ${BIDSIFT_HOME:-.bidsift}/demo (logs of each process included); ports
18080 (auction server), 18081 (bid filter) and 18090 (DSP fleet) must be free.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --phase-seconds) PHASE_SECONDS="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --auctions-per-day) AUCTIONS_PER_DAY="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bidsift demo: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

DEMO="${BIDSIFT_HOME:-$ROOT/.bidsift}/demo"
export BIDSIFT_HOME="$DEMO"
START=$SECONDS
STEP=0
STEPS=9
PIDS=()

say() { printf '%s\n' "$*"; }
step() {
  STEP=$((STEP + 1))
  printf '\n[%d/%d %3ds] %s\n' "$STEP" "$STEPS" "$((SECONDS - START))" "$*"
}
fail() {
  echo "bidsift demo: $*" >&2
  exit 1
}

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap 'stop_all' EXIT
trap 'echo; echo "bidsift demo: interrupted, stopping everything it started" >&2; exit 130' INT TERM

# Starts a service in the background; its output goes to DEMO/NAME.log.
start() {
  local name="$1"
  shift
  "$@" >"$DEMO/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_${name//-/_}=$!"
}

await_http() {
  local name="$1" url="$2" want="$3" deadline=$((SECONDS + 180))
  until curl -fsS "$url" 2>/dev/null | grep -q "$want"; do
    if ((SECONDS > deadline)); then
      tail -n 20 "$DEMO/$name.log" >&2 || true
      fail "$name did not become ready at $url (log: $DEMO/$name.log)"
    fi
    sleep 1
  done
}

now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

manifest_version() {
  sed -n 's/^ *"version" *: *"\([^"]*\)".*/\1/p' "$1/manifest.json" | head -n 1
}

publish_model() {
  local bundle="$1" version
  version="$(manifest_version "$bundle")"
  [[ -n "$version" ]] || fail "no version in $bundle/manifest.json"
  "$BIDSIFT" register --bundle "$bundle" >"$DEMO/register-$version.log" 2>&1 || fail "register failed: $DEMO/register-$version.log"
  "$BIDSIFT" approve --version "$version" >>"$DEMO/register-$version.log" 2>&1 || fail "approve failed"
  "$BIDSIFT" promote --version "$version" --target "local:$DEMO/models" >>"$DEMO/register-$version.log" 2>&1 \
    || fail "promote failed: $DEMO/register-$version.log"
  echo "$version"
}

command -v curl >/dev/null || fail "curl is needed"
rm -rf "$DEMO"
mkdir -p "$DEMO"
echo '{"num_round": 120}' >"$DEMO/hyperparameters.json"

step "building the modules (only the first run compiles; takes a few minutes then)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl dsp-simulator,training-pipeline,model-sync,bid-filter,auction-server -am \
  >"$DEMO/build.log" 2>&1) || { tail -n 30 "$DEMO/build.log" >&2; fail "build failed (log: $DEMO/build.log)"; }

first_day="$(date -u -d "-$DAYS days" +%Y-%m-%d)"
step "simulated history: $DAYS days x $AUCTIONS_PER_DAY auctions from $first_day, every DSP called"
"$BIDSIFT" generate --out "$DEMO/history" --days "$DAYS" --auctions-per-day "$AUCTIONS_PER_DAY" --start-date "$first_day" \
  --seed 42 2>&1 | tail -n 3

step "training the first model (Spark preprocessing, XGBoost, evaluation, bundle)"
"$BIDSIFT" train --logs "$DEMO/history" --out "$DEMO/model-1" --hyperparameters "$DEMO/hyperparameters.json" \
  >"$DEMO/train-1.log" 2>&1 || { tail -n 20 "$DEMO/train-1.log" >&2; fail "training failed (log: $DEMO/train-1.log)"; }
grep -E 'callouts saved|baseline' "$DEMO/train-1.log" | sed 's/^/  /'
say "  report: $DEMO/model-1/report.html"

step "register, approve and promote it to the local model source"
V1="$(publish_model "$DEMO/model-1/bundle")"
say "  serving version $V1 from local:$DEMO/models"

step "starting the DSP fleet, the bid filter (shadow mode) and the auction server"
start dsp-sim "$BIDSIFT" serve dsp-sim --port "$FLEET_PORT"
start bid-filter "$BIDSIFT" serve bid-filter --model "$DEMO/models" --port "$FILTER_PORT" --shadow
# A 50 ms filter budget instead of the default 10: here four JVMs and the load generator share two
# cores, and scheduling delays alone pass 10 ms often enough to keep the filter's breaker open.
start auction-server "$BIDSIFT" serve auction-server --port "$AUCTION_PORT" --filter "http://127.0.0.1:$FILTER_PORT" \
  --filter-timeout-ms 50 --dsp-base-url "http://127.0.0.1:$FLEET_PORT" --logs "$DEMO/logs"
await_http dsp-sim "http://127.0.0.1:$FLEET_PORT/health" "."
await_http bid-filter "http://127.0.0.1:$FILTER_PORT/actuator/health/readiness" '"UP"'
await_http auction-server "http://127.0.0.1:$AUCTION_PORT/actuator/health" '"UP"'
say "  all up: auction server :$AUCTION_PORT, bid filter :$FILTER_PORT, DSP fleet :$FLEET_PORT"

traffic() {
  local name="$1"
  "$BIDSIFT" traffic --target "http://127.0.0.1:$AUCTION_PORT/openrtb2/auction" --rate "$RATE" \
    --duration "$PHASE_SECONDS" --seed "$2" --report "$DEMO/traffic-$name.json" 2>&1 | tail -n 6 | sed 's/^/  /'
}

# Fresh JVMs at full rate fall behind and time out; a ramp first, left out of the summary.
say "  warming the services up (15 s ramp to $RATE/s, not counted)"
"$BIDSIFT" traffic --target "http://127.0.0.1:$AUCTION_PORT/openrtb2/auction" --rate "$RATE" --duration 5 \
  --warmup 10 --seed 99 >"$DEMO/traffic-warmup.txt" 2>&1 || true

step "phase 1: $RATE auctions/s for ${PHASE_SECONDS}s with the filter in shadow mode (every DSP called)"
curl -fsS "http://127.0.0.1:$FILTER_PORT/v1/target-recall" >"$DEMO/thresholds.json"
A_FROM="$(now)"
traffic shadow 1
A_TO="$(now)"

step "phase 2: the same traffic with the filter on"
curl -fsS -X PUT "http://127.0.0.1:$FILTER_PORT/v1/shadow" -H 'Content-Type: application/json' -d '{"shadow": false}' >/dev/null
B_FROM="$(now)"
traffic filter-on 2
B_TO="$(now)"
curl -fsS "http://127.0.0.1:$FILTER_PORT/actuator/prometheus" >"$DEMO/filter-metrics.txt"

step "retraining on the history plus the auction server's own logs, then a live hot swap"
# A graceful stop drains the auction log, so every auction of both phases is on disk.
kill "$PID_auction_server"
wait "$PID_auction_server" 2>/dev/null || true
mkdir -p "$DEMO/retrain-logs"
cp -r "$DEMO/history" "$DEMO/retrain-logs/history"
cp -r "$DEMO/logs" "$DEMO/retrain-logs/live"
"$BIDSIFT" train --logs "$DEMO/retrain-logs" --out "$DEMO/model-2" --hyperparameters "$DEMO/hyperparameters.json" \
  >"$DEMO/train-2.log" 2>&1 || { tail -n 20 "$DEMO/train-2.log" >&2; fail "retraining failed (log: $DEMO/train-2.log)"; }
grep -E 'callouts saved' "$DEMO/train-2.log" | sed 's/^/  /'
V2="$(publish_model "$DEMO/model-2/bundle")"
await_http bid-filter "http://127.0.0.1:$FILTER_PORT/actuator/health" "$V2"
say "  the running bid filter swapped $V1 -> $V2 without a restart"

step "summary"
"$BIDSIFT" demo-summary --logs "$DEMO/logs" \
  --phase "shadow (filter off)=$A_FROM,$A_TO" --phase "filter on=$B_FROM,$B_TO" \
  --traffic "shadow (filter off)=$DEMO/traffic-shadow.json" --traffic "filter on=$DEMO/traffic-filter-on.json" \
  --thresholds "$DEMO/thresholds.json" --filter-metrics "$DEMO/filter-metrics.txt" \
  --model "first=$V1" --model "retrained on live logs, now serving=$V2"
say ""
say "done in $((SECONDS - START)) s; work files and every process's log in $DEMO"
