#!/usr/bin/env bash
# Builds silkroute with AddressSanitizer and UndefinedBehaviorSanitizer (LeakSanitizer on)
# in build-asan/ and runs the test suite there: the C++ tests, the command-line tests and
# the Python tests (the module is loaded into an unsanitized Python with libasan preloaded).
# Warnings are errors here. The browser test is left to the normal build, and so are the tests
# labelled sanitize-skip: pure-Python rebuild checks that run no sanitized code, and the runs at
# scale (the bigger TransportationNetworks, the freight outputs quoted in docs/assignment.md)
# of code the sanitized suite already runs on smaller inputs.
# Compiled at -O1 with line tables only (-g1), as the sanitizers' documentation suggests for
# speed: it halves the compile time of -O2 -g (apps/analysis_commands.cpp: 82 -> 38 s of CPU)
# and stack traces keep their file and line.
#   scripts/sanitize.sh [ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
python=()
[ -x /usr/bin/python3 ] && python=(-DPython_EXECUTABLE=/usr/bin/python3)
# ccache, where installed, shares compiled objects between checkouts of the repository.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
configure() {
  [ -f build-asan/CMakeCache.txt ] ||
    cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
          -DSILKROUTE_SANITIZE=ON -DSILKROUTE_WERROR=ON "${python[@]}" "${launcher[@]}"
}
step asan-cfg configure
step asan-bld cmake --build build-asan -j "$(nproc)"
cd build-asan
# Stack use after return is not looked for: its fake stacks made the sanitized tests 2.3 times slower
# on this 2-core VM (AlternativesEquivalence, TimeModelFit and Compare: 415 s against 184 s, the
# last CI had run 56 minutes), and the heap, stack bounds, leaks and undefined behaviour stay checked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --output-on-failure -j "$(nproc)" -E '^web\.' -LE sanitize-skip "$@"
