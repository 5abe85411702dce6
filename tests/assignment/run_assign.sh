#!/usr/bin/env bash
# Runs `silkroute assign` on one network and checks its output with the independent checker
# (check_flows.py: relative gap and distance to the best-known flows, recomputed from the
# CSV and the TNTP files). braess: the network in tests/data/assignment, plus the command's
# refusals. Others: TransportationNetworks in ../shared/data/assignment; exit 77 when absent.
set -uo pipefail
bin=$1 root=$2 out=$3 net=$4
mkdir -p "$out"
checker=$root/tests/assignment/check_flows.py
extra=()
gap=1e-6
scope=all
case $net in
  braess) dir=$root/tests/data/assignment prefix=braess gap=1e-9 ;;
  # ties: two origins share a pair of equal-cost constant-time segments; its flow file splits
  # them 40/60 where the command keeps one side, and both are equilibria (README.md there).
  ties) dir=$root/tests/data/assignment prefix=ties gap=1e-9 scope=congestible ;;
  Chicago-Sketch) dir=$root/../shared/data/assignment/$net prefix=ChicagoSketch
    # The README's generalized-cost weights; the file's metadata does not carry them.
    extra=(--toll-factor 0.02 --distance-factor 0.04) ;;
  # Winnipeg: 1176 links with constant times (B = 0) form intersection squares where routes
  # of exactly equal cost tie, so link flows there are not unique; the limit applies to the
  # links whose time grows with volume (both figures are printed), and the checker requires
  # the difference on the constant links to leave the total cost unchanged (a tie, not an error).
  Winnipeg) dir=$root/../shared/data/assignment/$net prefix=$net scope=congestible ;;
  *) dir=$root/../shared/data/assignment/$net prefix=$net ;;
esac
if [ ! -f "$dir/${prefix}_net.tntp" ]; then echo "skipped: $dir/${prefix}_net.tntp is absent"; exit 77; fi
set -e
flows=$out/$net.csv
rm -f "$flows"
"$bin" assign --tntp "$dir/${prefix}_net.tntp" --trips "$dir/${prefix}_trips.tntp" --best-known "$dir/${prefix}_flow.tntp" \
  --gap "$gap" --out "$flows" --algorithm b "${extra[@]}" | tee "$out/$net.report"
grep -q "converged" "$out/$net.report"
if [ "$scope" = all ]; then grep -q "^best known .*(within 0.1%)" "$out/$net.report"
else grep -q "^best known on links with volume-dependent times: .*(within 0.1%)" "$out/$net.report"
  grep -q "^best known on constant-time links: .*(a tie between routes of equal cost" "$out/$net.report"; fi
python3 "$checker" --net "$dir/${prefix}_net.tntp" --trips "$dir/${prefix}_trips.tntp" --flows "$flows" \
  --best-known "$dir/${prefix}_flow.tntp" --gap "$gap" --flow-tolerance 0.001 --flow-scope "$scope" "${extra[@]}"

if [ "$net" = ties ]; then
  # The checker tells a tie from a real difference: make the segment through node 6 dearer
  # (0.6 instead of 0.5 on 6->7) and the flow file's 60% through node 6 is no equilibrium.
  awk '$1 == 6 && $2 == 7 { $5 = 0.6 } { print }' OFS='\t' "$dir/ties_net.tntp" > "$out/ties_unequal_net.tntp"
  "$bin" assign --tntp "$out/ties_unequal_net.tntp" --trips "$dir/ties_trips.tntp" --gap 1e-9 --out "$out/ties_unequal.csv" \
    --force --quiet --best-known "$dir/ties_flow.tntp" > "$out/ties_unequal.report"
  grep -q "^best known on constant-time links: .*(more than the target gap: not only ties)" "$out/ties_unequal.report"
  set +e
  python3 "$checker" --net "$out/ties_unequal_net.tntp" --trips "$dir/ties_trips.tntp" --flows "$out/ties_unequal.csv" \
    --best-known "$dir/ties_flow.tntp" --gap 1e-9 --flow-scope congestible > "$out/ties_unequal.check"
  code=$?
  set -e
  [ "$code" -eq 1 ] && grep -q "not a split between equal-cost routes" "$out/ties_unequal.check"
fi

