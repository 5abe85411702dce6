#!/usr/bin/env bash
# Configures and builds silkroute in build/ (Release, with tests).
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
# Debian's Python 3, where apt puts pybind11, NumPy and pandas (not a pyenv or conda one).
python=()
[ -x /usr/bin/python3 ] && python=(-DPython_EXECUTABLE=/usr/bin/python3)
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "${python[@]}"
fi
cmake --build build -j "$(nproc)"
