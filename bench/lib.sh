# Shared by the loopback load scripts in bench/: source it, do not run it.

# The machine and the date, as docs/benchmarks.md records them.
bench_machine() {
  echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# CPU ticks (user + system) a process has used so far.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# One measured run of ./bidsift traffic: prints the load average, the report, the client's CPU, and
# the CPU each named server process used over the whole run (warm-up included).
# usage: measured_traffic LABEL RATE DURATION WARMUP CONNECTIONS TARGET "NAME=PID ..." [TRAFFIC ARGS...]
measured_traffic() {
  local label="$1" rate="$2" duration="$3" warmup="$4" connections="$5" target="$6" servers="$7"
  shift 7
  echo
  echo "== $label at $rate/s: ${duration} s after ${warmup} s warm-up, $connections connections; load average$(uptime | sed 's/.*load average//')"
  local hz start end s
  hz="$(getconf CLK_TCK)"
  declare -A before
  for s in $servers; do before[$s]="$(cpu_ticks "${s#*=}")"; done
  start="$(date +%s.%N)"
  local TIMEFORMAT="client cpu: user %U s, sys %S s"
  time "$ROOT/bidsift" traffic --target "$target" --rate "$rate" --duration "$duration" --warmup "$warmup" \
    --connections "$connections" "$@" 2> >(grep -v '^\[' >&2)
  end="$(date +%s.%N)"
  for s in $servers; do
    awk -v n="${s%%=*}" -v t="$(( $(cpu_ticks "${s#*=}") - ${before[$s]} ))" -v hz="$hz" -v s0="$start" -v e="$end" \
      'BEGIN { printf "%s cpu: %.1f s over %.1f s wall (%.0f%% of a core)\n", n, t / hz, e - s0, 100 * t / hz / (e - s0) }'
  done
}

# Starts a background service, logging to FILE, and waits until URL answers 200 (or the process dies).
# usage: start_service NAME LOGFILE URL COMMAND...   (sets PID_OF_LAST_SERVICE)
start_service() {
  local name="$1" logfile="$2" url="$3" i
  shift 3
  "$@" >"$logfile" 2>&1 &
  PID_OF_LAST_SERVICE=$!
  for i in $(seq 1 1200); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    kill -0 "$PID_OF_LAST_SERVICE" 2>/dev/null || { cat "$logfile" >&2; echo "$name did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "$name was not ready after 120 s ($url)" >&2
  exit 1
}
