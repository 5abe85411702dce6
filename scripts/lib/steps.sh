# Quiet steps for scripts/quickstart.sh and scripts/test.sh: each step's output goes to
# build/logs/<step>.log and the terminal gets one line, "build ... ok (42 s)". On failure:
# the last 30 lines of the log, its path, and the step's exit status.
# SILKROUTE_VERBOSE=1 shows the output as well (it is still logged).
# Source it from the repository root.

SILKROUTE_LOG_DIR=${SILKROUTE_LOG_DIR:-build/logs}

step() {
  local name=$1
  shift
  mkdir -p "$SILKROUTE_LOG_DIR"
  local log="$SILKROUTE_LOG_DIR/$name.log"
  local start=$SECONDS status=0
  printf '%-8s ... ' "$name"
  if [ "${SILKROUTE_VERBOSE:-0}" = 1 ]; then
    echo
    "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
    printf '%-8s ... ' "$name"
  else
    "$@" >"$log" 2>&1 || status=$?  # stdin stays: sudo may ask for a password
  fi
  if [ "$status" -eq 0 ]; then
    echo "ok ($((SECONDS - start)) s)"
    return 0
  fi
  echo "FAILED (exit $status after $((SECONDS - start)) s)"
  echo "---- last 30 lines of $log:"
  tail -n 30 "$log"
  echo "---- the whole log: $log"
  exit "$status"
}

# What `git status` says about the checkout (tracked changes and untracked, unignored
# files), with a hash of the tracked changes' content; empty outside a git checkout.
tree_state() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  git status --porcelain --untracked-files=all
  git diff --no-ext-diff HEAD 2>/dev/null | sha1sum
}
