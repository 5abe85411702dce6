#!/usr/bin/env bash
# What first touches of fresh anonymous pages cost on this machine, to read the page-fault
# counts of `perf stat` in CPU time (docs/performance.md, "Where the system time goes"): a
# tiny program maps N pages and writes one byte to each, with and without MAP_POPULATE, and
# perf stat reports its CPU time and faults against N = 0.
#   bench/page_fault_cost.sh [PAGES] [RUNS]
set -euo pipefail
pages=${1:-1000}
runs=${2:-200}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
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
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for args in "0" "$pages" "$pages populate"; do
  printf '%-20s' "pages $args:"
  perf stat -r "$runs" "$dir/touch" $args 2>&1 >/dev/null | awk '/task-clock/ {printf " %s ms CPU", $1} /page-faults/ {printf ", %s faults", $1} END {print ""}'
done
