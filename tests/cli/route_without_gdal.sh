#!/usr/bin/env bash
# The route command starts at once: silkroute links none of the heavy libraries, and a route
# loads none of them (GDAL, HDF5, OpenSSL, cpp-httplib, libxlsxwriter, curl) nor a thread
# library; the commands that need them still work through their
# programs (silkroute-gis, silkroute-serve) and modules (libsilkroute_omx.so, libsilkroute_xlsx.so).
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
heavy='gdal|hdf5|libssl|libcrypto|httplib|xlsxwriter|libcurl'
linked=$(ldd "$bin")  # read once, not piped into grep -q: under pipefail its early exit would fail the pipeline
if grep -Eqi "$heavy" <<< "$linked"; then echo "FAIL: silkroute links a heavy library:"; grep -Ei "$heavy" <<< "$linked"; exit 1; fi
LD_DEBUG=libs "$bin" route Chongqing Duisburg --format json > "$tmp/route.json" 2> "$tmp/libs" || { echo "FAIL: route failed"; exit 1; }
grep -q '"routes"' "$tmp/route.json" || { echo "FAIL: route printed no routes"; exit 1; }
if grep -Ei "calling init: .*($heavy)" "$tmp/libs"; then echo "FAIL: the route command loaded the libraries above"; exit 1; fi
loaded=$(grep -c "calling init" "$tmp/libs")
# Nor a thread library: oneTBB, linked as a shared library, cost a route 12 page faults (and --version 29) for
# mapping and relocating it (docs/performance.md, session 18); the parallel loop runs on std::thread.
if grep -Ei "calling init: .*libtbb" "$tmp/libs"; then echo "FAIL: the route command loaded the libraries above"; exit 1; fi
# A scenario's TOML is still read.
"$bin" route Shanghai Rotterdam --scenario red-sea-closure --format json > "$tmp/scenario.json" 2> /dev/null ||
  { echo "FAIL: a route with a TOML scenario failed"; exit 1; }
grep -q '"routes"' "$tmp/scenario.json" || { echo "FAIL: the scenario route printed no routes"; exit 1; }
"$bin" export network --out "$tmp/n.geojson" 2> /dev/null || { echo "FAIL: export through silkroute-gis failed"; exit 1; }
grep -q FeatureCollection "$tmp/n.geojson" || { echo "FAIL: export wrote no GeoJSON"; exit 1; }
# Open Matrix through its module: an HDF5 file (signature \x89HDF) appears.
"$bin" matrix --origins Chongqing,Xi\'an --destinations Duisburg,Rotterdam --out "$tmp/m.omx" 2> /dev/null ||
  { echo "FAIL: matrix --out .omx failed"; exit 1; }
[ "$(head -c 4 "$tmp/m.omx" | od -An -c | tr -d ' ')" = '211HDF' ] || { echo "FAIL: m.omx is not an HDF5 file"; exit 1; }
# serve runs silkroute-serve: its help names the HTTP options.
"$bin" serve --help | grep -q -- "--port" || { echo "FAIL: serve --help did not reach silkroute-serve"; exit 1; }
echo "ok: route initialised $loaded libraries, none of them heavy; export, .omx and serve ran through their programs and modules"
