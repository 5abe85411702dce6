#!/usr/bin/env bash
# Builds the web map into web/dist (served by `silkroute serve`). Needs Node.js and npm
# (scripts/setup.sh installs them from Debian when absent); packages come from the npm
# registry exactly as pinned in web/package-lock.json (npm ci never rewrites the lock).
# The label glyphs (web/public/fonts, not tracked) are built from Debian's DejaVu fonts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
glyph_stamp=public/fonts/.built
if [ ! -f "$glyph_stamp" ] || [ "$root/scripts/build_glyphs.mjs" -nt "$glyph_stamp" ]; then
  rm -rf public/fonts
  node "$root/scripts/build_glyphs.mjs" public/fonts
  touch "$glyph_stamp"
fi
npx vite build --logLevel warn
echo "built web/dist"
