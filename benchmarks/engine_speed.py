"""Engine speed: warm latency of one 300-turn call against 40 claims, batch throughput, and
top-k retrieval vs judging every (claim, statement) pair (speed ratio and recall kept), with the
judge as built ("all pairs": its cross-encoder still reads only pairs above its cosine gate) and
with that gate lifted too ("brute force": no retrieval of any kind).

    .venv/bin/python benchmarks/engine_speed.py [--repeats 5]

The call is assembled from the turns of our demo and labelled conversations (cycled to 300
turns); the 40 claims are the first 40 extracted from the demo and labelled copy. The embedding
cache is cleared before every timed run so each run embeds the call afresh, as a new call would.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consistency.config import Config  # noqa: E402
from consistency.engine import load_engine  # noqa: E402
from consistency.io import load_conversation_file, load_copy_file  # noqa: E402
from consistency.labeled import load_cases, score_case  # noqa: E402
from consistency.types import Channel, Conversation  # noqa: E402

DEMO = ROOT / "corpora" / "demo"


def demo_inputs(engine):
    cfg = engine.config
    copies = [load_copy_file(p) for p in sorted((DEMO / "copy").iterdir()) if p.is_file()]
    convs = []
    for folder in ("calls", "emails"):
        for p in sorted((DEMO / folder).iterdir()):
            if p.is_file():
                convs.append(load_conversation_file(p, rep_speakers=cfg.rep_names, rep_domains=cfg.rep_domains))
    return copies, convs


def clear_cache(engine) -> None:
    cache = getattr(engine.embedder, "_cache", None)
    if cache is not None:
        cache.clear()


def timed(fn, repeats: int, engine) -> list[float]:
    out = []
    for _ in range(repeats):
        clear_cache(engine)
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--config", default=str(DEMO / "consistency.yaml"))
    args = ap.parse_args()

    engine = load_engine(args.config)
    t0 = time.perf_counter()
    engine.warm_up()
    print(f"model load (cold): {time.perf_counter() - t0:.1f}s")

    copies, convs = demo_inputs(engine)
    cases = load_cases("all")
    claims = [c for copy in copies for c in engine.extract_claims(copy)]
    for case in cases:
        for copy in case.copies:
            claims.extend(replace(c, id=f"{case.id}/{c.id}") for c in engine.extract_claims(copy))
    claims = claims[:40]
    pool = [t for conv in convs + [c for case in cases for c in case.conversations] for t in conv.turns]
    turns = tuple(replace(pool[i % len(pool)], index=i) for i in range(300))
    call = Conversation(id="call-300", channel=Channel.CALL, turns=turns)
    n_statements = len(engine.extract_statements(call))
    print(f"input: {len(claims)} claims, 1 call of {len(turns)} turns ({n_statements} rep statements)")

    topk = timed(lambda: engine.check_claims(claims, [call], include_unbacked=True), args.repeats, engine)
    print(f"warm latency, top-{engine.config.retrieval.top_k}: median {statistics.median(topk):.3f}s "
          f"max {max(topk):.3f}s over {args.repeats} runs")

    # Two baselines without the engine's retrieval (top-k by cosine): "all pairs" judges every
    # (claim, statement) pair with the judge as built, which still reads only pairs at cosine >=
    # its cross-encoder gate with the cross-encoder (a retrieval step of its own); "brute force"
    # also lifts that gate, so the whole judge reads every pair.
    all_cfg = Config.model_validate({**engine.config.model_dump(), "retrieval": {"top_k": 100, "min_similarity": -1}})
    all_engine = load_engine(config=all_cfg, nlp=engine.nlp, embedder=engine.embedder, scorer=engine.scorer,
                             calibrator=engine.calibrator)
    big_k = max(n_statements, 1)
    section = getattr(engine.scorer, "cross_section", None)

    @contextmanager
    def gate(lifted: bool):
        if section is None or not lifted:
            yield
            return
        saved = section.get("min_similarity")
        section["min_similarity"] = -1.0
        try:
            yield
        finally:
            section["min_similarity"] = saved

    baselines = [("all pairs", False)] + ([("brute force", True)] if section is not None else [])
    for name, lifted in baselines:
        with gate(lifted):
            allp = timed(lambda: all_engine.check_claims(claims, [call], top_k=big_k, include_unbacked=False),
                         max(1, args.repeats // 2), engine)
        print(f"{name} ({len(claims) * n_statements} pairs{', no cross-encoder gate' if lifted else ''}): "
              f"median {statistics.median(allp):.3f}s; top-k end to end is "
              f"{statistics.median(allp) / statistics.median(topk):.1f}x faster")

    # The judging stage alone (embeddings cached): top-k candidate pairs vs every pair.
    import numpy as np

    statements = engine.extract_statements(call)
    cv = engine.embedder.encode([c.text for c in claims])
    sv = engine.embedder.encode([s.judged_text for s in statements])
    sims, cand = engine.retrieve(cv, sv, engine.config.retrieval.top_k)
    top_pairs = [(ci, si) for ci, cc in enumerate(cand) for si in cc]
    every_pair = [(ci, si) for ci in range(len(claims)) for si in range(len(statements))]
    t0 = time.perf_counter()
    engine._judge_many(claims, statements, top_pairs, sims)
    t_top = time.perf_counter() - t0
    for name, lifted in baselines:
        with gate(lifted):
            t0 = time.perf_counter()
            engine._judge_many(claims, statements, every_pair, np.asarray(sims))
            t_every = time.perf_counter() - t0
        print(f"judging stage, {len(top_pairs)} top-k pairs {t_top:.3f}s vs {name} {len(every_pair)} pairs "
              f"{t_every:.3f}s = {t_every / max(t_top, 1e-9):.1f}x; {len(every_pair) / t_every:.0f} pairs/s")
    if section is not None:
        print(f"(the cross-encoder gate: cosine >= {section['min_similarity']}; precision {engine.scorer.cross_encoder.precision}"
              f", embeddings {getattr(engine.embedder, 'precision', '?')})")

    # Recall kept: verdicts that are not 'not_mentioned' found correctly, top-k vs each baseline.
    def found(eng, every_pair: bool):
        hits = total = 0
        for case in cases:
            k = None
            if every_pair:
                k = max(len(eng.extract_statements(c)) for c in case.conversations) or 1
            rep = eng.check_claims([c for cp in case.copies for c in eng.extract_claims(cp)], case.conversations,
                                   top_k=k, include_unbacked=False)
            for o in score_case(case, rep):
                if o.expected != "not_mentioned":
                    total += 1
                    hits += o.predicted == o.expected
        return hits, total

    h_top, n = found(engine, False)
    for name, lifted in baselines:
        with gate(lifted):
            h_all, _ = found(all_engine, True)
        print(f"recall of contradicted+consistent verdicts on corpora/labeled ({n}): top-k {h_top / n:.3f}, "
              f"{name} {h_all / n:.3f}, kept {h_top / max(1, h_all):.3f}")

    clear_cache(engine)
    t0 = time.perf_counter()
    batch = convs + [c for case in cases for c in case.conversations]
    batch = [replace(c, id=f"{i}:{c.id}") for i, c in enumerate(batch)]
    engine.check_claims(claims, batch, include_unbacked=True)
    dt = time.perf_counter() - t0
    n_turns = sum(len(c.turns) for c in batch)
    print(f"batch: {len(batch)} conversations ({n_turns} turns) x {len(claims)} claims in {dt:.1f}s = "
          f"{len(batch) / dt * 60:.0f} conversations/minute")


if __name__ == "__main__":
    main()
