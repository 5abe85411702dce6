#!/usr/bin/env bash
# The main job: install, build, then compare the ways from Chongqing to Duisburg
# on the embedded Belt and Road network. With --serve, then open the map at
# http://127.0.0.1:8080 (Ctrl-C stops the server).
# Install and build output goes to build/logs/ (SILKROUTE_VERBOSE=1 shows it too).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
step setup scripts/setup.sh
step build scripts/build.sh
step web scripts/build_web.sh
echo
# The comparison and the best route step by step: one screen. The other routes' steps are
# in the full answer (the command below).
answer=$(build/silkroute route Chongqing Duisburg --alternatives 4)
printf '%s\n' "$answer" | sed '/^Route 2:/,$d'
echo "Every route step by step: build/silkroute route Chongqing Duisburg --alternatives 4"
if [ "${1:-}" = "--serve" ]; then
  exec build/silkroute serve
fi
echo "What the network covers: build/silkroute info. Logs of the steps above: build/logs/"
echo "The map: build/silkroute serve, then open http://127.0.0.1:8080 (or run scripts/quickstart.sh --serve)"
