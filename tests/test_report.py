from __future__ import annotations

import csv
import io
import json

import pytest

from consistency.engine import summarise
from consistency.report import FORMATS, render
from consistency.types import (
    Channel,
    Claim,
    ClaimType,
    Conversation,
    Evidence,
    Finding,
    Report,
    Role,
    Severity,
    Slot,
    SlotKind,
    Turn,
    Unbacked,
    Verdict,
)

EVIL = '<script>alert("x")</script> & "quotes"'


@pytest.fixture()
def report():
    claims = (
        Claim("ad:c1", "ad", "Pro costs $49/month", 0, 19, ClaimType.PRICE,
              (Slot(SlotKind.MONEY, "$49/month", 10, 19, 49.0, "USD", "month"),)),
        Claim("ad:c2", "ad", EVIL, 20, 60, ClaimType.OTHER),
    )
    turns = (Turn(0, "Dana", Role.REP, "Pro is $59 a month " + EVIL, 65.0),)
    convs = (Conversation("call1", Channel.CALL, turns),)
    ev = Evidence(0, "Dana", Role.REP, turns[0].text, 65.0)
    findings = (
        Finding("ad:c1", "call1", Verdict.CONTRADICTED, 0.91, Severity.HIGH, (ev,), "copy: $49/month; rep: $59/month"),
        Finding("ad:c2", "call1", Verdict.NOT_MENTIONED, 0.8, Severity.LOW, (), "nothing said"),
    )
    unbacked = (Unbacked("call1", ClaimType.GUARANTEE, ev, 0.7, "promise " + EVIL),)
    return Report(claims, findings, unbacked, convs, summarise(claims, findings, unbacked, convs), {"version": "t"})


def test_json_round_trip(report):
    data = json.loads(render(report, "json"))
    assert data["findings"][0]["verdict"] == "contradicted"
    assert data["claims"][0]["slots"][0]["kind"] == "money"
    assert data["summary"]["verdicts"] == {"contradicted": 1, "consistent": 0, "not_mentioned": 1}


def test_jsonl_one_object_per_line(report):
    lines = render(report, "jsonl").splitlines()
    kinds = [json.loads(x)["kind"] for x in lines]
    assert kinds == ["finding", "finding", "unbacked"]


def test_csv_rows(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == 2 and rows[0]["evidence_turn"] == "0" and rows[0]["claim"] == "Pro costs $49/month"


def test_html_is_self_contained_and_escaped(report):
    page = render(report, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page  # works offline
    assert "copy: $49/month; rep: $59/month" in page


def test_text_lists_contradictions(report):
    text = render(report, "text")
    assert "Contradictions:" in text and "00:01:05" in text


def test_every_format_renders(report):
    for fmt in FORMATS:
        assert render(report, fmt)
    with pytest.raises(ValueError):
        render(report, "pdf")
