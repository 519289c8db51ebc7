#!/usr/bin/env bash
# Makes the int8 TorchScript export of a claimx NER model folder (MODEL_DIR/model.int8.pt),
# the file `claimx` runs by default when it is there (see models/README.md).
#
#   scripts/export-int8.sh [MODEL_DIR]      # default: models/claimx-ner-minilm
#
# Sets up the Python environment of scripts/model-venv.sh, then runs scripts/export-int8.py,
# which checks the export against f32 on PolNeAR dev sentences before writing it. When the
# folder has the attribution head (roles.safetensors, from scripts/train-roles.sh), the export
# holds it too. Not run in CI: the export is committed with the model.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${1:-$ROOT/models/claimx-ner-minilm}"
[[ -f $MODEL/config.json && -f $MODEL/model.safetensors ]] || {
    echo "export-int8.sh: $MODEL: not a model folder (needs config.json and model.safetensors)" >&2
    exit 1
}
source "$ROOT/scripts/model-venv.sh"

# Sentences to check the export on: the first lines of PolNeAR dev, when it is there.
check=()
dev="$ROOT/../shared/data/polnear/dev/text"
if [[ -d $dev ]]; then
    sentences="$(mktemp)"
    trap 'rm -f "$sentences"' EXIT
    # awk reads every file to the end (a `head` would break the pipe under pipefail).
    awk 'NF && n++ < 400' "$dev"/*.txt >"$sentences"
    check=(--check "$sentences")
fi
"$VENV/bin/python" "$ROOT/scripts/export-int8.py" "$MODEL" "${check[@]}"
