"""The v1 blueprint: ``/v1/health``, ``/v1/claims``, ``/v1/checks``, ``/v1/verify``, plus the
spec (``/v1/openapi.json``) and offline docs (``/v1/docs``).

Views turn validated request models into the engine's dataclasses (``consistency.types``),
call the process's engine (``app.extensions["consistency"]``), and serialise the results
with :func:`consistency.types.to_dict`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from apiflask import APIBlueprint
from flask import Response, current_app, jsonify, request

from consistency import __version__
from consistency.errors import InputError
from consistency.types import (
    Channel,
    Claim,
    Conversation,
    Copy,
    CopyFormat,
    Finding,
    Report,
    Role,
    Severity,
    Turn,
    Verdict,
    to_dict,
)

from .auth import WRITE_METHODS, WRITE_SECURITY, check_api_key
from .errors import ApiError, input_error
from .schemas import (
    ChecksRequest,
    ChecksResponse,
    ClaimsRequest,
    ClaimsResponse,
    ConversationIn,
    CopyIn,
    HealthResponse,
    TurnIn,
    VerifyRequest,
    VerifyResponse,
)

log = logging.getLogger("api")

v1 = APIBlueprint("v1", __name__, url_prefix="/v1", tag="v1")

# Documented error responses (api.openapi gives them the Problem schema, problem+json).
_E_BODY = {
    400: "Body is not valid JSON (`invalid_json`).",
    413: "Body larger than MAX_CONTENT_LENGTH (`payload_too_large`).",
    415: "Body is not `application/json` (`unsupported_media_type`).",
    422: "Body fails the schema (`validation_error`, `errors[].loc` is a JSON path), or the engine "
    "rejected an input (code `E1xx`, e.g. `E103` malformed transcript).",
}
_E_AUTH = {
    401: "API keys are configured and none was sent (`unauthorized`).",
    403: "The API key is wrong (`forbidden`).",
}
_E_SERVER = {
    503: "Models still loading (`models_loading`, with Retry-After) or broken (`E2xx`/`E3xx`).",
    500: "Server bug (`internal_error`); the body reveals nothing, the server log has the traceback.",
}
WRITE_ERRORS = {**_E_BODY, **_E_AUTH, **_E_SERVER}


def _state():
    return current_app.extensions["consistency"]


@v1.before_request
def _guard() -> None:
    """Auth, media type and size checks for write endpoints, before the body is read."""
    if request.method not in WRITE_METHODS:
        return
    check_api_key(request, current_app.config["API_KEYS"])
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the body as JSON (Content-Type: application/json), not {request.mimetype or 'nothing'}.",
        )
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "payload_too_large", f"Request body too large (limit {limit} bytes).")


# ---------------------------------------------------------------- conversions
def _load_copy(c: CopyIn, loc: str) -> Copy:
    from consistency.io import load_copy

    try:
        return load_copy(c.text, id=c.id, format=CopyFormat(c.format))
    except InputError as exc:
        raise input_error(exc, f"{loc}.text") from exc


def _turns(
    turns: Sequence[TurnIn], rep_speakers: Sequence[str] = (), rep_domains: Sequence[str] = ()
) -> tuple[Turn, ...]:
    """JSON turns -> :class:`Turn`\\ s. ``unknown`` roles are resolved like a file's would be
    (``rep_speakers``, ``rep_domains``, then the heuristics of ``consistency.io.resolve_roles``)."""
    turns = [
        Turn(
            index=i,
            speaker=t.speaker,
            role=Role(t.role),
            text=t.text,
            start=t.start,
            end=t.end,
            role_source="explicit" if t.role != "unknown" else "heuristic",
        )
        for i, t in enumerate(turns)
    ]
    if not any(t.role is Role.UNKNOWN for t in turns):
        return tuple(turns)
    from consistency.io import resolve_roles

    return tuple(resolve_roles(turns, rep_speakers=tuple(rep_speakers), rep_domains=tuple(rep_domains)))


def _conversation(c: ConversationIn, loc: str) -> Conversation:
    channel = Channel(c.channel)
    if c.turns is not None:
        try:
            turns = _turns(c.turns, c.rep_speakers, c.rep_domains)
        except InputError as exc:
            raise input_error(exc, f"{loc}.turns") from exc
        return Conversation(id=c.id, channel=channel, turns=turns)
    from consistency.io import parse_conversation

    try:
        return parse_conversation(
            c.transcript,
            c.format,
            conversation_id=c.id,
            channel=channel,
            rep_speakers=tuple(c.rep_speakers),
            rep_domains=tuple(c.rep_domains),
        )
    except InputError as exc:
        raise input_error(exc, f"{loc}.transcript") from exc


def _unique(ids: Sequence[str], field: str, what: str) -> None:
    seen: dict[str, int] = {}
    errors = []
    for i, ident in enumerate(ids):
        if ident in seen:
            errors.append(
                {
                    "loc": f"{field}[{i}].id",
                    "msg": f"Duplicate {what} id {ident!r} (first at {field}[{seen[ident]}])",
                }
            )
        else:
            seen[ident] = i
    if errors:
        raise ApiError(
            422,
            "validation_error",
            f"{errors[0]['loc']}: {errors[0]['msg']}",
            title="Validation error",
            errors=errors,
        )


_NAMED = re.compile(r"^(conversation|copy) '(.*?)'(.*)$", re.S)


def _locate(exc: InputError, copy_ids: list[str], conversation_ids: list[str]) -> ApiError:
    """An engine error naming ``conversation 'x'`` / ``copy 'x'`` points at its request index."""
    m = _NAMED.match(exc.location or "")
    if m:
        field, ids = ("copy", copy_ids) if m.group(1) == "copy" else ("conversations", conversation_ids)
        if m.group(2) in ids:
            rest = m.group(3).strip(" :,") or None
            located = InputError(exc.message, location=rest, hint=exc.hint or None, code=exc.code)
            return input_error(located, f"{field}[{ids.index(m.group(2))}]")
    return input_error(exc)


def _copy_json(copy: Copy) -> dict[str, Any]:
    return {"id": copy.id, "format": to_dict(copy.format), "text": copy.text}


def _conversation_json(conv: Conversation) -> dict[str, Any]:
    data = to_dict(conv)
    data.pop("source", None)
    return data


def _engine_json(report_engine: dict[str, Any], engine: Any) -> dict[str, Any]:
    data = to_dict(dict(report_engine or {}))
    if "version" not in data or "model" not in data:
        info = _info(engine)
        data.setdefault("version", info.get("version"))
        data.setdefault("model", info.get("model"))
    return data


def _info(engine: Any) -> dict[str, Any]:
    try:
        return dict(engine.info() or {})
    except Exception:
        log.exception("engine.info() failed")
        return {}


def _one_finding_per_pair(report: Report) -> list[Finding]:
    """The API promises exactly one finding per (claim, conversation); enforce it."""
    pairs = [(cl.id, cv.id) for cl in report.claims for cv in report.conversations]
    wanted = set(pairs)
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for f in report.findings:
        key = (f.claim_id, f.conversation_id)
        if key not in wanted or key in seen:
            log.warning("engine returned an extra finding for %s; dropped", key)
            continue
        seen.add(key)
        out.append(f)
    for claim_id, conv_id in pairs:
        if (claim_id, conv_id) not in seen:
            log.warning("engine returned no finding for %s; reporting not_mentioned", (claim_id, conv_id))
            out.append(
                Finding(
                    claim_id=claim_id,
                    conversation_id=conv_id,
                    verdict=Verdict.NOT_MENTIONED,
                    confidence=0.0,
                    severity=Severity.LOW,
                    explanation="No finding was produced for this claim in this conversation.",
                )
            )
    return out


# ---------------------------------------------------------------- endpoints
@v1.get("/health")
@v1.output(HealthResponse)
@v1.doc(
    summary="Health and model status",
    description="200 once the models are loaded; 503 problem (`models_loading`) until then.",
    operation_id="health",
    responses={503: "Models loading (`models_loading`) or failed to load (`E2xx`/`E3xx`)."},
)
def health():
    state = _state()
    status = state.status
    if status == "loading":
        state.require()  # raises the 503
    if status == "error":
        state.require()
    info = _info(state.engine)
    return {
        "status": "ok",
        "version": __version__,
        "api_version": "1",
        "models": info.get("models") or {},
        "engine": {"version": info.get("version"), "model": info.get("model")},
    }


_CLAIMS_EXAMPLE = {
    "copy": {
        "id": "pricing-page",
        "text": "Plans start at $49/month. Every plan includes a 14-day free trial.",
        "format": "text",
    }
}


@v1.post("/claims")
@v1.input(ClaimsRequest, arg_name="body", example=_CLAIMS_EXAMPLE)
@v1.output(ClaimsResponse)
@v1.doc(
    summary="Extract claims from copy",
    description="Finds the checkable claims (prices, trials, guarantees, ...) in one piece of copy. "
    "`start`/`end` are offsets into the plain text returned as `copy.text`.",
    operation_id="extractClaims",
    responses=WRITE_ERRORS,
    security=WRITE_SECURITY,
)
def claims(body: ClaimsRequest):
    copy = _load_copy(body.copy_, "copy")
    state = _state()
    engine = state.require()
    try:
        found: list[Claim] = state.call(engine.extract_claims, copy)
    except InputError as exc:
        raise input_error(exc, "copy") from exc
    return {"claims": to_dict(list(found)), "copy": _copy_json(copy)}


_CHECKS_EXAMPLE = {
    "copy": [{"id": "pricing-page", "text": "Plans start at $49/month. Cancel anytime.", "format": "text"}],
    "conversations": [
        {
            "id": "call-001",
            "channel": "call",
            "turns": [
                {
                    "speaker": "Dana",
                    "role": "rep",
                    "text": "Our plans start at $39 a month.",
                    "start": 0.0,
                    "end": 4.2,
                },
                {
                    "speaker": "Sam",
                    "role": "customer",
                    "text": "And can I cancel whenever?",
                    "start": 4.5,
                    "end": 6.0,
                },
                {"speaker": "Dana", "role": "rep", "text": "There's a 12-month minimum term."},
            ],
        },
        {
            "id": "call-002",
            "channel": "call",
            "format": "text",
            "transcript": "Dana: Plans start at $49 a month.\nSam: Great.",
            "rep_speakers": ["Dana"],
        },
    ],
    "options": {"top_k": 5, "include_unbacked": True},
}


@v1.post("/checks")
@v1.input(ChecksRequest, arg_name="body", example=_CHECKS_EXAMPLE)
@v1.output(ChecksResponse)
@v1.doc(
    summary="Check conversations against copy",
    description="Extracts the claims of every copy and judges each against each conversation: "
    "exactly one finding per (claim, conversation). `conversations` in the response holds the "
    "parsed turns that evidence `turn` indexes point into. Duplicate copy or conversation ids are "
    "a 422.",
    operation_id="checkConversations",
    responses=WRITE_ERRORS,
    security=WRITE_SECURITY,
)
def checks(body: ChecksRequest):
    _unique([c.id for c in body.copy_], "copy", "copy")
    _unique([c.id for c in body.conversations], "conversations", "conversation")
    copies = [_load_copy(c, f"copy[{i}]") for i, c in enumerate(body.copy_)]
    conversations = [_conversation(c, f"conversations[{i}]") for i, c in enumerate(body.conversations)]
    state = _state()
    engine = state.require()
    opts = body.options
    try:
        report: Report = state.call(
            engine.check, copies, conversations, top_k=opts.top_k, include_unbacked=opts.include_unbacked
        )
    except InputError as exc:
        raise _locate(exc, [c.id for c in copies], [c.id for c in conversations]) from exc
    return {
        "claims": to_dict(list(report.claims)),
        "findings": to_dict(_one_finding_per_pair(report)),
        "unbacked": to_dict(list(report.unbacked)) if opts.include_unbacked else [],
        "conversations": [_conversation_json(c) for c in report.conversations],
        "summary": to_dict(dict(report.summary or {})),
        "engine": _engine_json(report.engine, engine),
        "copies": [_copy_json(c) for c in copies],
    }


_VERIFY_EXAMPLE = {
    "claim": "Every plan includes a 14-day free trial.",
    "evidence": "You get a 7-day trial on any plan.",
}


@v1.post("/verify")
@v1.input(VerifyRequest, arg_name="body", example=_VERIFY_EXAMPLE)
@v1.output(VerifyResponse)
@v1.doc(
    summary="Judge one claim against a passage or turns",
    description="Give `evidence` (free text) or `turns`; returns the verdict, its confidence and "
    "the three judge scores.",
    operation_id="verifyClaim",
    responses=WRITE_ERRORS,
    security=WRITE_SECURITY,
)
def verify(body: VerifyRequest):
    if body.turns is None:
        evidence: str | tuple[Turn, ...] = body.evidence
    else:
        try:
            evidence = _turns(body.turns)
        except InputError as exc:
            raise input_error(exc, "turns") from exc
    state = _state()
    engine = state.require()
    try:
        result = state.call(engine.verify, body.claim, evidence)
    except InputError as exc:
        raise input_error(exc, "evidence" if body.turns is None else "turns") from exc
    return to_dict(result)


# ---------------------------------------------------------------- spec and docs
@v1.get("/openapi.json")
@v1.doc(hide=True)
def openapi_json() -> Response:
    from .openapi import get_spec

    return jsonify(get_spec(current_app))


@v1.get("/docs")
@v1.doc(hide=True)
def docs() -> Response:
    from .openapi import docs_html, get_spec

    return Response(docs_html(get_spec(current_app)), mimetype="text/html")
