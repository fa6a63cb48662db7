"""Every error is RFC 9457 problem+json with a stable code; 422s locate the failing field."""

from __future__ import annotations

import copy as _copy
import json
import logging

import pytest

from api import create_app
from tests.test_api import COPY_TEXT, FakeEngine, checks_body, turns_call

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "errors"}


@pytest.fixture
def engine():
    return FakeEngine()


@pytest.fixture
def client(engine):
    return create_app({"MAX_CONTENT_LENGTH": 64 * 1024}, engine=engine).test_client()


def assert_problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status
    assert body["code"] == code, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["type"].endswith(code)
    for item in body["errors"]:
        assert isinstance(item["loc"], str) and isinstance(item["msg"], str)
    return body


def with_change(base: dict, path: str, value) -> dict:
    """Copy of ``base`` with the field at dotted ``path`` (``a.0.b``) set (``...`` deletes it)."""
    out = _copy.deepcopy(base)
    parts = [int(p) if p.isdigit() else p for p in path.split(".")]
    node = out
    for p in parts[:-1]:
        node = node[p]
    if value is ...:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value
    return out


# ---------------------------------------------------------------- 400 / 413 / 415
@pytest.mark.parametrize(
    "data",
    [b"{", b"", b'{"copy": }', b"\xff\xfe\x00garbage", b"[1, 2", b"{'single': 'quotes'}"],
    ids=["truncated", "empty", "syntax", "bad-bytes", "unclosed", "python-dict"],
)
@pytest.mark.parametrize("path", ["/v1/claims", "/v1/checks", "/v1/verify"])
def test_400_invalid_json(client, path, data):
    assert_problem(client.post(path, data=data, content_type="application/json"), 400, "invalid_json")


@pytest.mark.parametrize("path", ["/v1/claims", "/v1/checks", "/v1/verify"])
def test_413_payload_too_large(client, path):
    big = {"claim": "x", "evidence": "y" * (70 * 1024)}
    body = assert_problem(client.post(path, json=big), 413, "payload_too_large")
    assert "65536" in body["detail"]


def test_413_default_limit_is_5_mib(engine):
    client = create_app(engine=engine).test_client()
    text = "a" * (5 * 1024 * 1024)
    assert_problem(client.post("/v1/verify", json={"claim": "x", "evidence": text}), 413, "payload_too_large")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": '{"claim": "x", "evidence": "y"}', "content_type": "text/plain"},
        {"data": {"claim": "x", "evidence": "y"}},  # form-encoded
        {"data": '{"claim": "x", "evidence": "y"}'},  # no content type at all
        {"data": "<claim/>", "content_type": "application/xml"},
    ],
    ids=["text-plain", "form", "none", "xml"],
)
@pytest.mark.parametrize("path", ["/v1/claims", "/v1/checks", "/v1/verify"])
def test_415_unsupported_media_type(client, path, kwargs):
    assert_problem(client.post(path, **kwargs), 415, "unsupported_media_type")


def test_json_with_suffix_media_type_is_accepted(client):
    r = client.post(
        "/v1/verify",
        data=json.dumps({"claim": "x", "evidence": "y"}),
        content_type="application/vnd.api+json",
    )
    assert r.status_code == 200


# ---------------------------------------------------------------- 422 validation
BASE_CHECKS = checks_body()
BASE_VERIFY = {"claim": "Plans cost $49.", "evidence": "It's $39."}

