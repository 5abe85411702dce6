#!/usr/bin/env bash
# Fits the time model on tests/calibration, writes the command's report into docs/calibration.md
# (between the fit markers) and the scatter plot docs/calibration.svg.
# Usage: scripts/calibration_report.sh [BUILD_DIR]   (add --write-params to update data/bri/time_model.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
fit_csv=$build/calibration_fit.csv
report=$("$build/silkroute" calibrate tests/calibration/published_pairs.csv tests/calibration/holdout_pairs.csv \
  --fit --out "$fit_csv" --force "$@" 2>/dev/null | grep -v '^wrote ')
# A fit that was stopped or failed leaves the docs as they were.
case $report in *"Time-model fit of"*) ;; *) echo "calibration_report: the fit gave no report; docs unchanged" >&2; exit 1 ;; esac
python3 - "$report" <<'PY'
import os, re, sys
path = "docs/calibration.md"
text = open(path, encoding="utf-8").read()
block = "<!-- fit:begin -->\n```\n" + sys.argv[1].strip().replace(os.getcwd() + "/", "") + "\n```\n<!-- fit:end -->"
text = re.sub(r"<!-- fit:begin -->.*<!-- fit:end -->", lambda m: block, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
/usr/bin/python3 scripts/calibration_plot.py "$fit_csv" docs/calibration.svg
