#!/usr/bin/env bash
# The main job: installs what is missing, builds itagap, and scores the demo
# data set (the seed document's unit and round), printing the Thai analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
./build/release/src/itagap score \
  --questionnaire data/questionnaires/ita-internal-2568.json \
  --responses data/demo/responses.csv "$@"
