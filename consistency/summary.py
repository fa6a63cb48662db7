"""Is a summary faithful to its document? Summary-level judging for call recaps and email summaries.

A rep's recap email, a CRM note or a generated call summary states several things at once. Each
summary sentence is scored against the document sentences most similar to it with the trained
judge (SummaC-style: the best support and the strongest contradiction per sentence), and the
summary as a whole gets lexical checks that the sentence judge cannot make on its own: numbers
whose value appears nowhere in the document, names the document never uses, and the share of
content words that are new. A logistic regression over these features gives ``p(inconsistent)``.

The regression is fit on ``corpora/summaries`` (hand-written summaries of our own demo and
dev-split conversations, with one-edit inconsistent variants) by ``fit`` below, and stored as
``summary.json`` beside the judge it was fit with; the judge's weights hash is recorded and
checked on load, because the features are the judge's probabilities.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import ModelError
from .features import LABELS, STOPWORDS
from .slots import compare_slots, extract_slots, has_negation

FORMAT = "summary-lr-v1"
FILE_NAME = "summary.json"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / "corpora" / "summaries" / "summaries.jsonl"

FEATURE_NAMES = (
    "min_support",  # the weakest summary sentence's best support from any document sentence
    "mean_support",
    "max_contradiction",  # the strongest contradiction any summary sentence meets
    "min_similarity",  # the weakest summary sentence's best cosine to a document sentence
    "unsupported_numbers",  # numbers whose value the document never states
    "novel_names",  # capitalised words (not sentence-initial) the document never uses
    "novel_word_rate",  # share of the summary's content words absent from the document
    "max_sentence_novel_rate",  # the same, for the summary sentence with most new words
    "slot_conflicts",  # sentences whose figures clash with a close passage and agree with none
    "negation_mismatch",  # sentences that deny what their best support asserts, or the reverse
)

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?\b")
# capitalised in running text without being names a document must contain
_COMMON_CAPS = frozenset(
    "i monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december english ceo cfo cto vp".split()
)
# a value stated per month is the same promise per year (x12) or per week (/4.33, x52/12)
_PERIOD_FACTORS = (1.0, 12.0, 1 / 12.0, 52.0, 1 / 52.0, 100.0, 0.01, 7.0, 1 / 7.0, 30.0, 1 / 30.0, 365.0, 1 / 365.0)


# a document sentence's slots are read for its numbers and again for every summary sentence it is
# close to: extract once (the returned tuples of frozen slots are never mutated)
_slots = lru_cache(maxsize=50_000)(extract_slots)


def _stem(word: str) -> str:
    for suf in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def content_stems(text: str) -> list[str]:
    words = (w.lower().strip("'-") for w in _WORD.findall(text))
    return [_stem(w) for w in words if len(w) > 2 and w not in STOPWORDS]


def number_values(text: str) -> list[tuple[str, float]]:
    """(surface, value) for each number in ``text``: slot values where a slot covers the span
    (so "two weeks" is 14 days and "forty-nine dollars" is 49), bare digits elsewhere."""
    out: list[tuple[str, float]] = []
    covered: list[tuple[int, int]] = []
    for s in _slots(text):
        if s.value is None:
            continue
        out.append((s.text, float(s.value)))
        covered.append((s.start, s.end))
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        try:
            out.append((m.group(0), float(m.group(0).replace(",", ""))))
        except ValueError:
            continue
    return out


def _document_values(sentences: Sequence[str]) -> np.ndarray:
    vals = {v for s in sentences for _, v in number_values(s) if np.isfinite(v)}
    # raw digits too: a slot may read "$5 off" as a discount while the summary says "5 dollars"
    vals |= {float(m.group(0).replace(",", "")) for s in sentences for m in _NUMBER.finditer(s)
             if m.group(0).replace(",", "").replace(".", "", 1).isdigit()}
    return np.array(sorted(vals), dtype=np.float64)


def _supported(value: float, doc_values: np.ndarray) -> bool:
    if not len(doc_values):
        return False
    for f in _PERIOD_FACTORS:
        target = value * f
        tol = max(abs(target) * 0.01, 0.005)
        if np.any(np.abs(doc_values - target) <= tol):
            return True
    return False


def _slot_conflict(sentence: str, passages: Sequence[str]) -> bool:
    """The sentence's figures clash with some close passage and agree with none of them."""
    mine = _slots(sentence)
    if not mine:
        return False
    clash = agree = False
    for passage in passages:
        for d in compare_slots(mine, _slots(passage)):
            if d.kind.value == "condition":
                continue
            agree |= d.compatible
            clash |= not d.compatible
    return clash and not agree


