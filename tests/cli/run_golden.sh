#!/usr/bin/env bash
# Runs one command-line case and compares exit code, stdout and stderr with the golden files.
#   CASE.cmd       arguments to silkroute, one line ("@MINI" stands for the test network)
#   CASE.exit      expected exit code
#   CASE.out       expected stdout (reviewed by hand once)
#   CASE.err       expected stderr (optional)
# UPDATE_GOLDEN=1 rewrites .out/.err/.exit from the current output.
set -uo pipefail
bin=$1
case_path=$2
mini="tests/data/mini"
args=$(sed "s#@MINI#$mini#g" "$case_path.cmd")
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
eval "\"$bin\" $args" >"$out" 2>"$err"
code=$?
# Temporary copies of datasets show up in messages with their path; make them stable.
sed -i "s#$PWD/##g" "$out" "$err"
# Wall-clock times differ from run to run.
sed -i -E 's/ in [0-9]+\.[0-9]+ s / in (time) s /g' "$out" "$err"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" "$case_path.out"
  echo "$code" >"$case_path.exit"
  if [ -s "$err" ]; then cp "$err" "$case_path.err"; else rm -f "$case_path.err"; fi
  echo "updated $case_path"
  exit 0
fi
status=0
expected_code=$(cat "$case_path.exit")
if [ "$code" != "$expected_code" ]; then
  echo "exit code $code, expected $expected_code"
  cat "$err"
  status=1
fi
if ! diff -u "$case_path.out" "$out"; then status=1; fi
if [ -f "$case_path.err" ] && ! diff -u "$case_path.err" "$err"; then status=1; fi
exit $status
