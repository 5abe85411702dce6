#!/usr/bin/env bash
# Load and abuse at once, on 127.0.0.1 only, bounded in time: wrk asks for routes (2 threads,
# 16 connections) while scripts/load_abuse.py holds slow clients (slowloris), sends oversized
# headers and malformed requests, and checks that correct requests get the correct answer and
# /health answers. Prints the figures (docs/performance.md); exits 1 on any wrong or missing
# answer, or if the server dies.
#   scripts/load_abuse.sh [SECONDS] [SLOW_CLIENTS] [SILKROUTE_BINARY]
# The CTest test server.load_abuse runs it for a few seconds (without wrk, if it is absent,
# the Python clients make the load).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
slow=${2:-200}
bin=${3:-build/silkroute}
python=/usr/bin/python3
[ -x "$python" ] || python=python3
log=$(mktemp)
"$bin" serve --port 0 --no-web --request-timeout-s 5 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 200); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2 || true)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
[ -n "$port" ] || { echo "the server did not start"; cat "$log"; exit 1; }
base="http://127.0.0.1:$port"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

load_threads=0
wrk_out=$(mktemp)
if command -v wrk >/dev/null; then
  wrk -t2 -c16 -d"${seconds}s" --latency "$base/route?from=Chongqing&to=Duisburg" >"$wrk_out" 2>&1 &
  wrk_pid=$!
else
  echo "(wrk is not installed: the load comes from 4 Python clients)"
  load_threads=4
  wrk_pid=""
fi
status=0
"$python" scripts/load_abuse.py --port "$port" --pid "$pid" --seconds "$seconds" --slow "$slow" \
  --load-threads "$load_threads" || status=$?
if [ -n "$wrk_pid" ]; then
  wait "$wrk_pid" || true
  echo "wrk, GET /route?from=Chongqing&to=Duisburg, 2 threads, 16 connections, ${seconds} s, during the abuse:"
  grep -E "Requests/sec|50%|90%|99%|Socket|Non-2xx|requests in" "$wrk_out" | sed 's/^/  /'
  if grep -q "Non-2xx" "$wrk_out"; then echo "  PROBLEM: wrk got answers other than 200"; status=1; fi
fi
rm -f "$wrk_out"
# Still answering correctly after it all.
# (the answer is read whole before grep: `grep -q` in a pipe can close it mid-answer, and pipefail then fails the check)
answer=$("$python" -c "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())" \
    "$base/route?from=Chongqing&to=Duisburg&alternatives=0" || true)
if ! grep -Eq '"label":"rail[+a-z]* via [^"]*(Dostyk|Altynkol)' <<<"$answer"; then
  echo "PROBLEM: the server does not answer correctly after the abuse"; status=1
fi
kill -0 "$pid" 2>/dev/null || { echo "PROBLEM: the server died"; status=1; }
echo "server log: $(wc -l <"$log") lines, $(grep -c ' 408 ' "$log" || true) slow requests dropped at the deadline"
[ "$status" -eq 0 ] && echo "load and abuse: every correct request got the correct answer"
exit "$status"
