"""Role resolution: explicit, config and heuristic sources."""

from __future__ import annotations

import pytest

from consistency.errors import InputError
from consistency.io import normalize_role, parse_conversation, resolve_roles
from consistency.types import Role, Turn


def turns(*specs):
    """specs: (speaker, text) or (speaker, text, role)."""
    out = []
    for i, s in enumerate(specs):
        role = s[2] if len(s) > 2 else Role.UNKNOWN
        out.append(Turn(index=i, speaker=s[0], role=role, text=s[1], role_source="heuristic" if len(s) < 3 else "explicit"))
    return out


def roles(ts):
    return [(t.role, t.role_source) for t in ts]


@pytest.mark.parametrize(
    "value, role",
    [
        ("rep", Role.REP),
        ("Agent", Role.REP),
        ("SALES", Role.REP),
        ("seller", Role.REP),
        ("AE", Role.REP),
        ("sdr", Role.REP),
        ("sales_rep", Role.REP),
        ("customer", Role.CUSTOMER),
        ("Client", Role.CUSTOMER),
        ("prospect", Role.CUSTOMER),
        ("buyer", Role.CUSTOMER),
        ("LEAD", Role.CUSTOMER),
        (Role.REP, Role.REP),
        ("unknown", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_role(value, role):
    assert normalize_role(value) == role


def test_explicit_roles_and_propagation():
    ts = turns(("Jane", "hello", "Sales"), ("Bob", "hi", "client"), ("Jane", "more"))
    out = resolve_roles(ts)
    assert roles(out) == [(Role.REP, "explicit"), (Role.CUSTOMER, "explicit"), (Role.REP, "explicit")]
    assert [t.index for t in out] == [0, 1, 2]


def test_invalid_explicit_role_names_turn():
    ts = turns(("Jane", "hello", "rep"), ("Bob", "hi", "boss"))
    with pytest.raises(InputError) as ei:
        resolve_roles(ts)
    assert ei.value.code == "E108"
    assert "turn 1" in str(ei.value) and "'boss'" in str(ei.value)


def test_explicit_beats_config():
    ts = turns(("Jane", "hello", "customer"), ("Bob", "hi"))
    assert roles(resolve_roles(ts, rep_speakers=["Jane"]))[0] == (Role.CUSTOMER, "explicit")


@pytest.mark.parametrize(
    "speaker, rep_speakers, is_rep",
    [
        ("Jane Doe", ["jane doe"], True),
        ("Jane Doe", ["Jane"], True),
        ("Jane", ["Jane Doe"], True),
        ("JANE", ["jane"], True),
        ("Jane Smith", ["Jane Doe"], False),
        ("Bob", ["Jane"], False),
    ],
)
def test_config_speakers(speaker, rep_speakers, is_rep):
    out = resolve_roles(turns((speaker, "something neutral")), rep_speakers=rep_speakers)
    assert (out[0].role is Role.REP) == is_rep
    if is_rep:
        assert out[0].role_source == "config"


def test_config_domains_with_addresses_and_labels():
    ts = turns(("Jane Doe", "a"), ("Bob", "b"), ("Carol <carol@sub.acme.com>", "c"))
    out = resolve_roles(ts, rep_domains=["acme.com"], addresses=["jane@acme.com", "bob@client.org", None])
    assert roles(out) == [(Role.REP, "config"), (Role.CUSTOMER, "config"), (Role.REP, "config")]


def test_config_others_become_customers():
    ts = turns(("Jane", "a"), ("Bob", "b"), ("Carl", "c"))
    out = resolve_roles(ts, rep_speakers=["Jane"])
    assert roles(out) == [(Role.REP, "config"), (Role.CUSTOMER, "heuristic"), (Role.CUSTOMER, "heuristic")]


@pytest.mark.parametrize(
    "label, role",
    [
        ("Rep", Role.REP),
        ("Sales Rep (Jane)", Role.REP),
        ("Agent 2", Role.REP),
        ("Support", Role.REP),
        ("Customer Support", Role.REP),
        ("AE", Role.REP),
        ("SDR", Role.REP),
        ("Customer", Role.CUSTOMER),
        ("Client 1", Role.CUSTOMER),
        ("Caller", Role.CUSTOMER),
        ("Prospect", Role.CUSTOMER),
    ],
)
def test_label_heuristic(label, role):
    out = resolve_roles(turns((label, "neutral words"), ("Speaker 9", "x"), ("Speaker 8", "y")))
    assert roles(out)[0] == (role, "heuristic")


def test_text_cue_heuristic_and_two_speaker_rule():
    ts = turns(
        ("Speaker 1", "Thanks for calling Acme, how can I help?"),
        ("Speaker 2", "Hi, I wanted to ask about pricing."),
        ("Speaker 1", "Our Pro plan is $49 and we offer a trial."),
    )
    out = resolve_roles(ts)
    assert roles(out) == [(Role.REP, "heuristic"), (Role.CUSTOMER, "heuristic"), (Role.REP, "heuristic")]


def test_customer_cues():
    ts = turns(("A", "How much is it? Do you have a discount? Can I pay yearly?"), ("B", "Sure."))
    out = resolve_roles(ts)
    assert roles(out) == [(Role.CUSTOMER, "heuristic"), (Role.REP, "heuristic")]


def test_unknown_when_nothing_known():
    ts = turns(("A", "hello"), ("B", "hi"), ("C", "hey"))
    assert {t.role for t in resolve_roles(ts)} == {Role.UNKNOWN}
    assert resolve_roles([]) == []


def test_resolve_is_idempotent():
    ts = turns(("Speaker 1", "Our plan is $49."), ("Speaker 2", "ok"))
    once = resolve_roles(ts)
    assert resolve_roles(once) == once


def test_roles_through_parser_with_emails_in_labels():
    conv = parse_conversation(
        "jane@acme.com: Our plan is $49.\nbob@client.org: ok",
        "text",
        conversation_id="c",
        rep_domains=["acme.com"],
    )
    assert roles(conv.turns) == [(Role.REP, "config"), (Role.CUSTOMER, "config")]
