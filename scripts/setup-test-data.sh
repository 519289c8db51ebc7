#!/usr/bin/env bash
# Installs what the tests need besides ../shared, from Debian's apt:
# - the Reuters-21578 "acq" wires of Debian's r-cran-tm package (tests/reuters.rs reads
#   /usr/lib/R/site-library/tm/texts/acq). Their text is for research use, so it is not in
#   the repository.
# - tmux, the terminal tests/show.rs runs `claimx show` in.
#
# Idempotent: installs only what is missing. Needs root and Debian's apt.
set -euo pipefail

WIRES=/usr/lib/R/site-library/tm/texts/acq
missing=()
[[ -d "$WIRES" ]] || missing+=(r-cran-tm)
command -v tmux >/dev/null || missing+=(tmux)
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "r-cran-tm and tmux already installed"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
test -d "$WIRES"
command -v tmux >/dev/null
echo "installed: ${missing[*]}"
