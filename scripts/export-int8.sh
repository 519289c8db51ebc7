#!/usr/bin/env bash
# Makes the int8 TorchScript export of a claimx NER model folder (MODEL_DIR/model.int8.pt),
# the file `claimx` runs by default when it is there (see models/README.md).
#
#   scripts/export-int8.sh [MODEL_DIR]      # default: models/claimx-ner-minilm
#
# Installs PyTorch 2.4.0 (the libtorch version claimx links; a TorchScript file is read by
# the libtorch that matches the one that wrote it) and safetensors from PyPI into
# .venv-export/ at the repository root (git-ignored; about 5 GB with the CUDA wheels PyPI's
# torch 2.4.0 depends on, a few minutes once), then runs scripts/export-int8.py, which checks
# the export against f32 on PolNeAR dev sentences before writing it. Not run in CI: the
# export is committed with the model.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${1:-$ROOT/models/claimx-ner-minilm}"
VENV="$ROOT/.venv-export"
PYTHON="${PYTHON:-python3}"
PINS=(torch==2.4.0 safetensors==0.8.0 numpy==2.4.6)

[[ -f $MODEL/config.json && -f $MODEL/model.safetensors ]] || {
    echo "export-int8.sh: $MODEL: not a model folder (needs config.json and model.safetensors)" >&2
    exit 1
}
stamp="$VENV/.claimx-pins"
if [[ ! -f $stamp || "$(cat "$stamp")" != "${PINS[*]}" ]]; then
    echo "export-int8.sh: installing ${PINS[*]} into $VENV ..." >&2
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "${PINS[@]}"
    echo "${PINS[*]}" >"$stamp"
fi

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
