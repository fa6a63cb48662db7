"""Scoring of labelled cases: claim matching (including split sentences) and metrics."""

from __future__ import annotations

from consistency.engine import summarise as summarise_report
from consistency.labeled import Case, load_cases, prf, score_case, summarise
from consistency.types import (
    Channel,
    Claim,
    ClaimType,
    Conversation,
    Copy,
    Finding,
    Report,
    Severity,
    Verdict,
)

TEXT = "Plans cost $49/month and include 24/7 support. Free shipping."


def make_case():
    copy = Copy("c", TEXT)
    conv = Conversation("k", Channel.CALL, ())
    expected = [
        {"copy_id": "c", "claim": "Plans cost $49/month and include 24/7 support.", "type": "price",
         "conversation_id": "k", "verdict": "contradicted", "evidence_turn": None},
        {"copy_id": "c", "claim": "Free shipping.", "type": "free_offer", "conversation_id": "k",
         "verdict": "consistent", "evidence_turn": None},
    ]
    return Case("x", "dev", [copy], [conv], expected)


def report_for(verdicts):
    claims = (
        Claim("c:1", "c", "Plans cost $49/month", 0, 20, ClaimType.PRICE),
        Claim("c:2", "c", "include 24/7 support", 25, 45, ClaimType.SUPPORT_HOURS),
        Claim("c:3", "c", "Free shipping", 47, 60, ClaimType.FREE_OFFER),
    )
    findings = tuple(Finding(c.id, "k", v, 0.8, Severity.LOW) for c, v in zip(claims, verdicts, strict=True))
    return Report(claims, findings, (), (), summarise_report(claims, findings, (), ()), {})


def test_split_sentence_is_contradicted_when_any_part_is():
    case = make_case()
    out = score_case(case, report_for([Verdict.CONSISTENT, Verdict.CONTRADICTED, Verdict.CONSISTENT]))
    assert [o.predicted for o in out] == ["contradicted", "consistent"]
    assert all(o.matched for o in out)
    s = summarise(out)
    assert s["accuracy"] == 1.0 and s["per_verdict"]["contradicted"]["f1"] == 1.0


def test_unextracted_claim_counts_as_not_mentioned():
    case = make_case()
    rep = report_for([Verdict.CONSISTENT] * 3)
    rep = Report(rep.claims[:2], rep.findings[:2], (), (), {}, {})
    out = score_case(case, rep)
    assert out[1].predicted == "not_mentioned" and not out[1].matched


def test_prf():
    out = score_case(make_case(), report_for([Verdict.CONSISTENT, Verdict.CONSISTENT, Verdict.CONSISTENT]))
    p, r, f1, n = prf(out, "consistent")
    assert (p, r, n) == (0.5, 1.0, 1) and round(f1, 3) == 0.667


def test_every_labelled_case_loads():
    cases = load_cases("all")
    assert len(cases) >= 40
    assert sum(len(c.expected) for c in cases) >= 200
    assert {c.split for c in cases} == {"dev", "test"}
