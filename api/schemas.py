"""Request and response models of the HTTP API (pydantic v2).

Request models are strict (``extra="forbid"``, no type coercion, bounded strings and lists) so
that anything the OpenAPI spec calls invalid is answered with 422. Response models allow extra
fields: clients must ignore fields they do not know, and the engine may add some.

The OpenAPI document is generated from these models (see :mod:`api.openapi`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

# ---------------------------------------------------------------- limits
MAX_ID = 200
MAX_COPIES = 50
MAX_COPY_TEXT = 500_000
MAX_CONVERSATIONS = 200
MAX_TURNS = 5_000
MAX_TURN_TEXT = 50_000
MAX_SPEAKER = 200
MAX_TRANSCRIPT = 4_000_000
MAX_REP_NAMES = 100
MAX_CLAIM_TEXT = 5_000
MAX_EVIDENCE_TEXT = 200_000
MAX_VERIFY_TURNS = 1_000
MAX_TOP_K = 50
MAX_SECONDS = 1e7  # ~115 days: generous bound on turn timestamps

CopyFormatName = Literal["text", "markdown", "html"]
ChannelName = Literal["call", "email", "chat"]
RoleName = Literal["rep", "customer", "unknown"]
TranscriptFormatName = Literal["text", "vtt", "srt", "eml", "mbox"]
VerdictName = Literal["contradicted", "consistent", "not_mentioned"]
SeverityName = Literal["high", "medium", "low"]


# "Blank" = only whitespace by *any* of the definitions in play (Python's str.isspace, which the
# engine's strip() uses; ECMA-262 \s, which JSON Schema tools use; Unicode White_Space, which
# pydantic's Rust regex uses). The class is spelled out so every regex engine reads it alike.
WHITESPACE_CLASS = r"\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NON_BLANK = f"[^{WHITESPACE_CLASS}]"
_NON_BLANK = re.compile(NON_BLANK)


def _valid_unicode(value: str) -> str:
    """Reject lone surrogates (JSON allows "\\ud800"; UTF-8 and the models do not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("String contains invalid Unicode (a lone surrogate)") from exc
    return value


def _non_blank(value: str) -> str:
    # Checked here rather than with pydantic's ``pattern`` so the message is readable.
    if not _NON_BLANK.search(value):
        raise ValueError("String must contain a non-whitespace character")
    return value


def _str(min_length: int = 1, max_length: int = MAX_ID, *, text: bool = False) -> Any:
    """A bounded string; ``text=True`` also requires a non-whitespace character."""
    if text:
        field = Field(min_length=min_length, max_length=max_length, json_schema_extra={"pattern": NON_BLANK})
        return Annotated[str, field, AfterValidator(_valid_unicode), AfterValidator(_non_blank)]
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_valid_unicode)]


def _absent(**kwargs: Any) -> Any:
    """An optional field that may be left out but not sent as ``null`` (it selects a shape).

    Its type is not Optional, so an explicit ``null`` fails validation; the ``default: null``
    pydantic writes into the JSON Schema is dropped by :func:`_shapes`."""
    return Field(None, **kwargs)


def _shapes(*one_of: dict[str, Any]) -> Any:
    """Model-level JSON Schema hook: ``oneOf`` the given shapes, and no ``default: null`` on
    properties that do not admit null (the :func:`_absent` ones)."""

    def extra(schema: dict[str, Any]) -> None:
        for prop in schema.get("properties", {}).values():
            if "default" in prop and prop["default"] is None and "anyOf" not in prop:
                del prop["default"]
        schema["oneOf"] = [dict(shape) for shape in one_of]

    return extra


Id = _str(1, MAX_ID, text=True)
CopyText = _str(1, MAX_COPY_TEXT, text=True)
TurnText = _str(1, MAX_TURN_TEXT, text=True)
Speaker = _str(1, MAX_SPEAKER, text=True)
Transcript = _str(1, MAX_TRANSCRIPT, text=True)
ClaimText = _str(1, MAX_CLAIM_TEXT, text=True)
EvidenceText = _str(1, MAX_EVIDENCE_TEXT, text=True)
RepName = _str(1, MAX_SPEAKER, text=True)
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------- requests
class CopyIn(_Request):
    """A marketing asset. ``format`` says how to strip markup before claims are extracted."""

    id: Id = Field(description="Caller's id for this asset; unique within a request.")
    text: CopyText = Field(description="The copy as written (plain text, Markdown or HTML).")
    format: CopyFormatName = Field("text", description="Markup of `text`.")


