# The one sanitized build, build-san/, that scripts/sanitize.sh tests in and scripts/fuzz.sh fuzzes
# from: clang, AddressSanitizer and UndefinedBehaviorSanitizer (LeakSanitizer on), every file also
# instrumented for libFuzzer (-fsanitize=fuzzer-no-link), warnings as errors, at -O1 with line tables
# only (half the compile time of -O2 -g; stack traces keep their file and line). One build serves
# both: CI compiled the code three times (Release, gcc ASan, clang fuzz) and ran 41.5 minutes of 45.
# Source it from the repository root; it sets sanitized_build_dir and defines configure_sanitized_build.

sanitized_build_dir=build-san
# ccache, where installed, shares compiled objects between checkouts of the repository (set here,
# not in the function: the build runs after it, and a step may run the function in a subshell).
command -v ccache >/dev/null && export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

configure_sanitized_build() {
  [ -f "$sanitized_build_dir/CMakeCache.txt" ] && return 0
  local cxx cc
  cxx=$(command -v clang++-14 || command -v clang++ || true)
  cc=$(command -v clang-14 || command -v clang || true)
  if [ -z "$cxx" ] || [ -z "$cc" ]; then
    echo "the sanitized build needs clang (libFuzzer; scripts/setup.sh installs clang-14)" >&2
    return 2
  fi
  local generator=() python=() launcher=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  [ -x /usr/bin/python3 ] && python=(-DPython_EXECUTABLE=/usr/bin/python3)
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  CC=$cc CXX=$cxx cmake -S . -B "$sanitized_build_dir" "${generator[@]}" "${launcher[@]}" "${python[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DSILKROUTE_SANITIZE=ON -DSILKROUTE_FUZZ=ON -DSILKROUTE_WERROR=ON
}
