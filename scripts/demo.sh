#!/usr/bin/env bash
# The main job: installs what is missing, builds itagap, prints the Thai
# analysis of the demo data set (the seed document's unit and round), writes
# the seed document from the data (demo-kpi-2.1.docx and .pdf), then serves
# the demo web site (`itagap demo`) until Ctrl+C. Extra arguments go to
# `itagap demo`, e.g. --listen 0.0.0.0:8080 or --db postgresql://...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
./build/release/src/itagap score \
  --questionnaire data/questionnaires/ita-internal-2568.json \
  --responses data/demo/responses.csv
./build/release/src/itagap demo --db sqlite:demo.db --setup-only
for format in docx pdf; do
  ./build/release/src/itagap report --db sqlite:demo.db --unit ศรป. --round "ITA 2568 รอบ 5 เดือนแรก" \
    --format "$format" -o "demo-kpi-2.1.$format"
done
exec ./build/release/src/itagap demo --db sqlite:demo.db "$@"
