#!/usr/bin/env python3
"""Exports a claimx BERT NER model folder as TorchScript with int8 linear layers.

    scripts/export-int8.sh MODEL_DIR        # sets up the venv, then runs this file

Reads MODEL_DIR/config.json and MODEL_DIR/model.safetensors (the weights `train-ner` writes),
rebuilds the same network in PyTorch (BERT with claimx's letter-case embedding, see
models/README.md), quantizes every encoder `nn.Linear` to int8 with dynamic per-channel
weights (torch.ao.quantization.quantize_dynamic; activations are quantized per batch at run
time), keeps the LayerNorms, the classifier and the small embedding tables in f32 and the word
embeddings in f16 (looked up, then widened), scripts and freezes the result and writes MODEL_DIR/model.int8.pt. `claimx` loads that file with tch::CModule from the same
libtorch (2.4.0) and runs it on the FBGEMM engine.

Why per-channel and the classifier left out: on PolNeAR dev that keeps 99.6% of the word
pieces labelled as in f32 (per-tensor weights: 99.3%), see ../shared/notes/ner-speed.md.

The module's one method, forward(ids, case, mask) -> logits, takes int64 tensors
[batch, length] (word piece ids, case classes, attention mask of 1 and 0) and returns f32
[batch, length, labels]. The script prints how often the int8 labels agree with f32 on the
sentences of --check (a text file, one sentence a line), and stops with an error under
--min-agreement, so a bad export is never written silently.
"""

import argparse
import hashlib
import json
import math
import os
import re
import sys
from typing import List, Tuple

