#!/usr/bin/env bash
# Regenerates every expected output the tests compare against: the CLI goldens (tests/golden)
# and the command outputs quoted in the docs. Run it after a change of output or data, read
# the diff, and commit it with the change. Rebases: resolve conflicts in these files by
# rerunning this script on the rebuilt binary, never by hand.
# Usage: scripts/update_outputs.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin=$build/silkroute
[ -x "$bin" ] || { echo "update_outputs: $bin not built (run scripts/build.sh)" >&2; exit 2; }
for cmd in tests/golden/*.cmd; do
  name=$(basename "$cmd" .cmd)
  case $name in bri_*|mini_*) ;; *) continue ;; esac
  UPDATE_GOLDEN=1 tests/cli/run_golden.sh "$bin" "tests/golden/$name" >/dev/null
done
for doc in $(grep -l '^<!-- output:' docs/*.md); do
  scripts/doc_outputs.sh update "$bin" "$doc"
done
scripts/time_model_table.py update
git status --short tests/golden docs
