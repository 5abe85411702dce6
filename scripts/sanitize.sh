#!/usr/bin/env bash
# Builds silkroute with AddressSanitizer and UndefinedBehaviorSanitizer (LeakSanitizer on)
# in build-asan/ and runs the test suite there: the C++ tests, the command-line tests and
# the Python tests (the module is loaded into an unsanitized Python with libasan preloaded).
# Warnings are errors here. The browser test is left to the normal build.
#   scripts/sanitize.sh [ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
python=()
[ -x /usr/bin/python3 ] && python=(-DPython_EXECUTABLE=/usr/bin/python3)
configure() {
  [ -f build-asan/CMakeCache.txt ] ||
    cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSILKROUTE_SANITIZE=ON \
          -DSILKROUTE_WERROR=ON "${python[@]}"
}
step asan-cfg configure
step asan-bld cmake --build build-asan -j "$(nproc)"
cd build-asan
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --output-on-failure -j "$(nproc)" -E '^web\.' "$@"
