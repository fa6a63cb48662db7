"""Compare judge heads and feature sets on the VALIDATION splits only (never on shared/benchmarks).

    .venv/bin/python benchmarks/judge_compare.py [--max-nli-pairs 24000] [--seed 0] [--json out.json]

Every candidate is trained on the same training data (see :mod:`consistency.train`) and scored on
the hand-written domain validation split (``corpora/judge/handwritten_val.jsonl``) and on the
held-out NLI slice. The pick is by domain-val macro-F1, then domain-val contradiction F1, then
NLI-val macro-F1. Embeddings are cached under ``.cache/judge``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consistency.features import FEATURE_BLOCKS, feature_names  # noqa: E402
from consistency.train import (  # noqa: E402
    DEFAULT_HPARAMS,
    _default_embedder,
    evaluate_probs,
    featurize,
    fit_head,
    fit_temperature,
    head_logits,
    load_training_data,
    softmax,
)

CANDIDATES: list[tuple[str, dict]] = [
    ("logreg C=0.05 emb+lex+slot", {"head": "logreg", "blocks": ["emb", "lex", "slot"], "C": 0.05}),
    ("logreg C=0.5 emb+lex+slot", {"head": "logreg", "blocks": ["emb", "lex", "slot"], "C": 0.5}),
    ("logreg C=0.5 emb+lex (no slot)", {"head": "logreg", "blocks": ["emb", "lex"], "C": 0.5}),
    ("logreg C=0.5 emb only", {"head": "logreg", "blocks": ["emb"], "C": 0.5}),
    ("logreg C=1 lex+slot (no emb)", {"head": "logreg", "blocks": ["lex", "slot"], "C": 1.0}),
    ("mlp 256 emb+lex+slot", {"head": "mlp", "blocks": ["emb", "lex", "slot"], "hidden": [256], "alpha": 1e-3}),
    ("gbt lex+slot (no emb)", {"head": "gbt", "blocks": ["lex", "slot"]}),
    ("gbt lex (no slot, no emb)", {"head": "gbt", "blocks": ["lex"]}),
    ("gbt lex+slot + emb-LR logits (stacked)", {"head": "gbt", "blocks": ["emb", "lex", "slot"], "stack_emb": True}),
]


def columns_for(blocks) -> np.ndarray:
    all_names = feature_names(FEATURE_BLOCKS)
    keep = set(feature_names(blocks))
    return np.array([i for i, n in enumerate(all_names) if n in keep])


def run_candidate(name, hp, data, seed):
    cols = columns_for(hp["blocks"])
    Xtr, ytr, wtr = data["train"]
    t0 = time.time()
    with threadpool_limits(1):  # as consistency.train does
        head = fit_head(Xtr[:, cols], ytr, wtr, {**DEFAULT_HPARAMS, **hp}, seed)

    def logits(X):
        return head_logits(head, X[:, cols])
    fit_s = time.time() - t0
    lv = {k: logits(data[k][0]) for k in ("val_domain", "val_nli")}
    yv = {k: data[k][1] for k in ("val_domain", "val_nli")}
    rep = max(1, len(yv["val_nli"]) // len(yv["val_domain"]))
    temp = fit_temperature(np.concatenate([np.repeat(lv["val_domain"], rep, 0), lv["val_nli"]]),
                           np.concatenate([np.repeat(yv["val_domain"], rep), yv["val_nli"]]))
    res = {"name": name, "fit_s": round(fit_s, 1), "temperature": round(temp, 3)}
    for k in lv:
        res[k] = evaluate_probs(softmax(lv[k], temp), yv[k])
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-nli-pairs", type=int, default=24000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", action="append", help="substring of candidate names to run")
    ap.add_argument("--json", default=None, help="also write results here")
    args = ap.parse_args(argv)
    t0 = time.time()
    ds = load_training_data(seed=args.seed, max_nli_pairs=args.max_nli_pairs)
    emb = _default_embedder()
    data = {}
    for key, pairs in (("train", ds.train), ("val_domain", ds.val_domain), ("val_nli", ds.val_nli)):
        X = featurize(pairs, emb, FEATURE_BLOCKS, progress=True)
        data[key] = (X, pairs.y(), np.array(pairs.weights))
    print(f"features ready in {time.time() - t0:.0f}s: train {data['train'][0].shape}, "
          f"domain val {len(ds.val_domain)}, nli val {len(ds.val_nli)}", file=sys.stderr, flush=True)
    results = []
    for name, hp in CANDIDATES:
        if args.only and not any(s in name for s in args.only):
            continue
        res = run_candidate(name, hp, data, args.seed)
        results.append(res)
        print(json.dumps(res), file=sys.stderr, flush=True)
    results.sort(key=lambda r: (-r["val_domain"]["macro_f1"], -r["val_domain"]["contradiction"]["f1"],
                                -r["val_nli"]["macro_f1"]))
    head = f"{'candidate':<32} {'dom F1':>6} {'dom C-P':>7} {'dom C-R':>7} {'dom C-F1':>8} {'dom ECE':>7} " \
           f"{'nli F1':>6} {'nli C-F1':>8} {'fit s':>6}"
    print(head)
    print("-" * len(head))
    for r in results:
        d, n = r["val_domain"], r["val_nli"]
        print(f"{r['name']:<32} {d['macro_f1']:>6.3f} {d['contradiction']['precision']:>7.2f} "
              f"{d['contradiction']['recall']:>7.2f} {d['contradiction']['f1']:>8.3f} {d['ece']:>7.3f} "
              f"{n['macro_f1']:>6.3f} {n['contradiction']['f1']:>8.3f} {r['fit_s']:>6.1f}")
    print(f"picked (validation only): {results[0]['name']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