class TurnIn(_Request):
    """One speaker turn of a call or chat, or one message of an email thread."""

    speaker: Speaker
    role: RoleName = Field(
        "unknown",
        description="Who spoke. `unknown` turns whose speaker is in `rep_speakers` count as the rep's.",
    )
    text: TurnText
    start: Seconds | None = Field(None, description="Start time in seconds, if known.")
    end: Seconds | None = Field(None, description="End time in seconds, if known.")

    @model_validator(mode="after")
    def _ordered(self) -> TurnIn:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("`end` must not be before `start`")
        return self


_CONVERSATION_SHAPES = _shapes(
    {
        "title": "Turns",
        "required": ["turns"],
        "not": {"anyOf": [{"required": ["transcript"]}, {"required": ["format"]}]},
    },
    {"title": "Transcript", "required": ["transcript", "format"], "not": {"required": ["turns"]}},
)


class ConversationIn(_Request):
    """A call, email thread or chat: either already split into ``turns``, or a raw ``transcript``
    in one of the supported ``format``\\ s, which the server parses (see ``conversations`` in the
    response for the parsed turns)."""

    model_config = ConfigDict(json_schema_extra=_CONVERSATION_SHAPES)

    id: Id = Field(description="Caller's id for this conversation; unique within a request.")
    channel: ChannelName
    turns: list[TurnIn] = _absent(min_length=1, max_length=MAX_TURNS)
    transcript: Transcript = _absent(description="Raw transcript, email or mbox text.")
    format: TranscriptFormatName = _absent(description="Format of `transcript`.")
    rep_speakers: list[RepName] = Field(
        default_factory=list, max_length=MAX_REP_NAMES, description="Speaker names that are sales reps."
    )
    rep_domains: list[RepName] = Field(
        default_factory=list,
        max_length=MAX_REP_NAMES,
        description="Email domains of sales reps (for `eml`/`mbox`).",
    )

    @model_validator(mode="after")
    def _one_shape(self) -> ConversationIn:
        if self.turns is not None and self.transcript is not None:
            raise ValueError("Give either `turns` or `transcript`, not both")
        if self.turns is None and self.transcript is None:
            raise ValueError("Give either `turns` or `transcript` (with `format`)")
        if self.transcript is not None and self.format is None:
            raise ValueError("`format` is required with `transcript`")
        if self.turns is not None and self.format is not None:
            raise ValueError("`format` applies to `transcript` only")
        return self


