#!/usr/bin/env bash
# Server CPU per request in instructions (callgrind), repeatable on a shared machine where
# wall-clock figures are not: runs `silkroute serve` under callgrind twice, answering 0 and
# then N requests on one keep-alive connection, and prints (instructions(N) - instructions(0)) / N,
# all threads counted (I/O, workers, the log writer), for the default route request and
# one with alternatives=0.
#   bench/server_callgrind.sh [N] [SILKROUTE_BINARY] [SERVE_OPTIONS...]
# e.g. bench/server_callgrind.sh 200 build/silkroute --route-cache-mb 0
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
bin=${2:-build/silkroute}
shift $(( $# > 2 ? 2 : $# ))
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
python=/usr/bin/python3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() {  # $1: requests, $2: the request's path, then the serve options
  local requests=$1 path=$2
  shift 2
  local port=$((20000 + RANDOM % 20000))
  # --trace-children: `silkroute serve` execs silkroute-serve, where the requests are answered.
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out/cg.%p" "$bin" serve --port "$port" --no-web "$@" 2>"$out/log" &
  local pid=$!
  "$python" - "$port" "$requests" "$path" <<'PY'
import http.client, sys, time
port, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for _ in range(600):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60); c.request("GET", "/health"); c.getresponse().read(); break
    except OSError:
        time.sleep(0.1)
for _ in range(n):
    c.request("GET", path); r = c.getresponse(); r.read(); assert r.status == 200
PY
  kill -INT "$pid"
  wait "$pid" || true
  sed -n 's/^totals: *//p' "$out"/cg.* | awk '{s += $1} END {print s}'
  rm -f "$out"/cg.*
}
echo "binary $bin $*; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
# silkroute-serve holds its own copy of the dataset reader, so its snapshot key (the build id
# is in it) differs from the command line's and each replaces the other's snapshot: a first,
# unmeasured run writes the server's, or the run without requests would count the rebuild
# from the CSV files (and the figures without alternatives came out negative).
instructions 0 /health "$@" >/dev/null
base=$(instructions 0 /health "$@")
for path in "/route?from=Chongqing&to=Duisburg" "/route?from=Chongqing&to=Duisburg&alternatives=0"; do
  loaded=$(instructions "$n" "$path" "$@")
  echo "$path: $(( (loaded - base) / n )) instructions per request ($n requests)"
done