if [ "$net" = braess ]; then
  # The link-based algorithms reach the same equilibrium through the command too.
  for alg in fw cfw bfw; do
    "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --gap 1e-9 --out "$out/braess-$alg.csv" \
      --algorithm "$alg" --force --quiet > /dev/null
    python3 "$checker" --net "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --flows "$out/braess-$alg.csv" \
      --best-known "$dir/braess_flow.tntp" --gap 1e-9 --flow-tolerance 1e-6 > /dev/null
  done
  # An existing output is refused without --force (exit 2) and left as it was.
  before=$(md5sum < "$flows")
  set +e
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$flows" --quiet 2> "$out/refuse.err"
  code=$?
  set -e
  [ "$code" -eq 2 ] && grep -q "exists; choose another path or add --force" "$out/refuse.err" && [ "$(md5sum < "$flows")" = "$before" ]
  # Bad TNTP input: exit 2 with file:line:field.
  sed 's/\t45\t0\t0\t0\t0\t1\t;/\t4x5\t0\t0\t0\t0\t1\t;/' "$dir/braess_net.tntp" > "$out/broken_net.tntp"
  set +e
  "$bin" assign --tntp "$out/broken_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/never.csv" 2> "$out/broken.err"
  code=$?
  set -e
  [ "$code" -eq 2 ] && grep -q "broken_net.tntp:12: column 'free_flow_time': expected a number, got '4x5'" "$out/broken.err"
  [ ! -e "$out/never.csv" ]
  # Stopping before the gap is said (exit 4), and the flows are still written.
  set +e
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/short.csv" --force --quiet \
    --algorithm msa --max-iterations 3 > /dev/null 2> "$out/short.err"
  code=$?
  set -e
  [ "$code" -eq 4 ] && grep -q "stopped after 3 iterations" "$out/short.err" && [ -s "$out/short.csv" ]
  # Not a terminal: one plain progress line per iteration on stderr.
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/lines.csv" --force \
    --algorithm fw --max-iterations 5 --gap 1e-12 > /dev/null 2> "$out/lines.err" || true
  [ "$(grep -cE '^iteration +[1-5]  gap ' "$out/lines.err")" -eq 5 ]
  # Two classes: a column of flows per class after the total.
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --class vans:"$dir/braess_trips.tntp":0:0 \
    --out "$out/classes.csv" --force --quiet --gap 1e-9 > /dev/null
  [ "$(head -1 "$out/classes.csv")" = "init_node,term_node,flow,cost,flow_base,flow_vans" ]
  # 12000 trips make s-a-b-t (cost 122.5 if used) dearer than the others (106): 6000 on s-a.
  # (How the two identical classes share it is not unique; their sum is the total.)
  awk -F, 'NR == 2 { ok = $3 > 5999.99 && $3 < 6000.01 } NR > 1 { d = $5 + $6 - $3; if (d > 1e-6 || d < -1e-6) ok = 0 }
           END { exit !ok }' "$out/classes.csv"
  # The conical function needs a steepness above 1: Braess's power-1 links are refused by line.
  set +e
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --vdf conical --out "$out/conical.csv" \
    --force --quiet > /dev/null 2> "$out/conical.err"
  code=$?
  set -e
  [ "$code" -eq 2 ] && grep -q "braess_net.tntp:11: column 'power': a conical volume-delay function needs a steepness above 1" "$out/conical.err"
  # A best-known file of another network, and flows of another demand as a warm start, are
  # refused before any work (exit 2).
  set +e
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/other.csv" --force --quiet \
    --best-known "$root/tests/data/assignment/README.md" > /dev/null 2> "$out/other.err"
  code_best=$?
  printf 'From\tTo\tVolume\tCost\n1\t3\t4350\t44.5\n' > "$out/short_flow.tntp"
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/other.csv" --force --quiet \
    --best-known "$out/short_flow.tntp" > /dev/null 2> "$out/short_flow.err"
  code_short=$?
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/other.csv" --force --quiet \
    --algorithm bfw --warm-start "$out/classes.csv" > /dev/null 2> "$out/warm_other.err"
  code_warm=$?
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/no/such/dir.csv" --quiet \
    > /dev/null 2> "$out/nodir.err"
  code_dir=$?
  set -e
  [ "$code_best" -eq 2 ] && grep -q "README.md" "$out/other.err"
  [ "$code_short" -eq 2 ] && grep -q "short_flow.tntp: no row for link 3->2" "$out/short_flow.err"
  [ "$code_warm" -eq 2 ] && grep -q "do not fit this demand" "$out/warm_other.err"
  [ "$code_dir" -eq 2 ] && grep -q "no/such of .*does not exist" "$out/nodir.err"
  # A warm start from the short run converges with Frank-Wolfe.
  "$bin" assign --tntp "$dir/braess_net.tntp" --trips "$dir/braess_trips.tntp" --out "$out/warm.csv" --force --quiet \
    --algorithm bfw --gap 1e-9 --warm-start "$out/short.csv" > "$out/warm.report"
  grep -q "converged" "$out/warm.report"
fi
echo "ok: assign $net"
