"""Engine accuracy on our labelled cases (corpora/labeled): P/R/F1 per verdict and per claim type.

    .venv/bin/python benchmarks/engine_accuracy.py                 # dev and test splits
    .venv/bin/python benchmarks/engine_accuracy.py --fit-calibration  # refit on dev, then report
    .venv/bin/python benchmarks/engine_accuracy.py --splits dev --cases case_095 case_124  # some cases only

--fit-calibration fits the confidence calibration (isotonic: raw winning probability ->
observed accuracy) on the *dev* split only and writes models/verdict-calibration.json; the test
split is never used for fitting or tuning. The public benchmarks in ../shared are not used here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consistency.engine import load_engine  # noqa: E402
from consistency.labeled import load_cases, score_case, summarise  # noqa: E402
from consistency.verdict import DEFAULT_CALIBRATION, Calibrator  # noqa: E402


def run(engine, split: str, cases: tuple[str, str] | None = None):
    outcomes = []
    t0 = time.perf_counter()
    for case in load_cases(split):
        if cases and not cases[0] <= case.id <= cases[1]:
            continue
        report = engine.check(case.copies, case.conversations, include_unbacked=False)
        outcomes.extend(score_case(case, report))
    return outcomes, time.perf_counter() - t0


def ece(outcomes, bins: int = 10) -> tuple[float, float]:
    """Expected calibration error and Brier score of the verdict confidence."""
    pairs = [(o.confidence, float(o.expected == o.predicted)) for o in outcomes if o.confidence is not None]
    if not pairs:
        return 0.0, 0.0
    conf, correct = np.array(pairs).T
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf >= lo) & (conf < hi if hi < 1 else conf <= hi)
        if m.any():
            total += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(total), float(np.mean((conf - correct) ** 2))


def fit_calibration(outcomes) -> dict:
    from sklearn.isotonic import IsotonicRegression

    pairs = [(o.confidence, float(o.expected == o.predicted)) for o in outcomes if o.confidence is not None]
    conf, correct = np.array(pairs).T
    iso = IsotonicRegression(y_min=0.05, y_max=0.99, out_of_bounds="clip").fit(conf, correct)
    xs = np.linspace(0, 1, 21)
    return {"xs": xs.round(4).tolist(), "ys": iso.predict(xs).round(4).tolist(), "fitted_on": "corpora/labeled dev split",
            "n": len(pairs)}


def print_summary(name: str, s: dict, seconds: float, cal: tuple[float, float]) -> None:
    print(f"\n== {name}: {s['n']} expected verdicts, {seconds:.1f}s")
    print(f"accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  claims matched {s['claims_matched']:.3f}  "
          f"type accuracy {s['type_accuracy']:.3f}  evidence turn accuracy {s['evidence_turn_accuracy']:.3f}  "
          f"ECE {cal[0]:.3f}  Brier {cal[1]:.3f}")
    print(f"{'verdict':15} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for v, m in s["per_verdict"].items():
        print(f"{v:15} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
    print(f"{'claim type':15} {'n':>5} {'acc':>6} {'macroF1':>8} {'contraF1':>9}")
    for t, m in s["per_type"].items():
        print(f"{t:15} {m['n']:5d} {m['accuracy']:6.3f} {m['macro_f1']:8.3f} {m['contradiction_f1']:9.3f}")
    print("confusion (expected->predicted):", json.dumps(s["confusion"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", nargs="+", default=["dev", "test"])
    ap.add_argument("--fit-calibration", action="store_true")
    ap.add_argument("--config")
    ap.add_argument("--json", help="also write the summaries here")
    ap.add_argument("--cases", nargs=2, metavar=("FIRST", "LAST"),
                    help="score only case ids FIRST..LAST (e.g. case_095 case_124), in every split asked for")
    args = ap.parse_args()
    cases = tuple(args.cases) if args.cases else None
    if cases and args.fit_calibration:
        ap.error("--fit-calibration uses the whole dev split; leave out --cases")

    if args.fit_calibration:
        raw_engine = load_engine(args.config, calibrator=Calibrator())
        outcomes, _ = run(raw_engine, "dev")
        data = fit_calibration(outcomes)
        DEFAULT_CALIBRATION.write_text(json.dumps(data, indent=2) + "\n")
        print(f"wrote {DEFAULT_CALIBRATION.relative_to(ROOT)} from {data['n']} dev verdicts")

    engine = load_engine(args.config)
    engine.warm_up()
    results = {}
    for split in args.splits:
        outcomes, seconds = run(engine, split, cases)
        if not outcomes:
            continue
        s = summarise(outcomes)
        cal = ece(outcomes)
        s["ece"], s["brier"], s["seconds"] = cal[0], cal[1], seconds
        results[split] = s
        print_summary(split, s, seconds, cal)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
