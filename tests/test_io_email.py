"""E-mail loaders: MIME decoding, quoted-reply and signature removal, mbox ordering, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.errors import InputError
from consistency.io import clean_body, load_conversation_file, parse_conversation
from consistency.types import Channel, Role

FIX = Path(__file__).parent / "fixtures" / "io"

HEAD = "From: Jane Doe <jane@acme.com>\nTo: bob@client.org\nSubject: x\nDate: Tue, 02 Jan 2024 10:00:00 +0000\n"


def eml(body: str, headers: str = HEAD, **kw):
    return parse_conversation(headers + "\n" + body, "eml", conversation_id="m", **kw)


def test_reply_fixture():
    conv = load_conversation_file(FIX / "reply.eml", rep_domains=["acme.com"])
    assert conv.channel is Channel.EMAIL and conv.id == "reply"
    (t,) = conv.turns
    assert t.speaker == "Jane Doe"
    assert t.start == 1704189600.0
    assert (t.role, t.role_source) == (Role.REP, "config")
    assert t.text == (
        "Hi Bob,\nOur Pro plan is $49 per month and every plan comes with a 30-day money-back guarantee, "
        "no questions asked.\nCafé onboarding is included."
    )


def test_outlook_fixture_windows_1252():
    (t,) = load_conversation_file(FIX / "outlook.eml").turns
    assert t.text == "Hi Bob – the contract term is 12 months, and you can cancel with 30 days notice."
    assert t.start == 1704400200.0  # -0500 honoured


def test_html_only_base64_with_attachment():
    (t,) = load_conversation_file(FIX / "html_only.eml").turns
    assert t.speaker == "José García"
    assert t.text == "Hi Bob,\nOnboarding is free for every plan."


def test_forwarded_thread_keeps_only_new_text():
    (t,) = load_conversation_file(FIX / "forward.eml").turns
    assert t.text == "FYI, see below. We quoted them the annual rate."


def test_mbox_fixture_ordered_by_date():
    conv = load_conversation_file(FIX / "thread.mbox", rep_domains=["@acme.com"])
    assert [t.speaker for t in conv.turns] == ["Jane Doe", "Bob Buyer"]
    assert [t.index for t in conv.turns] == [0, 1]
    assert [t.line for t in conv.turns] == [20, 1]
    jane, bob = conv.turns
    assert jane.text == "Hi Bob,\nOur Pro plan is $49 per month.\nFrom the start, onboarding is free."
    assert bob.text.startswith("Thanks Jane. Is the onboarding really free?")
    assert "Original Message" not in bob.text and "$49" not in bob.text
    assert (jane.role, jane.role_source) == (Role.REP, "config")
    assert (bob.role, bob.role_source) == (Role.CUSTOMER, "config")
    assert jane.start < bob.start


@pytest.mark.parametrize(
    "body, expected",
    [
        ("New text.\n\nOn Mon, Jan 1, 2024 at 9:00 AM Bob <bob@x.org> wrote:\n> old", "New text."),
        ("New text.\n\nOn Mon, Jan 1, 2024 at 9:00 AM Bob Buyer <\nbob@x.org> wrote:\n\nold", "New text."),
        ("Top.\n> quoted\n>> deeper\nBottom.", "Top.\nBottom."),
        ("New.\n\n-----Original Message-----\nFrom: Bob\nold", "New."),
        ("New.\n\nFrom: Bob Buyer <bob@x.org>\nSent: Monday\nTo: Jane\nSubject: x\n\nold", "New."),
        ("New.\n\n---------- Forwarded message ---------\nFrom: x\n\nold", "New."),
        ("New.\n\nBegin forwarded message:\n\nold", "New."),
        ("Price is $49.\n\n-- \nJane Doe\nAcme", "Price is $49."),
        ("Price is $49.\n\nBest regards,\nJane Doe\nVP Sales | Acme Inc.\n+1 (555) 010-0100", "Price is $49."),
        ("Price is $49.\n\nThanks,\nJane", "Price is $49."),
        ("Price is $49.\nCheers - Jane", "Price is $49."),
        ("Price is $49.\n\nSent from my iPhone", "Price is $49."),
        # not a sign-off: a sentence that starts with "Thanks" / a sign-off followed by real content
        ("Thanks for the call today.\nThe price is $49.", "Thanks for the call today.\nThe price is $49."),
        (
            "Thanks,\nThe plan includes onboarding for every seat, and we refund unused months in full.",
            "Thanks,\nThe plan includes onboarding for every seat, and we refund unused months in full.",
        ),
        # hard-wrapped paragraph re-joined, list items kept apart
        (
            "Our plan includes onboarding, priority support and a dedicated\naccount manager for the first year.\n"
            "- item one\n- item two",
            "Our plan includes onboarding, priority support and a dedicated account manager for the first year.\n"
            "- item one\n- item two",
        ),
        ("On a related note, we wrote: nothing else.", "On a related note, we wrote: nothing else."),
        # a numbered list item's hanging indent joins the item; an indented table does not
        (
            "4. Redos: if a document is rejected because of an error on our side, we\n   redo it for free.\n"
            "5. Storage is ten years.",
            "4. Redos: if a document is rejected because of an error on our side, we redo it for free.\n"
            "5. Storage is ten years.",
        ),
        ("Plans:\n  Basic   $10\n  Pro     $20", "Plans:\nBasic   $10\nPro     $20"),
        # answers written inline between the quotes, or below them, are the new text
        (
            "Hi Owen,\n\nOn Wed, Apr 16, 2025 at 11:05 PM Owen <owen@x.example> wrote:\n"
            "> You quoted $69 a month. Is that for both bars?\n\nIt's $69 per location.\n\n"
            "> Does it talk to QuickBooks?\n\nYes, it syncs every night.\n\nCheers,\nRyan\n\n-- \nRyan Oduya",
            "Hi Owen,\nIt's $69 per location.\nYes, it syncs every night.",
        ),
        ("On Mon, Jan 1, 2024 at 9:00 AM Bob <bob@x.org> wrote:\n> Is it $49?\n\nYes, $49 a month.", "Yes, $49 a month."),
        # a top-posted reply over an inline-answered older thread: the older answers are quoted
        (
            "New text.\n\nOn Tue, Jan 2, 2024 Bob <bob@x.org> wrote:\n> Thanks.\n>\n> On Mon, Jan 1 Jane wrote:\n>> Q?\n> A.",
            "New text.",
        ),
    ],
)
def test_clean_body(body, expected):
    assert clean_body(body) == expected


def test_indented_table_not_joined_and_bare_name_dropped():
    body = (
        "Order summary:\n"
        "  Countertop kit (card reader, stand, receipt printer) ...... $599.00\n"
        "  Shipping (flat rate, applies to all hardware orders) ...... $25.00\n"
        "\nLet me know.\n\nJane\n"
    )
    assert eml(body).turns[0].text == (
        "Order summary:\nCountertop kit (card reader, stand, receipt printer) ...... $599.00\n"
        "Shipping (flat rate, applies to all hardware orders) ...... $25.00\nLet me know."
    )


def test_plain_preferred_over_html():
    raw = HEAD + (
        'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
        "--b\nContent-Type: text/html\n\n<p>html part</p>\n"
        "--b\nContent-Type: text/plain; charset=utf-8\n\nplain part\n--b--\n"
    )
    assert parse_conversation(raw, "eml", conversation_id="m").turns[0].text == "plain part"


def test_forwarded_attachment_is_skipped():
    raw = HEAD + (
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nsee attached\n"
        "--b\nContent-Type: message/rfc822\n\nFrom: other@x.org\n\nold body\n--b--\n"
    )
    assert parse_conversation(raw, "eml", conversation_id="m").turns[0].text == "see attached"


@pytest.mark.parametrize(
    "headers, speaker, start",
    [
        ("From: jane@acme.com\n", "jane@acme.com", None),
        ('From: "Doe, Jane" <jane@acme.com>\nDate: garbage\n', "Doe, Jane", None),
        ("From: =?utf-8?b?SsOpcsO0bWU=?= <j@acme.com>\nDate: 2 Jan 2024 10:00:00\n", "Jérôme", 1704189600.0),
    ],
)
def test_headers(headers, speaker, start):
    (t,) = eml("Body.", headers=headers).turns
    assert (t.speaker, t.start) == (speaker, start)


def test_eml_with_mbox_from_line_and_bytes():
    raw = b"From jane@acme.com Tue Jan  2 10:00:00 2024\n" + (HEAD + "\nHello there.\n").encode()
    conv = parse_conversation(raw, "eml", conversation_id="m", rep_speakers=["Jane"])
    assert conv.turns[0].text == "Hello there." and conv.turns[0].role is Role.REP


def test_mbox_body_line_starting_with_from_is_not_a_separator():
    raw = (
        "From a@acme.com Tue Jan  2 10:00:00 2024\nFrom: A <a@acme.com>\n\nHello.\n\n"
        "From 2019 to 2024 we doubled our customers.\n"
    )
    (t,) = parse_conversation(raw, "mbox", conversation_id="t").turns
    assert t.text == "Hello.\nFrom 2019 to 2024 we doubled our customers."


def test_html_blockquote_dropped_in_email():
    raw = HEAD + "Content-Type: text/html\n\n<p>New answer.</p><blockquote>old question</blockquote>"
    assert parse_conversation(raw, "eml", conversation_id="m").turns[0].text == "New answer."


def test_mbox_undated_and_from_line_fallback():
    raw = (
        "From a@acme.com Tue Jan  2 10:00:00 2024\nDate: Wed, 03 Jan 2024 10:00:00 +0000\n\nsecond\n\n"
        "From b@client.org Tue Jan  2 10:00:00 2024\nFrom: B <b@client.org>\nDate: Tue, 02 Jan 2024 10:00:00 +0000\n\nfirst\n\n"
        "From c@client.org Tue Jan  2 10:00:00 2024\nFrom: C <c@client.org>\n\nafter first\n"
    )
    conv = parse_conversation(raw, "mbox", conversation_id="t")
    assert [(t.speaker, t.text) for t in conv.turns] == [("B", "first"), ("C", "after first"), ("a@acme.com", "second")]


@pytest.mark.parametrize(
    "raw, fmt, code, needle",
    [
        ("just some words", "eml", "E105", "headers"),
        ("Subject: hi\n\nbody", "eml", "E105", "From"),
        ("", "eml", "E101", "empty"),
        (HEAD + "\n-- \nsig only", "eml", "E101", "no turns"),
        (HEAD + "\n> all quoted", "eml", "E101", "no turns"),
        (b"From: a@b.c\n\ncaf\xe9", "eml", "E102", "byte offset 3"),
        ("not an mbox\nFrom x", "mbox", "E105", "line 1"),
        ("\n\n", "mbox", "E101", "empty"),
        ("From a@b Tue Jan  2 10:00:00 2024\n\n", "mbox", "E101", "no turns"),
    ],
)
def test_email_errors(raw, fmt, code, needle):
    with pytest.raises(InputError) as ei:
        parse_conversation(raw, fmt, conversation_id="m")
    assert ei.value.code == code
    assert needle in str(ei.value)


def test_declared_charset_honoured_and_unknown_charset():
    raw = b"From: a@b.c\nContent-Type: text/plain; charset=latin-1\n\ncaf\xe9"
    assert parse_conversation(raw, "eml", conversation_id="m").turns[0].text == "café"
    raw = b"From: a@b.c\nContent-Type: text/plain; charset=x-no-such\n\ncaf\xc3\xa9"
    assert parse_conversation(raw, "eml", conversation_id="m").turns[0].text == "café"
