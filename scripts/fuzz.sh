#!/usr/bin/env bash
# Fuzzes the rule stages: runs each cargo-fuzz target in fuzz/ (reading, sentences, quotes,
# pipeline) for SECONDS (default 60) and fails when any of them finds a crash, a panic or a
# bad span.
#
#   scripts/fuzz.sh [SECONDS]
#
# Installs cargo-fuzz when it is missing. cargo-fuzz needs nightly flags; on the stable
# toolchain RUSTC_BOOTSTRAP=1 allows them. Builds with debug assertions and overflow checks
# (-a), so that a reversed span or an offset underflow fails at once, and without a sanitizer
# (-s none): claimx has no unsafe code, so AddressSanitizer would only slow the runs.
#
# Each target starts from corpus/*.txt and the small snippets in fuzz/seeds/, and grows its
# corpus in fuzz/corpus/TARGET; a crash's input lands in fuzz/artifacts/TARGET/ (neither is
# committed). Reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -a -s none TARGET fuzz/artifacts/TARGET/crash-...
# and shrink it with `cargo fuzz tmin -a -s none TARGET FILE`.
set -euo pipefail

EACH="${1:-60}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

failed=()
for target in reading sentences quotes pipeline; do
    corpus="$ROOT/fuzz/corpus/$target"
    mkdir -p "$corpus"
    cp corpus/*.txt fuzz/seeds/* "$corpus/"
    echo "== fuzzing $target for ${EACH}s"
    # -timeout: an input that takes seconds is a bug too (a stage gone quadratic).
    if ! cargo fuzz run -a -s none "$target" "$corpus" -- \
        -max_total_time="$EACH" -timeout=10 -max_len=8192 \
        -dict="$ROOT/fuzz/claimx.dict" -print_final_stats=1; then
        failed+=("$target")
    fi
done

if ((${#failed[@]})); then
    echo "fuzzing found crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "every target ran ${EACH}s clean"
