#!/usr/bin/env bash
# Builds the web map into web/dist (served by `silkroute serve`). Needs Node.js and npm
# (scripts/setup.sh installs them from Debian when absent); packages come from the npm
# registry as pinned in web/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../web"
# npm install follows package-lock.json. npm ci would refuse this lock file: npm 11 records
# only this platform's optional packages (rollup and esbuild binaries).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
npx vite build --logLevel warn
echo "built web/dist"
