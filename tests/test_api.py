"""HTTP API v1: one test per endpoint behaviour, with a fake engine (no models)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pytest

from api import EngineState, create_app, resolve_config
from consistency.errors import ConfigError, InputError, ModelError
from consistency.types import (
    Claim,
    ClaimType,
    Conversation,
    Copy,
    Evidence,
    Finding,
    JudgeScores,
    Report,
    Role,
    Severity,
    Slot,
    SlotDiff,
    SlotKind,
    Turn,
    Unbacked,
    Verdict,
    Verification,
)

# ---------------------------------------------------------------- the fake engine
_MONEY = re.compile(r"\$(\d+(?:\.\d+)?)")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _money(text: str) -> list[tuple[float, int, int]]:
    return [(float(m.group(1)), m.start(), m.end()) for m in _MONEY.finditer(text)]


class FakeEngine:
    """Deterministic stand-in for :class:`consistency.engine.Engine`.

    Claims: every sentence of the copy with a ``$`` amount (type price) or the word "trial"
    (type trial). A rep turn quoting a different ``$`` amount contradicts a price claim, the same
    amount is consistent; anything else is not mentioned. Rep turns with "guarantee" are unbacked
    promises. Text containing ``RAISE_E108`` / ``RAISE_MODEL`` / ``RAISE_BUG`` raises an
    InputError / ModelError / RuntimeError, to test error mapping.
    """

    def __init__(self, ready: bool = True):
        self._ready = ready
        self.calls: list[tuple] = []

    def last(self, name: str) -> tuple:
        return next(c for c in reversed(self.calls) if c[0] == name)

    @property
    def ready(self) -> bool:
        return self._ready

    def info(self) -> dict:
        return {
            "version": "fake-1",
            "model": {"kind": "fake", "name": "fake-judge"},
            "models": {"judge": {"name": "fake-judge", "loaded": self._ready}},
        }

    @staticmethod
    def _trip(text: str) -> None:
        if "RAISE_E108" in text:
            raise InputError(
                "the fake engine dislikes this", location="turns[0].text", code="E108", hint="Don't."
            )
        if "RAISE_MODEL" in text:
            raise ModelError("judge model directory is broken", code="E202")
        if "RAISE_BUG" in text:
            raise RuntimeError("secret internal detail /srv/models/judge.bin")

    def extract_claims(self, copy: Copy) -> list[Claim]:
        self.calls.append(("extract_claims", copy.id))
        self._trip(copy.text)
        claims = []
        for m in _SENTENCE.finditer(copy.text):
            text = m.group(0).strip()
            if not text:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            money = _money(text)
            if money:
                kind = ClaimType.PRICE
                slots = tuple(
                    Slot(
                        kind=SlotKind.MONEY,
                        text=text[s:e],
                        start=s,
                        end=e,
                        value=v,
                        unit="USD",
                        period="month",
                    )
                    for v, s, e in money
                )
            elif "trial" in text.lower():
                kind, slots = ClaimType.TRIAL, ()
            else:
                continue
            claims.append(
                Claim(
                    id=f"{copy.id}#{len(claims) + 1}",
                    copy_id=copy.id,
                    text=text,
                    start=start,
                    end=start + len(text),
                    type=kind,
                    slots=slots,
                )
            )
        return claims

    def _judge(
        self, claim_text: str, turns: Sequence[Turn]
    ) -> tuple[Verdict, float, tuple[Evidence, ...], str]:
        want = {v for v, _, _ in _money(claim_text)}
        for t in turns:
            if t.role is not Role.REP:
                continue
            said = {v for v, _, _ in _money(t.text)}
            if want and said:
                ev = (
                    Evidence(
                        turn=t.index, speaker=t.speaker, role=t.role, text=t.text, start=t.start, end=t.end
                    ),
                )
                if said & want:
                    return Verdict.CONSISTENT, 0.9, ev, "The rep quoted the same price."
                return Verdict.CONTRADICTED, 0.95, ev, "The rep quoted a different price."
        return Verdict.NOT_MENTIONED, 0.8, (), "Not discussed."

    def check(
        self,
        copies: Sequence[Copy],
        conversations: Sequence[Conversation],
        *,
        top_k: int | None = None,
        include_unbacked: bool = True,
        progress: bool = False,
    ) -> Report:
        self.calls.append(("check", top_k, include_unbacked))
        for conv in conversations:
            for t in conv.turns:
                self._trip(t.text)
        claims = [c for copy in copies for c in self.extract_claims(copy)]
        findings, unbacked = [], []
        for conv in conversations:
            for claim in claims:
                verdict, conf, ev, why = self._judge(claim.text, conv.turns)
                diffs = ()
                if verdict is Verdict.CONTRADICTED:
                    diffs = (SlotDiff(SlotKind.MONEY, claim.slots[0].display(), ev[0].text, False, why),)
                findings.append(
                    Finding(
                        claim_id=claim.id,
                        conversation_id=conv.id,
                        verdict=verdict,
                        confidence=conf,
                        severity=Severity.HIGH if verdict is Verdict.CONTRADICTED else Severity.LOW,
                        evidence=ev,
                        explanation=why,
                        slot_diffs=diffs,
                        scores=JudgeScores(0.1, 0.1, 0.8),
                    )
                )
            if include_unbacked:
                for t in conv.turns:
                    if t.role is Role.REP and "guarantee" in t.text.lower():
                        unbacked.append(
                            Unbacked(
                                conversation_id=conv.id,
                                type=ClaimType.GUARANTEE,
                                evidence=Evidence(turn=t.index, speaker=t.speaker, role=t.role, text=t.text),
                                confidence=0.7,
                                explanation="No claim in the copy backs this guarantee.",
                            )
                        )
        summary = {
            "claims": len(claims),
            "conversations": len(conversations),
            "contradicted": sum(f.verdict is Verdict.CONTRADICTED for f in findings),
        }
        return Report(
            claims=tuple(claims),
            findings=tuple(findings),
            unbacked=tuple(unbacked),
            conversations=tuple(conversations),
            summary=summary,
            engine={"version": "fake-1", "model": {"name": "fake-judge"}},
        )

    def verify(self, claim: str, evidence: str | Sequence[Turn]) -> Verification:
        self.calls.append(("verify", claim, evidence if isinstance(evidence, str) else len(evidence)))
        self._trip(claim)
        if isinstance(evidence, str):
            self._trip(evidence)
            turns: Sequence[Turn] = (Turn(index=0, speaker="evidence", role=Role.REP, text=evidence),)
        else:
            turns = evidence
        verdict, conf, ev, why = self._judge(claim, turns)
        rest = (1 - conf) / 2
        scores = {Verdict.CONTRADICTED: rest, Verdict.CONSISTENT: rest, Verdict.NOT_MENTIONED: rest}
        scores[verdict] = conf
        return Verification(
            verdict=verdict,
            confidence=conf,
            scores=JudgeScores(
                scores[Verdict.CONTRADICTED], scores[Verdict.CONSISTENT], scores[Verdict.NOT_MENTIONED]
            ),
            evidence=ev,
            explanation=why,
        )


# ---------------------------------------------------------------- fixtures
COPY_TEXT = "Plans start at $49/month. Every plan includes a 14-day free trial. Cancel anytime."


def turns_call() -> list[dict]:
    return [
        {
            "speaker": "Dana",
            "role": "rep",
            "text": "Our plans start at $39 a month.",
            "start": 0.0,
            "end": 4.2,
        },
        {"speaker": "Sam", "role": "customer", "text": "Is there a trial?", "start": 4.5, "end": 6.0},
        {"speaker": "Dana", "role": "rep", "text": "Yes, and we guarantee you'll double revenue."},
    ]


def checks_body(**overrides) -> dict:
    body = {
        "copy": [{"id": "pricing", "text": COPY_TEXT, "format": "text"}],
        "conversations": [
            {"id": "call-1", "channel": "call", "turns": turns_call()},
            {
                "id": "call-2",
                "channel": "chat",
                "turns": [{"speaker": "Dana", "role": "rep", "text": "It's $49 a month."}],
            },
        ],
    }
    body.update(overrides)
    return body


@pytest.fixture
def engine():
    return FakeEngine()


@pytest.fixture
def app(engine):
    return create_app({"TESTING": True}, engine=engine)


@pytest.fixture
def client(app):
    return app.test_client()


# ---------------------------------------------------------------- health
def test_health_ok(client):
    r = client.get("/v1/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok"
    assert body["version"]
    assert body["models"] == {"judge": {"name": "fake-judge", "loaded": True}}
    assert body["engine"]["version"] == "fake-1"


def test_health_503_until_engine_ready():
    engine = FakeEngine(ready=False)
    client = create_app(engine=engine).test_client()
    r = client.get("/v1/health")
    assert r.status_code == 503
    assert r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == "models_loading"
    assert r.get_json()["state"] == "loading"
    assert r.headers["Retry-After"]
    # writes are refused the same way (after validation)
    r = client.post("/v1/claims", json={"copy": {"id": "a", "text": COPY_TEXT}})
    assert r.status_code == 503 and r.get_json()["code"] == "models_loading"
    engine._ready = True
    assert client.get("/v1/health").status_code == 200
    assert client.post("/v1/claims", json={"copy": {"id": "a", "text": COPY_TEXT}}).status_code == 200


def test_engine_loaded_in_background(monkeypatch):
    import consistency.engine

    gate = threading.Event()
    engine = FakeEngine()
    seen = {}

    def load_engine(config_path=None):
        seen["config_path"] = config_path
        gate.wait(5)
        return engine

    monkeypatch.setattr(consistency.engine, "load_engine", load_engine)
    app = create_app({"CONSISTENCY_CONFIG": "/tmp/engine.yaml"})
    client = app.test_client()
    assert client.get("/v1/health").status_code == 503
    gate.set()
    app.extensions["consistency"].thread.join(5)
    assert client.get("/v1/health").status_code == 200
    assert seen["config_path"] == "/tmp/engine.yaml"


def test_engine_loaded_synchronously_and_warmed(monkeypatch):
    import consistency.engine

    class Lazy(FakeEngine):
        def warm_up(self):
            self._ready = True
            return self

    monkeypatch.setattr(consistency.engine, "load_engine", lambda config_path=None: Lazy(ready=False))
    app = create_app({"LOAD_MODELS_IN_BACKGROUND": False})
    assert app.extensions["consistency"].thread is None
    assert app.test_client().get("/v1/health").status_code == 200


@pytest.mark.parametrize(
    "exc, code",
    [
        (ModelError("judge model package not installed", code="E201", hint="pip install it"), "E201"),
        (ConfigError("unknown key 'judge.foo'", location="judge.foo", code="E301"), "E301"),
        (RuntimeError("boom /secret/path"), "E200"),
    ],
)
def test_engine_load_failure_is_503_with_code(monkeypatch, exc, code):
    import consistency.engine

    def load_engine(config_path=None):
        raise exc

    monkeypatch.setattr(consistency.engine, "load_engine", load_engine)
    client = create_app({"LOAD_MODELS_IN_BACKGROUND": False}).test_client()
    r = client.get("/v1/health")
    assert r.status_code == 503
    assert r.get_json()["code"] == code
    assert "/secret/path" not in r.get_data(as_text=True)
    r = client.post("/v1/verify", json={"claim": "x", "evidence": "y"})
    assert r.status_code == 503 and r.get_json()["code"] == code


# ---------------------------------------------------------------- claims
def test_claims(client, engine):
    r = client.post("/v1/claims", json={"copy": {"id": "pricing", "text": COPY_TEXT, "format": "text"}})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert [c["type"] for c in body["claims"]] == ["price", "trial"]
    claim = body["claims"][0]
    assert set(claim) >= {"id", "copy_id", "text", "start", "end", "type", "slots"}
    assert claim["copy_id"] == "pricing"
    assert COPY_TEXT[claim["start"] : claim["end"]] == claim["text"]
    assert claim["slots"][0]["kind"] == "money" and claim["slots"][0]["value"] == 49
    assert body["copy"] == {"id": "pricing", "format": "text", "text": COPY_TEXT}


@pytest.mark.parametrize(
    "fmt, text, plain_has",
    [
        ("markdown", "# Pricing\n\nPlans start at **$49/month**.", "Plans start at $49/month."),
        ("html", "<h1>Pricing</h1><p>Plans start at <b>$49/month</b>.</p>", "Plans start at $49/month."),
    ],
)
def test_claims_markup_offsets_point_into_plain_text(client, fmt, text, plain_has):
    r = client.post("/v1/claims", json={"copy": {"id": "p", "text": text, "format": fmt}})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    plain = body["copy"]["text"]
    assert plain_has in plain and "<" not in plain and "**" not in plain
    (claim,) = body["claims"]
    assert plain[claim["start"] : claim["end"]] == claim["text"]


def test_claims_format_defaults_to_text(client):
    r = client.post("/v1/claims", json={"copy": {"id": "p", "text": "Only $5."}})
    assert r.status_code == 200
    assert r.get_json()["copy"]["format"] == "text"


# ---------------------------------------------------------------- checks
def test_checks_turns(client, engine):
    r = client.post("/v1/checks", json=checks_body(options={"top_k": 7, "include_unbacked": True}))
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert set(body) >= {"claims", "findings", "unbacked", "conversations", "summary", "engine"}
    assert engine.last("check") == ("check", 7, True)
    claim_ids = [c["id"] for c in body["claims"]]
    pairs = [(f["claim_id"], f["conversation_id"]) for f in body["findings"]]
    assert sorted(pairs) == sorted((c, v) for c in claim_ids for v in ("call-1", "call-2"))
    by_pair = {(f["claim_id"], f["conversation_id"]): f for f in body["findings"]}
    bad = by_pair[("pricing#1", "call-1")]
    assert bad["verdict"] == "contradicted" and bad["severity"] == "high"
    assert set(bad) >= {
        "claim_id",
        "conversation_id",
        "verdict",
        "confidence",
        "severity",
        "evidence",
        "explanation",
        "slot_diffs",
    }
    (ev,) = bad["evidence"]
    assert ev == {**ev, "turn": 0, "speaker": "Dana", "role": "rep", "start": 0.0, "end": 4.2}
    # evidence turn indexes resolve against the returned conversations
    conv = next(c for c in body["conversations"] if c["id"] == "call-1")
    assert conv["channel"] == "call"
    assert conv["turns"][ev["turn"]]["text"] == ev["text"]
    assert by_pair[("pricing#1", "call-2")]["verdict"] == "consistent"
    assert by_pair[("pricing#2", "call-1")]["verdict"] == "not_mentioned"
    assert [u["conversation_id"] for u in body["unbacked"]] == ["call-1"]
    assert body["engine"] == {"version": "fake-1", "model": {"name": "fake-judge"}}
    assert body["summary"]["contradicted"] == 1


def test_checks_defaults_and_no_unbacked(client, engine):
    r = client.post("/v1/checks", json=checks_body())
    assert r.status_code == 200
    assert engine.last("check") == ("check", None, True)
    r = client.post("/v1/checks", json=checks_body(options={"include_unbacked": False}))
    assert r.status_code == 200
    assert r.get_json()["unbacked"] == []
    assert engine.last("check") == ("check", None, False)


def test_checks_transcript_is_parsed(client):
    transcript = "Dana: Our plans start at $39 a month.\nSam: OK.\nDana: Talk soon."
    body = checks_body(
        conversations=[
            {
                "id": "t1",
                "channel": "call",
                "transcript": transcript,
                "format": "text",
                "rep_speakers": ["Dana"],
            }
        ]
    )
    r = client.post("/v1/checks", json=body)
    assert r.status_code == 200, r.get_json()
    data = r.get_json()
    (conv,) = data["conversations"]
    assert [t["speaker"] for t in conv["turns"]] == ["Dana", "Sam", "Dana"]
    assert [t["role"] for t in conv["turns"]][:2] == ["rep", "customer"]
    finding = next(f for f in data["findings"] if f["claim_id"] == "pricing#1")
    assert finding["verdict"] == "contradicted"
    assert conv["turns"][finding["evidence"][0]["turn"]]["text"] == "Our plans start at $39 a month."


def test_checks_vtt_transcript(client):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>It is $49 a month.\n\n00:00:05.000 --> 00:00:06.000\n<v Sam>Nice.\n"
    body = checks_body(
        conversations=[
            {"id": "v", "channel": "call", "transcript": vtt, "format": "vtt", "rep_speakers": ["Dana"]}
        ]
    )
    r = client.post("/v1/checks", json=body)
    assert r.status_code == 200, r.get_json()
    (conv,) = r.get_json()["conversations"]
    assert conv["turns"][0]["start"] == 1.0 and conv["turns"][0]["role"] == "rep"


def test_checks_rep_speakers_resolve_unknown_turn_roles(client):
    body = checks_body(
        conversations=[
            {
                "id": "c",
                "channel": "call",
                "rep_speakers": ["dana"],
                "turns": [
                    {"speaker": "Dana", "text": "It's $39."},
                    {"speaker": "Sam", "role": "customer", "text": "Hm."},
                ],
            }
        ]
    )
    r = client.post("/v1/checks", json=body)
    assert r.status_code == 200, r.get_json()
    turns = r.get_json()["conversations"][0]["turns"]
    assert [t["role"] for t in turns] == ["rep", "customer"]


def test_checks_exactly_one_finding_per_pair_even_if_engine_misbehaves(app, engine, client):
    real_check = engine.check

    def sloppy(*args, **kwargs):
        report = real_check(*args, **kwargs)
        findings = report.findings[1:] + report.findings[:1] * 2  # one pair missing... then duplicated
        findings = tuple(f for f in findings if f.claim_id != "pricing#2" or f.conversation_id != "call-2")
        return Report(report.claims, findings, report.unbacked, report.conversations, report.summary, {})

    engine.check = sloppy
    r = client.post("/v1/checks", json=checks_body())
    assert r.status_code == 200
    body = r.get_json()
    pairs = [(f["claim_id"], f["conversation_id"]) for f in body["findings"]]
    assert len(pairs) == len(set(pairs)) == 4
    missing = next(
        f for f in body["findings"] if (f["claim_id"], f["conversation_id"]) == ("pricing#2", "call-2")
    )
    assert missing["verdict"] == "not_mentioned"
    assert body["engine"]["version"] == "fake-1"  # filled from engine.info()


def test_checks_several_copies(client):
    body = checks_body(
        copy=[{"id": "a", "text": "Only $49."}, {"id": "b", "text": "<p>Free trial.</p>", "format": "html"}]
    )
    r = client.post("/v1/checks", json=body)
    assert r.status_code == 200
    assert [c["copy_id"] for c in r.get_json()["claims"]] == ["a", "b"]
    assert [c["id"] for c in r.get_json()["copies"]] == ["a", "b"]


# ---------------------------------------------------------------- verify
def test_verify_text(client):
    r = client.post("/v1/verify", json={"claim": "Plans cost $49/month.", "evidence": "It's $39 a month."})
    assert r.status_code == 200
    body = r.get_json()
    assert body["verdict"] == "contradicted"
    assert set(body["scores"]) == {"contradicted", "consistent", "not_mentioned"}
    assert abs(sum(body["scores"].values()) - 1) < 1e-6
    assert body["confidence"] == body["scores"]["contradicted"]
    assert isinstance(body["evidence"], list)


def test_verify_turns(client, engine):
    r = client.post("/v1/verify", json={"claim": "Plans cost $49/month.", "turns": turns_call()})
    assert r.status_code == 200
    body = r.get_json()
    assert body["verdict"] == "contradicted"
    assert body["evidence"][0]["turn"] == 0
    assert engine.last("verify") == ("verify", "Plans cost $49/month.", 3)


# ---------------------------------------------------------------- auth
@pytest.fixture
def secured(engine):
    return create_app({"API_KEYS": ["k1", "k2"]}, engine=engine).test_client()


@pytest.mark.parametrize(
    "path, body",
    [
        ("/v1/claims", {"copy": {"id": "a", "text": "Only $5."}}),
        ("/v1/checks", checks_body()),
        ("/v1/verify", {"claim": "x", "evidence": "y"}),
    ],
)
def test_auth_on_every_write_endpoint(secured, path, body):
    r = secured.post(path, json=body)
    assert r.status_code == 401 and r.get_json()["code"] == "unauthorized"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    r = secured.post(path, json=body, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and r.get_json()["code"] == "forbidden"
    r = secured.post(path, json=body, headers={"X-API-Key": "nope"})
    assert r.status_code == 403
    assert secured.post(path, json=body, headers={"Authorization": "Bearer k2"}).status_code == 200
    assert secured.post(path, json=body, headers={"X-API-Key": "k1"}).status_code == 200


def test_auth_not_needed_for_reads(secured):
    assert secured.get("/v1/health").status_code == 200
    assert secured.get("/v1/openapi.json").status_code == 200
    assert secured.get("/v1/docs").status_code == 200


def test_auth_checked_before_body(secured):
    r = secured.post("/v1/claims", data="not json", content_type="text/plain")
    assert r.status_code == 401


# ---------------------------------------------------------------- configuration
def test_config_from_env(monkeypatch):
    monkeypatch.setenv("CONSISTENCY_API_KEYS", "a, b,,")
    monkeypatch.setenv("CONSISTENCY_MAX_CONTENT_LENGTH", "1234")
    monkeypatch.setenv("CONSISTENCY_CONFIG", "/etc/consistency.yaml")
    monkeypatch.setenv("CONSISTENCY_LOAD_MODELS_IN_BACKGROUND", "false")
    cfg = resolve_config()
    assert cfg["API_KEYS"] == ("a", "b")
    assert cfg["MAX_CONTENT_LENGTH"] == 1234
    assert cfg["CONSISTENCY_CONFIG"] == "/etc/consistency.yaml"
    assert cfg["LOAD_MODELS_IN_BACKGROUND"] is False
    # the dict wins over the environment
    assert resolve_config({"API_KEYS": ["z"], "MAX_CONTENT_LENGTH": 10})["API_KEYS"] == ("z",)


def test_config_defaults(monkeypatch):
    for key in ("API_KEYS", "MAX_CONTENT_LENGTH", "CONFIG", "LOAD_MODELS_IN_BACKGROUND"):
        monkeypatch.delenv("CONSISTENCY_" + key, raising=False)
    cfg = resolve_config()
    assert cfg["API_KEYS"] == ()
    assert cfg["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024
    assert cfg["LOAD_MODELS_IN_BACKGROUND"] is True


@pytest.mark.parametrize(
    "bad", [{"MAX_CONTENT_LENGTH": "lots"}, {"LOAD_MODELS_IN_BACKGROUND": "maybe"}, {"API_KEYS": 5}]
)
def test_config_invalid(bad):
    with pytest.raises(ConfigError):
        resolve_config(bad)


def test_engine_calls_are_serialised():
    """ENGINE_CONCURRENCY=1: a threaded server never runs two engine calls at once."""
    state = EngineState(FakeEngine(), concurrency=1)
    active, peak = [0], [0]
    lock = threading.Lock()

    def work():
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1

    threads = [threading.Thread(target=state.call, args=(work,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1


def test_blueprints_are_pluggable(engine):
    """Later blueprints (store, batch review, ...) get auth and problem+json errors for free."""
    from apiflask import APIBlueprint

    app = create_app({"API_KEYS": ["k"]}, engine=engine)
    assert "v1" in app.blueprints
    extra = APIBlueprint("extra", __name__, url_prefix="/v1/extra")

    @extra.get("/ping")
    def ping():
        return {"pong": True}

    app.register_blueprint(extra)
    c = app.test_client()
    assert c.get("/v1/extra/ping").get_json() == {"pong": True}
    assert c.get("/v1/extra/nope").mimetype == "application/problem+json"


def test_checks_top_k_accepts_integral_float(client, engine):
    """JSON Schema calls 5.0 an integer; the API agrees (but not "5" or 5.5)."""
    assert client.post("/v1/checks", json=checks_body(options={"top_k": 5.0})).status_code == 200
    assert engine.last("check") == ("check", 5, True)
    assert client.post("/v1/checks", json=checks_body(options={"top_k": 5.5})).status_code == 422


# ---------------------------------------------------------------- serving (real servers, fake engine)
def test_gunicorn_application_options():
    pytest.importorskip("gunicorn")
    from api.serve import gunicorn_application

    built = []
    app = gunicorn_application(
        lambda: built.append(1) or "wsgi-app",
        {"bind": "127.0.0.1:9", "workers": 3, "preload_app": True, "worker_class": "gthread"},
    )
    assert app.cfg.bind == ["127.0.0.1:9"] and app.cfg.workers == 3 and app.cfg.preload_app is True
    assert app.load() == "wsgi-app" and built == [1]


_SERVE_SCRIPT = """
import sys
import consistency.engine
from tests.test_api import FakeEngine
consistency.engine.load_engine = lambda config_path=None: FakeEngine()
from api.serve import serve
serve(port=int(sys.argv[1]), workers=2, server=sys.argv[2], config={"API_KEYS": ["k"]}, log_level="warning")
"""


@pytest.mark.parametrize("server", ["gunicorn", "waitress"])
def test_serve_end_to_end(server, tmp_path):
    """api.serve.serve really serves (loopback), with models preloaded, and stops on SIGTERM."""
    pytest.importorskip(server)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    log = open(tmp_path / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SERVE_SCRIPT, str(port), server],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/v1/health", timeout=5) as r:
                    assert r.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail((tmp_path / "server.log").read_text())
                time.sleep(0.2)
        req = urllib.request.Request(
            base + "/v1/checks",
            data=json.dumps(checks_body()).encode(),
            headers={"Content-Type": "application/json", "X-API-Key": "k"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert len(json.loads(r.read())["findings"]) == 4
        try:
            urllib.request.urlopen(
                urllib.request.Request(
                    base + "/v1/verify", data=b"{}", headers={"Content-Type": "application/json"}
                ),
                timeout=10,
            )
        except urllib.error.HTTPError as err:
            assert err.code == 401 and err.headers["Content-Type"] == "application/problem+json"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
