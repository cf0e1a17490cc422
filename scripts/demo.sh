#!/usr/bin/env bash
# The main job: installs what is missing, builds itagap, prints the Thai
# analysis of the demo data set (the seed document's unit and round), then
# serves the demo web site (`itagap demo`) until Ctrl+C. Extra arguments go to
# `itagap demo`, e.g. --listen 0.0.0.0:8080 or --db postgresql://...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
./build/release/src/itagap score \
  --questionnaire data/questionnaires/ita-internal-2568.json \
  --responses data/demo/responses.csv
exec ./build/release/src/itagap demo --db sqlite:demo.db "$@"
