#!/usr/bin/env bash
# Compares claimx with the Python peer (spaCy en_core_web_sm + textacy's direct_quotations) on
# one folder of *.txt articles, on this machine.
#
#   bench/peers/compare.sh [DIR]
#
# DIR defaults to ../shared/data/polnear/dev/text from the repo root. Runs setup.sh, builds
# claimx in release, then runs claimx, claimx --no-ner and textacy RUNS times each
# (default 3; the three tools alternate within each round so background load hits them alike)
# and prints: articles, failed articles, records, median wall seconds of the whole process
# (start-up and model load included), articles/s from that median, peak RSS (max over runs),
# and the speed ratio claimx/textacy. When `claimx eval` exists, both outputs are scored
# against the gold folder (GOLD, default: DIR's parent when DIR is .../text) and the
# content+source F1 (all and quoted subset) is added.
# CLAIMX=/path/to/claimx uses that binary instead of building this tree's.
# Outputs and logs go to out/peers/ (git-ignored).
set -euo pipefail

if [[ $# -gt 1 ]]; then
    echo "usage: $0 [DIR]" >&2
    exit 1
fi
# Resolve DIR against the caller's directory before moving to the repo root.
if [[ $# -eq 1 ]]; then
    dir=$(realpath -e "$1")
fi
cd "$(dirname "$0")/../.."
root=$PWD
if [[ $# -eq 0 ]]; then
    dir=$(realpath -e "$root/../shared/data/polnear/dev/text")
fi
[[ -d $dir ]] || { echo "compare.sh: $dir: not a folder" >&2; exit 1; }
runs=${RUNS:-3}
out=$root/out/peers
mkdir -p "$out"

bench/peers/setup.sh
py=$root/.venv-peers/bin/python
if [[ -n ${CLAIMX:-} ]]; then
    claimx=$(realpath -e "$CLAIMX")
else
    cargo build --release --quiet
    claimx=$root/target/release/claimx
fi

n_articles=$(find "$dir" -maxdepth 1 -name '*.txt' -type f | wc -l)
echo "compare.sh: $n_articles articles in $dir; $runs runs per tool; $(nproc) cores" >&2

results=$out/runs.tsv
printf 'tool\trun\twall_s\trss_kb\texit\trecords\tfailed\tloop_s\n' > "$results"

# run TOOL RUN OUTPUT CMD...: measures CMD, appends a row to $results.
run() {
    local tool=$1 i=$2 output=$3
    shift 3
    local log=$out/$tool.$i.log measured wall rss code records failed loop_s
    measured=$("$py" bench/peers/measure.py "$@" 2>"$log")
    read -r wall rss code <<<"$measured"
    # claimx exits 2 when some articles failed (they are counted below); anything else is fatal.
    if [[ $code != 0 && $code != 2 ]]; then
        echo "compare.sh: $tool run $i exited $code; log:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    records=$(wc -l <"$output")
    if [[ $tool == textacy ]]; then
        failed=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["failures"])' "$out/textacy.stats.json")
        loop_s=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["wall_s"])' "$out/textacy.stats.json")
    else
        failed=$(sed -n 's/.* \([0-9][0-9]*\) articles failed.*/\1/p' "$log" | tail -1)
        loop_s=
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$i" "$wall" "$rss" "$code" "$records" "${failed:-?}" "$loop_s" >>"$results"
    echo "compare.sh: $tool run $i: ${wall}s, $((rss / 1024)) MB, $records records" >&2
}

for i in $(seq 1 "$runs"); do
    run claimx "$i" "$out/claimx.jsonl" \
        "$claimx" extract "$dir" -o "$out/claimx.jsonl" --progress never
    run claimx-no-ner "$i" "$out/claimx-no-ner.jsonl" \
        "$claimx" extract "$dir" -o "$out/claimx-no-ner.jsonl" --progress never --no-ner
    run textacy "$i" "$out/textacy.jsonl" \
        "$py" bench/peers/textacy_claims.py "$dir" "$out/textacy.jsonl" --stats "$out/textacy.stats.json"
done

# Scores, when this claimx has the eval subcommand.
gold=${GOLD:-}
if [[ -z $gold && $(basename "$dir") == text && -d $(dirname "$dir")/attributions ]]; then
    gold=$(dirname "$dir")
fi
scored=0
if "$claimx" eval --help >/dev/null 2>&1; then
    if [[ -n $gold ]]; then
        for tool in claimx claimx-no-ner textacy; do
            "$claimx" eval --gold "$gold" "$out/$tool.jsonl" --json >"$out/$tool.eval.json" 2>"$out/$tool.eval.log" || {
                echo "compare.sh: claimx eval failed on $tool (exit $?); see $out/$tool.eval.log" >&2
                rm -f "$out/$tool.eval.json"
            }
        done
        scored=1
    else
        echo "compare.sh: note: no gold folder for $dir (set GOLD=...); F1 skipped" >&2
    fi
else
    echo "compare.sh: note: this claimx has no 'eval' subcommand yet; F1 columns skipped" >&2
fi

"$py" - "$results" "$out" "$n_articles" "$scored" <<'PY'
import csv, json, statistics, sys
from pathlib import Path

results, out, n_articles, scored = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
rows = {}
for row in csv.DictReader(open(results), delimiter="\t"):
    rows.setdefault(row["tool"], []).append(row)

def f1s(tool):
    """overall and quoted content+source F1 from `claimx eval --json`, or None."""
    path = out / f"{tool}.eval.json"
    if not path.exists():
        return None, None
    report = json.loads(path.read_text())
    def get(section):
        try:
            return float(report[section]["content_source"]["f1"])
        except (KeyError, TypeError, ValueError):
            return None
    return get("overall"), get("quoted")

table = []
for tool, runs in rows.items():
    wall = statistics.median(float(r["wall_s"]) for r in runs)
    rss = max(int(r["rss_kb"]) for r in runs) / 1024
    loops = [float(r["loop_s"]) for r in runs if r["loop_s"]]
    table.append({
        "tool": tool, "articles": n_articles, "failed": runs[-1]["failed"],
        "records": runs[-1]["records"], "wall": wall, "rate": n_articles / wall if wall else float("inf"),
        "rss": rss, "loop": statistics.median(loops) if loops else None, "f1": f1s(tool),
    })

header = ["tool", "articles", "failed", "records", "wall s (median)", "articles/s", "peak RSS MB"]
if scored:
    header += ["content+source F1", "quoted c+s F1"]
lines = [header]
for t in table:
    line = [t["tool"], str(t["articles"]), t["failed"], t["records"], f"{t['wall']:.3f}", f"{t['rate']:.2f}", f"{t['rss']:.0f}"]
    if scored:
        line += ["n/a" if v is None else f"{v:.3f}" for v in t["f1"]]
    lines.append(line)
widths = [max(len(l[c]) for l in lines) for c in range(len(header))]
print()
for n, l in enumerate(lines):
    print("  ".join(cell.ljust(w) if c == 0 else cell.rjust(w) for c, (cell, w) in enumerate(zip(l, widths))))
    if n == 0:
        print("  ".join("-" * w for w in widths))
print()
by_tool = {t["tool"]: t for t in table}
textacy = by_tool.get("textacy")
for t in table:
    if t["tool"] != "textacy" and textacy:
        print(f"speed ratio {t['tool']}/textacy (articles/s): {textacy['wall'] / t['wall']:.1f}x")
if textacy and textacy["loop"]:
    print(f"textacy without start-up and model load: {textacy['loop']:.2f} s median, "
          f"{n_articles / textacy['loop']:.2f} articles/s")
print(f"wall = whole process, median of {len(next(iter(rows.values())))} runs; RSS = max over runs; "
      f"per-run figures in {results}")
if not scored:
    print("F1: skipped (no `claimx eval` in this build, or no gold folder)")
PY
