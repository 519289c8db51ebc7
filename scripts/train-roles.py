#!/usr/bin/env python3
"""Trains claimx's attribution head: Source, Cue and Content per word piece, on the NER encoder.

    scripts/train-roles.sh [MODEL_DIR] [--steps N ...]   # sets up the venv, then runs this file

The head (`Roles` in scripts/export-int8.py: a few encoder layers and a BIO classifier) reads
the last hidden states of the model folder's NER encoder, quantized exactly as
scripts/export-int8.py quantizes it, and the encoder stays frozen: claimx then encodes each
sentence once and gets entities and attribution roles from the same pass, and the entities
stay exactly what they were. The hidden states of every sentence are computed once, then the
head trains on them for an explicit number of steps (never the wall clock, so a run is the
same run on any machine).

Data: PolNeAR's brat attributions (`--train`, `--dev`: folders with text/ and attributions/,
offsets in code points) on the sentences of `../shared/data/polnear-ner/` (CoreNLP's, with
code-point offsets into the same texts). A word piece is labelled by the gold span it lies in:
a Cue before a Source before a Content, and the shortest Content when contents nest, so the
inner attribution of a report stays visible inside the outer content. B- starts each span
(also where a span enters the sentence), I- continues it.

Writes MODEL_DIR/roles.safetensors (f16), adds `claimx_roles` (labels, layers) to
MODEL_DIR/config.json, and writes MODEL_DIR/roles-training.json: the arguments, the sha256 of
every input, the loss curve and the dev scores (word-level exact spans per role, as claimx
decodes them). Then run scripts/export-int8.sh MODEL_DIR to put the head into model.int8.pt.
"""

import argparse
import hashlib
import importlib.util
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("export_int8", os.path.join(HERE, "export-int8.py"))
export = importlib.util.module_from_spec(spec)
spec.loader.exec_module(export)

LABELS = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]
ROLES = ["SOURCE", "CUE", "CONTENT"]
# Pieces per window, [CLS] and [SEP] included: what claimx feeds the model.
MAX_LENGTH = 128


def case_class(piece):
    """claimx's `case_class` (src/entities/bert.rs): 1 no letter, 2 lower, 3 Capital, 4 CAPS."""
    letters = [c for c in piece if c.isalpha()]
    if not letters:
        return 1
    if not letters[0].isupper():
        return 2
    rest = letters[1:]
    return 3 if not rest or any(c.islower() for c in rest) else 4


def fragments(field):
    """A brat span field "10 20;30 40" as [(10, 20), (30, 40)]."""
    return [tuple(int(x) for x in part.split()) for part in field.split(";")]


def gold_spans(ann_text):
    """(role, [(start, end), ...]) for every Source, Cue and Content of an .ann file."""
    out = []
    for line in ann_text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind, _, field = parts[1].partition(" ")
        if kind in ("Source", "Cue", "Content"):
            out.append((kind.upper(), fragments(field)))
    return out


def articles(split_dir):
    """{stem: (text, spans)} of a PolNeAR split, pairing files as claimx's brat reader does
    (the lexicographically first .ann of a stem)."""
    anns = {}
    for name in sorted(os.listdir(os.path.join(split_dir, "attributions"))):
        if name.endswith(".ann"):
            stem = name[: -len(".ann")].rsplit("_", 1)[0]
            anns.setdefault(stem, name)
    out = {}
    for stem, name in anns.items():
        text_path = os.path.join(split_dir, "text", stem + ".txt")
        if not os.path.isfile(text_path):
            continue
        with open(text_path, encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(split_dir, "attributions", name), encoding="utf-8") as f:
            out[stem] = (text, gold_spans(f.read()))
    return out


