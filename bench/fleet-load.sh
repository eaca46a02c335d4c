#!/usr/bin/env bash
# Loopback load test of the simulated DSP fleet (docs/benchmarks.md, "dsp-simulator: live fleet").
# Starts `./bidsift serve dsp-sim`, runs `./bidsift traffic` against one DSP at each rate, then against a
# path the fleet answers 404 at once (the anchor: what the client and the HTTP path cost without the DSP's
# work), prints every report and the CPU both processes used, and stops the fleet on exit.
#
# usage: bench/fleet-load.sh [--dsp ID] [--duration S] [--warmup S] [--connections N] [--port P]
#                            [--anchor-rates "R ..."] [RATE ...]
# defaults: dsp-atlas, 30 s measured after 15 s of warm-up, 1024 connections, port 18090, rates 10000,
#           anchor at the same rates.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dsp=dsp-atlas duration=30 warmup=15 connections=1024 port=18090 anchor_rates="" rates=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dsp) dsp="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --anchor-rates) anchor_rates="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fleet-load: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) rates+=("$1"); shift ;;
  esac
done
[[ ${#rates[@]} -gt 0 ]] || rates=(10000)
[[ -n "$anchor_rates" ]] || anchor_rates="${rates[*]}"

base="http://127.0.0.1:$port"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
log="$(mktemp -t fleet-load.XXXXXX)"
fleet=""
stop_fleet() {
  if [[ -n "$fleet" ]] && kill -0 "$fleet" 2>/dev/null; then
    kill "$fleet" && wait "$fleet" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_fleet EXIT

"$ROOT/bidsift" traffic --help >/dev/null   # builds dsp-simulator on a fresh clone
start_service fleet "$log" "$base/health" "$ROOT/bidsift" serve dsp-sim --port "$port"
fleet=$PID_OF_LAST_SERVICE
bench_machine

for rate in "${rates[@]}"; do
  measured_traffic "fleet $dsp" "$rate" "$duration" "$warmup" "$connections" "$base/dsp/$dsp/openrtb2/auction" "fleet=$fleet"
done
for rate in $anchor_rates; do
  measured_traffic "anchor (404 at once)" "$rate" "$duration" "$warmup" "$connections" "$base/nothing" "fleet=$fleet"
done
