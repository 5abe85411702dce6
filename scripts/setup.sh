#!/usr/bin/env bash
# Installs the Debian packages silkroute needs. Idempotent: does nothing when all are present.
# (DejaVu fonts: the web map's label glyphs are built from them, scripts/build_glyphs.mjs.)
# (clang-14 and its runtime: libFuzzer for scripts/fuzz.sh.)
# (gdal-bin: ogrinfo, with which a test checks that GDAL itself opens the exports.)
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-dev python3-pybind11 pybind11-dev python3-numpy python3-pandas python3-pytest
  python3-venv python3-setuptools python3-wheel python3-pip python3-matplotlib
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libhdf5-dev python3-h5py
  libboost-dev wrk libxlsxwriter-dev python3-openpyxl libxxhash-dev
  python3-distributed python3-psutil
  clang-14 libclang-rt-14-dev
  libgdal-dev gdal-bin libosmium2-dev libprotozero-dev libbz2-dev libexpat1-dev
  chromium
  fonts-dejavu-core fonts-dejavu-extra
)
# Node.js and npm build the web map; Debian's are used only when none is installed.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
