"""Engine behaviour with fake embedder and scorer (real spaCy claims, slots and verdict rules)."""

from __future__ import annotations

import json

import pytest

from consistency.config import config_from_dict
from consistency.engine import Engine
from consistency.errors import InputError
from consistency.types import (
    Channel,
    ClaimType,
    Conversation,
    Copy,
    Role,
    Severity,
    Turn,
    Verdict,
    to_dict,
)
from consistency.verdict import Calibrator
from tests.fakes import FakeEmbedder, FakeScorer


@pytest.fixture(scope="module")
def engine():
    return Engine(config_from_dict({}), embedder=FakeEmbedder(), scorer=FakeScorer(), calibrator=Calibrator())


def conv(*turns, cid="call1"):
    return Conversation(
        id=cid,
        channel=Channel.CALL,
        turns=tuple(Turn(index=i, speaker=s, role=Role(r), text=t, start=float(i * 10))
                    for i, (s, r, t) in enumerate(turns)),
    )


PRICE_COPY = Copy(id="landing", text="The Pro plan costs $49 per month.")


def finding(report, claim_index=0, conversation_id="call1"):
    claim = report.claims[claim_index]
    return next(f for f in report.findings if f.claim_id == claim.id and f.conversation_id == conversation_id)


def test_price_contradiction_has_evidence_and_precise_explanation(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Sam", "customer", "How much is the Pro plan?"),
        ("Dana", "rep", "The Pro plan is $59 per month."),
    )])
    f = finding(report)
    assert report.claims[0].type is ClaimType.PRICE
    assert f.verdict is Verdict.CONTRADICTED
    assert f.severity is Severity.HIGH
    assert f.evidence[0].turn == 1 and f.evidence[0].speaker == "Dana" and f.evidence[0].start == 10.0
    assert "49" in f.explanation and "59" in f.explanation


def test_number_words_confirm(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Dana", "rep", "The Pro plan is forty-nine dollars per month."),
    )])
    assert finding(report).verdict is Verdict.CONSISTENT


def test_customer_statements_are_never_evidence(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Sam", "customer", "The Pro plan costs $59 per month, right?"),
        ("Dana", "rep", "Let me tell you about our onboarding."),
    )])
    f = finding(report)
    assert f.verdict is Verdict.NOT_MENTIONED
    assert all(e.role is Role.REP for e in f.evidence)


def test_later_statement_wins_when_rep_corrects_himself(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Dana", "rep", "The Pro plan is $59 per month."),
        ("Sam", "customer", "Really?"),
        ("Dana", "rep", "Sorry, my mistake: the Pro plan is $49 per month."),
    )])
    f = finding(report)
    assert f.verdict is Verdict.CONSISTENT
    assert f.evidence[0].turn == 2
    assert "earlier" in f.explanation


def test_one_finding_per_claim_per_conversation(engine):
    copy = Copy(id="ad", text="The Pro plan costs $49 per month. Every plan includes 24/7 phone support.")
    convs = [conv(("Dana", "rep", "Pro is $49 per month."), cid="a"),
             conv(("Lee", "rep", "Support is weekdays only."), cid="b"),
             conv(("Lee", "rep", "Hello!"), cid="c")]
    report = engine.check([copy], convs)
    pairs = [(f.claim_id, f.conversation_id) for f in report.findings]
    assert len(pairs) == len(set(pairs)) == len(report.claims) * 3
    assert report.summary["findings"] == len(pairs)
    json.dumps(to_dict(report))  # serialisable


@pytest.mark.parametrize("copies, convs, code", [
    ([], [], "E101"),
    ([Copy(id="a", text="   ")], [], "E101"),
    ([Copy(id="a", text="Pro is $49."), Copy(id="a", text="Pro is $49.")], [], "E108"),
])
def test_bad_input_gives_coded_errors(engine, copies, convs, code):
    with pytest.raises(InputError) as err:
        engine.check(copies, convs)
    assert err.value.code == code


def test_duplicate_conversation_ids_rejected(engine):
    with pytest.raises(InputError) as err:
        engine.check([PRICE_COPY], [conv(("D", "rep", "hi")), conv(("D", "rep", "hi"))])
    assert err.value.code == "E108"


