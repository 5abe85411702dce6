#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) in the sanitized build build-san/ (scripts/lib/sanitized_build.sh:
# clang, AddressSanitizer and UndefinedBehaviorSanitizer; the build scripts/sanitize.sh tests in)
# and runs each for a bounded time, starting from its seed corpus (fuzz/corpus/<target>/, never
# written to) and what earlier runs found (build-san/corpus/).
# A crash, sanitizer report, hang or out-of-memory input is kept under build-san/crashes/
# and the script exits 1; docs/fuzzing.md says how to reproduce and fix one.
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     (default: 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all_targets=(csv_table dataset scenario_toml scenario_json vector_import osm_import api_query api_json pairs_csv tntp)
targets=()
for t in "$@"; do [[ " ${targets[*]-} " == *" $t "* ]] || targets+=("$t"); done  # each once: they run at once
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
case $seconds in '' | *[!0-9]*) echo "fuzz.sh: seconds per target must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

source scripts/lib/sanitized_build.sh
configure_sanitized_build || { echo "fuzz.sh: cannot configure $sanitized_build_dir" >&2; exit 2; }
fuzz_dir=$sanitized_build_dir
cmake --build "$fuzz_dir" -j "$(nproc)" --target fuzz_targets

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$fuzz_dir/crashes"
failed=()
for t in "${targets[@]}"; do
  [ -x "$fuzz_dir/fuzz/fuzz_$t" ] || { echo "fuzz.sh: no target '$t'; targets: ${all_targets[*]}" >&2; exit 2; }
done
# One target runs on one core; as many run at once as there are cores (SILKROUTE_FUZZ_JOBS), so a
# pass of 10 targets at 10 s takes 50 s on 2 cores rather than 100. An input is a hang after
# 10 s and too big past 2 GB; inputs up to 64 KB (parsers' limits are tested by unit tests).
jobs=${SILKROUTE_FUZZ_JOBS:-$(nproc)}
fuzz_one() {
  local t=$1 log=$fuzz_dir/crashes/$1.log
  mkdir -p "$fuzz_dir/corpus/$t"
  # (An if, not `cmd; echo $?`: set -e would end the background job at a finding before its status is written.)
  local status=0
  if ! "$fuzz_dir/fuzz/fuzz_$t" "$fuzz_dir/corpus/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$fuzz_dir/crashes/$t-" >"$log" 2>&1; then
    status=1
  fi
  echo "$status" >"$fuzz_dir/crashes/$t.status"
}
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  fuzz_one "$t" &
  running=$((running + 1))
done
wait
# Reported in the order of the targets, whatever order they finished in.
for t in "${targets[@]}"; do
  log=$fuzz_dir/crashes/$t.log
  if [ "$(cat "$fuzz_dir/crashes/$t.status")" = 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz $t: ${runs:-?} inputs in ${seconds} s, no finding"
  else
    echo "fuzz $t: FINDING (log: $log)"
    grep -E 'ERROR|FUZZ FINDING|runtime error|uncaught|Test unit written' "$log" | head -n 8 || tail -n 20 "$log"
    failed+=("$t")
  fi
done
for t in "${targets[@]}"; do rm -f "$fuzz_dir/crashes/$t.status"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}; inputs under $fuzz_dir/crashes/ (reproduce: $fuzz_dir/fuzz/fuzz_TARGET FILE)"
  exit 1
fi