def sentences(ner_jsonl):
    """{article: [(start, end), ...]} from the silver NER file's token offsets."""
    out = {}
    with open(ner_jsonl, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["offsets"]:
                out.setdefault(row["article"], []).append(
                    (row["offsets"][0][0], row["offsets"][-1][1])
                )
    return out


PRIORITY = {"CUE": 0, "SOURCE": 1, "CONTENT": 2}


def piece_labels(offsets, start, spans):
    """The label id of each piece (char offsets relative to the sentence at `start`)."""
    owner = [None] * len(offsets)
    for index, (role, frags) in enumerate(spans):
        size = sum(e - s for s, e in frags)
        for k, (a, b) in enumerate(offsets):
            a, b = a + start, b + start
            if not any(s <= a and b <= e for s, e in frags):
                continue
            key = (PRIORITY[role], size)
            if owner[k] is None or key < owner[k][0]:
                owner[k] = (key, index, role)
    labels, last = [], None
    for k in range(len(offsets)):
        if owner[k] is None:
            labels.append(0)
            last = None
            continue
        _, index, role = owner[k]
        begin = last != index
        labels.append(LABELS.index(("B-" if begin else "I-") + role))
        last = index
    return labels


def examples(split_dir, ner_jsonl, tokenizer, fold=None):
    """One (ids, cases, labels, word_starts) per window of every sentence of the split;
    with `fold` (k, n), of the articles outside fold k: article i (in stem order) is in
    fold i mod n, as `claimx eval --cross-fit` deals them."""
    arts, sents = articles(split_dir), sentences(ner_jsonl)
    out = []
    for i, (stem, (text, spans)) in enumerate(sorted(arts.items())):
        if fold and i % fold[1] == fold[0]:
            continue
        for start, end in sents.get(stem, []):
            encoding = tokenizer.encode(text[start:end], add_special_tokens=False)
            if not encoding.ids:
                continue
            offsets = encoding.offsets
            near = [(role, frags) for role, frags in spans
                    if any(s < end and start < e for s, e in frags)]
            labels = piece_labels(offsets, start, near)
            cases = [case_class(text[start + a : start + b].strip()) for a, b in offsets]
            words = encoding.word_ids
            starts = [k == 0 or words[k] is None or words[k] != words[k - 1] for k in range(len(words))]
            size = MAX_LENGTH - 2
            for w in range(0, len(encoding.ids), size):
                out.append((encoding.ids[w : w + size], cases[w : w + size],
                            labels[w : w + size], starts[w : w + size]))
    return out


def batches(items, size, shuffle, rng):
    """Length-bucketed batches of indices: similar lengths together, less padding."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(chunks)
    return chunks


def padded(items, chunk, ids_of):
    width = max(len(items[i][0]) for i in chunk) + 2
    ids = torch.zeros(len(chunk), width, dtype=torch.long)
    case = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    for row, i in enumerate(chunk):
        piece_ids, cases, labs, _ = items[i]
        n = len(piece_ids)
        ids[row, 0], ids[row, n + 1] = ids_of["[CLS]"], ids_of["[SEP]"]
        ids[row, 1 : n + 1] = torch.tensor(piece_ids)
        case[row, 1 : n + 1] = torch.tensor(cases)
        mask[row, : n + 2] = 1
        labels[row, 1 : n + 1] = torch.tensor(labs)
    return ids, case, mask, labels


def hidden_states(encoder, head, items, ids_of):
    """The frozen int8 encoder's states that `head` reads, for every item, f16,
    [length + 2, hidden x states read]."""
    out = [None] * len(items)
    with torch.no_grad():
        for chunk in batches(items, 32, False, None):
            ids, case, mask, _ = padded(items, chunk, ids_of)
            hidden = head.select(encoder.states(ids, case, mask)).half()
            for row, i in enumerate(chunk):
                out[i] = hidden[row, : len(items[i][0]) + 2].clone()
    return out


def stacked(items, hidden, chunk):
    width = max(len(items[i][0]) for i in chunk) + 2
    x = torch.zeros(len(chunk), width, hidden[chunk[0]].size(-1))
    mask = torch.zeros(len(chunk), width, dtype=torch.long)
    labels = torch.full((len(chunk), width), -100, dtype=torch.long)
    for row, i in enumerate(chunk):
        n = hidden[i].size(0)
        x[row, :n] = hidden[i].float()
        mask[row, :n] = 1
        labels[row, 1 : n - 1] = torch.tensor(items[i][2])
    return x, mask, labels


def word_spans(labels, starts):
    """Exact (role, first word, last word) spans from the labels of each word's first piece,
    read as claimx reads BIO: an I- after another role opens a span."""
    spans, open_ = set(), None
    word = -1
    for label, start in zip(labels, starts):
        if not start:
            continue
        word += 1
        tag = LABELS[label]
        if tag == "O":
            if open_:
                spans.add(tuple(open_))
            open_ = None
            continue
        bio, role = tag.split("-")
        if bio == "I" and open_ and open_[0] == role:
            open_[2] = word
        else:
            if open_:
                spans.add(tuple(open_))
            open_ = [role, word, word]
    if open_:
        spans.add(tuple(open_))
    return spans


def score(head, items, hidden):
    """Word-level exact-span precision, recall and F1 per role over `items`."""
    counts = {role: [0, 0, 0] for role in ROLES}
    head.eval()
    with torch.no_grad():
        for chunk in batches(items, 64, False, None):
            x, mask, _ = stacked(items, hidden, chunk)
            predicted = head(x, mask).argmax(-1)
            for row, i in enumerate(chunk):
                _, _, gold, starts = items[i]
                guess = predicted[row, 1 : len(gold) + 1].tolist()
                g, p = word_spans(gold, starts), word_spans(guess, starts)
                for role in ROLES:
                    gr = {s for s in g if s[0] == role}
                    pr = {s for s in p if s[0] == role}
                    counts[role][0] += len(gr & pr)
                    counts[role][1] += len(pr)
                    counts[role][2] += len(gr)
    out = {}
    for role, (tp, npred, ngold) in counts.items():
        precision = tp / npred if npred else 0.0
        recall = tp / ngold if ngold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[role] = {"precision": round(precision, 4), "recall": round(recall, 4),
                     "f1": round(f1, 4), "gold": ngold}
    head.train()
    return out


def digest(paths):
    h = hashlib.sha256()
    for path in sorted(paths):
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def split_files(split_dir):
    return [os.path.join(split_dir, sub, name)
            for sub in ("text", "attributions")
            for name in os.listdir(os.path.join(split_dir, sub))]


def fold_of(text):
    """(k, n) from "k/n", 0 <= k < n."""
    k, n = (int(x) for x in text.split("/"))
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError(f"{text}: not K/N with 0 <= K < N")
    return k, n


def main():
    shared = os.path.join(HERE, "..", "..", "shared", "data")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_dir")
    parser.add_argument("--train", default=os.path.join(shared, "polnear", "train"))
    parser.add_argument("--dev", default=os.path.join(shared, "polnear", "dev"))
    parser.add_argument("--train-sentences", default=os.path.join(shared, "polnear-ner", "train.jsonl"))
    parser.add_argument("--dev-sentences", default=os.path.join(shared, "polnear-ner", "dev.jsonl"))
    parser.add_argument("--layers", type=int, default=2, help="encoder layers of the head")
    parser.add_argument("--read", type=int, nargs="+",
                        help="encoder states the head reads (0 embeddings, n after layer n; "
                             "default: the middle layer's and the last layer's)")
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--fold", type=fold_of, metavar="K/N",
                        help="leave out fold K of N of train (article i is in fold i mod N), "
                             "for the cross-fitted confidence table of claimx eval --cross-fit")
    parser.add_argument("--eval-every", type=int, default=1000)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)
    began = time.time()
    config, tagger = export.load_tagger(args.model_dir)
    # The middle layer holds more of a sentence's structure than the last, which NER tuned:
    # reading both, the shipped head's dev content F1 rose from 0.36 to 0.48 (one run each).
    layers = config["num_hidden_layers"]
    args.read = args.read or [layers // 2, layers]
    encoder = export.quantize(tagger)
    tokenizer = Tokenizer.from_file(os.path.join(args.model_dir, "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    ids_of = tokenizer.get_vocab()

    train = examples(args.train, args.train_sentences, tokenizer, args.fold)
    dev = examples(args.dev, args.dev_sentences, tokenizer)
    print(f"{len(train)} train windows, {len(dev)} dev windows", flush=True)
    head = export.Roles(config, args.layers, len(LABELS), args.read)
    train_hidden = hidden_states(encoder, head, train, ids_of)
    dev_hidden = hidden_states(encoder, head, dev, ids_of)
    print(f"hidden states in {time.time() - began:.0f} s", flush=True)

    dropout = nn.Dropout(args.dropout)
    optimizer = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(0.06 * args.steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (args.steps - step) / (args.steps - warmup))),
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    losses, evals, step, running = [], [], 0, []
    head.train()
    while step < args.steps:
        for chunk in batches(train, args.batch, True, rng):
            if step >= args.steps:
                break
            x, mask, labels = stacked(train, train_hidden, chunk)
            logits = head(dropout(x), mask)
            loss = loss_fn(logits.view(-1, len(LABELS)), labels.view(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            running.append(loss.item())
            step += 1
            if step % 100 == 0:
                losses.append([step, round(float(np.mean(running)), 4)])
                running = []
            if step % args.eval_every == 0 or step == args.steps:
                scores = score(head, dev, dev_hidden)
                evals.append({"step": step, "dev": scores})
                print(f"step {step} loss {losses[-1][1] if losses else 'n/a'} "
                      f"{ {r: s['f1'] for r, s in scores.items()} } "
                      f"{time.time() - began:.0f} s", flush=True)

    weights = {name: t.detach().half().contiguous() for name, t in head.state_dict().items()}
    save_file(weights, os.path.join(args.model_dir, export.ROLES_FILE))
    config["claimx_roles"] = {"labels": LABELS, "layers": args.layers, "read": args.read}
    with open(os.path.join(args.model_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    record = {
        "command": "scripts/train-roles.sh " + " ".join(sys.argv[1:]),
        "arguments": vars(args),
        "torch": torch.__version__,
        "inputs_sha256": {
            "train": digest(split_files(args.train)),
            "dev": digest(split_files(args.dev)),
            "train_sentences": digest([args.train_sentences]),
            "dev_sentences": digest([args.dev_sentences]),
            "model.safetensors": digest([os.path.join(args.model_dir, "model.safetensors")]),
        },
        "windows": {"train": len(train), "dev": len(dev)},
        "loss_every_100_steps": losses,
        "dev_scores": evals,
        "seconds": round(time.time() - began),
    }
    with open(os.path.join(args.model_dir, "roles-training.json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(f"wrote {export.ROLES_FILE}, config.json and roles-training.json in {args.model_dir}")


if __name__ == "__main__":
    main()
