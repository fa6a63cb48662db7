"""Who is the rep and who is the customer in a conversation.

:func:`resolve_roles` sets ``Turn.role`` and ``Turn.role_source`` on every turn:

``explicit``
    the input gave a role for the turn (or for another turn of the same speaker). Accepted
    values, case-insensitive: rep/agent/sales/seller/ae/sdr -> rep,
    customer/client/prospect/buyer/lead -> customer; ``unknown``/empty means "not given";
    anything else is an E108 error naming the turn.
``config``
    the speaker matches ``rep_speakers`` (case-insensitive, full name or first name) or their
    e-mail address is in ``rep_domains`` -> rep; when ``rep_domains`` is set, a sender whose
    address is in another domain -> customer.
``heuristic``
    the speaker label ("Rep", "Agent", "Sales", "Support", "AE", "SDR" -> rep; "Customer",
    "Client", "Caller", "Prospect", "Buyer" -> customer), else phrases over the whole
    conversation ("our plan", "we offer", "I can offer you", "let me check our", "thanks for
    calling" -> rep; "how much", "do you", "can I" -> customer). In a two-speaker conversation
    where one side is known the other gets the opposite role; when ``rep_speakers`` /
    ``rep_domains`` are configured and found a rep, every other undecided speaker is a customer.
    Otherwise the role stays ``unknown`` (``role_source`` ``heuristic``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..errors import InputError
from ..types import Role, Turn

__all__ = ["normalize_role", "resolve_roles", "speaker_address"]

_ROLE_WORDS = {
    "rep": Role.REP,
    "agent": Role.REP,
    "sales": Role.REP,
    "seller": Role.REP,
    "ae": Role.REP,
    "sdr": Role.REP,
    "sales rep": Role.REP,
    "salesperson": Role.REP,
    "representative": Role.REP,
    "sales representative": Role.REP,
    "customer": Role.CUSTOMER,
    "client": Role.CUSTOMER,
    "prospect": Role.CUSTOMER,
    "buyer": Role.CUSTOMER,
    "lead": Role.CUSTOMER,
}

_REP_LABEL_WORDS = frozenset(
    "rep reps agent sales salesperson seller support ae sdr bdr representative advisor".split()
)
_REP_LABEL_PHRASES = (
    "customer support",
    "customer success",
    "customer service",
    "client services",
    "account executive",
    "account manager",
)
_CUSTOMER_LABEL_WORDS = frozenset("customer client caller prospect buyer".split())

_REP_CUES = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"\bour (?:\w+[ -])?(?:plans?|pricing|prices?|products?|platform|service|offers?|offering|solutions?|"
            r"software|packages?|tiers?|contracts?|guarantee|policy|subscriptions?|trial)\b",
            r"\bwe (?:also )?(?:offer|provide|guarantee|include)\b",
            r"\bi can (?:offer|give) you\b",
            r"\blet me check (?:our|on our)\b",
            r"\bthanks? (?:you )?for calling\b",
            r"\bthank you for calling\b",
            r"\bhow (?:can|may) i help\b",
            r"\bthanks for your interest in\b",
            r"\bwe can offer\b",
            r"\bour customers\b",
        )
    ),
    re.I,
)
_CUSTOMER_CUES = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"\bhow much\b",
            r"\bdo you\b",
            r"\bcan i\b",
            r"\bdoes (?:it|that|this|the)\b",
            r"\bis there (?:a|any)\b",
            r"\bwhat(?:'s| is) the (?:price|cost)\b",
            r"\bwhat do you charge\b",
            r"\bi(?:'m| am) (?:interested|looking for)\b",
            r"\bwe(?:'re| are) (?:looking for|interested|evaluating)\b",
            r"\bi was wondering\b",
        )
    ),
    re.I,
)
_CUE_SCAN_LIMIT = 200_000  # characters per speaker scanned for cues (enough to decide)
_ADDR_RE = re.compile(r"[\w.+'-]+@([\w-]+(?:\.[\w-]+)+)")


def normalize_role(value: object) -> Role | None:
    """``'Sales'`` -> ``Role.REP``; ``None``/``''``/``'unknown'`` -> ``None``; else ``ValueError``."""
    if value is None:
        return None
    if isinstance(value, Role):
        return None if value is Role.UNKNOWN else value
    if not isinstance(value, str):
        raise ValueError(f"expected a role name, got {type(value).__name__}")
    key = " ".join(value.replace("_", " ").replace("-", " ").split()).lower()
    if key in ("", "unknown", "none", "?"):
        return None
    found = _ROLE_WORDS.get(key)
    if found is None:
        raise ValueError(f"{value!r} is not a known role (use rep or customer)")
    return found


def speaker_address(speaker: str) -> str | None:
    """The e-mail address inside a speaker label (``'Jane <jane@acme.com>'``), if any."""
    m = _ADDR_RE.search(speaker or "")
    return m.group(0).lower() if m else None


def _key(speaker: str) -> str:
    return " ".join((speaker or "").split()).casefold()


def _name_part(speaker: str) -> str:
    """Display part of a speaker label: drops an ``<address>`` and quotes."""
    s = re.sub(r"<[^>]*>", " ", speaker or "")
    return " ".join(s.replace('"', " ").split()).casefold().strip(" .,:;")


def _matches_rep_name(speaker: str, rep_speakers: Sequence[str]) -> bool:
    name = _name_part(speaker)
    if not name:
        return False
    first = name.split()[0]
    for entry in rep_speakers:
        e = " ".join(str(entry).split()).casefold().strip(" .,:;")
        if not e:
            continue
        if name == e:
            return True
        e_parts = e.split()
        if len(e_parts) == 1 and first == e:  # configured a first name, label is a full name
            return True
        if len(name.split()) == 1 and e_parts[0] == name:  # label is a first name only
            return True
        if "@" in e and speaker_address(speaker) == e:
            return True
    return False


def _domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].strip().strip(">").lower() or None


def _domain_matches(domain: str, rep_domains: Sequence[str]) -> bool:
    for d in rep_domains:
        d = str(d).strip().lower().lstrip("@").lstrip(".")
        if d and (domain == d or domain.endswith("." + d)):
            return True
    return False


def _label_role(speaker: str) -> Role | None:
    label = _name_part(speaker)
    if any(p in label for p in _REP_LABEL_PHRASES):
        return Role.REP
    words = set(re.findall(r"[a-z]+", label))
    rep = bool(words & _REP_LABEL_WORDS)
    cust = bool(words & _CUSTOMER_LABEL_WORDS)
    if rep and not cust:
        return Role.REP
    if cust and not rep:
        return Role.CUSTOMER
    return None


def _cue_role(texts: list[str]) -> Role | None:
    rep = cust = 0
    budget = _CUE_SCAN_LIMIT
    for t in texts:
        if budget <= 0:
            break
        t = t[:budget]
        budget -= len(t)
        rep += 2 * sum(1 for _ in _REP_CUES.finditer(t))
        cust += sum(1 for _ in _CUSTOMER_CUES.finditer(t))
    if rep > cust and rep >= 2:
        return Role.REP
    if cust > rep and cust >= 1:
        return Role.CUSTOMER
    return None


def _where(t: Turn, pos: int) -> str:
    idx = t.index if isinstance(t.index, int) else pos
    loc = f"turn {idx}"
    if t.line:
        loc += f", line {t.line}"
    return loc


def resolve_roles(
    turns: Sequence[Turn],
    *,
    rep_speakers: Sequence[str] = (),
    rep_domains: Sequence[str] = (),
    addresses: Sequence[str | None] | None = None,
) -> list[Turn]:
    """Return copies of ``turns`` with ``role`` and ``role_source`` filled in (see module doc).

    A turn's role counts as given when it is a non-empty string (the raw input value, validated
    here) or a :class:`Role` other than ``UNKNOWN`` with ``role_source == "explicit"``.
    ``addresses`` (aligned with ``turns``) gives each turn's sender address for ``rep_domains``;
    without it an address inside the speaker label is used.
    """
    turns = list(turns)
    if isinstance(rep_speakers, str):
        rep_speakers = [rep_speakers]
    if isinstance(rep_domains, str):
        rep_domains = [rep_domains]
    given: list[Role | None] = []
    for pos, t in enumerate(turns):
        value = t.role
        if isinstance(value, Role) and t.role_source != "explicit":
            value = None
        try:
            given.append(normalize_role(value))
        except ValueError as exc:
            raise InputError(
                f"turn {t.index} ({t.speaker!r}): role {exc}",
                location=_where(t, pos),
                code="E108",
                hint="Use role 'rep' or 'customer', or leave it out.",
            ) from None

    order: list[str] = []
    texts: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    explicit_votes: dict[str, dict[Role, int]] = {}
    addr_of: dict[str, str | None] = {}
    for pos, t in enumerate(turns):
        k = _key(t.speaker)
        if k not in texts:
            order.append(k)
            texts[k] = []
            labels[k] = t.speaker
        texts[k].append(t.text or "")
        if given[pos] is not None:
            votes = explicit_votes.setdefault(k, {})
            votes[given[pos]] = votes.get(given[pos], 0) + 1
        addr = None
        if addresses is not None and pos < len(addresses) and addresses[pos]:
            addr = str(addresses[pos]).lower()
        addr = addr or speaker_address(t.speaker)
        if addr and not addr_of.get(k):
            addr_of[k] = addr

    decided: dict[str, tuple[Role, str]] = {}
    for k in order:
        if k in explicit_votes:
            votes = explicit_votes[k]
            decided[k] = (max(votes, key=votes.__getitem__), "explicit")
            continue
        if rep_speakers and _matches_rep_name(labels[k], rep_speakers):
            decided[k] = (Role.REP, "config")
            continue
        domain = _domain_of(addr_of.get(k))
        if rep_domains and domain:
            decided[k] = (Role.REP if _domain_matches(domain, rep_domains) else Role.CUSTOMER, "config")
            continue
    for k in order:
        if k in decided:
            continue
        role = _label_role(labels[k]) or _cue_role(texts[k])
        if role is not None:
            decided[k] = (role, "heuristic")
    undecided = [k for k in order if k not in decided]
    if len(order) == 2 and len(undecided) == 1:
        other = next(k for k in order if k in decided)
        role = decided[other][0]
        decided[undecided[0]] = (Role.CUSTOMER if role is Role.REP else Role.REP, "heuristic")
    elif undecided and (rep_speakers or rep_domains) and any(r is Role.REP for r, _ in decided.values()):
        for k in undecided:
            decided[k] = (Role.CUSTOMER, "heuristic")

    out: list[Turn] = []
    for pos, t in enumerate(turns):
        if given[pos] is not None:
            role, source = given[pos], "explicit"
        else:
            role, source = decided.get(_key(t.speaker), (Role.UNKNOWN, "heuristic"))
        out.append(
            Turn(
                index=t.index,
                speaker=t.speaker,
                role=role,
                text=t.text,
                start=t.start,
                end=t.end,
                role_source=source,
                line=t.line,
            )
            if type(t) is Turn
            else dataclasses.replace(t, role=role, role_source=source)
        )
    return out
