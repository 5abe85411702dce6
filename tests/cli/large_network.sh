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
"$bin" import sea-lanes --lanes "$lanes" --out "$out" --force  # rebuilt on every run
pairs=$root/tests/calibration/published_pairs.csv
# (calibrate exits 1 when any pair falls outside its range: the count is what matters here)
embedded=$({ "$bin" calibrate "$pairs" || true; } | tail -1 | grep -o '^[0-9]*')
large=$({ "$bin" calibrate "$pairs" --network "$out" || true; } | tail -1 | grep -o '^[0-9]*')
echo "published pairs inside the widened range: $embedded on the embedded network, $large on the large one"
[ "$large" -ge "$embedded" ]
open=$("$bin" route Shanghai Rotterdam --network "$out" --avoid rail,road --alternatives 0 --format json)
closed=$("$bin" route Shanghai Rotterdam --network "$out" --avoid rail,road --alternatives 0 --format json --scenario red-sea-closure)
h_open=$(echo "$open" | grep -m1 '"time_h"' | grep -o '[0-9.]*')
h_closed=$(echo "$closed" | grep -m1 '"time_h"' | grep -o '[0-9.]*')
echo "Shanghai-Rotterdam by sea: $h_open h open, $h_closed h with the Red Sea closed"
echo "$open" | grep -q '"suez"'
! echo "$closed" | grep -q '"suez"'
echo "$closed" | grep -q '"capegoodhope"\|"panama"'
awk -v a="$h_open" -v b="$h_closed" 'BEGIN { d = (b - a) / 24; exit !(d >= 7 && d <= 14) }'
echo "ok: large network validates, calibrates and reroutes"
