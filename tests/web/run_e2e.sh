#!/usr/bin/env bash
# Starts `silkroute serve` on a free port with the built page, runs the browser test
# (web/tests/e2e.mjs) against it, and checks the server stops cleanly on SIGTERM.
#   tests/web/run_e2e.sh SILKROUTE_BINARY REPO_ROOT ARTIFACT_DIR
set -euo pipefail
bin=$1 root=$2 artifacts=$3
if [ ! -f "$root/web/dist/index.html" ]; then
  echo "web/dist is missing: scripts/build_web.sh builds it (scripts/test.sh does)"
  exit 1
fi
log=$(mktemp)
"$bin" serve --port 0 --web "$root/web/dist" 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 100); do
  port=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f2 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start:"; cat "$log"; exit 1; }
status=0
(cd "$root/web" && node tests/e2e.mjs "http://127.0.0.1:$port/" "$artifacts") || status=$?
kill -TERM "$pid"
wait "$pid" || { echo "the server did not exit cleanly on SIGTERM"; status=1; }
grep -q "stopped" "$log" || { echo "no clean-stop message:"; cat "$log"; status=1; }
echo "screenshots in $artifacts"
exit $status
