#!/usr/bin/env bash
# Configures and builds silkroute in build/ (Release, with tests).
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# Debian's Python 3, where apt puts pybind11, NumPy and pandas (not a pyenv or conda one).
python=()
[ -x /usr/bin/python3 ] && python=(-DPython_EXECUTABLE=/usr/bin/python3)
# ccache, where installed, shares compiled objects between checkouts of the repository.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
if [ ! -f build/CMakeCache.txt ] || { [ ${#launcher[@]} -gt 0 ] && ! grep -q '^CMAKE_CXX_COMPILER_LAUNCHER:.*ccache' build/CMakeCache.txt; }; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "${python[@]}" "${launcher[@]}"
fi
cmake --build build -j "$(nproc)"
