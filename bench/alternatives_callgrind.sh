#!/usr/bin/env bash
# What the alternatives cost, in instructions (callgrind: repeatable on a shared machine where
# wall-clock figures are not): for 8 corridor pairs, the instructions of find_alternatives
# and of the whole `silkroute route FROM TO --format json` process, and a hash of the route
# JSON, so two binaries can be compared for cost and for identical answers.
#   bench/alternatives_callgrind.sh [SILKROUTE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/silkroute}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" route Chongqing Duisburg >/dev/null  # writes the dataset snapshot if it is stale
total=0
while IFS=, read -r from to; do
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$bin" route "$from" "$to" --format json >"$work/out" 2>"$work/log"
  alternatives=$(callgrind_annotate --inclusive=yes "$work/cg" | awk '/silkroute::find_alternatives\(/ && !n++ { gsub(",", "", $1); print $1 }')
  whole=$(awk '/I +refs:/ { gsub(",", "", $NF); print $NF }' "$work/log")
  printf '%-24s alternatives %11s  whole process %11s  json %s\n' "$from - $to" "${alternatives:-0}" "$whole" \
    "$(md5sum <"$work/out" | cut -c1-8)"
  total=$((total + ${alternatives:-0}))
done <<'PAIRS'
Chongqing,Duisburg
Shanghai,Rotterdam
Xi'an,Hamburg
Beijing,Moscow
Lianyungang,Istanbul
Almaty,Tehran
Mombasa,Kampala
Piraeus,Budapest
PAIRS
echo "all 8: find_alternatives $total instructions"
