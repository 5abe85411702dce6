#!/usr/bin/env bash
# Time to relative gaps 1e-4 and 1e-6 of `silkroute assign` on Chicago-Sketch and Winnipeg
# (../shared/data/assignment), per algorithm, on one thread: the figures in
# docs/performance.md. Prints the machine and the commit first. CPU seconds are the figure to
# compare on a shared machine; wall seconds are printed too.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SILKROUTE_BIN:-build/silkroute}
data=../shared/data/assignment
algorithms=${ALGORITHMS:-"b bfw"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD)"
for net in Chicago-Sketch Winnipeg; do
  case $net in
    Chicago-Sketch) prefix=ChicagoSketch extra=(--toll-factor 0.02 --distance-factor 0.04) ;;
    *) prefix=$net extra=() ;;
  esac
  dir=$data/$net
  [ -f "$dir/${prefix}_net.tntp" ] || { echo "skipped: $dir is absent"; continue; }
  for alg in $algorithms; do
    for gap in 1e-4 1e-6; do
      line=$("$bin" assign --tntp "$dir/${prefix}_net.tntp" --trips "$dir/${prefix}_trips.tntp" --gap "$gap" \
        --algorithm "$alg" --threads 1 --quiet --force --max-iterations 50000 --out "$out/flows.csv" "${extra[@]}" |
        grep '^algorithm') || true
      echo "$net gap $gap: $line"
    done
  done
done
