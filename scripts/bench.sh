#!/usr/bin/env bash
# Runs the routing benchmarks (Google Benchmark) and prints the machine and commit, for
# docs/performance.md. Chicago-Regional benchmarks need ../shared/data (or
# SILKROUTE_SHARED_DATA) and report an error line without it.
#   scripts/bench.sh [--benchmark_filter=REGEX]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/Model name: *//p' | head -1), $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}')"
echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)')"
echo "compiler: $(c++ --version | head -1)"
build/silkroute_bench --benchmark_counters_tabular=true "$@"
build/silkroute_network_bench --benchmark_counters_tabular=true "$@"