import torch
from safetensors.torch import load_file
from torch import nn


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.word_embeddings = nn.Embedding(c["vocab_size"], h)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], h)
        self.case_embeddings = nn.Embedding(c.get("claimx_case_vocab_size") or 1, h)
        self.has_case = bool(c.get("claimx_case_vocab_size"))
        self.LayerNorm = nn.LayerNorm(h, eps=c["layer_norm_eps"])

    def forward(self, ids: torch.Tensor, case: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.size(1), dtype=torch.long).unsqueeze(0)
        # The word table is kept in f16 (it is most of the file; int8 kernels never read it).
        x = self.word_embeddings(ids).float() + self.position_embeddings(positions)
        x = x + self.token_type_embeddings(torch.zeros_like(ids))
        if self.has_case:
            x = x + self.case_embeddings(case)
        return self.LayerNorm(x)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, i = c["hidden_size"], c["intermediate_size"]
        self.heads = c["num_attention_heads"]
        self.query = nn.Linear(h, h)
        self.key = nn.Linear(h, h)
        self.value = nn.Linear(h, h)
        self.attention_output = nn.Linear(h, h)
        self.attention_norm = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.intermediate = nn.Linear(h, i)
        self.output = nn.Linear(i, h)
        self.output_norm = nn.LayerNorm(h, eps=c["layer_norm_eps"])

    def split(self, x: torch.Tensor) -> torch.Tensor:
        b, n, h = x.size(0), x.size(1), x.size(2)
        return x.view(b, n, self.heads, h // self.heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.size(0), x.size(1), x.size(2)
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(h // self.heads) + bias
        context = torch.matmul(scores.softmax(-1), v).transpose(1, 2).reshape(b, n, h)
        x = self.attention_norm(x + self.attention_output(context))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class Tagger(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])
        self.classifier = nn.Linear(c["hidden_size"], len(c["id2label"]))

    def states(self, ids: torch.Tensor, case: torch.Tensor, mask: torch.Tensor) -> List[torch.Tensor]:
        """The hidden states [batch, length, hidden] after the embeddings and after each layer:
        the NER classifier reads the last, the attribution head the ones it was trained on."""
        x = self.embeddings(ids, case)
        bias = attention_bias(mask)
        out = [x]
        for layer in self.layers:
            x = layer(x, bias)
            out.append(x)
        return out

    def forward(self, ids: torch.Tensor, case: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.states(ids, case, mask)[-1])


def attention_bias(mask: torch.Tensor) -> torch.Tensor:
    """The additive mask of BERT (and of rust-bert): -10000 on padding."""
    return (1.0 - mask[:, None, None, :].float()) * -10000.0


class Roles(nn.Module):
    """The attribution head: a few more encoder layers over the NER encoder's hidden states,
    then a BIO classifier over Source, Cue and Content (scripts/train-roles.py trains it on
    the frozen int8 encoder, so the sentences are encoded once for both heads)."""

    def __init__(self, c, layers: int, labels: int, read: List[int]):
        super().__init__()
        h = c["hidden_size"]
        # Which encoder states it reads (0 the embeddings, n after layer n), concatenated and
        # projected back to the hidden size when there are several.
        self.read = read
        self.mix = nn.Linear(len(read) * h, h) if len(read) > 1 else nn.Identity()
        self.layers = nn.ModuleList([Layer(c) for _ in range(layers)])
        self.classifier = nn.Linear(h, labels)

    def select(self, states: List[torch.Tensor]) -> torch.Tensor:
        """The states this head reads, concatenated on the hidden axis."""
        return torch.cat([states[i] for i in self.read], dim=-1)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        bias = attention_bias(mask)
        x = self.mix(hidden)
        for layer in self.layers:
            x = layer(x, bias)
        return self.classifier(x)


class WithRoles(nn.Module):
    """The NER tagger and the attribution head on one encoder pass. `forward` is the NER
    tagger alone (what claimx runs for entities only); `roles` returns both heads' logits."""

    def __init__(self, tagger: nn.Module, roles: nn.Module):
        super().__init__()
        self.tagger = tagger
        self.roles_head = roles

    def forward(self, ids: torch.Tensor, case: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.tagger(ids, case, mask)

    @torch.jit.export
    def roles(
        self, ids: torch.Tensor, case: torch.Tensor, mask: torch.Tensor
    ) -> Tuple[torch.Tensor, torch.Tensor]:
        states = self.tagger.states(ids, case, mask)
        return self.tagger.classifier(states[-1]), self.roles_head(self.roles_head.select(states), mask)


def state_dict(weights):
    """Maps train-ner's names (rust-bert's BERT) onto this module's."""
    out = {}
    for name, tensor in weights.items():
        name = name.removeprefix("bert.")
        if name == "case_embeddings.weight":
            name = "embeddings.case_embeddings.weight"
        name = name.replace("encoder.layer.", "layers.")
        for old, new in [
            (".attention.self.query.", ".query."),
            (".attention.self.key.", ".key."),
            (".attention.self.value.", ".value."),
            (".attention.output.dense.", ".attention_output."),
            (".attention.output.LayerNorm.", ".attention_norm."),
            (".intermediate.dense.", ".intermediate."),
            (".output.dense.", ".output."),
            (".output.LayerNorm.", ".output_norm."),
        ]:
            name = name.replace(old, new)
        out[name] = tensor.float()
    return out


def encode(vocab, text):
    """BERT's basic split (words, single punctuation marks) and greedy lower-cased WordPiece,
    for the agreement check only (claimx's own tokenizer is rust_tokenizers')."""
    ids, cases = [vocab["[CLS]"]], [0]
    for word in re.findall(r"\w+|[^\w\s]", text):
        case = 2 if word.islower() else 4 if word.isupper() else 3 if word[:1].isupper() else 1
        start, word = 0, word.lower()
        while start < len(word):
            end = len(word)
            while end > start and (("##" if start else "") + word[start:end]) not in vocab:
                end -= 1
            if end == start:
                ids.append(vocab["[UNK]"])
                break
            ids.append(vocab[("##" if start else "") + word[start:end]])
            start = end
        cases += [case] * (len(ids) - len(cases))
    ids.append(vocab["[SEP]"])
    cases.append(0)
    return ids[:128], cases[:128]


def agreement(reference, candidate, vocab, sentences):
    same = total = 0
    with torch.no_grad():
        for text in sentences:
            ids, cases = encode(vocab, text)
            ids_t, case_t = torch.tensor([ids]), torch.tensor([cases])
            mask = torch.ones_like(ids_t)
            a = reference(ids_t, case_t, mask).argmax(-1)
            b = candidate(ids_t, case_t, mask).argmax(-1)
            same += int((a == b).sum())
            total += a.numel()
    return same / max(total, 1)


def load_tagger(model_dir):
    """The f32 NER network of a model folder, in eval mode."""
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    weights_path = os.path.join(model_dir, "model.safetensors")
    model = Tagger(config)
    missing, unexpected = model.load_state_dict(state_dict(load_file(weights_path)), strict=False)
    # The position ids buffer of some checkpoints is not a weight.
    unexpected = [n for n in unexpected if not n.endswith("position_ids")]
    if missing or unexpected:
        sys.exit(f"{weights_path}: weights do not fit: missing {missing}, unexpected {unexpected}")
    return config, model.eval()


def quantize(model):
    """Every `nn.Linear` but the classifiers to int8 (dynamic, per-channel weights)."""
    torch.backends.quantized.engine = "fbgemm"
    quantized = torch.ao.quantization.quantize_dynamic(
        model,
        {name: torch.ao.quantization.per_channel_dynamic_qconfig
         for name, module in model.named_modules()
         if isinstance(module, nn.Linear) and not name.endswith("classifier")},
        dtype=torch.qint8,
    )
    if hasattr(quantized, "embeddings"):
        quantized.embeddings.word_embeddings.half()
    return quantized.eval()


ROLES_FILE = "roles.safetensors"


def load_roles(model_dir, config):
    """The attribution head of a model folder (ROLES_FILE, described by the config's
    `claimx_roles`), or None when the folder has none."""
    path = os.path.join(model_dir, ROLES_FILE)
    spec = config.get("claimx_roles")
    if spec is None or not os.path.isfile(path):
        return None
    read = spec.get("read", [config["num_hidden_layers"]])
    head = Roles(config, spec["layers"], len(spec["labels"]), read)
    weights = {name: tensor.float() for name, tensor in load_file(path).items()}
    head.load_state_dict(weights)
    return head.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_dir")
    parser.add_argument("--check", help="text file of sentences, one a line")
    parser.add_argument("--min-agreement", type=float, default=0.99)
    args = parser.parse_args()
    config, model = load_tagger(args.model_dir)
    weights_path = os.path.join(args.model_dir, "model.safetensors")
    quantized = quantize(model)
    roles = load_roles(args.model_dir, config)
    module = quantized if roles is None else WithRoles(quantized, quantize(roles))
    # Freezing inlines the weights and packed int8 parameters as constants of the graph.
    preserved = [] if roles is None else ["roles"]
    scripted = torch.jit.freeze(torch.jit.script(module.eval()), preserved_attrs=preserved)

    if args.check:
        vocab = {}
        with open(os.path.join(args.model_dir, "vocab.txt")) as f:
            for i, line in enumerate(f):
                vocab[line.rstrip("\n")] = i
        with open(args.check) as f:
            sentences = [line.strip() for line in f if line.strip()]
        share = agreement(model, scripted, vocab, sentences)
        print(f"int8 labels equal f32 on {share:.2%} of {len(sentences)} sentences' pieces")
        if share < args.min_agreement:
            sys.exit(f"agreement {share:.4f} is under --min-agreement {args.min_agreement}")

    out = os.path.join(args.model_dir, "model.int8.pt")
    scripted.save(out + ".tmp")
    os.replace(out + ".tmp", out)
    with open(weights_path, "rb") as f:
        source = hashlib.sha256(f.read()).hexdigest()
    head = "" if roles is None else f" and {ROLES_FILE}"
    print(f"wrote {out} (torch {torch.__version__}, from model.safetensors sha256 {source}{head})")


if __name__ == "__main__":
    main()
