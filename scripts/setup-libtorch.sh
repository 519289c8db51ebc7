#!/usr/bin/env bash
# Installs the CPU part of libtorch 2.4.0 (the version tch 0.17 / rust-bert 0.23 need) into
# .libtorch/ at the repository root, taken from PyPI wheels: download.pytorch.org, where
# torch-sys would fetch it, is not reachable from our machines.
#
# Idempotent: when .libtorch/build-version already says 2.4.0 it does nothing.
# Needs python3 with pip, unzip (or python's zipfile) and a C compiler (for one stub library).
#
# Why each file (see docs in models/README.md and the notes it cites):
# - libtorch_cpu.so, libc10.so, libgomp: the CPU kernels and their runtime.
# - libcudart.so.12, libcupti.so.12: libtorch_cpu.so of the PyPI build links them even on CPU.
# - libtorch.so as an empty stub: torch-sys always links -ltorch, and the real one pulls in
#   libtorch_cuda.so and with it 2.5 GB of CUDA libraries we never call.
# - build-version: torch-sys reads the version from it.
set -euo pipefail

VERSION=2.4.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${LIBTORCH_DEST:-$ROOT/.libtorch}"

if [[ -f "$DEST/build-version" && "$(cat "$DEST/build-version")" == "$VERSION" \
      && -f "$DEST/lib/libtorch_cpu.so" ]]; then
    echo "libtorch $VERSION already in $DEST"
    exit 0
fi

PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Downloading torch==$VERSION and two CUDA runtime wheels from PyPI (about 800 MB)..."
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: -d "$WORK/dl" \
    "torch==$VERSION" nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105

STAGE="$WORK/libtorch"
mkdir -p "$STAGE/lib"
# Wheels are zip files; python's zipfile avoids depending on unzip.
"$PYTHON" - "$WORK/dl" "$STAGE" <<'PY'
import glob, os, re, shutil, sys, zipfile
dl, stage = sys.argv[1], sys.argv[2]
def wheel(prefix):
    found = glob.glob(os.path.join(dl, prefix + "-*.whl"))
    if len(found) != 1:
        sys.exit(f"expected one {prefix} wheel in {dl}, found {found}")
    return zipfile.ZipFile(found[0])
def copy(zf, name, dest):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with zf.open(name) as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out)
torch = wheel("torch")
lib = re.compile(r"torch/lib/(libtorch_cpu\.so|libc10\.so|libgomp-[0-9a-f]+\.so\.1)$")
for name in torch.namelist():
    if name.startswith("torch/include/") and not name.endswith("/"):
        copy(torch, name, os.path.join(stage, "include", name[len("torch/include/"):]))
    elif lib.match(name):
        copy(torch, name, os.path.join(stage, "lib", os.path.basename(name)))
for prefix, name in [("nvidia_cuda_runtime_cu12", "nvidia/cuda_runtime/lib/libcudart.so.12"),
                     ("nvidia_cuda_cupti_cu12", "nvidia/cuda_cupti/lib/libcupti.so.12")]:
    copy(wheel(prefix), name, os.path.join(stage, "lib", os.path.basename(name)))
PY

${CC:-cc} -shared -fPIC -o "$STAGE/lib/libtorch.so" -x c /dev/null
echo "$VERSION" > "$STAGE/build-version"

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$STAGE" "$DEST"
echo "libtorch $VERSION installed in $DEST"
