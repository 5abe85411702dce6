#!/usr/bin/env bash
# Install, build and run the whole test suite (then again under the sanitizers), then check that none of it changed a tracked
# file (or left an untracked one outside the ignored build folders).
# Install and build output goes to build/logs/ (SILKROUTE_VERBOSE=1 shows it too).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/steps.sh
before=$(tree_state)
step setup scripts/setup.sh
step build scripts/build.sh
step web scripts/build_web.sh
(cd build && ctest --output-on-failure -j "$(nproc)")
# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, warnings as errors.
scripts/sanitize.sh
# A short fuzzing pass over every parser (10 s a target, two at a time on 2 cores; docs/fuzzing.md).
step fuzz scripts/fuzz.sh 10
after=$(tree_state)
if [ "$before" != "$after" ]; then
  echo "setup, build or tests changed the checkout (git status --porcelain before and after differ):"
  diff <(echo "$before") <(echo "$after") || true
  exit 1
fi
# Silent when clean, so that ctest's summary stays the last line.