def _novel_names(sentence: str, doc_words: set[str]) -> list[str]:
    """Capitalised words the document never uses (any case). Function words and words the
    sentence also uses in lower case are not names, wherever they stand."""
    lower = {w.lower() for w in _WORD.findall(sentence) if w[0].islower()}
    out = []
    for m in _NAME.finditer(sentence):
        w = m.group(0).lower()
        if w in doc_words or w in _COMMON_CAPS or w in STOPWORDS or w in lower:
            continue
        out.append(m.group(0))
    return out


@dataclass(frozen=True)
class SentenceCheck:
    """One summary sentence: its best support and strongest contradiction in the document."""

    sentence: str
    support: float
    contradiction: float
    similarity: float
    evidence: int  # index of the decisive document sentence (the first of a window; -1 when none)
    unsupported_numbers: list[str] = field(default_factory=list)
    novel_names: list[str] = field(default_factory=list)
    novel_word_rate: float = 0.0
    slot_conflict: bool = False
    negation_mismatch: bool = False


@dataclass(frozen=True)
class SummaryCheck:
    """The verdict on a whole summary; ``features`` in :data:`FEATURE_NAMES` order."""

    consistent: bool
    p_inconsistent: float
    sentences: list[SentenceCheck]
    features: list[float]

    def to_dict(self) -> dict:
        return asdict(self)


def summary_features_many(judge, items: Sequence[tuple[Sequence[str], Sequence[str]]], *, top_k: int = 6
                          ) -> tuple[np.ndarray, list[list[SentenceCheck]]]:
    """Features (n, len(FEATURE_NAMES)) and per-sentence checks for (document sentences,
    summary sentences) items, with all judge pairs of all items in one batched call."""
    ci, si = LABELS.index("contradicted"), LABELS.index("consistent")
    pairs: list[tuple[str, str]] = []
    plans: list[list[tuple[list[int], int, np.ndarray]]] = []
    passages_all: list[list[str]] = []
    for doc, summ in items:
        # a summary sentence often compresses a question and its answer: score it against
        # single sentences and against each two consecutive ones
        doc = list(doc) + [f"{a} {b}" for a, b in zip(doc, doc[1:], strict=False)]
        passages_all.append(doc)
        plan = []
        if doc and summ:
            vecs = judge.embedder.encode([*summ, *doc])
            sims = vecs[: len(summ)] @ vecs[len(summ):].T
        for k, sent in enumerate(summ):
            if not doc:
                plan.append(([], len(pairs), np.zeros(0)))
                continue
            order = np.argsort(-sims[k], kind="stable")[:top_k]
            keep = sorted(int(i) for i in order)
            plan.append((keep, len(pairs), sims[k][keep]))
            pairs.extend((sent, doc[j]) for j in keep)
        plans.append(plan)
    probs = judge.probabilities(pairs) if pairs else np.zeros((0, len(LABELS)))

    feats = np.zeros((len(items), len(FEATURE_NAMES)))
    checks_all: list[list[SentenceCheck]] = []
    for n, ((doc, summ), plan, passages) in enumerate(zip(items, plans, passages_all, strict=True)):
        doc_values = _document_values(doc)
        doc_text = " ".join(doc)
        doc_stems = set(content_stems(doc_text))
        doc_words = {w.lower() for w in _WORD.findall(doc_text)}
        checks = []
        for sent, (keep, start, sims_k) in zip(summ, plan, strict=True):
            p = probs[start : start + len(keep)]
            conflict = negation = False
            if len(keep):
                i_s, i_c = int(np.argmax(p[:, si])), int(np.argmax(p[:, ci]))
                support, contra = float(p[i_s, si]), float(p[i_c, ci])
                evidence = keep[i_c] if contra > support else keep[i_s]
                if evidence >= len(doc):  # a two-sentence window: report its first sentence
                    evidence -= len(doc)
                sim = float(np.max(sims_k))
                conflict = _slot_conflict(sent, [passages[j] for j in keep])
                negation = has_negation(sent) != has_negation(passages[keep[i_s]])
            else:
                support = contra = sim = 0.0
                evidence = -1
            numbers = [surface for surface, v in number_values(sent) if not _supported(v, doc_values)]
            names = _novel_names(sent, doc_words)
            stems = content_stems(sent)
            rate = sum(s not in doc_stems for s in stems) / len(stems) if stems else 0.0
            checks.append(SentenceCheck(sent, support, contra, sim, evidence, numbers, names, rate, conflict,
                                        negation))
        checks_all.append(checks)
        if not checks:
            continue
        all_stems = content_stems(" ".join(summ))
        feats[n] = [
            min(c.support for c in checks),
            float(np.mean([c.support for c in checks])),
            max(c.contradiction for c in checks),
            min(c.similarity for c in checks),
            sum(len(c.unsupported_numbers) for c in checks),
            sum(len(c.novel_names) for c in checks),
            sum(s not in doc_stems for s in all_stems) / len(all_stems) if all_stems else 0.0,
            max(c.novel_word_rate for c in checks),
            sum(c.slot_conflict for c in checks),
            sum(c.negation_mismatch for c in checks),
        ]
    return feats, checks_all


