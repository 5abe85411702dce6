#!/usr/bin/env bash
# Bounded load test of `silkroute serve` on 127.0.0.1 with wrk (Debian package wrk):
# route requests on the embedded network, then a check that the server still answers
# correctly. Prints wrk's throughput and latency percentiles.
#   scripts/bench_server.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
log=$(mktemp)
build/silkroute serve --port 0 --no-web 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2 || true)
  [ -n "${port:-}" ] && break
  sleep 0.1
done
base="http://127.0.0.1:$port"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p' | head -1); commit $(git rev-parse --short HEAD)"
for query in "route?from=Chongqing&to=Duisburg&alternatives=2" "route?from=Shanghai&to=Rotterdam&alternatives=0&avoid=rail,road"; do
  echo; echo "== GET /$query, $connections connections, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/$query" | grep -E "Requests/sec|50%|90%|99%|Socket|Non-2xx"
done
# Still correct after the load.
curl -sf "$base/route?from=Chongqing&to=Duisburg&alternatives=0" | grep -q '"label":"rail via Dostyk' && echo && echo "after load: answers correctly"
