#!/usr/bin/env bash
# Trains the attribution head of a claimx model folder on PolNeAR train (scripts/train-roles.py:
# Source, Cue and Content per word piece on the frozen int8 NER encoder), then exports the
# folder's int8 module with both heads (scripts/export-int8.sh). See models/README.md.
#
#   scripts/train-roles.sh [MODEL_DIR] [train-roles.py options, e.g. --steps 8000]
#
# Reads ../shared/data/polnear/{train,dev} and ../shared/data/polnear-ner/{train,dev}.jsonl.
# Not run in CI: the head is committed with the model.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="$ROOT/models/claimx-ner-minilm"
if [[ $# -gt 0 && $1 != --* ]]; then
    MODEL="$1"
    shift
fi
[[ -f $MODEL/config.json && -f $MODEL/model.safetensors ]] || {
    echo "train-roles.sh: $MODEL: not a model folder (needs config.json and model.safetensors)" >&2
    exit 1
}
source "$ROOT/scripts/model-venv.sh"
"$VENV/bin/python" "$ROOT/scripts/train-roles.py" "$MODEL" "$@"
"$ROOT/scripts/export-int8.sh" "$MODEL"
