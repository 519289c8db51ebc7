#!/usr/bin/env python3
"""Prints the tables of compare.sh from its runs.tsv: medians, rates, ratios, stage times.

    summary.py RUNS.tsv OUT_DIR

Every figure is a median over the rounds of one folder and condition (peak RSS: the maximum),
so one slow round on a shared machine does not move it. Rates divide the folder's counts by
the median wall time of the whole process: articles/s; sentences/s and word pieces/s through
the NER stage (claimx: the sentences it tagged and their word pieces, from --timings; the
peer: spaCy's sentences and tokens).
"""

import csv
import json
import re
import statistics
import sys
from pathlib import Path

STAGE_LINE = re.compile(r"^(\S.*?)\s{2,}(\d+\.\d+)$")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def number(text):
    return float(text) if text not in ("", None) else None


def stage_times(log):
    """The --timings table of a claimx log: stage name -> seconds."""
    times, inside = {}, False
    for line in Path(log).read_text(errors="replace").splitlines():
        if line == "claimx: timings":
            inside = True
        elif inside:
            match = STAGE_LINE.match(line)
            if match:
                times[match.group(1).rstrip(" *")] = float(match.group(2))
    return times


def f1s(out, tag, tool):
    path = out / f"{tag}-{tool}.eval.json"
    if not path.exists():
        return None, None
    report = json.loads(path.read_text())
    return tuple(report.get(s, {}).get("content_source", {}).get("f1") for s in ("overall", "quoted"))


def print_table(header, lines):
    widths = [max(len(str(l[c])) for l in [header] + lines) for c in range(len(header))]
    fmt = lambda l: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(l, widths)))
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for l in lines:
        print(fmt(l))


# The variants compare.sh runs: claimx as users run it by default, with the attribution head
# beside the rules (`--attribution both`), without NER, and the peer last.
TOOLS = ("claimx", "claimx-both", "claimx-no-ner", "textacy")


def main():
    results, out = sys.argv[1], Path(sys.argv[2])
    groups = {}
    for row in csv.DictReader(open(results), delimiter="\t"):
        groups.setdefault((row["dir"], row["condition"], row["tool"]), []).append(row)
    dirs = list(dict.fromkeys(k[0] for k in groups))
    conditions = list(dict.fromkeys(k[1] for k in groups))
    wall = {k: median(float(r["wall_s"]) for r in rows) for k, rows in groups.items()}
    rss = {k: max(int(r["rss_kb"]) for r in rows) / 1024 for k, rows in groups.items()}
    for d in dirs:
        tag = Path(d).parent.name
        n_articles = len(list(Path(d).glob("*.txt")))
        for c in conditions:
            print(f"\n== {d} ({n_articles} articles), {c} ==")
            lines = []
            for tool in TOOLS:
                rows = groups.get((d, c, tool))
                if not rows:
                    continue
                w = wall[(d, c, tool)]
                sentences, pieces = number(rows[-1]["sentences"]), number(rows[-1]["pieces"])
                overall, quoted = f1s(out, tag, tool)
                lines.append([
                    tool, n_articles, rows[-1]["failed"], rows[-1]["records"], f"{w:.3f}",
                    f"{n_articles / w:.2f}",
                    f"{sentences / w:.0f}" if sentences else "-",
                    f"{pieces / w:.0f}" if pieces else "-",
                    f"{rss[(d, c, tool)]:.0f}",
                    "-" if overall is None else f"{overall:.3f}",
                    "-" if quoted is None else f"{quoted:.3f}",
                ])
            print_table(["tool", "articles", "failed", "records", "wall s", "articles/s", "sentences/s",
                         "pieces/s", "peak RSS MB", "c+s F1", "quoted c+s F1"], lines)
            peer = wall.get((d, c, "textacy"))
            for tool in TOOLS[:-1]:
                if peer and (d, c, tool) in wall:
                    print(f"speed ratio {tool}/textacy (articles/s): {peer / wall[(d, c, tool)]:.2f}x")
            loops = [number(r["loop_s"]) for r in groups.get((d, c, "textacy"), [])]
            if median(loops):
                print(f"textacy without start-up and model load: {median(loops):.2f} s median")
            stages = [stage_times(r["log"]) for r in groups.get((d, c, "claimx"), [])]
            if stages:
                print("claimx time per stage (median s; * summed over threads):")
                for name in stages[0]:
                    print(f"  {name:<30} {median(s.get(name) for s in stages):8.3f}")
            floor = wall.get((d, c, "start-up-floor"))
            first = wall.get((d, c, "start-up-one-line"))
            if floor and first:
                one = [stage_times(r["log"]) for r in groups[(d, c, "start-up-one-line")]]
                load = median(s.get("model load") for s in one)
                print(f"start-up: claimx --version {floor:.3f} s (loading libtorch: the floor); "
                      f"one-line article with NER to its record {first:.3f} s, of which model load "
                      f"{load:.3f} s and {first - floor - load:.3f} s the rest")
        if "loaded" in conditions:
            print(f"\n== {d}: loaded / quiet wall time (median) ==")
            for tool in TOOLS:
                q, l = wall.get((d, "quiet", tool)), wall.get((d, "loaded", tool))
                if q and l:
                    print(f"  {tool:<15} {l / q:.2f}x  ({q:.2f} s quiet, {l:.2f} s loaded)")
    if len(dirs) > 1:
        print("\n== claimx peak RSS by folder (quiet) ==")
        for d in dirs:
            key = (d, "quiet", "claimx")
            if key in rss:
                print(f"  {d}: {rss[key]:.0f} MB for {len(list(Path(d).glob('*.txt')))} articles")
    print(f"\nper-run figures in {results}")


if __name__ == "__main__":
    main()
