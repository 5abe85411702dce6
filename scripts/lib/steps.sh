# Quiet steps for scripts/quickstart.sh and scripts/test.sh: each step's output goes to
# build/logs/<step>.log and the terminal gets one line, "build ... ok (42 s)". On failure:
# the last 30 lines of the log, its path, and the step's exit status.
# On a terminal the step's line shows the log's last line while it runs.
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
  elif [ -t 1 ]; then
    # On a terminal, a ticker shows the log's last line (ninja's [n/N], apt's, npm's) while
    # the step runs in the foreground (so Ctrl-C and sudo's password prompt work as usual).
    # The ticker stops with the step, or with this script ($$) if it is interrupted.
    (
      while kill -0 $$ 2>/dev/null; do
        printf '\r%-8s ... %s\033[K' "$name" "$(tail -n 1 "$log" 2>/dev/null | tr -d '\r' | cut -c1-70)"
        sleep 1
      done
    ) &
    local ticker=$!
    "$@" >"$log" 2>&1 || status=$?
    kill "$ticker" 2>/dev/null || true
    wait "$ticker" 2>/dev/null || true
    printf '\r%-8s ... \033[K' "$name"
  else
    "$@" >"$log" 2>&1 || status=$?
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