def _integral(value: Any) -> Any:
    """JSON Schema counts ``5.0`` as an integer; so do we (strict mode would refuse it)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class CheckOptions(_Request):
    top_k: Annotated[int, Field(ge=1, le=MAX_TOP_K), BeforeValidator(_integral)] | None = Field(
        None, description="Rep statements considered per claim (engine default if unset)."
    )
    include_unbacked: bool = Field(True, description="Also report rep promises no claim backs.")


class ClaimsRequest(_Request):
    """Extract the claims from one piece of copy."""

    copy_: CopyIn = Field(alias="copy")


class ChecksRequest(_Request):
    """Check conversations against the claims of one or more pieces of copy."""

    copy_: list[CopyIn] = Field(alias="copy", min_length=1, max_length=MAX_COPIES)
    conversations: list[ConversationIn] = Field(min_length=1, max_length=MAX_CONVERSATIONS)
    options: CheckOptions = Field(default_factory=CheckOptions)


_VERIFY_SHAPES = _shapes(
    {"title": "Text evidence", "required": ["evidence"], "not": {"required": ["turns"]}},
    {"title": "Turns evidence", "required": ["turns"], "not": {"required": ["evidence"]}},
)


class VerifyRequest(_Request):
    """Judge one claim against a passage (``evidence``) or a list of ``turns``."""

    model_config = ConfigDict(json_schema_extra=_VERIFY_SHAPES)

    claim: ClaimText
    evidence: EvidenceText = _absent(description="A passage to judge the claim against.")
    turns: list[TurnIn] = _absent(min_length=1, max_length=MAX_VERIFY_TURNS)

    @model_validator(mode="after")
    def _one_shape(self) -> VerifyRequest:
        if (self.evidence is None) == (self.turns is None):
            raise ValueError("Give exactly one of `evidence` or `turns`")
        return self


# ---------------------------------------------------------------- responses
class SlotOut(_Response):
    kind: str
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    qualifier: str = "exact"
    attrs: dict[str, Any] = Field(default_factory=dict)


class ClaimOut(_Response):
    id: str
    copy_id: str
    text: str
    start: int = Field(description="Offset into the copy's plain text (markup stripped).")
    end: int
    type: str
    slots: list[SlotOut] = Field(default_factory=list)


class CopyOut(_Response):
    id: str
    format: str
    text: str = Field(description="Plain text of the copy; claim offsets point into it.")


class ClaimsResponse(_Response):
    claims: list[ClaimOut]
    copy_: CopyOut | None = Field(None, alias="copy")


class EvidenceOut(_Response):
    turn: int = Field(description="Index into the conversation's `turns`.")
    speaker: str
    role: RoleName
    text: str
    start: float | None = Field(None, description="Turn start, seconds.")
    end: float | None = Field(None, description="Turn end, seconds.")


class SlotDiffOut(_Response):
    kind: str
    copy_value: str
    rep_value: str
    compatible: bool
    explanation: str


class ScoresOut(_Response):
    contradicted: float
    consistent: float
    not_mentioned: float


class FindingOut(_Response):
    claim_id: str
    conversation_id: str
    verdict: VerdictName
    confidence: float
    severity: SeverityName
    evidence: list[EvidenceOut] = Field(default_factory=list)
    explanation: str = ""
    slot_diffs: list[SlotDiffOut] = Field(default_factory=list)
    scores: ScoresOut | None = None


class UnbackedOut(_Response):
    conversation_id: str
    type: str
    evidence: EvidenceOut
    confidence: float
    explanation: str
    slots: list[SlotOut] = Field(default_factory=list)


class TurnOut(_Response):
    index: int
    speaker: str
    role: RoleName
    text: str
    start: float | None = None
    end: float | None = None


class ConversationOut(_Response):
    id: str
    channel: ChannelName
    turns: list[TurnOut]


class EngineOut(_Response):
    version: str | None = None
    model: Any = None


class ChecksResponse(_Response):
    claims: list[ClaimOut]
    findings: list[FindingOut] = Field(description="Exactly one per (claim, conversation).")
    unbacked: list[UnbackedOut]
    conversations: list[ConversationOut] = Field(
        description="The parsed turns; evidence `turn` indexes them."
    )
    summary: dict[str, Any]
    engine: EngineOut
    copies: list[CopyOut] = Field(default_factory=list)


class VerifyResponse(_Response):
    verdict: VerdictName
    confidence: float
    scores: ScoresOut
    evidence: list[EvidenceOut] = Field(default_factory=list)
    explanation: str = ""


class HealthResponse(_Response):
    status: Literal["ok"]
    version: str = Field(description="Package version of the server.")
    models: dict[str, Any] = Field(default_factory=dict, description="Loaded models, from `Engine.info()`.")
    api_version: str = "1"
    engine: EngineOut | None = None


# ---------------------------------------------------------------- errors
class ProblemItem(_Response):
    loc: str = Field(description="JSON path of the failing field, e.g. `conversations[0].turns[2].role`.")
    msg: str


class Problem(_Response):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable error code: `validation_error`, `E103`, `models_loading`, ...")
    errors: list[ProblemItem] = Field(default_factory=list)
    hint: str | None = Field(None, description="How to fix it (engine errors).")
    location: str | None = Field(None, description="The engine's own location string (engine errors).")
    state: Literal["loading", "error"] | None = Field(None, description="Model state (503 responses).")


RESPONSE_MODELS = [
    ClaimsResponse,
    ChecksResponse,
    VerifyResponse,
    HealthResponse,
    Problem,
]