def card_section(judge_dir: str | Path) -> str:
    """Markdown for the model card: what the stored summary scorer is and how it measured."""
    path = Path(judge_dir) / FILE_NAME
    if not path.is_file():
        return ""
    params = json.loads(path.read_text(encoding="utf-8"))
    m = params.get("metrics", {})
    weights = ", ".join(f"{n} {c:+.2f}" for n, c in zip(params["features"], params["coef"], strict=True))
    return (
        "\n## Summary scorer (`summary.json`)\n\n"
        "Judges a whole multi-sentence summary (a recap email, a call note) against a whole document: "
        "per summary sentence the judge's best support and strongest contradiction among the "
        f"{params.get('top_k')} closest document sentences or two-sentence windows, plus numbers, names and "
        "words the document never uses; a logistic regression over these features "
        "(`python -m consistency.summary fit`).\n\n"
        f"- fitted on `{params.get('data', {}).get('path')}` (sha256 `{params.get('data', {}).get('sha256', '')[:12]}`): "
        f"{m.get('n')} summaries of {m.get('n_sources')} of our own conversations, {m.get('n_inconsistent')} inconsistent\n"
        f"- grouped {m.get('cv_folds')}-fold cross-validation (folds by source document): balanced accuracy "
        f"{m.get('cv_balanced_accuracy')}, Brier {m.get('cv_brier')}\n"
        f"- standardised coefficients: {weights}\n"
        "- SummEdits rows in the benchmark table above are judged by it (`method` = summary)\n"
    )


def weights_sha256(judge_dir: Path) -> str:
    return hashlib.sha256((Path(judge_dir) / "weights.npz").read_bytes()).hexdigest()


