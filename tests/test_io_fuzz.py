"""Fuzzing: whatever the input, the loaders raise InputError or return well-formed results."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency.errors import CODES, InputError
from consistency.io import copy_offset_map, load_copy, parse_conversation
from consistency.types import Conversation

FORMATS = ["json", "text", "vtt", "srt", "eml", "mbox"]
COPY_FORMATS = ["text", "markdown", "html"]

# characters that matter to the parsers, so random text hits their branches often
_ALPHABET = list("abcXYZ :\n\r\t-><[]()*_`!#&;.,0123456789@\"'{}|/\\~=+é\xa0\u200b") + [
    "WEBVTT", "-->", "NOTE", "<v A>", "</v>", "From ", "From: a@b.c\n", "Date: ", "Content-Type: ",
    "multipart/mixed; boundary=b\n", "--b\n", "charset=", "base64", "quoted-printable", "=C3=A9",
    "On x wrote:", "-- \n", "Thanks,\n", "&amp;", "&#", "<p>", "</p>", "<script>", "<!--", "-->", "<![",
    "**", "](", "![", "```", "  0:", "\t1:", " (00:", " [9:", "00:00:01.000", "00:01,500", "[00:01]", "(12:03)", "Rep: ", '{"turns":',
    '"speaker"', '"text"', '"role"', '"start"', "\n\n",
]
_texts = st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join)
_inputs = st.one_of(st.binary(max_size=400), st.text(max_size=300), _texts, _texts.map(str.encode))

_json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), st.text(max_size=12))
_json_values = st.recursive(
    _json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)),
    max_leaves=12,
)
_turn = st.fixed_dictionaries(
    {},
    optional={
        "speaker": st.one_of(st.text(max_size=8), _json_scalars),
        "role": st.one_of(st.sampled_from(["rep", "Customer", "boss", "", "unknown"]), _json_scalars),
        "text": st.one_of(st.text(max_size=20), _json_scalars),
        "start": st.one_of(st.sampled_from(["00:00:01.5", "1:99", "x", "12"]), _json_scalars),
        "end": st.one_of(st.sampled_from(["00:00:02", "-1"]), _json_scalars),
    },
)
_json_docs = st.one_of(
    _json_values,
    st.lists(_turn, max_size=5),
    st.fixed_dictionaries({"turns": st.lists(_turn, max_size=5)}, optional={"channel": _json_scalars}),
)

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _check_conversation(conv: Conversation) -> None:
    assert conv.turns
    assert [t.index for t in conv.turns] == list(range(len(conv.turns)))
    for t in conv.turns:
        assert t.text.strip() and t.speaker
        assert t.role_source in ("explicit", "config", "heuristic")


def _check_error(exc: InputError) -> None:
    assert exc.code in CODES and exc.code.startswith("E1")
    str(exc)


@FUZZ
@given(raw=_inputs, fmt=st.sampled_from(FORMATS))
def test_fuzz_conversations(raw, fmt):
    try:
        conv = parse_conversation(raw, fmt, conversation_id="fuzz", rep_speakers=["a"], rep_domains=["b.c"])
    except InputError as exc:
        _check_error(exc)
    else:
        _check_conversation(conv)


@FUZZ
@given(prefix=st.sampled_from(["WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", "From a@b.c Mon Jan  1 00:00:00 2024\n",
                               "From: A <a@b.c>\nContent-Type: text/plain\n\n", "A: "]),
       rest=_inputs, fmt=st.sampled_from(FORMATS))
def test_fuzz_conversations_with_valid_prefix(prefix, rest, fmt):
    raw = prefix.encode() + rest if isinstance(rest, bytes) else prefix + rest
    try:
        conv = parse_conversation(raw, fmt, conversation_id="fuzz")
    except InputError as exc:
        _check_error(exc)
    else:
        _check_conversation(conv)


@FUZZ
@given(doc=_json_docs)
def test_fuzz_json(doc):
    try:
        conv = parse_conversation(json.dumps(doc), "json", conversation_id="fuzz")
    except InputError as exc:
        _check_error(exc)
    else:
        _check_conversation(conv)


@FUZZ
@given(raw=_inputs, fmt=st.sampled_from(COPY_FORMATS))
def test_fuzz_copy(raw, fmt):
    try:
        c = load_copy(raw, id="fuzz", format=fmt)
    except InputError as exc:
        _check_error(exc)
        return
    assert c.text.strip()
    m = copy_offset_map(c)
    assert len(m) == len(c.text) + 1 and m[-1] == len(c.raw)
    assert all(0 <= o <= len(c.raw) for o in m)
    assert all(a <= b for a, b in zip(m, m[1:], strict=False)), "offsets must not go backwards"
