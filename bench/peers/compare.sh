#!/usr/bin/env bash
# Compares claimx with the Python peer (spaCy en_core_web_sm + textacy's direct_quotations) on
# folders of *.txt articles, on this machine, in one invocation.
#
#   bench/peers/compare.sh [DIR...]
#
# DIR defaults to ../shared/data/polnear/dev/text from the repo root. Runs setup.sh, builds
# claimx in release, then for each DIR runs RUNS rounds (default 3). In each round the tools
# alternate (claimx with NER and --timings, claimx --attribution both, claimx --no-ner,
# textacy), so that background
# load hits them alike, followed by two start-up probes: `claimx --version` (the floor: the
# process loading libtorch) and a one-line article on standard input with NER on (start-up
# to the first record). With LOAD=1 every round is run a second time while NPROC busy-loop
# processes keep every core busy, and the figures are reported for both conditions.
#
# Prints per DIR and condition: articles, failures, records, median wall seconds of the
# whole process, articles/s, sentences/s and word pieces/s through the NER stage, peak RSS,
# content+source F1 (when DIR's parent holds the gold); claimx's median time per stage; the
# speed ratios claimx/textacy; with LOAD=1 each tool's loaded/quiet ratio; the start-up
# breakdown; and, with several DIRs, claimx's peak RSS per folder (memory flat in corpus size).
# CLAIMX=/path/to/claimx uses that binary instead of building this tree's.
# Outputs and logs go to out/peers/ (git-ignored); every run is a row of out/peers/runs.tsv.
set -euo pipefail

dirs=()
for arg in "$@"; do
    # Resolve each DIR against the caller's directory before moving to the repo root.
    dirs+=("$(realpath -e "$arg")")
done
cd "$(dirname "$0")/../.."
root=$PWD
if [[ ${#dirs[@]} -eq 0 ]]; then
    dirs=("$(realpath -e "$root/../shared/data/polnear/dev/text")")
fi
for dir in "${dirs[@]}"; do
    [[ -d $dir ]] || { echo "compare.sh: $dir: not a folder" >&2; exit 1; }
done
runs=${RUNS:-3}
load=${LOAD:-0}
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
conditions=(quiet)
[[ $load == 1 ]] && conditions+=(loaded)
echo "compare.sh: ${#dirs[@]} folder(s); $runs rounds; conditions: ${conditions[*]}; $(nproc) cores" >&2

results=$out/runs.tsv
printf 'dir\tcondition\ttool\trun\twall_s\trss_kb\texit\trecords\tfailed\tloop_s\tsentences\tpieces\tlog\n' >"$results"

burners=()
# start_load: one busy loop per core, as a second process keeping the machine busy would.
start_load() {
    for _ in $(seq 1 "$(nproc)"); do
        "$py" -c 'while True: pass' &
        burners+=($!)
    done
}
stop_load() {
    if [[ ${#burners[@]} -gt 0 ]]; then
        kill "${burners[@]}" 2>/dev/null || true
        wait "${burners[@]}" 2>/dev/null || true
    fi
    burners=()
}
trap stop_load EXIT

# run DIR CONDITION TOOL RUN OUTPUT CMD...: measures CMD, appends a row to $results.
run() {
    local dir=$1 condition=$2 tool=$3 i=$4 output=$5
    shift 5
    local log=$out/$(basename "$(dirname "$dir")")-$condition-$tool.$i.log
    local measured wall rss code records failed loop_s= sentences= pieces=
    if [[ -n ${STDIN:-} ]]; then
        measured=$("$py" bench/peers/measure.py "$@" 2>"$log" <"$STDIN")
    else
        measured=$("$py" bench/peers/measure.py "$@" 2>"$log")
    fi
    read -r wall rss code <<<"$measured"
    # claimx exits 2 when some articles failed (they are counted below); anything else is fatal.
    if [[ $code != 0 && $code != 2 ]]; then
        echo "compare.sh: $tool run $i exited $code; log:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    records=$( [[ -f $output ]] && wc -l <"$output" || echo 0)
    if [[ $tool == textacy ]]; then
        read -r failed loop_s sentences pieces < <("$py" -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["failures"], s["wall_s"], s["sentences"], s["tokens"])' "$out/textacy.stats.json")
    else
        failed=$(sed -n 's/.* \([0-9][0-9]*\) articles failed.*/\1/p' "$log" | tail -1)
        sentences=$(sed -n 's/^NER: \([0-9]*\) sentences.*/\1/p' "$log" | tail -1)
        pieces=$(sed -n 's/^NER: [0-9]* sentences, \([0-9]*\) word pieces.*/\1/p' "$log" | tail -1)
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$dir" "$condition" "$tool" "$i" "$wall" "$rss" "$code" \
        "$records" "${failed:-}" "$loop_s" "${sentences:-}" "${pieces:-}" "$log" >>"$results"
    echo "compare.sh: $(basename "$(dirname "$dir")") $condition $tool run $i: ${wall}s, $((rss / 1024)) MB, $records records" >&2
}

one_line=$out/one-line.jsonl
printf '%s\n' '{"id": "one", "text": "\"The meeting will be held in Washington,\" Trump said on Tuesday."}' >"$one_line"

for dir in "${dirs[@]}"; do
    tag=$(basename "$(dirname "$dir")")
    for i in $(seq 1 "$runs"); do
        for condition in "${conditions[@]}"; do
            [[ $condition == loaded ]] && start_load
            run "$dir" "$condition" claimx "$i" "$out/$tag-claimx.jsonl" \
                "$claimx" extract "$dir" -o "$out/$tag-claimx.jsonl" --progress never --timings
            run "$dir" "$condition" claimx-both "$i" "$out/$tag-claimx-both.jsonl" \
                "$claimx" extract "$dir" -o "$out/$tag-claimx-both.jsonl" --progress never --attribution both --timings
            run "$dir" "$condition" claimx-no-ner "$i" "$out/$tag-claimx-no-ner.jsonl" \
                "$claimx" extract "$dir" -o "$out/$tag-claimx-no-ner.jsonl" --progress never --no-ner --timings
            run "$dir" "$condition" textacy "$i" "$out/$tag-textacy.jsonl" \
                "$py" bench/peers/textacy_claims.py "$dir" "$out/$tag-textacy.jsonl" --stats "$out/textacy.stats.json"
            run "$dir" "$condition" start-up-floor "$i" /nonexistent "$claimx" --version
            STDIN=$one_line run "$dir" "$condition" start-up-one-line "$i" "$out/one-line.out.jsonl" \
                "$claimx" extract - -o "$out/one-line.out.jsonl" --progress never --timings
            [[ $condition == loaded ]] && stop_load
        done
    done
done

# Scores, for folders whose parent holds the gold (the PolNeAR layout).
for dir in "${dirs[@]}"; do
    gold=$(dirname "$dir")
    tag=$(basename "$gold")
    [[ $(basename "$dir") == text && -d $gold/attributions ]] || continue
    for tool in claimx claimx-both claimx-no-ner textacy; do
        "$claimx" eval --gold "$gold" "$out/$tag-$tool.jsonl" --json >"$out/$tag-$tool.eval.json" 2>"$out/$tag-$tool.eval.log" || {
            echo "compare.sh: claimx eval failed on $tag $tool; see $out/$tag-$tool.eval.log" >&2
            rm -f "$out/$tag-$tool.eval.json"
        }
    done
done

"$py" bench/peers/summary.py "$results" "$out"
