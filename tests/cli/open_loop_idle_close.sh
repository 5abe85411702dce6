#!/usr/bin/env bash
# The open-loop load generator keeps going when the server closes keep-alive connections left
# idle past its request timeout (here 1 s, for a 3 s run at 10 requests a second on 8
# connections: most connections wait in the idle list that long). Before, it stopped at the
# first close ("connection N closed by the server") and printed no percentiles, as in a run at
# 2,000 requests a second for 10 s against the default 10 s timeout.
#   tests/cli/open_loop_idle_close.sh SILKROUTE_BINARY OPEN_LOOP_LOAD_BINARY
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(SILKROUTE_OPEN_LOOP_LOAD="$2" SILKROUTE_SERVE_OPTIONS="--request-timeout-s 1" \
  scripts/bench_server_open_loop.sh 10 3 8 "$1" 10)
echo "$out"
# Every request answered (the script exits 1 otherwise, set -e stops here), in both runs, and
# connections were indeed closed and opened again (else this test tests nothing).
[ "$(grep -c 'answered 30 (200), 0 other, 0 unanswered' <<<"$out")" = 2 ] || { echo "FAIL: not every request answered"; exit 1; }
reopened=$(sed -n 's/.*opened again: \([0-9]*\);.*/\1/p' <<<"$out" | head -1)
[ "${reopened:-0}" -gt 0 ] || { echo "FAIL: no connection was closed by the server: the test did not reach the case"; exit 1; }
echo "PASS: $reopened idle connections closed by the server and opened again, every request answered"
