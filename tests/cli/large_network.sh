#!/usr/bin/env bash
# Builds the large network from the Eurostat lanes and checks it: it validates, it answers
# the published pairs as well as the embedded network does, and closing the Red Sea sends Shanghai-Rotterdam
# round Africa or through Panama. Skips (exit 77) where ../shared/data is absent.
# On the Eurostat lanes, once snapping held at every latitude (the trans-Pacific lanes
# join), Panama is about 300 km shorter than the Cape for this pair; carriers chose the Cape
# because Asia-Europe ships are too large for the canal, which the model does not know yet
# (vessel classes: the time-model issue). Published: the Cape adds 8-14 days.
set -uo pipefail
bin=$1 root=$2 out=$3
lanes=$root/../shared/data/sea_lanes/eurostat/marnet_plus_20km.gpkg
if [ ! -f "$lanes" ]; then echo "skipped: $lanes is absent"; exit 77; fi
set -e
# Every step says what failed (a bare `set -e` exit left CI with no clue once).
trap 'echo "FAILED at line $LINENO: $BASH_COMMAND (exit $?)"' ERR
"$bin" import sea-lanes --lanes "$lanes" --out "$out" --force  # rebuilt on every run
pairs=$root/tests/calibration/published_pairs.csv
# (calibrate exits 1 when any pair falls outside its range: the count is what matters here)
embedded=$({ "$bin" calibrate "$pairs" || true; } | tail -1 | grep -o '^[0-9]*')
large=$({ "$bin" calibrate "$pairs" --network "$out" || true; } | tail -1 | grep -o '^[0-9]*')
echo "published pairs inside the widened range: $embedded on the embedded network, $large on the large one"
[ "$large" -ge "$embedded" ]
open=$("$bin" route Shanghai Rotterdam --network "$out" --avoid rail,road --alternatives 0 --format json)
closed=$("$bin" route Shanghai Rotterdam --network "$out" --avoid rail,road --alternatives 0 --format json --scenario red-sea-closure)
h_open=$(grep -m1 '"time_h"' <<<"$open" | grep -o '[0-9.]*') || { echo "no time_h in: ${open:0:2000}"; exit 1; }
h_closed=$(grep -m1 '"time_h"' <<<"$closed" | grep -o '[0-9.]*') || { echo "no time_h in: ${closed:0:2000}"; exit 1; }
echo "Shanghai-Rotterdam by sea: $h_open h open, $h_closed h with the Red Sea closed"
grep -q '"suez"' <<<"$open"
# (a `! cmd` line never stops a set -e script: this check is written out so that it can fail)
if grep -q '"suez"' <<<"$closed"; then echo "FAILED: the Red Sea closed, the route still passes Suez"; exit 1; fi
grep -q '"capegoodhope"\|"panama"' <<<"$closed"
awk -v a="$h_open" -v b="$h_closed" 'BEGIN { d = (b - a) / 24; exit !(d >= 7 && d <= 14) }'
echo "ok: large network validates, calibrates and reroutes"
