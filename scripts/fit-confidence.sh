#!/usr/bin/env bash
# Fits src/attribution/confidence.tsv on PolNeAR train, cross-fitted (src/attribution/confidence.rs):
# trains the attribution head twice on the shipped encoder, each time without one half of
# train's articles (scripts/train-roles.sh --fold K/2: article i, in stem order, is in fold
# i mod 2), then extracts each half with the head that did not see it
# (`claimx eval --cross-fit`), so that the head's rows count claims on articles it never
# learned. The shipped head itself is trained on all of train (models/README.md).
#
#   scripts/fit-confidence.sh [WORK_DIR]     (default: target/cross-fit)
#
# The two trainings run side by side with one thread each (about 50 min on 2 cores; two
# OpenMP pools of two threads would fight over the cores). A fold whose folder already holds
# its int8 export is not trained again. Reads ../shared/data/polnear; not run in CI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$ROOT/target/cross-fit}"
MODEL="$ROOT/models/claimx-ner-minilm"
FOLDS=2
# Installed once here, so that the two trainings do not both install it.
source "$ROOT/scripts/model-venv.sh"

pids=()
dirs=()
for ((k = 0; k < FOLDS; k++)); do
    dir="$WORK/fold-$k-of-$FOLDS"
    dirs+=("$dir")
    [[ -f $dir/model.int8.pt ]] && continue
    mkdir -p "$dir"
    cp "$MODEL"/{config.json,model.safetensors,tokenizer.json,vocab.txt} "$dir/"
    echo "fit-confidence.sh: training fold $k of $FOLDS (log: $dir/train.log)" >&2
    "$ROOT/scripts/train-roles.sh" "$dir" --fold "$k/$FOLDS" --threads 1 >"$dir/train.log" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || {
        echo "fit-confidence.sh: a fold's training failed; see $WORK/fold-*/train.log" >&2
        exit 1
    }
done

cross=()
for dir in "${dirs[@]}"; do
    cross+=(--cross-fit "$dir")
done
cd "$ROOT"
cargo run --release -- eval --gold ../shared/data/polnear/train --attribution both \
    --fit-confidence src/attribution/confidence.tsv "${cross[@]}"
