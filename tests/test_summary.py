"""Summary-level judging (consistency.summary): features, fitting, the stored scorer and its checks.

A fake judge (word overlap as support) keeps these fast; the real judge is exercised by
``benchmarks``/``python -m consistency.summary fit``.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from consistency.errors import ModelError
from consistency.evaluate import evaluate
from consistency.features import LABELS
from consistency.summary import (
    FEATURE_NAMES,
    FILE_NAME,
    SummaryChecker,
    fit,
    load_source,
    number_values,
    summary_features_many,
    weights_sha256,
)
from tests.fakes import FakeEmbedder, words


class OverlapJudge:
    """Support = share of the claim's words in the evidence; no contradictions."""

    def __init__(self, path=None):
        self.embedder = FakeEmbedder()
        self.path = path

    def probabilities(self, pairs):
        out = np.zeros((len(pairs), 3))
        for i, (claim, ev) in enumerate(pairs):
            cw = words(claim)
            s = len(cw & words(ev)) / len(cw) if cw else 0.0
            out[i, LABELS.index("consistent")] = s
            out[i, LABELS.index("contradicted")] = 0.0
            out[i, LABELS.index("not_mentioned")] = 1.0 - s
        return out


DOC = ["Hi, this is Dana from Tallybird.", "Starter is forty-nine a month for one location.",
       "Setup takes two weeks.", "Harriet asked about the card reader."]


@pytest.mark.parametrize("text,value", [
    ("The plan costs $49 per month.", 49.0),
    ("Setup takes 14 days.", 14.0),
    ("They have 3 stores.", 3.0),
])
def test_number_values(text, value):
    assert value in [v for _, v in number_values(text)]


def test_features_flag_numbers_and_names_the_document_never_states():
    good = ["Dana said Starter is $49 a month.", "Setup takes 14 days."]
    bad = ["Dana said Starter is $59 a month.", "Marcus said setup takes 14 days."]
    feats, checks = summary_features_many(OverlapJudge(), [(DOC, good), (DOC, bad)])
    f = {n: feats[:, i] for i, n in enumerate(FEATURE_NAMES)}
    assert f["unsupported_numbers"].tolist() == [0, 1]  # $49 = forty-nine; 14 days = two weeks
    assert f["novel_names"].tolist() == [0, 1]  # Marcus is not in the document
    assert checks[1][0].unsupported_numbers == ["$59 a month"] and checks[1][1].novel_names == ["Marcus"]
    assert 0 <= f["min_support"][0] <= f["mean_support"][0] <= 1
    assert checks[0][1].evidence == 2  # the setup sentence is the decisive one


def test_empty_summary_or_document_gives_zero_features():
    feats, checks = summary_features_many(OverlapJudge(), [([], ["Anything at all."]), (DOC, [])])
    assert feats.shape == (2, len(FEATURE_NAMES)) and checks[1] == []


def _rows():
    rows = []
    for k in range(10):
        src = f"doc{k}"
        rows.append({"source": src, "summary": f"Dana said Starter is $49 a month. Setup takes two weeks. Call {k}.",
                     "label": "consistent"})
        rows.append({"source": src, "summary": f"Marcus said Starter is ${59 + k} a month. Setup takes two weeks.",
                     "label": "inconsistent"})
    return rows


def test_fit_separates_edits_in_grouped_cross_validation():
    params = fit(OverlapJudge(), _rows(), folds=5, load=lambda src: " ".join(DOC) + f" Call {src[-1]}.")
    assert params["features"] == list(FEATURE_NAMES) and len(params["coef"]) == len(FEATURE_NAMES)
    assert params["metrics"]["n"] == 20 and params["metrics"]["n_sources"] == 10
    assert params["metrics"]["cv_balanced_accuracy"] == 1.0


def _stored(tmp_path):
    (tmp_path / "weights.npz").write_bytes(b"judge weights")
    params = fit(OverlapJudge(), _rows(), folds=2, load=lambda src: " ".join(DOC))
    params["judge_weights_sha256"] = weights_sha256(tmp_path)
    (tmp_path / FILE_NAME).write_text(json.dumps(params), encoding="utf-8")
    return OverlapJudge(tmp_path)


def test_checker_loads_and_checks(tmp_path):
    checker = SummaryChecker.load(_stored(tmp_path))
    ok = checker.check(" ".join(DOC), "Dana said Starter is $49 a month. Setup takes two weeks.")
    bad = checker.check(" ".join(DOC), "Marcus said Starter is $99 a month. Setup takes two weeks.")
    assert ok.consistent and not bad.consistent
    assert bad.p_inconsistent > ok.p_inconsistent
    assert json.loads(json.dumps(bad.to_dict()))["sentences"][0]["unsupported_numbers"] == ["$99 a month"]


def test_checker_refuses_a_scorer_fit_on_another_judge(tmp_path):
    judge = _stored(tmp_path)
    (tmp_path / "weights.npz").write_bytes(b"retrained judge")
    with pytest.raises(ModelError) as exc:
        SummaryChecker.load(judge)
    assert exc.value.code == "E202" and "refit" in exc.value.hint


@pytest.mark.parametrize("content", ["not json", json.dumps({"format": "other"})])
def test_checker_refuses_broken_files(tmp_path, content):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        SummaryChecker.load(OverlapJudge(tmp_path))
    assert exc.value.code == "E202"


def test_missing_scorer_is_a_model_error(tmp_path):
    with pytest.raises(ModelError) as exc:
        SummaryChecker.load(OverlapJudge(tmp_path))
    assert exc.value.code == "E202" and "consistency.summary fit" in exc.value.hint


def test_evaluate_uses_the_summary_method_on_summary_sets(tmp_path):
    import gzip

    (tmp_path / "judge").mkdir()
    judge = _stored(tmp_path / "judge")
    d = tmp_path / "benchmarks" / "summedits_sales"
    d.mkdir(parents=True)
    rows = [{"premise": "\n".join(DOC), "hypothesis": "Dana said Starter is $49 a month. Setup takes two weeks.",
             "label": "entailment", "domain": "sales_call"},
            {"premise": "\n".join(DOC), "hypothesis": "Marcus said Starter is $99 a month. Setup takes two weeks.",
             "label": "contradiction", "domain": "sales_call"}]
    with gzip.open(d / "eval.jsonl.gz", "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows))
    res = evaluate(tmp_path / "benchmarks", judge=judge)
    assert res[0]["set"] == "summedits_sales/calls" and res[0]["method"] == "summary"
    assert res[0]["bal_acc"] == 100.0


@pytest.mark.parametrize("source", ["demo/calls/call_01_crumb_bakery.txt", "labeled/case_001.json#call1"])
def test_load_source_reads_our_corpora(source):
    text = load_source(source)
    assert text.count("\n") > 3 and ": " in text.splitlines()[0]


def test_load_source_rejects_unknown_sources():
    with pytest.raises(KeyError):
        load_source("elsewhere/file.txt")
    with pytest.raises(KeyError):
        load_source("labeled/case_001.json#no_such_conversation")


def test_card_section_describes_the_stored_scorer(tmp_path):
    from consistency.summary import card_section

    assert card_section(tmp_path) == ""
    _stored(tmp_path)
    text = card_section(tmp_path)
    assert "Summary scorer" in text and "balanced accuracy" in text and "unsupported_numbers" in text
