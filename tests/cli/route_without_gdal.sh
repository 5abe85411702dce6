#!/usr/bin/env bash
# The route command starts without GDAL: silkroute does not link it, and a route loads no
# GDAL library; import and export still work through silkroute-gis.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ldd "$bin" | grep -qi gdal; then echo "FAIL: silkroute links GDAL"; ldd "$bin" | grep -i gdal; exit 1; fi
LD_DEBUG=libs "$bin" route Chongqing Duisburg --format json > /dev/null 2> "$tmp/libs" || { echo "FAIL: route failed"; exit 1; }
if grep -qi "libgdal" "$tmp/libs"; then echo "FAIL: the route command loaded GDAL"; exit 1; fi
loaded=$(grep -c "calling init" "$tmp/libs")
"$bin" export network --out "$tmp/n.geojson" 2> /dev/null || { echo "FAIL: export through silkroute-gis failed"; exit 1; }
grep -q FeatureCollection "$tmp/n.geojson" || { echo "FAIL: export wrote no GeoJSON"; exit 1; }
echo "ok: route initialised $loaded libraries, none of them GDAL; export ran through silkroute-gis"
