#!/usr/bin/env bash
# Installs what the tests read besides ../shared: the Reuters-21578 "acq" wires of Debian's
# r-cran-tm package (tests/reuters.rs reads /usr/lib/R/site-library/tm/texts/acq). Their
# text is for research use, so it is not in the repository.
#
# Idempotent: does nothing when the wires are there. Needs root and Debian's apt.
set -euo pipefail

WIRES=/usr/lib/R/site-library/tm/texts/acq
if [[ -d "$WIRES" ]]; then
    echo "r-cran-tm already installed ($WIRES)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends r-cran-tm >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends r-cran-tm >/dev/null; }
test -d "$WIRES"
echo "r-cran-tm installed ($WIRES)"
