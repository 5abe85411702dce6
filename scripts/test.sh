#!/usr/bin/env bash
# Install, build and run the whole test suite: the Release build with every test (the
# browser test included), then the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer with warnings as errors (scripts/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
scripts/build_web.sh
(cd build && ctest --output-on-failure -j "$(nproc)")
scripts/sanitize.sh