class SummaryChecker:
    """``check(document_sentences, summary_sentences)`` with a fitted regression."""

    def __init__(self, judge, params: dict):
        self.judge = judge
        self.params = params
        self.mean = np.asarray(params["mean"], dtype=np.float64)
        self.scale = np.asarray(params["scale"], dtype=np.float64)
        self.coef = np.asarray(params["coef"], dtype=np.float64)
        self.intercept = float(params["intercept"])
        self.threshold = float(params["threshold"])
        self.top_k = int(params["top_k"])

    @classmethod
    def load(cls, judge, path: str | Path | None = None) -> SummaryChecker:
        path = Path(path) if path else Path(judge.path) / FILE_NAME
        if not path.is_file():
            raise ModelError(f"No summary scorer at {path}", code="E202", location=str(path),
                             hint="fit one with `python -m consistency.summary fit` (needs corpora/summaries)")
        try:
            params = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"The summary scorer is not valid JSON: {exc}", code="E202", location=str(path),
                             hint="refit it with `python -m consistency.summary fit`") from exc
        if params.get("format") != FORMAT or list(params.get("features", [])) != list(FEATURE_NAMES):
            raise ModelError(f"The summary scorer's format or features do not match this version ({FORMAT})",
                             code="E202", location=str(path), hint="refit it with `python -m consistency.summary fit`")
        want = params.get("judge_weights_sha256")
        have = weights_sha256(judge.path)
        if want != have:
            raise ModelError("The summary scorer was fit on another judge's probabilities", code="E202",
                             location=str(path),
                             hint="refit it with `python -m consistency.summary fit` after retraining the judge")
        return cls(judge, params)

    def p_inconsistent(self, feats: np.ndarray) -> np.ndarray:
        z = ((feats - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def check_many(self, items: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[SummaryCheck]:
        feats, checks = summary_features_many(self.judge, items, top_k=self.top_k)
        p = self.p_inconsistent(feats)
        return [SummaryCheck(bool(pi < self.threshold), float(pi), ch, f.tolist())
                for pi, ch, f in zip(p, checks, feats, strict=True)]

    def check(self, document: str, summary: str) -> SummaryCheck:
        from .evaluate import split_sentences

        doc = split_sentences(document) or [document]
        summ = split_sentences(summary) or [summary]
        return self.check_many([(doc, summ)])[0]


# --------------------------------------------------------------------------- fitting


def render_conversation(conv) -> str:
    """A conversation as ``Speaker: text`` lines, the form summaries are checked against."""
    return "\n".join(f"{t.speaker}: {t.text}" for t in conv.turns)


def load_source(source: str, corpora_dir: Path = REPO_ROOT / "corpora") -> str:
    """The document a row of ``corpora/summaries`` summarises: ``demo/<path>`` (a demo
    conversation file) or ``labeled/<case>.json#<conversation id>``."""
    if source.startswith("labeled/"):
        name, _, conv_id = source.removeprefix("labeled/").partition("#")
        case_id = Path(name).stem
        for case in _labeled_cases(str(corpora_dir / "labeled" / "cases")):
            if case.id == case_id:
                for conv in case.conversations:
                    if conv.id == conv_id:
                        return render_conversation(conv)
        raise KeyError(f"no conversation {conv_id!r} in labeled case {case_id!r}")
    if source.startswith("demo/"):
        from .io import load_conversation_file

        return render_conversation(load_conversation_file(corpora_dir / source))
    raise KeyError(f"unknown source {source!r} (expected demo/... or labeled/...#id)")


@lru_cache(maxsize=4)
def _labeled_cases(cases_dir: str) -> tuple:
    from .labeled import load_cases

    return tuple(load_cases("all", Path(cases_dir)))


def read_rows(path: Path = DEFAULT_DATA) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    return float((np.mean(pred[y == 1] == 1) + np.mean(pred[y == 0] == 0)) / 2)


def fit(judge, rows: Sequence[dict], *, top_k: int = 6, folds: int = 5, c: float = 1.0,
        load: Callable[[str], str] = load_source) -> dict:
    """Fit the regression on labelled summary rows; report grouped cross-validation (folds by
    source document, so no document's summaries are in both train and test)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from .evaluate import split_sentences

    docs: dict[str, list[str]] = {}
    items, y, groups = [], [], []
    for r in rows:
        if r["source"] not in docs:
            docs[r["source"]] = split_sentences(load(r["source"]))
        items.append((docs[r["source"]], split_sentences(r["summary"]) or [r["summary"]]))
        y.append(1 if r["label"] == "inconsistent" else 0)
        groups.append(r["source"])
    y = np.array(y)
    X, _ = summary_features_many(judge, items, top_k=top_k)

    def model():
        return LogisticRegression(C=c, class_weight="balanced", max_iter=1000)

    def standardise(A: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
        return (A - mean) / scale

    cv_p = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        mean, scale = X[tr].mean(0), X[tr].std(0) + 1e-9
        m = model().fit(standardise(X[tr], mean, scale), y[tr])
        cv_p[te] = m.predict_proba(standardise(X[te], mean, scale))[:, 1]
    mean, scale = X.mean(0), X.std(0) + 1e-9
    m = model().fit(standardise(X, mean, scale), y)
    cv_pred = (cv_p >= 0.5).astype(int)
    single = {}
    for j, name in enumerate(FEATURE_NAMES):  # how far each feature gets alone (AUC), for the card
        from sklearn.metrics import roc_auc_score

        single[name] = round(float(roc_auc_score(y, X[:, j])), 3)
    return {
        "format": FORMAT,
        "features": list(FEATURE_NAMES),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": m.coef_[0].tolist(),
        "intercept": float(m.intercept_[0]),
        "threshold": 0.5,
        "top_k": top_k,
        "c": c,
        "metrics": {
            "n": int(len(y)),
            "n_inconsistent": int(y.sum()),
            "n_sources": len(docs),
            "cv_folds": folds,
            "cv_balanced_accuracy": round(_balanced_accuracy(y, cv_pred), 4),
            "cv_brier": round(float(np.mean((cv_p - y) ** 2)), 4),
            "feature_auc": single,
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from .judge_model import TrainedJudge, default_model_dir

    ap = argparse.ArgumentParser(prog="python -m consistency.summary",
                                 description="Fit the summary-level scorer on corpora/summaries.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit", help="fit and write summary.json beside the judge")
    f.add_argument("--judge", default=None, help="judge directory (default: the shipped judge)")
    f.add_argument("--data", default=str(DEFAULT_DATA))
    f.add_argument("--top-k", type=int, default=6)
    f.add_argument("--dry-run", action="store_true", help="print the cross-validation, write nothing")
    args = ap.parse_args(argv)

    judge_dir = Path(args.judge) if args.judge else default_model_dir()
    judge = TrainedJudge.load(judge_dir)
    data = Path(args.data)
    params = fit(judge, read_rows(data), top_k=args.top_k)
    params["judge_weights_sha256"] = weights_sha256(judge_dir)
    params["data"] = {"path": str(data.relative_to(REPO_ROOT)) if data.is_relative_to(REPO_ROOT) else str(data),
                      "sha256": hashlib.sha256(data.read_bytes()).hexdigest()}
    print(json.dumps(params["metrics"], indent=1))
    if not args.dry_run:
        out = judge_dir / FILE_NAME
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        tmp.replace(out)  # never a half-written scorer
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
