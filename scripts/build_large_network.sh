#!/usr/bin/env bash
# The large network: the embedded Belt and Road network with its sea lanes replaced by the
# Eurostat 20 km marnet lanes (about 14,000 lane nodes), written to build/large. Needs
# ../shared/data; the result is derived from it and must not be committed.
#   scripts/build_large_network.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/large}
lanes=${SILKROUTE_SHARED_DATA:-../shared/data}/sea_lanes/eurostat/marnet_plus_20km.gpkg
[ -f "$lanes" ] || { echo "missing $lanes (../shared/data)"; exit 1; }
[ -x build/silkroute ] || scripts/build.sh
build/silkroute import sea-lanes --lanes "$lanes" --out "$out" --force
