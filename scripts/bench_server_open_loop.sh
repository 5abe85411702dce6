#!/usr/bin/env bash
# Latency of `silkroute serve` at a fixed request rate (open loop), on 127.0.0.1: wrk
# (scripts/bench_server.sh) sends each connection's next request only when the last is answered,
# so at saturation its percentiles measure the queue it builds on the shared cores; here
# requests are scheduled at RATE a second whatever the answers do, and each latency runs from
# the scheduled time to the answer's last byte (build/silkroute_open_loop_load). The default
# route request and the one without alternatives alternate on the same connections, each
# with its own percentiles; the server runs as served (answer cache) at RATE, then with
# --route-cache-mb 0 (every request routed) at ROUTED_RATE (a routed default request costs
# about 1.5 ms of CPU: 2 cores hold about 1,000 a second). Prints the server's CPU per request.
#   scripts/bench_server_open_loop.sh [RATE] [SECONDS] [CONNECTIONS] [SILKROUTE_BINARY] [ROUTED_RATE]
# Exits 1 when a request was not answered with 200 in time (the test server.open_loop runs it
# briefly at a low rate for that; no timing is asserted).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-5000}
seconds=${2:-10}
connections=${3:-16}
bin=${4:-build/silkroute}
routed_rate=${5:-500}
# The client, whichever server binary is measured.
load=${SILKROUTE_OPEN_LOOP_LOAD:-build/silkroute_open_loop_load}
[ -x "$load" ] || { echo "$load is missing: cmake --build build --target silkroute_open_loop_load"; exit 1; }
source scripts/lib/serve_bench.sh

status=0
default="/route?from=Chongqing&to=Duisburg"
single="/route?from=Chongqing&to=Duisburg&alternatives=0"
for options in "" "--route-cache-mb 0"; do
  r=$rate
  [ -n "$options" ] && r=$routed_rate
  start_server "$options"
  /usr/bin/python3 -c "import sys, urllib.request; [urllib.request.urlopen(u).read() for u in sys.argv[1:]]" \
    "$base$default" "$base$single"  # warm: the metric, and the answers when cached
  echo "== serve ${options:-(as served)}: $r requests/s for ${seconds} s on $connections connections"
  before=$(cpu_ticks)
  "$load" "$port" "$r" "$seconds" "$connections" "$default" "$single" || status=1
  after=$(cpu_ticks)
  awk -v t=$((after - before)) -v hz="$ticks" -v n="$(awk -v r="$r" -v s="$seconds" 'BEGIN { print r * s }')" \
    'BEGIN { printf "server CPU per request %.1f us\n", t / hz / n * 1e6 }'
  stop_server
done
exit $status
