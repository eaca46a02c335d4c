#!/usr/bin/env bash
# Loopback load test of the auction server (docs/benchmarks.md, "auction-server: auctions per second").
# Starts the simulated fleet (`./bidsift serve dsp-sim --market FILE`), the bid filter on BUNDLE (or
# none: --no-filter), and `./bidsift serve auction-server --dsps FILE` in front of them, then for each
# rate: a warm-up run, and the measured run of `./bidsift traffic`. Prints each report, the CPU of every
# process, and from the server's own metrics over the measured run: auctions, callouts per auction,
# filter answers, and the server's overhead (auction latency minus the slowest DSP wait) at p50/p99.
#
# usage: bench/auction-load.sh (--model BUNDLE | --no-filter) [--market FILE] [--dsps FILE]
#                              [--filter-timeout-ms MS] [--duration S] [--warmup S] [--connections N]
#                              [--timeout-ms MS | --tmax-grace-ms MS] [--recovery S] [--gc-log DIR] [RATE ...]
# defaults: market bench/market-10-dsps.yaml with bench/dsps-10.yaml (10 DSPs, ~30 ms each), the
# server's filter budget (10 ms), 30 s measured after a 90 s warm-up run (stepped: a fresh server's
# JIT needs about a minute of traffic), 256 connections, rate 1000; ports 18090 (fleet), 18081
# (filter), 18080 (server). A bundle for that market:
#   ./bidsift generate --market bench/market-10-dsps.yaml --out /tmp/b10/logs --days 3 \
#     --auctions-per-day 15000 --seed 7 && ./bidsift train --logs /tmp/b10/logs --out /tmp/b10/out
# then --model /tmp/b10/out/bundle.
# Overload (docs/reliability.md): --timeout-ms is when the client gives up on a request, the same for all;
# --tmax-grace-ms 100 gives each request up at its own tmax + 100 ms, as a publisher does (the market's
# tmax ranges from 300 to 1,000 ms), so "answered" counts only timely answers; --recovery S follows each rate
# with S seconds at a quarter of it, with no warm-up, whose per-second progress shows how soon latency
# is back to normal. The server's shed count is printed for every run.
# Soak: --gc-log DIR logs every JVM's GC to DIR, forces a full GC in each service once a minute of
# the measured run (jcmd GC.run), and prints each one's heap after each minute's last GC and its live
# heap after each forced full GC, to show it flat: --warmup 60 --duration 600 --connections 2048
# --tmax-grace-ms 100 --gc-log /tmp/soak 600.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="" no_filter=false market="$ROOT/bench/market-10-dsps.yaml" dsps="$ROOT/bench/dsps-10.yaml"
filter_timeout="" duration=30 warmup=90 connections=256 timeout_ms=2000 recovery=0 gc_log="" rates=()
give_up=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --no-filter) no_filter=true; shift ;;
    --market) market="$2"; shift 2 ;;
    --dsps) dsps="$2"; shift 2 ;;
    --filter-timeout-ms) filter_timeout="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --timeout-ms) timeout_ms="$2"; shift 2 ;;
    --tmax-grace-ms) give_up=(--tmax-grace-ms "$2"); shift 2 ;;
    --recovery) recovery="$2"; shift 2 ;;
    --gc-log) gc_log="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "auction-load: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) rates+=("$1"); shift ;;
  esac
