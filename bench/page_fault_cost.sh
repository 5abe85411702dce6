#!/usr/bin/env bash
# What first touches of pages cost on this machine, to read the page-fault counts of
# `perf stat` in CPU time (docs/performance.md, "Where the system time goes" and session 18):
# 1. bench/page_fault_cost.cpp times, inside one process, PAGES first touches by the way the
#    pages came (malloc heap, anonymous mapping faulted / MAP_POPULATE / MADV_POPULATE_WRITE /
#    MADV_HUGEPAGE, a file in the page cache faulted / MAP_POPULATE / MADV_WILLNEED /
#    MADV_POPULATE_READ): median ns and minor faults per page.
# 2. A whole process that maps PAGES anonymous pages and writes one byte to each, with and
#    without MAP_POPULATE, against PAGES = 0, under perf stat (CPU time and faults).
#   bench/page_fault_cost.sh [PAGES] [RUNS]
set -euo pipefail
pages=${1:-1000}
runs=${2:-200}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
c++ -O2 -std=c++20 -o "$dir/cost" "$here/page_fault_cost.cpp"
head -c $((pages * 4096)) /dev/urandom >"$dir/file"
"$dir/cost" "$pages" 50 "$dir/file"

command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf): whole-process part skipped"; exit 0; }
cat >"$dir/touch.c" <<'C'
#include <stdlib.h>
#include <sys/mman.h>
int main(int argc, char** argv) {
  const long pages = atol(argv[1]);
  const int populate = argc > 2 ? MAP_POPULATE : 0;
  char* p = mmap(0, (pages + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | populate, -1, 0);
  if (p == MAP_FAILED) return 1;
  for (long i = 0; i < pages; ++i) p[i * 4096] = 1;
  return 0;
}
C
cc -O2 -o "$dir/touch" "$dir/touch.c"
echo "whole process, perf stat -r $runs:"
for args in "0" "$pages" "$pages populate"; do
  printf '  %-20s' "pages $args:"
  perf stat -r "$runs" "$dir/touch" $args 2>&1 >/dev/null | awk '/task-clock/ {printf " %s ms CPU", $1} /page-faults/ {printf ", %s faults", $1} /elapsed/ {printf ", %s ms elapsed", $1 * 1000} END {print ""}'
done