CHECKS_422 = [
    ("conversations.0.turns.2.role", "boss", "conversations[0].turns[2].role"),
    ("conversations.0.turns.1.text", "", "conversations[0].turns[1].text"),
    ("conversations.0.turns.1.text", "  \n\t ", "conversations[0].turns[1].text"),
    ("conversations.0.turns.1.speaker", ..., "conversations[0].turns[1].speaker"),
    ("conversations.0.turns.1.start", -1, "conversations[0].turns[1].start"),
    ("conversations.0.turns.1.start", "4.5", "conversations[0].turns[1].start"),
    ("conversations.0.turns.1.end", 1.0, "conversations[0].turns[1]"),  # end before start
    ("conversations.0.turns.1.mood", "grumpy", "conversations[0].turns[1].mood"),
    ("conversations.0.turns", [], "conversations[0].turns"),
    ("conversations.0.turns", None, "conversations[0].turns"),
    ("conversations.0.channel", "fax", "conversations[0].channel"),
    ("conversations.0.id", "", "conversations[0].id"),
    ("conversations.0.id", "x" * 201, "conversations[0].id"),
    ("conversations.0.id", 7, "conversations[0].id"),
    ("conversations.0.transcript", "A: hi", "conversations[0]"),  # turns and transcript
    ("conversations.0.format", "vtt", "conversations[0]"),  # format without transcript
    ("conversations.0.rep_speakers", "Dana", "conversations[0].rep_speakers"),
    ("conversations", [], "conversations"),
    ("conversations", ..., "conversations"),
    ("copy", ..., "copy"),
    ("copy", [], "copy"),
    ("copy", {"id": "a", "text": "b"}, "copy"),
    ("copy", [{"id": f"c{i}", "text": "t"} for i in range(51)], "copy"),
    ("copy.0.text", "", "copy[0].text"),
    ("copy.0.text", 42, "copy[0].text"),
    ("copy.0.format", "pdf", "copy[0].format"),
    ("copy.0.id", ..., "copy[0].id"),
    ("options", {"top_k": 0}, "options.top_k"),
    ("options", {"top_k": 51}, "options.top_k"),
    ("options", {"top_k": "5"}, "options.top_k"),
    ("options", {"top_k": 2.5}, "options.top_k"),
    ("options", {"include_unbacked": "yes"}, "options.include_unbacked"),
    ("options", {"include_unbacked": 1}, "options.include_unbacked"),
    ("options", {"fast": True}, "options.fast"),
    ("options", [], "options"),
    ("extra", 1, "extra"),
]


@pytest.mark.parametrize("path, value, loc", CHECKS_422, ids=[f"{p}={str(v)[:12]}" for p, v, _ in CHECKS_422])
def test_422_checks_field_errors(client, engine, path, value, loc):
    body = assert_problem(
        client.post("/v1/checks", json=with_change(BASE_CHECKS, path, value)), 422, "validation_error"
    )
    assert loc in [e["loc"] for e in body["errors"]], body["errors"]
    assert loc in body["detail"] or len(body["errors"]) > 1
    assert not any(c[0] == "check" for c in engine.calls)  # never reached the engine


def test_422_transcript_needs_format(client):
    conv = {"id": "t", "channel": "call", "transcript": "A: hi"}
    body = assert_problem(
        client.post("/v1/checks", json=checks_body(conversations=[conv])), 422, "validation_error"
    )
    assert body["errors"][0]["loc"] == "conversations[0]"
    assert "format" in body["errors"][0]["msg"]


def test_422_neither_turns_nor_transcript(client):
    body = assert_problem(
        client.post("/v1/checks", json=checks_body(conversations=[{"id": "t", "channel": "call"}])),
        422,
        "validation_error",
    )
    assert body["errors"][0]["loc"] == "conversations[0]"


@pytest.mark.parametrize(
    "raw, loc",
    [
        ('{"claim": "x", "evidence": "bad \\ud800 surrogate"}', "evidence"),
        ('{"claim": "x", "turns": [{"speaker": "a", "text": "b", "start": NaN}]}', "turns[0].start"),
        ('{"claim": "x", "turns": [{"speaker": "a", "text": "b", "end": Infinity}]}', "turns[0].end"),
    ],
)
def test_422_json_oddities(client, raw, loc):
    body = assert_problem(
        client.post("/v1/verify", data=raw, content_type="application/json"), 422, "validation_error"
    )
    assert loc in [e["loc"] for e in body["errors"]]


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"claim": "x"}, "body"),
        ({"claim": "x", "evidence": "y", "turns": turns_call()}, "body"),
        ({"claim": "x", "evidence": None}, "evidence"),
        ({"claim": "", "evidence": "y"}, "claim"),
        ({"claim": "x" * 5001, "evidence": "y"}, "claim"),
        ({"evidence": "y"}, "claim"),
        ({"claim": "x", "turns": []}, "turns"),
        ({"claim": "x", "turns": [{"speaker": "a", "role": "boss", "text": "b"}]}, "turns[0].role"),
        ([], "body"),
        ("just a string", "body"),
        (None, "claim"),
    ],
)
def test_422_verify(client, body, loc):
    r = client.post("/v1/verify", data=json.dumps(body), content_type="application/json")
    problem = assert_problem(r, 422, "validation_error")
    assert loc in [e["loc"] for e in problem["errors"]], problem["errors"]


