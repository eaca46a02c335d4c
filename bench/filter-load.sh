#!/usr/bin/env bash
# Loopback load test of the bid-filter service (docs/benchmarks.md, "bid-filter: HTTP on loopback").
# Starts `./bidsift serve bid-filter --model BUNDLE`, runs `./bidsift traffic --wrap filter` against
# POST /v1/filter at each rate (each call asks about 20 DSPs), then against a path the service answers
# 404 at once (the anchor: what the client and the HTTP stack cost without the filter's work), prints
# every report and the CPU both processes used, and stops the service on exit.
#
# usage: bench/filter-load.sh --model BUNDLE [--market FILE] [--dsps N] [--duration S] [--warmup S]
#                             [--connections N] [--port P] [RATE ...]
# defaults: market bench/market-20-dsps.yaml, 20 DSPs, 30 s measured after 15 s of warm-up,
#           64 connections, port 18181, rates 5000 2500.
# A 20-DSP bundle: ./bidsift generate --market bench/market-20-dsps.yaml --out /tmp/b20/logs --days 3 \
#   --auctions-per-day 10000 --seed 5, then ./bidsift train --logs /tmp/b20/logs --out /tmp/b20/out.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="" market="$ROOT/bench/market-20-dsps.yaml" dsps=20 duration=30 warmup=15 connections=64 port=18181 rates=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --market) market="$2"; shift 2 ;;
    --dsps) dsps="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "filter-load: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) rates+=("$1"); shift ;;
  esac
done
[[ -n "$model" ]] || { echo "filter-load: --model BUNDLE is required (see --help)" >&2; exit 2; }
[[ ${#rates[@]} -gt 0 ]] || rates=(5000 2500)

base="http://127.0.0.1:$port"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
log="$(mktemp -t filter-load.XXXXXX)"
server=""
stop_server() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill "$server" && wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT

"$ROOT/bidsift" traffic --help >/dev/null   # builds dsp-simulator on a fresh clone
start_service "bid filter" "$log" "$base/actuator/health/readiness" \
  "$ROOT/bidsift" serve bid-filter --model "$model" --port "$port" --exploration-rate 0.01
server=$PID_OF_LAST_SERVICE
bench_machine
echo "model:   $(curl -fsS "$base/actuator/health" | sed -n 's/.*"model":"\([^"]*\)".*/\1/p')"

for rate in "${rates[@]}"; do
  measured_traffic "bid filter, $dsps DSPs per call" "$rate" "$duration" "$warmup" "$connections" "$base/v1/filter" \
    "filter=$server" --wrap filter --dsps "$dsps" --market "$market"
done
measured_traffic "anchor: 404 from the same server" "${rates[0]}" "$duration" "$warmup" "$connections" "$base/nothing" \
  "filter=$server" --wrap filter --dsps "$dsps" --market "$market"
curl -fsS "$base/actuator/prometheus" | grep -E '^bidsift_filter_decide_seconds\{.*quantile' || true