def test_retrieval_judges_only_top_k_candidates():
    scorer = FakeScorer()
    eng = Engine(config_from_dict({"retrieval": {"top_k": 2, "min_similarity": -1}}),
                 embedder=FakeEmbedder(), scorer=scorer, calibrator=Calibrator())
    turns = [("Dana", "rep", f"Topic number {i} is about something else.") for i in range(20)]
    report = eng.check([PRICE_COPY], [conv(*turns)], include_unbacked=False)
    assert scorer.pairs_scored == 2 * len(report.claims)


def test_unbacked_rep_promise(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Dana", "rep", "I can also give you a 60-day money-back guarantee."),
    )])
    assert report.unbacked
    u = report.unbacked[0]
    assert u.evidence.turn == 0 and u.type in {ClaimType.GUARANTEE, ClaimType.REFUND}


def test_verify_passage(engine):
    result = engine.verify("The Pro plan costs $49 per month.",
                           "Thanks for calling. The Pro plan costs $59 per month. Anything else?")
    assert result.verdict is Verdict.CONTRADICTED
    assert "59" in result.evidence[0].text
    assert abs(result.scores.contradicted + result.scores.consistent + result.scores.not_mentioned - 1) < 1e-6


@pytest.mark.parametrize("claim, evidence", [("", "x"), ("Pro is $49", ""), ("Pro is $49", [])])
def test_verify_rejects_empty(engine, claim, evidence):
    with pytest.raises(InputError):
        engine.verify(claim, evidence)


def test_info_is_cheap_and_describes_models(engine):
    info = engine.info()
    assert info["version"] and "judge" in info["models"] and "embedding" in info["models"]


def test_correction_within_one_turn_inherits_topic_and_wins(engine):
    report = engine.check([PRICE_COPY], [conv(
        ("Dana", "rep", "The Pro plan is $59 per month. Sorry, my mistake. It is $49 monthly."),
    )])
    f = finding(report)
    assert f.verdict is Verdict.CONSISTENT
    assert f.evidence[0].text == "It is $49 monthly."


def test_rep_value_matching_a_claim_is_not_unbacked(engine):
    report = engine.check([PRICE_COPY], [conv(("Dana", "rep", "You pay $49 monthly, guaranteed."))])
    assert not [u for u in report.unbacked if "$49" in u.evidence.text]


def test_judge_dir_from_environment_is_used(monkeypatch, tmp_path):
    """CONSISTENCY_JUDGE_DIR (named in the E202 hint) points the engine at another judge."""
    from consistency.errors import ModelError

    monkeypatch.setenv("CONSISTENCY_JUDGE_DIR", str(tmp_path / "no-such-judge"))
    eng = Engine(config_from_dict({}), embedder=FakeEmbedder())
    with pytest.raises(ModelError) as exc:
        _ = eng.scorer
    assert exc.value.code == "E202" and "no-such-judge" in str(exc.value)


@pytest.mark.parametrize("discount, answered", [(0.05, True), (None, False)])
def test_a_short_answer_is_as_close_as_its_question(discount, answered):
    # "Sixty-nine dollars." shares no word with the claim; with the customer's question it does
    eng = Engine(config_from_dict({"retrieval": {"question_context_discount": discount}}),
                 embedder=FakeEmbedder(), scorer=FakeScorer(), calibrator=Calibrator())
    call = conv(("Ann", "customer", "How much does the Pro plan cost per month?"), ("Dana", "rep", "Sixty-nine dollars."))
    claims = eng.extract_claims(PRICE_COPY)
    statements = eng.extract_statements(call)
    cv = eng.embedder.encode([c.text for c in claims])
    sv = eng.embedder.encode([s.judged_text for s in statements])
    plain, _ = eng.retrieve(cv, sv.copy(), 8)
    sims, _ = eng.retrieve(cv, sv.copy(), 8, answers=eng.answer_vectors(call, statements))
    assert bool(sims[0, 0] > plain[0, 0] + 0.3) is answered
    report = eng.check([PRICE_COPY], [call], include_unbacked=False)
    assert (finding(report).verdict is Verdict.CONTRADICTED) is answered  # $69 against $49
