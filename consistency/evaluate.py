"""Measure the judge on the public benchmark sets in ``<shared>/benchmarks`` (measuring only).

Usage: ``python -m consistency.evaluate [--shared DIR] [--limit N] [--json]`` (or ``consistency evaluate``).

Each row of a set is (premise = evidence, hypothesis = claim). Long premises are split into
sentences and judged as :meth:`TrainedJudge.score_passage` does (the sentences most similar to
the claim, aggregated SummaC-style); a claim of
several sentences (SummEdits summaries) is judged sentence by sentence and is "consistent" only
when every sentence is. Reported per set:

* ``bal_acc``: balanced accuracy of "does the evidence contradict or fail to support the claim?"
  (positive = contradiction or neutral, negative = entailment), where the set has both;
* ``bal_acc_contra``: balanced accuracy of "contradiction?" (positive = contradiction), where the
  set has contradictions and non-contradictions (ProSeCCo's headline question);
* ``macro_f1``: 3-way macro-F1 where the set is 3-way (ContractNLI);
* contradiction precision / recall; ``pairs_s``: benchmark rows judged per second, and
  ``sent_pairs_s``: (claim sentence, evidence sentence) pairs per second.

SummEdits sales is reported for calls and emails separately. Its task is a whole summary against
a whole document, so where the judge directory has a summary scorer (``summary.json``, fit on our
own ``corpora/summaries`` by :mod:`consistency.summary`) SummEdits rows are judged by it
(``method`` = ``summary``); otherwise sentence by sentence as above (``method`` = ``sentences``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .errors import InputError
from .features import LABELS

REPO_ROOT = Path(__file__).resolve().parent.parent
NLI_TO_INDEX = {"contradiction": 0, "entailment": 1, "neutral": 2}  # = LABELS order
MAX_SENT_CHARS = 400

_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9$])")
_SPEAKER = re.compile(r"^\s*[A-Z][\w .'-]{0,40}:\s+")


def default_benchmarks_dir() -> Path:
    env = os.environ.get("CONSISTENCY_SHARED_DIR")
    base = Path(env) if env else REPO_ROOT.parent / "shared"
    return base / "benchmarks"


def split_sentences(text: str, *, max_chars: int = MAX_SENT_CHARS) -> list[str]:
    """Sentences of a passage: lines first (transcripts, emails), then sentence ends; very long
    sentences (contracts) are cut at semicolons or commas. Speaker labels are removed."""
    out: list[str] = []
    for line in text.splitlines():
        line = _SPEAKER.sub("", line).strip()
        if not line:
            continue
        for sent in _SENT_END.split(line):
            sent = sent.strip()
            if len(sent) < 3:
                continue
            while len(sent) > max_chars:
                cut = max(sent.rfind("; ", 0, max_chars), sent.rfind(", ", 0, max_chars))
                if cut < max_chars // 4:
                    cut = sent.rfind(" ", 0, max_chars)
                if cut <= 0:
                    cut = max_chars
                out.append(sent[: cut + 1].strip())
                sent = sent[cut + 1 :].strip()
            if sent:
                out.append(sent)
    return out


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _bal_acc(pos_true: np.ndarray, pos_pred: np.ndarray) -> float | None:
    if pos_true.all() or not pos_true.any():
        return None
    tpr = np.mean(pos_pred[pos_true])
    tnr = np.mean(~pos_pred[~pos_true])
    return float((tpr + tnr) / 2)


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    f1s = []
    for c in range(3):
        tp = np.sum((pred == c) & (y == c))
        fp = np.sum((pred == c) & (y != c))
        fn = np.sum((pred != c) & (y == c))
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def judge_rows(judge, rows: Sequence[dict]) -> tuple[np.ndarray, int]:
    """Predicted label index per row (LABELS order) and the number of sentence pairs scored."""
    # all (claim sentence, evidence sentence) pairs of the set in one batched call
    plan: list[list[tuple[int, int]]] = []  # per row: list of (start, end) per claim sentence
    pairs: list[tuple[str, str]] = []
    for r in rows:
        ev = split_sentences(r["premise"]) or [r["premise"]]
        claim_sents = split_sentences(r["hypothesis"]) or [r["hypothesis"]]
        spans = []
        for cs in claim_sents:
            start = len(pairs)
            keep = judge.relevant(cs, ev) if hasattr(judge, "relevant") else range(len(ev))
            pairs.extend((cs, ev[j]) for j in keep)
            spans.append((start, len(pairs)))
        plan.append(spans)
    probs = judge.probabilities(pairs)
    preds = np.empty(len(rows), dtype=np.int64)
    ci, si, ni = LABELS.index("contradicted"), LABELS.index("consistent"), LABELS.index("not_mentioned")
    for k, spans in enumerate(plan):
        verdicts = []
        for start, end in spans:
            scores, _ = judge.aggregate(probs[start:end])
            verdicts.append(LABELS.index(scores.best().value))
        if ci in verdicts:
            preds[k] = ci
        elif ni in verdicts:
            preds[k] = ni
        else:
            preds[k] = si
    return preds, len(pairs)


def _metrics(name: str, rows: Sequence[dict], preds: np.ndarray, seconds: float, n_pairs: int) -> dict:
    y = np.array([NLI_TO_INDEX[r["label"]] for r in rows])
    ci, si = LABELS.index("contradicted"), LABELS.index("consistent")
    out: dict = {"set": name, "n": len(rows)}
    ba = _bal_acc(y != si, preds != si)
    out["bal_acc"] = None if ba is None else round(100 * ba, 1)
    bac = _bal_acc(y == ci, preds == ci)
    out["bal_acc_contra"] = None if bac is None else round(100 * bac, 1)
    three_way = len(set(y.tolist())) == 3 and min(np.bincount(y, minlength=3)) >= 0.05 * len(y)
    out["macro_f1"] = round(_macro_f1(y, preds), 3) if three_way else None
    tp = int(np.sum((preds == ci) & (y == ci)))
    fp = int(np.sum((preds == ci) & (y != ci)))
    fn = int(np.sum((preds != ci) & (y == ci)))
    out["contra_p"] = round(tp / (tp + fp), 3) if tp + fp else None
    out["contra_r"] = round(tp / (tp + fn), 3) if tp + fn else None
    out["pairs_s"] = round(len(rows) / seconds, 1) if seconds > 0 else None
    out["sent_pairs_s"] = round(n_pairs / seconds, 1) if seconds > 0 else None
    return out


# sets whose rows are (document, multi-sentence summary): their task, not their labels, says so
SUMMARY_SETS = frozenset({"summedits_sales"})


def judge_summaries(checker, rows: Sequence[dict]) -> tuple[np.ndarray, int]:
    """Rows judged whole by a :class:`consistency.summary.SummaryChecker`: inconsistent ->
    contradiction, else entailment (summary sets are binary)."""
    items = [(split_sentences(r["premise"]) or [r["premise"]], split_sentences(r["hypothesis"]) or [r["hypothesis"]])
             for r in rows]
    checks = checker.check_many(items)
    ci, si = LABELS.index("contradicted"), LABELS.index("consistent")
    preds = np.array([si if c.consistent else ci for c in checks], dtype=np.int64)
    n_pairs = sum(min(len(doc), checker.top_k) * len(summ) for doc, summ in items)
    return preds, n_pairs


def _subsets(set_name: str, rows: list[dict]) -> list[tuple[str, list[dict]]]:
    if set_name == "summedits_sales":
        out = []
        for dom, label in (("sales_call", "summedits_sales/calls"), ("sales_email", "summedits_sales/emails")):
            part = [r for r in rows if r.get("domain") == dom]
            if part:
                out.append((label, part))
        return out
    return [(set_name, rows)]


def evaluate(benchmarks_dir: str | Path | None = None, *, judge=None, limit: int | None = None,
             sets: Sequence[str] | None = None, progress: bool = False) -> list[dict]:
    """Run the judge on every benchmark set; one dict of metrics per (sub)set."""
    bdir = Path(benchmarks_dir) if benchmarks_dir is not None else default_benchmarks_dir()
    if not bdir.is_dir():
        raise InputError(
            f"The benchmark sets were not found at {bdir}",
            code="E106",
            hint="they live in the shared folder beside the repository (../shared/benchmarks); pass the "
            "directory explicitly or set CONSISTENCY_SHARED_DIR to the shared folder",
        )
    if judge is None:
        from .judge_model import TrainedJudge

        judge = TrainedJudge.load()
    checker = _summary_checker(judge)
    results = []
    for folder in sorted(p for p in bdir.iterdir() if p.is_dir()):
        if sets and folder.name not in sets:
            continue
        path = folder / "eval.jsonl.gz"
        if not path.is_file():
            continue
        rows = [r for r in _read(path) if r.get("label") in NLI_TO_INDEX]
        for name, part in _subsets(folder.name, rows):
            if limit:
                step = max(1, len(part) // limit)
                part = part[::step][:limit]
            t0 = time.perf_counter()
            if folder.name in SUMMARY_SETS and checker is not None:
                preds, n_pairs = judge_summaries(checker, part)
                method = "summary"
            else:
                preds, n_pairs = judge_rows(judge, part)
                method = "sentences"
            res = _metrics(name, part, preds, time.perf_counter() - t0, n_pairs)
            res["method"] = method
            results.append(res)
            if progress:
                print(json.dumps(res), file=sys.stderr, flush=True)
    return results


def _summary_checker(judge):
    """The judge's summary scorer, or None when its directory has none (a missing scorer is
    reported in the table's ``method`` column, never an error: the sentence method still runs).
    A scorer fit on another judge is an error (E202), not a silent fallback."""
    from .summary import FILE_NAME, SummaryChecker

    path = getattr(judge, "path", None)
    if path is None or not (Path(path) / FILE_NAME).is_file():
        return None
    return SummaryChecker.load(judge)


COLUMNS = (("set", "set", 24), ("n", "n", 5), ("bal_acc", "bal.acc", 7), ("bal_acc_contra", "bal.acc(C)", 10),
           ("macro_f1", "3-way F1", 8), ("contra_p", "C prec", 6), ("contra_r", "C rec", 6),
           ("pairs_s", "rows/s", 7), ("sent_pairs_s", "pairs/s", 8), ("method", "method", 9))


def format_table(rows: Sequence[dict]) -> str:
    """Plain-text table of :func:`evaluate` results ("-" where a metric does not apply)."""

    def cell(v) -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            return f"{v:g}"
        return str(v)

    head = "  ".join(f"{title:<{w}}" if key == "set" else f"{title:>{w}}" for key, title, w in COLUMNS)
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append("  ".join(f"{cell(r.get(key)):<{w}}" if key == "set" else f"{cell(r.get(key)):>{w}}"
                               for key, _, w in COLUMNS))
    lines.append("bal.acc: positive = contradiction or neutral vs entailment; bal.acc(C): contradiction vs rest; "
                 "C = contradiction")
    return "\n".join(lines)


def record(model_dir: str | Path, rows: Sequence[dict], note: str | None = None) -> None:
    """Store benchmark results in the judge's manifest (``metrics.benchmarks``) and model card.
    They are for reading only: nothing is fitted or chosen on them."""
    from .train import model_card

    mpath = Path(model_dir) / "manifest.json"
    manifest = json.loads(mpath.read_text(encoding="utf-8"))
    manifest.setdefault("metrics", {})["benchmarks"] = list(rows)
    manifest["metrics"]["benchmarks_note"] = note
    mpath.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    from .summary import card_section

    (Path(model_dir) / "MODEL_CARD.md").write_text(model_card(manifest) + card_section(model_dir), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m consistency.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--benchmarks", default=None, help="benchmarks directory (default ../shared/benchmarks)")
    ap.add_argument("--model", default=None, help="judge directory (default models/judge-v1)")
    ap.add_argument("--limit", type=int, default=None, help="at most N rows per set (spread evenly)")
    ap.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--record", action="store_true",
                    help="write the results into the judge's manifest.json and MODEL_CARD.md")
    args = ap.parse_args(argv)
    from .errors import ConsistencyError
    from .judge_model import TrainedJudge

    try:
        judge = TrainedJudge.load(args.model) if args.model else TrainedJudge.load()
        rows = evaluate(args.benchmarks, judge=judge, limit=args.limit, sets=args.sets, progress=not args.json)
    except ConsistencyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(rows, indent=2) if args.json else format_table(rows))
    if args.record:
        record(judge.path, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
