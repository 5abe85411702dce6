#!/usr/bin/env bash
# Bounded load test of `silkroute serve` on 127.0.0.1 with wrk (Debian package wrk): the
# default route request and one without alternatives, with the route cache (as served) and
# without it (--route-cache-mb 0: every request routed and serialized), in interleaved
# rounds. Prints wrk's throughput and latency percentiles and the server's CPU per request
# (user + system time of the server process over the run, from /proc, divided by the
# requests wrk completed). The wrk client shares the machine's cores with the server.
#   scripts/bench_server.sh [SECONDS] [CONNECTIONS] [ROUNDS] [SILKROUTE_BINARY] [plain]
# "plain" runs the two requests with the server's defaults only (for binaries from before
# --route-cache-mb, to compare with them in alternate runs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
rounds=${3:-1}
bin=${4:-build/silkroute}
plain=${5:-}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
source scripts/lib/serve_bench.sh

run() {  # $1: label, $2: server options, $3: query
  start_server "$2"
  /usr/bin/python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()" "$base/$3"  # warm: the metric (and, when cached, the answer) is built once
  local before out requests after
  before=$(cpu_ticks)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/$3")
  after=$(cpu_ticks)
  requests=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  printf '%-34s %10s req/s  p50 %9s  p99 %9s  CPU/request %6.1f us%s\n' "$1" \
    "$(echo "$out" | sed -n 's/Requests\/sec: *//p')" "$(echo "$out" | awk '$1=="50%"{print $2}')" \
    "$(echo "$out" | awk '$1=="99%"{print $2}')" \
    "$(awk -v t=$((after - before)) -v hz="$ticks" -v n="$requests" 'BEGIN { print t / hz / n * 1e6 }')" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket' | tr -s ' ' | sed 's/^/  /' | tr '\n' ' ')"
  stop_server
}

default="route?from=Chongqing&to=Duisburg"
single="route?from=Chongqing&to=Duisburg&alternatives=0"
for round in $(seq "$rounds"); do
  echo "== round $round: wrk -t2 -c$connections -d${seconds}s"
  run "default (3 alternatives)" "" "$default"
  run "alternatives=0" "" "$single"
  [ -n "$plain" ] && continue
  run "default, --route-cache-mb 0" "--route-cache-mb 0" "$default"
  run "alternatives=0, --route-cache-mb 0" "--route-cache-mb 0" "$single"
done
