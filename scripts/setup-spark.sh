#!/usr/bin/env bash
# Installs what tests/spark.rs needs to run the Spark job of examples/spark/: a Java runtime
# (Debian's default-jre-headless, when `java` is missing; needs root and Debian's apt) and
# pyspark from PyPI into .venv-spark/ at the repository root (git-ignored, about 370 MB, a
# minute once). pyspark 3.5 is the line that runs on Java 17 (Debian 12's default) and
# Python 3.11; py4j is pinned to the version it requires.
#
# Idempotent: with java there and the venv's pins recorded in its stamp file, does nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-spark"
PYTHON="${PYTHON:-python3}"
PINS=(pyspark==3.5.9 py4j==0.10.9.9)

if command -v java >/dev/null; then
    echo "setup-spark.sh: java already installed ($(command -v java))"
else
    echo "setup-spark.sh: installing default-jre-headless ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends default-jre-headless >/dev/null \
        || { apt-get update >/dev/null && apt-get install -y --no-install-recommends default-jre-headless >/dev/null; }
    command -v java >/dev/null
fi

stamp="$VENV/.claimx-pins"
if [[ -f $stamp && "$(cat "$stamp")" == "${PINS[*]}" ]]; then
    echo "setup-spark.sh: ${PINS[*]} already in $VENV"
    exit 0
fi
echo "setup-spark.sh: installing ${PINS[*]} into $VENV ..."
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet "${PINS[@]}"
echo "${PINS[*]}" >"$stamp"
