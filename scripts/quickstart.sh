#!/usr/bin/env bash
# The main job: install, build, then compare the ways from Chongqing to Duisburg
# on the embedded Belt and Road network.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo
build/silkroute info
echo
build/silkroute route Chongqing Duisburg --alternatives 4
