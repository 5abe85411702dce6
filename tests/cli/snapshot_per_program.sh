#!/usr/bin/env bash
# Each program keeps its own dataset snapshot: silkroute and silkroute-gis (and silkroute-serve,
# the Python module) each hold a copy of the reader, with its own build id in the key. With one
# snapshot file per dataset folder each replaced the other's, and a route after an export (or
# a server start) read the CSV files again.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SILKROUTE_CACHE_DIR="$tmp/cache"
snapshots() { find "$SILKROUTE_CACHE_DIR" -name '*.snap' | sort; }
"$bin" route Chongqing Duisburg --format json > "$tmp/first.json" || { echo "FAIL: route failed"; exit 1; }
route_snapshot=$(snapshots)
# The route's topology and metric are kept beside its snapshot (routing/routing_snapshot.hpp).
routing=${route_snapshot%.snap}.routing
[ -s "$routing" ] || { echo "FAIL: the route kept no routing snapshot ($routing)"; ls -l "$SILKROUTE_CACHE_DIR"; exit 1; }
routing_stamp=$(stat -c '%i %y' "$routing")
[ "$(echo "$route_snapshot" | grep -c .)" = 1 ] || { echo "FAIL: expected one snapshot after a route:"; snapshots; exit 1; }
stamp() { stat -c '%i %y' "$route_snapshot"; }
before=$(stamp)
"$bin" export network --out "$tmp/n.geojson" 2> /dev/null || { echo "FAIL: export through silkroute-gis failed"; exit 1; }
[ -e "$route_snapshot" ] || { echo "FAIL: silkroute-gis replaced the route's snapshot"; snapshots; exit 1; }
[ "$(snapshots | grep -c .)" = 2 ] || { echo "FAIL: expected the route's and the export's snapshots:"; snapshots; exit 1; }
"$bin" route Chongqing Duisburg --format json > "$tmp/second.json" || { echo "FAIL: second route failed"; exit 1; }
[ "$(stamp)" = "$before" ] || { echo "FAIL: the second route rewrote its snapshot ($before -> $(stamp))"; exit 1; }
[ "$(stat -c '%i %y' "$routing")" = "$routing_stamp" ] || { echo "FAIL: the second route rewrote its routing snapshot"; exit 1; }
cmp -s "$tmp/first.json" "$tmp/second.json" || { echo "FAIL: the route read from the routing snapshot answers otherwise"; diff "$tmp/first.json" "$tmp/second.json" | head; exit 1; }
echo "PASS: $(snapshots | grep -c .) snapshots, the route's read again as it was"
