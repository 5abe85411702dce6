#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with AddressSanitizer and UndefinedBehaviorSanitizer)
# in build-fuzz/ and runs each one in turn for a bounded time, starting from its seed corpus
# (fuzz/corpus/<target>/, never written to) and what earlier runs found (build-fuzz/corpus/).
# A crash, sanitizer report, hang or out-of-memory input is kept under build-fuzz/crashes/
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

cxx=$(command -v clang++-14 || command -v clang++ || true)
cc=$(command -v clang-14 || command -v clang || true)
if [ -z "$cxx" ] || [ -z "$cc" ]; then
  echo "fuzz.sh: clang is needed for libFuzzer (scripts/setup.sh installs clang-14)" >&2
  exit 2
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  # -O1 with line tables, as scripts/sanitize.sh builds (half the compile time of -O2 -g).
  CC=$cc CXX=$cxx cmake -S . -B build-fuzz "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DSILKROUTE_FUZZ=ON -DSILKROUTE_TESTS=OFF -DSILKROUTE_PYTHON=OFF -DSILKROUTE_WERROR=ON
fi
cmake --build build-fuzz -j "$(nproc)" --target fuzz_targets

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p build-fuzz/crashes
failed=()
for t in "${targets[@]}"; do
  [ -x "build-fuzz/fuzz/fuzz_$t" ] || { echo "fuzz.sh: no target '$t'; targets: ${all_targets[*]}" >&2; exit 2; }
done
# One target runs on one core; as many run at once as there are cores (SILKROUTE_FUZZ_JOBS), so a
# pass of 10 targets at 10 s takes 50 s on 2 cores rather than 100. An input is a hang after
# 10 s and too big past 2 GB; inputs up to 64 KB (parsers' limits are tested by unit tests).
jobs=${SILKROUTE_FUZZ_JOBS:-$(nproc)}
fuzz_one() {
  local t=$1 log=build-fuzz/crashes/$1.log
  mkdir -p "build-fuzz/corpus/$t"
  # (An if, not `cmd; echo $?`: set -e would end the background job at a finding before its status is written.)
  local status=0
  if ! "build-fuzz/fuzz/fuzz_$t" "build-fuzz/corpus/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" >"$log" 2>&1; then
    status=1
  fi
  echo "$status" >"build-fuzz/crashes/$t.status"
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
  log=build-fuzz/crashes/$t.log
  if [ "$(cat "build-fuzz/crashes/$t.status")" = 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz $t: ${runs:-?} inputs in ${seconds} s, no finding"
  else
    echo "fuzz $t: FINDING (log: $log)"
    grep -E 'ERROR|FUZZ FINDING|runtime error|uncaught|Test unit written' "$log" | head -n 8 || tail -n 20 "$log"
    failed+=("$t")
  fi
done
for t in "${targets[@]}"; do rm -f "build-fuzz/crashes/$t.status"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}; inputs under build-fuzz/crashes/ (reproduce: build-fuzz/fuzz/fuzz_TARGET FILE)"
  exit 1
fi