@pytest.mark.parametrize(
    "body, loc",
    [
        ({}, "copy"),
        ({"copy": {"id": "a"}}, "copy.text"),
        ({"copy": {"id": "a", "text": "b", "format": "docx"}}, "copy.format"),
        ({"copy": [{"id": "a", "text": "b"}]}, "copy"),
        ({"copy": {"id": "a", "text": "b"}, "lang": "en"}, "lang"),
    ],
)
def test_422_claims(client, body, loc):
    problem = assert_problem(client.post("/v1/claims", json=body), 422, "validation_error")
    assert loc in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize(
    "field, ids, loc",
    [
        ("copy", ["a", "b", "a"], "copy[2].id"),
        ("conversations", ["c", "c"], "conversations[1].id"),
    ],
)
def test_422_duplicate_ids(client, engine, field, ids, loc):
    if field == "copy":
        body = checks_body(copy=[{"id": i, "text": COPY_TEXT} for i in ids])
    else:
        body = checks_body(conversations=[{"id": i, "channel": "call", "turns": turns_call()} for i in ids])
    problem = assert_problem(client.post("/v1/checks", json=body), 422, "validation_error")
    assert [e["loc"] for e in problem["errors"]] == [loc]
    assert "Duplicate" in problem["errors"][0]["msg"]
    assert not any(c[0] == "check" for c in engine.calls)


def test_422_lists_every_error(client):
    body = with_change(
        with_change(BASE_CHECKS, "copy.0.format", "pdf"), "conversations.0.turns.2.role", "boss"
    )
    problem = assert_problem(client.post("/v1/checks", json=body), 422, "validation_error")
    assert {e["loc"] for e in problem["errors"]} == {"copy[0].format", "conversations[0].turns[2].role"}
    assert "and 1 more" in problem["detail"]


# ---------------------------------------------------------------- 422 engine input errors
@pytest.mark.parametrize(
    "conv, code, loc_prefix",
    [
        (
            {"transcript": "WEBVTT\n\nnot a cue at all\n-->", "format": "vtt"},
            "E103",
            "conversations[0].transcript",
        ),
        (
            {"transcript": "1\n00:00:01,000 --> 00:00:00,500\nbackwards\n", "format": "srt"},
            "E103",
            "conversations[0].transcript",
        ),
        ({"transcript": "this is not an email", "format": "eml"}, "E105", "conversations[0].transcript"),
        (
            {"transcript": "no speaker labels here at all", "format": "text"},
            "E103",
            "conversations[0].transcript",
        ),
    ],
)
def test_422_transcript_input_errors_keep_engine_code(client, conv, code, loc_prefix):
    body = checks_body(
        conversations=[
            {"id": "ok", "channel": "call", "turns": turns_call()},
            {"id": "bad", "channel": "call", **conv},
        ]
    )
    problem = assert_problem(client.post("/v1/checks", json=body), 422, code)
    (error,) = problem["errors"]
    assert error["loc"].startswith(loc_prefix.replace("[0]", "[1]"))
    assert "hint" in problem


def test_422_transcript_error_names_the_line(client):
    conv = {
        "id": "bad",
        "channel": "call",
        "transcript": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n\nnot a cue\n-->",
        "format": "vtt",
    }
    problem = assert_problem(client.post("/v1/checks", json=checks_body(conversations=[conv])), 422, "E103")
    assert problem["errors"][0]["loc"] == "conversations[0].transcript (line 7)"


def test_422_copy_empty_after_markup(client):
    r = client.post(
        "/v1/claims", json={"copy": {"id": "p", "text": "<p>  </p><!-- nothing -->", "format": "html"}}
    )
    problem = assert_problem(r, 422, "E101")
    assert problem["errors"][0]["loc"].startswith("copy.text")


def test_422_engine_input_error_from_check(client):
    body = checks_body(
        conversations=[
            {"id": "c", "channel": "call", "turns": [{"speaker": "a", "role": "rep", "text": "RAISE_E108"}]}
        ]
    )
    problem = assert_problem(client.post("/v1/checks", json=body), 422, "E108")
    assert problem["errors"] == [{"loc": "turns[0].text", "msg": "the fake engine dislikes this"}]
    assert problem["hint"] == "Don't."


def test_422_engine_input_error_from_verify(client):
    problem = assert_problem(
        client.post("/v1/verify", json={"claim": "RAISE_E108", "evidence": "y"}), 422, "E108"
    )
    assert problem["errors"][0]["loc"] == "evidence.turns[0].text"


