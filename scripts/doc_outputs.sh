#!/usr/bin/env bash
# Keeps command outputs quoted in the docs equal to what the program prints.
# A block in a Markdown file looks like:
#   <!-- output: compare bri-2013 today --all city -->
#   ```text
#   ...output...
#   ```
# Usage: scripts/doc_outputs.sh check|update SILKROUTE_BINARY DOC.md
set -euo pipefail
mode=$1 bin=$2 doc=$3
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.out"' EXIT
status=0
{
  in_block=0
  while IFS= read -r line; do
    if [[ $line =~ ^\<\!--\ output:\ (.*)\ --\>$ ]]; then
      args=${BASH_REMATCH[1]}
      echo "$line"
      eval "\"$bin\" $args" >"$tmp.out" 2>/dev/null || true
      echo '```text'
      cat "$tmp.out"
      echo '```'
      in_block=1
      IFS= read -r fence   # the opening fence of the old block
      continue
    fi
    if [ $in_block = 1 ]; then
      [ "$line" = '```' ] && in_block=0
      continue
    fi
    echo "$line"
  done <"$doc"
} >"$tmp"
if [ "$mode" = update ]; then
  cp "$tmp" "$doc"
  echo "updated $doc"
elif ! diff -u "$doc" "$tmp"; then
  echo "$doc: quoted output differs from the program's; run scripts/doc_outputs.sh update build/silkroute $doc"
  status=1
fi
exit $status
