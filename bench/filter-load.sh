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
"$ROOT/bidsift" serve bid-filter --model "$model" --port "$port" --exploration-rate 0.01 >"$log" 2>&1 &
server=$!
for _ in $(seq 1 1200); do
  curl -fsS "$base/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "filter-load: the filter did not start" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$base/actuator/health/readiness" | grep -q '"UP"' || { echo "filter-load: no model after 120 s" >&2; exit 1; }

echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "model:   $(curl -fsS "$base/actuator/health" | sed -n 's/.*"model":"\([^"]*\)".*/\1/p')"

server_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$server/stat" 2>/dev/null || echo 0
}

run() {
  local label="$1" target="$2" rate="$3"
  echo
  echo "== $label at $rate/s: ${duration} s after ${warmup} s warm-up, $connections connections; load average$(uptime | sed 's/.*load average//')"
  local ticks_before ticks_after hz start end
  hz="$(getconf CLK_TCK)"
  ticks_before="$(server_cpu_ticks)"
  start="$(date +%s.%N)"
  local TIMEFORMAT="client cpu: user %U s, sys %S s"
  time "$ROOT/bidsift" traffic --target "$target" --rate "$rate" --duration "$duration" --warmup "$warmup" \
    --connections "$connections" --wrap filter --dsps "$dsps" --market "$market" 2> >(grep -v '^\[' >&2)
  end="$(date +%s.%N)"
  ticks_after="$(server_cpu_ticks)"
  awk -v t="$((ticks_after - ticks_before))" -v hz="$hz" -v s="$start" -v e="$end" \
    'BEGIN { printf "filter cpu: %.1f s over %.1f s wall (%.0f%% of a core)\n", t / hz, e - s, 100 * t / hz / (e - s) }'
}

for rate in "${rates[@]}"; do
  run "bid filter, $dsps DSPs per call" "$base/v1/filter" "$rate"
done
run "anchor: 404 from the same server" "$base/nothing" "${rates[0]}"
curl -fsS "$base/actuator/prometheus" | grep -E '^bidsift_filter_decide_seconds\{.*quantile' || true