# ---------------------------------------------------------------- 401 / 403
@pytest.mark.parametrize(
    "headers, status, code",
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, "unauthorized"),
        ({"Authorization": "Bearer "}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
        ({"X-API-Key": "wrong"}, 403, "forbidden"),
        ({"Authorization": "bearer secret"}, 200, None),
        ({"X-API-Key": "secret"}, 200, None),
    ],
)
def test_auth_errors(engine, headers, status, code):
    client = create_app({"API_KEYS": "secret"}, engine=engine).test_client()
    r = client.post("/v1/verify", json=BASE_VERIFY, headers=headers)
    if code is None:
        assert r.status_code == status
    else:
        assert_problem(r, status, code)


# ---------------------------------------------------------------- 404 / 405
@pytest.mark.parametrize(
    "method, path",
    [("GET", "/v1/nope"), ("POST", "/v1/nope"), ("GET", "/"), ("GET", "/v2/health"), ("GET", "/v1/claims/1")],
)
def test_404_problem(client, method, path):
    assert_problem(client.open(path, method=method), 404, "not_found")


@pytest.mark.parametrize(
    "method, path, allow",
    [
        ("GET", "/v1/claims", "POST"),
        ("PUT", "/v1/checks", "POST"),
        ("DELETE", "/v1/verify", "POST"),
        ("POST", "/v1/health", "GET"),
        ("PATCH", "/v1/openapi.json", "GET"),
    ],
)
def test_405_problem(client, method, path, allow):
    r = client.open(path, method=method)
    assert_problem(r, 405, "method_not_allowed")
    assert allow in r.headers["Allow"]


# ---------------------------------------------------------------- 503 / 500
def test_503_model_error_during_request(client):
    problem = assert_problem(
        client.post("/v1/verify", json={"claim": "RAISE_MODEL", "evidence": "y"}), 503, "E202"
    )
    assert "broken" in problem["detail"]


def test_500_reveals_nothing_and_logs(client, caplog):
    caplog.set_level(logging.ERROR, logger="api")
    r = client.post("/v1/verify", json={"claim": "RAISE_BUG", "evidence": "y"})
    problem = assert_problem(r, 500, "internal_error")
    text = r.get_data(as_text=True)
    assert "secret" not in text and "RuntimeError" not in text and "Traceback" not in text
    assert problem["errors"] == []
    assert any("secret internal detail" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


def test_engine_bug_in_check_is_500_not_leaked(client):
    body = checks_body(
        conversations=[{"id": "c", "channel": "call", "turns": [{"speaker": "a", "text": "RAISE_BUG"}]}]
    )
    r = client.post("/v1/checks", json=body)
    assert_problem(r, 500, "internal_error")
    assert "/srv/models" not in r.get_data(as_text=True)


def test_no_5xx_for_odd_but_valid_input(client):
    """Unicode, control characters and limits-sized values are client input, never a 500."""
    odd = "Plans \u00e9\u4e2d\U0001f600 \x00\x07 $49 \u202e end"
    body = checks_body(
        copy=[
            {"id": "\u00e9\U0001f600", "text": odd, "format": "markdown"},
            {"id": "h", "text": "<<<>>> $1 &bogus;", "format": "html"},
        ],
        conversations=[
            {
                "id": "c",
                "channel": "email",
                "turns": [{"speaker": "\x00", "role": "rep", "text": odd, "start": 0, "end": 1e7}],
            },
            {"id": "t", "channel": "call", "transcript": "\ufeffDana: $5\n\n\n:::\n", "format": "text"},
        ],
    )
    r = client.post("/v1/checks", json=body)
    assert r.status_code in (200, 422), r.get_json()


def test_422_engine_error_naming_a_conversation_points_at_its_index(client, engine):
    from consistency.errors import InputError

    def check(*args, **kwargs):
        raise InputError("too many turns", location="conversation 'call-2'", code="E107")

    engine.check = check
    problem = assert_problem(client.post("/v1/checks", json=checks_body()), 422, "E107")
    assert problem["errors"][0]["loc"] == "conversations[1]"


def test_413_for_chunked_body_over_the_limit(engine):
    """Without Content-Length the body is cut at the limit; that is still a 413, not a 400."""
    from io import BytesIO

    client = create_app({"MAX_CONTENT_LENGTH": 1000}, engine=engine).test_client()
    body = json.dumps({"claim": "x", "evidence": "y" * 5000}).encode()
    r = client.post(
        "/v1/verify",
        input_stream=BytesIO(body),
        content_type="application/json",
        environ_overrides={"wsgi.input_terminated": True},
        headers={"Transfer-Encoding": "chunked"},
    )
    assert_problem(r, 413, "payload_too_large")
