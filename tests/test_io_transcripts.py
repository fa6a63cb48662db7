"""Transcript loaders: JSON, plain text, WebVTT, SRT (happy paths, edge cases, coded errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency.errors import InputError
from consistency.io import load_conversation_file, parse_conversation, parse_timestamp
from consistency.types import Channel, Role

FIX = Path(__file__).parent / "fixtures" / "io"


def parse(raw, fmt, **kw):
    return parse_conversation(raw, fmt, conversation_id=kw.pop("conversation_id", "c"), **kw)


def _err(raw, fmt, **kw) -> InputError:
    with pytest.raises(InputError) as ei:
        parse(raw, fmt, **kw)
    return ei.value


def _shape(conv):
    return [(t.speaker, t.text, t.start, t.end) for t in conv.turns]


def _check_indexes(conv):
    assert [t.index for t in conv.turns] == list(range(len(conv.turns)))
    assert all(t.text and t.text == t.text.strip() for t in conv.turns)


# --------------------------------------------------------------------------------------------
# timestamps


@pytest.mark.parametrize(
    "value, seconds",
    [
        (12, 12.0),
        (1.5, 1.5),
        ("12.5", 12.5),
        ("00:01:23", 83.0),
        ("01:02:03.250", 3723.25),
        ("12:03", 723.0),
        ("00:00:01,500", 1.5),
        ("100:00:00", 360000.0),
    ],
)
def test_parse_timestamp(value, seconds):
    assert parse_timestamp(value) == pytest.approx(seconds)


@pytest.mark.parametrize("value", ["", "1:2:3:4", "00:61:00", "00:00:75", "abc", -1, float("nan"), True, None, [1]])
def test_parse_timestamp_rejects(value):
    with pytest.raises(ValueError):
        parse_timestamp(value)


# --------------------------------------------------------------------------------------------
# JSON


def test_json_object_fixture():
    conv = load_conversation_file(FIX / "call.json")
    assert conv.id == "call"
    assert conv.channel is Channel.CALL
    assert _shape(conv) == [
        ("Jane", "Our Pro plan is $49 a month.", 1.5, 4.0),
        ("Bob", "Is there a discount?", 4.5, 6.0),
        ("Jane", "Yes, 20% off yearly.", 6.5, 9.0),
    ]
    assert [t.role for t in conv.turns] == [Role.REP, Role.CUSTOMER, Role.REP]
    assert [t.role_source for t in conv.turns] == ["explicit"] * 3
    _check_indexes(conv)


def test_json_list_and_channel():
    raw = json.dumps([{"speaker": "A", "text": "hi"}, {"speaker": "B", "text": "yo", "start": None}])
    conv = parse(raw, "json")
    assert _shape(conv) == [("A", "hi", None, None), ("B", "yo", None, None)]
    assert conv.channel is Channel.CALL
    conv = parse(json.dumps({"channel": "chat", "turns": [{"speaker": "A", "text": "hi"}]}), "json")
    assert conv.channel is Channel.CHAT
    conv = parse(json.dumps({"channel": "chat", "turns": [{"speaker": "A", "text": "hi"}]}), "json", channel="email")
    assert conv.channel is Channel.EMAIL


def test_json_role_without_speaker_and_bytes():
    raw = json.dumps([{"role": "rep", "text": "Our plan is $49."}]).encode()
    conv = parse(raw, "json")
    assert conv.turns[0].speaker == "Rep" and conv.turns[0].role is Role.REP


@pytest.mark.parametrize(
    "data, code, needle",
    [
        ("[1,", "E103", "line 1 column"),
        ('{"id": "x"}', "E103", "turns: missing"),
        ('{"turns": {}}', "E103", "turns: expected a list"),
        ('"just a string"', "E103", "expected a list"),
        ("[1]", "E103", "turns[0]: expected an object"),
        ('[{"text": "x"}]', "E103", "turns[0].speaker: missing"),
        ('[{"speaker": 5, "text": "x"}]', "E103", "turns[0].speaker: expected a string"),
        ('[{"speaker": "a"}]', "E103", "turns[0].text: missing"),
        ('[{"speaker": "a", "text": "ok"}, {"speaker": "b", "text": "ok"}, {"speaker": "a", "text": "ok"}, '
         '{"speaker": "b", "text": null}]', "E103", "turns[3].text: expected a string"),
        ('[{"speaker": "a", "text": "x", "start": "soon"}]', "E103", "turns[0].start"),
        ('[{"speaker": "a", "text": "x", "start": 5, "end": 2}]', "E103", "turns[0].end"),
        ('[{"speaker": "a", "text": "x", "start": NaN}]', "E103", "turns[0].start"),
        ('[{"speaker": "a", "text": "x", "role": "boss"}]', "E108", "turns[0].role: 'boss'"),
        ('[{"speaker": "a", "text": "x", "role": 3}]', "E103", "turns[0].role"),
        ('{"channel": "fax", "turns": [{"speaker": "a", "text": "x"}]}', "E108", "fax"),
        ("[]", "E101", "no turns"),
        ('[{"speaker": "a", "text": "   "}]', "E101", "no turns"),
        ("[" * 100000, "E103", "nested"),
    ],
)
def test_json_errors(data, code, needle):
    e = _err(data, "json")
    assert e.code == code
    assert needle in str(e)


# --------------------------------------------------------------------------------------------
# plain text


def test_text_speaker_timestamp():
    conv = parse("Jane Doe (00:01:23): hi\nBob [1:30]: yo", "text")
    assert [t.start for t in conv.turns] == [83.0, 90.0]


def test_text_otter_style_headers():
    conv = parse("Jane Doe  0:01\nOur plan is $49.\nIt renews monthly.\n\nBob\t0:15\nHow much for teams?", "text")
    assert _shape(conv) == [
        ("Jane Doe", "Our plan is $49. It renews monthly.", 1.0, None),
        ("Bob", "How much for teams?", 15.0, None),
    ]


def test_text_fixture():
    conv = load_conversation_file(FIX / "call.txt")
    assert _shape(conv) == [
        ("Jane", "Hi Bob, thanks for calling. Our Pro plan is $49 a month, and it renews monthly.", 1.0, None),
        ("Bob", "How much is the team plan?", 9.0, None),
        ("Jane", "Team is $99.", 15.0, None),
    ]
    assert [t.line for t in conv.turns] == [1, 4, 5]
    assert conv.turns[0].role is Role.REP and conv.turns[1].role is Role.CUSTOMER
    _check_indexes(conv)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("A: hi\nB: yo", [("A", "hi"), ("B", "yo")]),
        ("A: hi\n\n\ncontinued here\nB: yo", [("A", "hi continued here"), ("B", "yo")]),
        ("Dr. Smith: hello\nJ. Doe: hi", [("Dr. Smith", "hello"), ("J. Doe", "hi")]),
        ("Speaker 1: a\nSpeaker 2: b", [("Speaker 1", "a"), ("Speaker 2", "b")]),
        ("A: see https://x.com: it works\nWell. Here it is: done", [("A", "see https://x.com: it works Well. Here it is: done")]),
        ("A:\nthe text on the next line", [("A", "the text on the next line")]),
        ("A: \nB: real", [("B", "real")]),
        ("José Núñez: hola", [("José Núñez", "hola")]),
        ("A: hi\r\nB: yo\r\n", [("A", "hi"), ("B", "yo")]),
        ("Jane Doe (00:01:23): hi\nBob [00:01:30]: yo", [("Jane Doe", "hi"), ("Bob", "yo")]),
    ],
)
def test_text_cases(raw, expected):
    conv = parse(raw, "text")
    assert [(t.speaker, t.text) for t in conv.turns] == expected
    _check_indexes(conv)


@pytest.mark.parametrize(
    "raw, code, needle",
    [
        ("no speaker here\nA: hi", "E103", "line 1: expected 'Speaker: text'"),
        ("\n\n   \n", "E101", "empty"),
        ("A: hi\n[00:99:00] B: x", "E103", "line 2"),
        (b"A: caf\xe9", "E102", "byte offset 6"),
        ("Jane  0:75\nhello", "E103", "line 1"),
    ],
)
def test_text_errors(raw, code, needle):
    e = _err(raw, "text")
    assert e.code == code
    assert needle in str(e)


# --------------------------------------------------------------------------------------------
# WebVTT


def test_vtt_fixture():
    conv = load_conversation_file(FIX / "call.vtt")
    assert _shape(conv) == [
        ("Jane Doe", "Thanks for calling Acme. Our Pro plan is $49 a month. It includes a 14-day trial.", 1.0, 6.0),
        ("Bob", "How much is the team plan?", 6.0, 9.25),
        ("Jane Doe", "Team is $99 & includes onboarding.", 9.5, 12.0),
    ]
    assert [t.role for t in conv.turns] == [Role.REP, Role.CUSTOMER, Role.REP]
    assert conv.turns[0].line == 9
    _check_indexes(conv)


@pytest.mark.parametrize(
    "body, expected",
    [
        # no speakers at all: one "Unknown" speaker
        ("00:01.000 --> 00:02.000\nhello\n\n00:02.000 --> 00:03.000\nworld", [("Unknown", "hello world", 1.0, 3.0)]),
        # a cue without a voice continues the previous speaker
        ("00:01.000 --> 00:02.000\n<v A>hi\n\n00:02.000 --> 00:03.000\nagain", [("A", "hi again", 1.0, 3.0)]),
        # two voices in one cue
        ("00:01.000 --> 00:02.000\n<v A>hi</v>\n<v B>yo</v>", [("A", "hi", 1.0, 2.0), ("B", "yo", 1.0, 2.0)]),
        # empty cue dropped, tags and timestamps stripped
        ("00:01.000 --> 00:02.000\n<v A> </v>\n\n00:02.000 --> 00:03.000\n<v B><00:02.500><c.x>yes</c> &lt;ok&gt;",
         [("B", "yes <ok>", 2.0, 3.0)]),
        # NOTE block between cues, cue settings ignored
        ("NOTE a\nmulti-line note\n\n00:01.000 --> 00:02.000 line:0 position:10%\nA: hi", [("A", "hi", 1.0, 2.0)]),
    ],
)
def test_vtt_cases(body, expected):
    conv = parse("WEBVTT - title\n\n" + body, "vtt")
    assert _shape(conv) == expected
    _check_indexes(conv)


@pytest.mark.parametrize(
    "raw, code, needle",
    [
        ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n2\n00:01 --> \nB: yo", "E103",
         "line 8: cue timing '00:01 -->' is not a valid WebVTT timestamp"),
        ("1\n00:00:01.000 --> 00:00:02.000\nhi", "E103", "line 1: a WebVTT file must start with 'WEBVTT'"),
        ("WEBVTTX\n\n", "E103", "line 1"),
        ("WEBVTT\n\njust text\nmore", "E103", "line 3: expected a cue timing line"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nA: hi", "E103", "line 3: cue ends"),
        ("WEBVTT\n\n00:00:aa.000 --> 00:00:01.000\nA: hi", "E103", "line 3"),
        ("WEBVTT\n\nNOTE only a note", "E101", "no turns"),
        ("WEBVTT\n", "E101", "no turns"),
    ],
)
def test_vtt_errors(raw, code, needle):
    e = _err(raw, "vtt")
    assert e.code == code
    assert needle in str(e)


# --------------------------------------------------------------------------------------------
# SRT


def test_srt_fixture():
    conv = load_conversation_file(FIX / "call.srt")
    assert _shape(conv) == [
        ("Agent", "Our plan is $49. Billed yearly.", 1.0, 5.0),
        ("Sam", "Do you offer discounts?", 5.0, 7.0),
    ]
    assert [t.role for t in conv.turns] == [Role.REP, Role.CUSTOMER]
    assert [t.line for t in conv.turns] == [1, 9]
    _check_indexes(conv)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1\n00:00:01,000 --> 00:00:02,000\n<font color=red>A: hi</font>\n{\\an8}still A", [("A", "hi still A")]),
        ("1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\nstray line\n\n2\n00:00:03,000 --> 00:00:04,000\nB: yo",
         [("A", "hi stray line"), ("B", "yo")]),
        ("00:00:01.000 --> 00:00:02.000\n- A: hi\n- B: yo", [("A", "hi"), ("B", "yo")]),
    ],
)
def test_srt_cases(raw, expected):
    conv = parse(raw, "srt")
    assert [(t.speaker, t.text) for t in conv.turns] == expected


@pytest.mark.parametrize(
    "raw, code, needle",
    [
        ("1\n00:00:01 -> 00:00:02\nhi", "E103", "line 2: expected a cue timing line"),
        ("1\n00:00:01,000 --> xx\nhi", "E103", "line 2: cue timing '00:00:01,000 --> xx' is not a valid SRT timestamp"),
        ("hello", "E103", "line 1"),
    ],
)
def test_srt_errors(raw, code, needle):
    e = _err(raw, "srt")
    assert e.code == code
    assert needle in str(e)


# --------------------------------------------------------------------------------------------
# dispatch, files, generic errors


@pytest.mark.parametrize("fmt", ["JSON", "txt", "webvtt", ".srt"])
def test_format_aliases(fmt):
    raw = {
        "JSON": '[{"speaker": "A", "text": "x"}]',
        "txt": "A: x",
        "webvtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nA: x",
        ".srt": "1\n00:00:01,000 --> 00:00:02,000\nA: x",
    }[fmt]
    assert parse(raw, fmt).turns[0].text == "x"


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"raw": "A: x", "format": "docx"}, "E104"),
        ({"raw": "A: x", "format": "text", "channel": "fax"}, "E108"),
        ({"raw": "A: x", "format": "text", "conversation_id": ""}, "E108"),
        ({"raw": "A: " + "x" * 100, "format": "text", "max_bytes": 50}, "E107"),
        ({"raw": 12, "format": "text"}, "E108"),
    ],
)
def test_generic_errors(kwargs, code):
    kwargs.setdefault("conversation_id", "c")
    with pytest.raises(InputError) as ei:
        parse_conversation(kwargs.pop("raw"), kwargs.pop("format"), **kwargs)
    assert ei.value.code == code


def test_conversation_file_errors(tmp_path):
    with pytest.raises(InputError) as ei:
        load_conversation_file(tmp_path / "nope.vtt")
    assert ei.value.code == "E106"
    (tmp_path / "x.docx").write_text("A: hi")
    with pytest.raises(InputError) as ei:
        load_conversation_file(tmp_path / "x.docx")
    assert ei.value.code == "E104"
    p = tmp_path / "big.txt"
    p.write_text("A: " + "x" * 100)
    with pytest.raises(InputError) as ei:
        load_conversation_file(p, max_bytes=20)
    assert ei.value.code == "E107"
    p = tmp_path / "bad.vtt"
    p.write_text("WEBVTT\n\n00:01 --> \nhi")
    with pytest.raises(InputError) as ei:
        load_conversation_file(p)
    assert ei.value.code == "E103" and ei.value.location == str(p) and "line 3" in ei.value.message


def test_file_options(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("Jane: hello\nBob: hi")
    conv = load_conversation_file(p, rep_speakers=["jane"], channel="chat")
    assert conv.channel is Channel.CHAT
    assert [(t.role, t.role_source) for t in conv.turns] == [(Role.REP, "config"), (Role.CUSTOMER, "heuristic")]
