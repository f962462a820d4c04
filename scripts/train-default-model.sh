#!/usr/bin/env bash
# Rebuilds the shipped default in-house model, models/small, from scratch on this machine:
#   1. the default synthetic dataset: 50,000 pairs (feedback 40%, explain 40%, plan_adjust 20%), seed synth-v1;
#   2. `satprep model train --preset small`: STEPS (default 4,000) steps of 8 rows × 384 tokens, capped at
#      SECONDS_CAP wall-clock seconds (the issue's budget is 2 hours; the cosine schedule assumes
#      the full step count, and train.json records where a capped run stopped);
#   3. `satprep model eval` on the held-out split beside the template provider → models/small/eval/.
# 4,000 steps take about 45 minutes on 2 cores with the native kernels; run it in the background:
#   nohup scripts/train-default-model.sh > train-default.log 2>&1 &
# WARM_START=models/small continues from the shipped weights instead (their tokenizer too), e.g. after a
# prompt changed: WARM_START=models/small STEPS=1500 LR=6e-4 scripts/train-default-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/satprep-default-model}
SECONDS_CAP=${SECONDS_CAP:-6900}
STEPS=${STEPS:-4000}
LR=${LR:-2e-3}
export DATA_DIR="$WORK/data"
mkdir -p "$WORK"
WARM=()
# Copied first: the last step below replaces models/small.
if [[ -n "${WARM_START:-}" ]]; then rm -rf "$WORK/warm" && cp -r "$WARM_START" "$WORK/warm" && WARM=(--warm-start "$WORK/warm"); fi

npx tsx src/cli/main.ts synth --pairs 50000 --seed synth-v1 --out "$WORK/synth"
npx tsx src/cli/main.ts model train --data "$WORK/synth/pairs.jsonl" --preset small --steps "$STEPS" --batch 8 --lr "$LR" "${WARM[@]}" \
  --seconds "$SECONDS_CAP" --seed default-small --no-register --work "$WORK/small"
npx tsx src/cli/main.ts model eval "$WORK/small" --n 300 --ppl-n 500 --review 100

# The model card (README.md) is written by hand from the evaluation; everything else is replaced.
find models/small -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
mkdir -p models/small
cp "$WORK/small"/{model.safetensors,config.json,tokenizer.json,train.json,heldout.jsonl} models/small/
cp -r "$WORK/small/eval" models/small/eval
echo "models/small rebuilt; its evaluation is in models/small/eval/"
