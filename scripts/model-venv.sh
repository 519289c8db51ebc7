#!/usr/bin/env bash
# The Python environment of the model-making scripts (export-int8.sh, train-roles.sh):
# PyTorch 2.4.0 (the libtorch claimx links; a TorchScript file is read by the libtorch that
# matches the one that wrote it), safetensors, numpy and tokenizers (the Rust tokenizers'
# release line, reading the same tokenizer.json) from PyPI, in .venv-export/ at the
# repository root (git-ignored; about 5 GB with the CUDA wheels PyPI's torch 2.4.0 depends
# on, a few minutes once). Sourced; sets VENV.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-export"
PINS=(torch==2.4.0 safetensors==0.8.0 numpy==2.4.6 tokenizers==0.20.3)
stamp="$VENV/.claimx-pins"
if [[ ! -f $stamp || "$(cat "$stamp")" != "${PINS[*]}" ]]; then
    echo "$(basename "$0"): installing ${PINS[*]} into $VENV ..." >&2
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "${PINS[@]}"
    echo "${PINS[*]}" >"$stamp"
fi
