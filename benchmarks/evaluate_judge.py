"""Judge accuracy on shared/benchmarks (measuring only) and judge speed on short pairs.

    .venv/bin/python benchmarks/evaluate_judge.py [--limit N] [--model DIR] [--speed-only]

Accuracy: the table of :func:`consistency.evaluate.evaluate` (same as ``python -m consistency.evaluate``).
Speed: pairs/second of :meth:`TrainedJudge.score` on the hand-written domain validation pairs with a
cold embedding cache (every text embedded) and with the claims already cached (the engine's case:
few claims, many rep statements), on whatever CPU threads torch uses here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consistency.errors import ConsistencyError  # noqa: E402
from consistency.evaluate import evaluate, format_table  # noqa: E402
from consistency.judge_model import TrainedJudge  # noqa: E402


def speed(model_dir: str | None, repeats: int = 3) -> dict:
    import torch

    from consistency.embed import MiniLMEmbedder

    rows = [json.loads(line) for line in (ROOT / "corpora" / "judge" / "handwritten_val.jsonl").open()]
    pairs = [(r["claim"], r["statement"]) for r in rows]
    out = {"pairs": len(pairs), "torch_threads": torch.get_num_threads()}
    cold = []
    for _ in range(repeats):
        judge = TrainedJudge.load(model_dir, embedder=MiniLMEmbedder().load()) if model_dir else \
            TrainedJudge.load(embedder=MiniLMEmbedder().load())
        t0 = time.perf_counter()
        judge.score(pairs)
        cold.append(len(pairs) / (time.perf_counter() - t0))
    out["cold_pairs_s"] = round(max(cold), 1)
    claims = list(dict.fromkeys(c for c, _ in pairs))
    warm = []
    for _ in range(repeats):
        emb = MiniLMEmbedder().load()
        emb.encode(claims)
        judge = TrainedJudge.load(model_dir, embedder=emb) if model_dir else TrainedJudge.load(embedder=emb)
        t0 = time.perf_counter()
        judge.score(pairs)
        warm.append(len(pairs) / (time.perf_counter() - t0))
    out["claims_cached_pairs_s"] = round(max(warm), 1)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--speed-only", action="store_true")
    args = ap.parse_args(argv)
    print("speed:", json.dumps(speed(args.model)))
    if args.speed_only:
        return 0
    try:
        judge = TrainedJudge.load(args.model) if args.model else TrainedJudge.load()
        rows = evaluate(judge=judge, limit=args.limit, progress=True)
    except ConsistencyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