done
[[ -n "$model" || "$no_filter" == true ]] || { echo "auction-load: give --model BUNDLE or --no-filter (see --help)" >&2; exit 2; }
[[ ${#rates[@]} -gt 0 ]] || rates=(1000)

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
work="$(mktemp -d -t auction-load.XXXXXX)"
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop_all EXIT

metrics() { curl -fsS http://127.0.0.1:18080/actuator/prometheus; }

if [[ -n "$gc_log" ]]; then
  mkdir -p "$gc_log"
  export JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$gc_log/gc-%p.log"
fi
# Heap after the last GC of each minute, from a JVM's GC log (G1: "Pause ... 120M->40M(256M)").
# The live heap: after each full GC (the forced ones), by minute. A young GC's "after" also holds old
# objects that died since the last full collection, so on a large heap it creeps up without a leak.
live_heap_by_minute() {
  awk '/Pause Full/ && match($0, /[0-9]+M->[0-9]+M/) {
         split(substr($0, RSTART, RLENGTH), m, "->"); line = line " " m[2]
       }
       END { print line }' "$1"
}
# A full GC in every service once a minute, until killed.
full_gc_every_minute() {
  local s
  while sleep 60; do
    for s in $servers; do jcmd "${s#*=}" GC.run >/dev/null 2>&1 || true; done
  done
}
heap_by_minute() {
  awk '/Pause/ && match($0, /[0-9]+M->[0-9]+M/) {
         split(substr($0, RSTART, RLENGTH), m, "->"); t = substr($1, 2) + 0; last[int(t / 60)] = m[2]
       }
       END { line = ""; for (i = 0; i in last; i++) line = line " " last[i]; print line }' "$1"
}

"$ROOT/bidsift" traffic --help >/dev/null   # builds dsp-simulator on a fresh clone
start_service fleet "$work/fleet.log" "http://127.0.0.1:18090/health" \
  "$ROOT/bidsift" serve dsp-sim --port 18090 --market "$market"
servers="fleet=$PID_OF_LAST_SERVICE"
pids+=("$PID_OF_LAST_SERVICE")
filter_args=(--no-filter)
if [[ -n "$model" ]]; then
  start_service "bid filter" "$work/filter.log" "http://127.0.0.1:18081/actuator/health/readiness" \
    "$ROOT/bidsift" serve bid-filter --port 18081 --model "$model"
  servers="$servers filter=$PID_OF_LAST_SERVICE"
  pids+=("$PID_OF_LAST_SERVICE")
  filter_args=(--filter http://127.0.0.1:18081)
  [[ -z "$filter_timeout" ]] || filter_args+=(--filter-timeout-ms "$filter_timeout")
fi
start_service "auction server" "$work/server.log" "http://127.0.0.1:18080/actuator/health" \
  "$ROOT/bidsift" serve auction-server --port 18080 --dsps "$dsps" --dsp-base-url http://127.0.0.1:18090 \
  "${filter_args[@]}" --logs "$work/logs"
servers="server=$PID_OF_LAST_SERVICE $servers"
pids+=("$PID_OF_LAST_SERVICE")
bench_machine
echo "market:  $market ($(grep -c '^  - id:' "$dsps") DSPs configured), filter: ${model:-none} ${filter_timeout:+(budget $filter_timeout ms)}"

target=http://127.0.0.1:18080/openrtb2/auction
for rate in "${rates[@]}"; do
  echo
  echo "-- warm-up run: ${warmup} s stepped up to $rate/s, then 15 s at it (not measured)"
  "$ROOT/bidsift" traffic --target "$target" --rate "$rate" --duration 15 --warmup "$warmup" \
    --connections "$connections" --timeout-ms "$timeout_ms" "${give_up[@]}" --market "$market" 2>/dev/null \
    | sed -n '/answered\|latency/s/^/   /p'
  metrics >"$work/before.prom"
  forcing_gc=""
  if [[ -n "$gc_log" ]]; then
    full_gc_every_minute &
    forcing_gc=$!
  fi
  measured_traffic "auction server, filter ${model:+on}${model:-off}" "$rate" "$duration" 0 "$connections" "$target" \
    "$servers" --timeout-ms "$timeout_ms" "${give_up[@]}" --market "$market"
  [[ -z "$forcing_gc" ]] || kill "$forcing_gc" 2>/dev/null || true
  metrics >"$work/after.prom"
  awk -f - "$work/before.prom" "$work/after.prom" <<'AWK'
    FNR == 1 { file++ }
    /^#/ { next }
    { key = $1; value = $2; if (file == 1) before[key] = value; else after[key] = value }
    END {
      for (k in after) {
        d = after[k] - before[k]
        if (k ~ /^bidsift_auctions_total/) auctions += d
        if (k ~ /^bidsift_dsp_sent_total/) sent += d
        if (k ~ /^bidsift_candidates_total/) candidates += d
        if (k ~ /^bidsift_filter_calls_total/) { split(k, p, "result=\""); split(p[2], rr, "\""); filter[rr[1]] += d }
        if (k ~ /^bidsift_auction_overhead_seconds_bucket/) { split(k, p, "le=\""); split(p[2], qq, "\""); le[qq[1]] = d }
        if (k ~ /^bidsift_auction_overhead_seconds_count/) count = d
        if (k ~ /^bidsift_requests_shed_total/) shed += d
      }
      printf "server, measured run: %d requests shed (answered 204 at once)\n", shed
      printf "server, measured run: %d auctions, %.2f callouts per auction (of %.2f candidates)\n", auctions, auctions ? sent / auctions : 0, auctions ? candidates / auctions : 0
      line = "filter answers:"
      for (r in filter) line = line sprintf(" %s %d", r, filter[r])
      print line
      n = 0
      for (b in le) {
        if (b == "+Inf") continue
        v = b + 0; i = ++n
        while (i > 1 && bv[i - 1] > v) { bv[i] = bv[i - 1]; bc[i] = bc[i - 1]; i-- }
        bv[i] = v; bc[i] = le[b]
      }
      split("0.5 0.99 0.999", qs, " ")
      for (q = 1; q <= 3; q++) {
        for (j = 1; j <= n; j++) {
          if (bc[j] >= qs[q] * count) { printf "server overhead p%s <= %.2f ms (histogram bucket bound)\n", qs[q] * 100, bv[j] * 1000; break }
        }
      }
    }
AWK
  if [[ -n "$gc_log" ]]; then
    for s in $servers; do
      [[ -f "$gc_log/gc-${s#*=}.log" ]] && echo "${s%%=*} heap after GC, by minute since start:$(heap_by_minute "$gc_log/gc-${s#*=}.log")"
      [[ -f "$gc_log/gc-${s#*=}.log" ]] && echo "${s%%=*} live heap after each forced full GC, a minute apart:$(live_heap_by_minute "$gc_log/gc-${s#*=}.log")"
    done
  fi
  if [[ "$recovery" -gt 0 ]]; then
    echo
    echo "-- recovery: $recovery s at $((rate / 4))/s right after, per second (intended-send latency)"
    "$ROOT/bidsift" traffic --target "$target" --rate "$((rate / 4))" --duration "$recovery" \
      --connections "$connections" --timeout-ms "$timeout_ms" "${give_up[@]}" --market "$market" 2>&1 >/dev/null \
      | grep '^\[' | sed 's/^/   /'
  fi
done
