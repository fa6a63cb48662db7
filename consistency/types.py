"""Plain data types shared by every part of the engine.

Frozen dataclasses and string enums only: no spaCy, torch or numpy types, so results can be
serialised with :func:`to_dict` / ``json.dumps`` and compared in tests. Offsets are character
offsets into the *plain* text of a copy (markup stripped) or of a turn.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any


class Role(enum.StrEnum):
    REP = "rep"
    CUSTOMER = "customer"
    UNKNOWN = "unknown"


class Channel(enum.StrEnum):
    CALL = "call"
    EMAIL = "email"
    CHAT = "chat"


class CopyFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class Verdict(enum.StrEnum):
    CONTRADICTED = "contradicted"
    CONSISTENT = "consistent"
    NOT_MENTIONED = "not_mentioned"


class Severity(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ClaimType(enum.StrEnum):
    PRICE = "price"
    DISCOUNT = "discount"
    FREE_OFFER = "free_offer"
    GUARANTEE = "guarantee"
    REFUND = "refund"
    CONTRACT_TERM = "contract_term"
    CANCELLATION = "cancellation"
    TRIAL = "trial"
    DELIVERY_TIME = "delivery_time"
    SUPPORT_HOURS = "support_hours"
    FEATURE = "feature"
    INTEGRATION = "integration"
    LIMIT_QUOTA = "limit_quota"
    ELIGIBILITY = "eligibility"
    COMPARISON = "comparison"
    OTHER = "other"


class SlotKind(enum.StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    DURATION = "duration"
    QUANTITY = "quantity"
    SCHEDULE = "schedule"
    CONDITION = "condition"


@dataclass(frozen=True)
class Slot:
    """One normalised value found in a sentence.

    ``value`` is canonical: money in currency units per ``period`` (or one-off when period is
    None), percent as 0-100, duration in days, quantity as a count of ``unit``; schedule as a
    ``value`` of hours per week with ``attrs`` giving days/hours. ``qualifier`` is one of
    ``exact``, ``min`` ("over $50", "at least"), ``max`` ("up to", "under") or ``approx``.
    ``start``/``end`` are offsets into the text of the claim or statement the slot came from.
    """

    kind: SlotKind
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    qualifier: str = "exact"
    attrs: dict[str, Any] = field(default_factory=dict)

    def display(self) -> str:
        """Human form used in explanations, e.g. ``$49/month`` or ``14 days``."""
        if self.kind is SlotKind.MONEY and self.value is not None:
            cur = {"USD": "$", "EUR": "€", "GBP": "£"}.get(self.unit or "USD", (self.unit or "") + " ")
            # per-minute and per-unit rates keep their fraction of a cent: "$0.015", not "$0.01"
            amount = (f"{self.value:.4f}" if 0 < abs(self.value) < 1 else f"{self.value:,.2f}").rstrip("0").rstrip(".")
            return f"{cur}{amount}" + (f"/{self.period}" if self.period else "")
        if self.kind is SlotKind.PERCENT and self.value is not None:
            return f"{self.value:g}%"
        if self.kind is SlotKind.DURATION and self.value is not None:
            return f"{self.value:g} days"
        if self.kind is SlotKind.QUANTITY and self.value is not None:
            return f"{self.value:g} {self.unit or ''}".strip()
        return self.text


@dataclass(frozen=True)
class Copy:
    """A marketing asset. ``text`` is the plain text we report offsets into; ``raw`` the input."""

    id: str
    text: str
    format: CopyFormat = CopyFormat.TEXT
    raw: str | None = None
    source: str | None = None  # file path, if loaded from disk


@dataclass(frozen=True)
class Turn:
    """One speaker turn (call/chat) or one message (email). ``start``/``end`` are seconds."""

    index: int
    speaker: str
    role: Role
    text: str
    start: float | None = None
    end: float | None = None
    role_source: str = "explicit"  # explicit | config | heuristic
    line: int | None = None  # 1-based line in the source file, for error messages


@dataclass(frozen=True)
class Conversation:
    id: str
    channel: Channel
    turns: tuple[Turn, ...]
    source: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    copy_id: str
    text: str
    start: int
    end: int
    type: ClaimType
    slots: tuple[Slot, ...] = ()
    negated: bool = False


@dataclass(frozen=True)
class Statement:
    """A sentence a speaker said; ``start``/``end`` are offsets into the turn's text."""

    conversation_id: str
    turn: int
    speaker: str
    role: Role
    text: str
    start: int
    end: int
    time_start: float | None = None
    time_end: float | None = None
    slots: tuple[Slot, ...] = ()
    negated: bool = False
    # What the rep was answering, when the statement alone is a bare "yes, that's right":
    # used to judge the statement, never reported as evidence (customers are never evidence).
    context: str = ""

    @property
    def judged_text(self) -> str:
        return f"{self.context} {self.text}" if self.context else self.text


@dataclass(frozen=True)
class Evidence:
    """The rep's words behind a finding. ``start``/``end`` are the turn's timestamps (seconds);
    ``char_start``/``char_end`` locate the sentence inside the turn's text."""

    turn: int
    speaker: str
    role: Role
    text: str
    start: float | None = None
    end: float | None = None
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class SlotDiff:
    kind: SlotKind
    copy_value: str
    rep_value: str
    compatible: bool
    explanation: str


@dataclass(frozen=True)
class JudgeScores:
    """Probabilities for one (claim, statement) pair; they sum to 1."""

    contradicted: float
    consistent: float
    not_mentioned: float

    def best(self) -> Verdict:
        scores = {
            Verdict.CONTRADICTED: self.contradicted,
            Verdict.CONSISTENT: self.consistent,
            Verdict.NOT_MENTIONED: self.not_mentioned,
        }
        return max(scores, key=scores.__getitem__)


@dataclass(frozen=True)
class Finding:
    claim_id: str
    conversation_id: str
    verdict: Verdict
    confidence: float
    severity: Severity
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""
    slot_diffs: tuple[SlotDiff, ...] = ()
    scores: JudgeScores | None = None


@dataclass(frozen=True)
class Unbacked:
    """A promise a rep made that no claim in the copy backs."""

    conversation_id: str
    type: ClaimType
    evidence: Evidence
    confidence: float
    explanation: str
    slots: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class Verification:
    """The judge on one claim against a passage or turns (``Engine.verify``)."""

    verdict: Verdict
    confidence: float
    scores: JudgeScores
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class Report:
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    unbacked: tuple[Unbacked, ...]
    conversations: tuple[Conversation, ...]
    summary: dict[str, Any]
    engine: dict[str, Any]


def to_dict(obj: Any) -> Any:
    """JSON-ready form of any type here: enums become their values, tuples lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, 6)
    return obj
