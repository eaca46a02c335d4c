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
"$ROOT/bidsift" serve dsp-sim --port "$port" >"$log" 2>&1 &
fleet=$!
for _ in $(seq 1 600); do
  grep -q "listening on" "$log" && break
  kill -0 "$fleet" 2>/dev/null || { cat "$log" >&2; echo "fleet-load: the fleet did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$log" || { echo "fleet-load: the fleet did not start within 60 s" >&2; exit 1; }

echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"

fleet_cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$fleet/stat" 2>/dev/null || echo 0
}

# One run: prints the report, then the CPU each side used over the whole run (warm-up included).
run() {
  local label="$1" target="$2" rate="$3"
  echo
  echo "== $label at $rate/s: ${duration} s after ${warmup} s warm-up, $connections connections; load average$(uptime | sed 's/.*load average//')"
  local ticks_before ticks_after hz start end
  hz="$(getconf CLK_TCK)"
  ticks_before="$(fleet_cpu_ticks)"
  start="$(date +%s.%N)"
  local TIMEFORMAT="client cpu: user %U s, sys %S s"
  time "$ROOT/bidsift" traffic --target "$target" --rate "$rate" --duration "$duration" --warmup "$warmup" \
    --connections "$connections" 2> >(grep -v '^\[' >&2)
  end="$(date +%s.%N)"
  ticks_after="$(fleet_cpu_ticks)"
  awk -v t="$((ticks_after - ticks_before))" -v hz="$hz" -v s="$start" -v e="$end" \
    'BEGIN { printf "fleet cpu: %.1f s over %.1f s wall (%.0f%% of a core)\n", t / hz, e - s, 100 * t / hz / (e - s) }'
}

for rate in "${rates[@]}"; do
  run "fleet $dsp" "$base/dsp/$dsp/openrtb2/auction" "$rate"
done
for rate in $anchor_rates; do
  run "anchor (404 at once)" "$base/nothing" "$rate"
done
