# What the server benchmarks share (scripts/bench_server.sh, scripts/bench_server_open_loop.sh):
# the machine line, a server on a free port of 127.0.0.1 and its CPU time. Needs $bin.
ticks=$(getconf CLK_TCK)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

start_server() {  # $1: extra options (and $SILKROUTE_SERVE_OPTIONS, for every run); sets pid, port and base
  log=$(mktemp)
  # shellcheck disable=SC2086  # options are words
  "$bin" serve --port 0 --no-web $1 ${SILKROUTE_SERVE_OPTIONS:-} 2>"$log" &
  pid=$!
  port=""
  for _ in $(seq 200); do
    port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2 || true)
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "the server did not start:"; cat "$log"; exit 1; }
  base="http://127.0.0.1:$port"
}
stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"; }
trap 'stop_server' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # user + system, in clock ticks
