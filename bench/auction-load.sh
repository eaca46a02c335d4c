#!/usr/bin/env bash
# Loopback load test of the auction server (docs/benchmarks.md, "auction-server: auctions per second").
# Starts `./bidsift serve dsp-sim` and `./bidsift serve auction-server --no-filter` against it, runs
# `./bidsift traffic` at each rate, prints every report, the CPU of the server and the fleet, and the
# server's own counts (auctions, callouts), so CPU per auction and per callout can be read off.
#
# usage: bench/auction-load.sh [--duration S] [--warmup S] [--connections N] [RATE ...]
# defaults: 20 s measured after 10 s of warm-up, 256 connections, rate 600; ports 18090 and 18080.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=20 warmup=10 connections=256 rates=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "auction-load: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) rates+=("$1"); shift ;;
  esac
done
[[ ${#rates[@]} -gt 0 ]] || rates=(600)

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
fleet_log="$(mktemp -t auction-load-fleet.XXXXXX)"
server_log="$(mktemp -t auction-load-server.XXXXXX)"
logs="$(mktemp -d -t auction-load-logs.XXXXXX)"
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$fleet_log" "$server_log" "$logs"
}
trap stop_all EXIT

"$ROOT/bidsift" traffic --help >/dev/null   # builds dsp-simulator on a fresh clone
start_service fleet "$fleet_log" "http://127.0.0.1:18090/health" "$ROOT/bidsift" serve dsp-sim --port 18090
fleet=$PID_OF_LAST_SERVICE
pids+=("$fleet")
start_service "auction server" "$server_log" "http://127.0.0.1:18080/actuator/health" \
  "$ROOT/bidsift" serve auction-server --port 18080 --no-filter --dsp-base-url http://127.0.0.1:18090 --logs "$logs"
server=$PID_OF_LAST_SERVICE
pids+=("$server")
bench_machine

for rate in "${rates[@]}"; do
  measured_traffic "auction server, 13 DSPs, no filter" "$rate" "$duration" "$warmup" "$connections" \
    "http://127.0.0.1:18080/openrtb2/auction" "server=$server fleet=$fleet"
done
echo
echo "server counts since start (all runs, warm-ups included):"
curl -fsS http://127.0.0.1:18080/actuator/prometheus \
  | awk '/^bidsift_auctions_total/ {a += $2} /^bidsift_dsp_sent_total/ {c += $2}
         END {printf "  auctions %d, callouts sent %d\n", a, c}'
