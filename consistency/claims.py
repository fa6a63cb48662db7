"""Claims from marketing copy and statements from conversations.

Claims (:func:`extract_claims`)
-------------------------------
spaCy runs once over the copy (tagger + rule-based sentencizer; newlines and bullets end a
sentence). Each sentence is split into atomic claims at ``;``, dashes, pipes, list commas
and coordinators ("and", "plus", "&", "as well as", "along with") and before ", with".
A piece stands on its own only if it carries a promise: a slot other than a condition, or a
claim keyword (see :data:`TYPE_RULES`) and at least two words. Other pieces are merged back
into the previous one, so conditions ("billed annually", "on orders over $50") stay with
their price and "Salesforce, HubSpot and Slack" stays one integration claim. Split points
inside a slot ("between 3 and 5 days", "a hundred and fifty") are ignored.

Claim text is the exact substring of ``copy.text`` with leading connectors/bullets and
trailing punctuation/whitespace trimmed; slot offsets are relative to the claim text.

Not claims: questions, greetings/sign-offs, calls to action without a concrete offer
("Sign up today!", "Book a demo"; a benefit clause makes one an offer: "Join this month and pay
no joining fee"), email footers and legal lines (unsubscribe, "you are receiving this",
privacy policy, copyright, all rights reserved), headings and navigation (a line of its own,
not a list item, no full stop, at most five words, no finite verb, no value and no offer word:
"Plans and pricing"; "24/7 phone", "No contracts", "Half off Pro for 3 months" stay) and
slogans (no slot and no claim keyword: "Sell smarter.", "Your team, supercharged."; a scope word
inside a relative clause does not count: "Busy mornings deserve a till that never blinks").
"24/7 phone and chat support" stays one claim: a one-word left side shares the value and the
head noun.

Types (:func:`classify_claim_type`)
-----------------------------------
Each type scores one point per keyword match in :data:`TYPE_RULES` plus slot boosts (money ->
price, free money -> free_offer or trial, percent off -> discount, trial/guarantee/refund/
delivery durations -> their type, schedule -> support_hours, "2x" -> comparison, other
quantities -> limit_quota, commitment -> contract_term, new customers/segments ->
eligibility). Keywords that collide are matched in context only: "sale" is a discount in "on
sale" / "spring sale", never in "point of sale"; "free" not in "gluten-free"; "term" and "runs
for" only for contracts; "normally" only before a price. A fee or rate (incl. "2.6% + 10¢ per
transaction") is a price; a locked price ("your price is locked for 24 months") is a price
guarantee, not a contract term; a reference price ("$299, normally $450") makes a discount;
money that is an amount covered ("warranty up to $1M", "up to $1M in coverage") is no price. A
comparison needs something compared (an entity after "than", "vs", a number): "easier than
ever" and a bare "faster" are not comparisons; "10x your contact count" is a quota. The best
score wins; ties go to the earlier type in :data:`TYPE_RULES`; no score gives ``other``. Extra keywords from the configuration (``claim_type_rules``) are
checked before the built-in ones: each hit weighs 3.

Statements (:func:`extract_statements`)
---------------------------------------
Turns of the chosen roles go through ``nlp.pipe`` with the tokenizer and sentencizer only
(the tagger/parser are ~50x slower and not needed). Fillers ("Yeah.", "Okay.", "Mm-hmm.",
"Sure.") are dropped; a bare "No." is kept because it can deny what the customer asked.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .nlp import ensure_sents, get_nlp, sentences, sentences_many
from .slots import NUM, extract_slots, has_negation, negation_cues, parse_number
from .types import Claim, ClaimType, Conversation, Copy, CopyFormat, Role, Slot, SlotKind, Statement

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "TYPE_RULES",
    "classify_claim_type",
    "extract_claims",
    "extract_statements",
    "is_filler",
    "is_promise",
    "split_claim_spans",
]

#: Keyword rules per claim type, in tie-break order. Plain entries match as whole words,
#: case-insensitively; entries starting with ``re:`` are regular expressions.
TYPE_RULES: dict[str, list[str]] = {
    "refund": [
        "refund", "refunds", "refundable", "refunded", "money back", "money-back", "your money back", "return policy",
        "returns", "free returns", "return it", "send it back", "reimburse", "reimbursed",
    ],
    "guarantee": [
        "guarantee", "guaranteed", "guarantees", "warranty", "warranties", "risk-free",
        "sla", "uptime", "we promise", "assured", "satisfaction", "not satisfied", "not happy",
        "re:\\bor\\s+(?:your\\s+next|we(?:'ll|\\s+will)?|get\\s+your)\\b", "re:\\bor\\s+it(?:'s|\\s+is)\\s+free\\b",
    ],
    "trial": [
        "trial", "trials", "free trial", "try it free", "re:^\\s*try\\b", "try for free", "try free", "test drive",
        "no credit card required", "no credit card needed", "freemium", "free plan", "free tier",
    ],
    "cancellation": [
        "cancel", "cancels", "cancelled", "canceled", "cancellation", "cancel anytime", "cancel any time",
        "opt out", "opt-out", "terminate", "termination", "pause anytime",
        "notice period", "early exit", "exit fee", "exit fees", "early termination", "termination fee",
    ],
    "contract_term": [
        "contract", "contracts", "commitment", "commitments", "lock-in", "locked in", "locked-in",
        "month-to-month", "month to month", "minimum term", "agreement", "auto-renew", "auto-renews",
        "renewal", "renews", "long-term", "locked", "lock in",
        "re:\\b(?:minimum|initial|contract|fixed|committed|rental|lease|loan|agreement)\\s+term\\b|\\bterm\\s+of\\s+\\d|\\b\\d+[- ](?:month|year)[- ]term\\b",
        "re:\\b(?:plan|contract|subscription|membership|lease|agreement|commitment|loan|financing)s?\\s+(?:\\w+\\s+)?runs?\\s+for\\b",
    ],
    "discount": [
        "discount", "discounts", "discounted", "re:%\\s*off\\b", "percent off", "re:\\boff\\s+(?:your|the|all|every|any|our|list)\\b",
        "re:\\bsave\\b(?!\\s+(?:you\\s+)?(?:time|hours?|minutes?|effort|hassle|headaches?|\\d+\\s+(?:hours?|minutes?)))",
        "saving", "savings", "coupon", "promo", "promo code", "re:\\bdeal\\b(?!\\s+with)",
        # "sale" only as an offer ("on sale", "spring sale", "sale price"), never "point of sale"
        "re:\\b(?:on|big|huge|flash|clearance|seasonal|holiday|spring|summer|winter|autumn|fall|anniversary|friday|monday|weekend|annual)\\s+sale\\b|\\bsale\\s+(?:price|prices|pricing|ends|runs)\\b",
        "markdown", "reduced", "re:\\b(?:normally|regularly|usually|originally)\\s+(?:priced\\s+at\\s+|costs?\\s+|just\\s+|only\\s+)?[$€£\\d]",
        "instead of", "re:\\bwas\\s+[$€£]", "half price", "half-price", "half off", "bogo", "rebate", "price match",
    ],
    "free_offer": [
        "re:(?<![\\w-])(?<!risk\\s)(?<!hassle\\s)(?<!worry\\s)(?<!stress\\s)(?<!hands\\s)(?<!feel\\s)(?<!toll\\s)free(?![\\w-])", "no charge", "no cost", "at no cost", "at no extra cost", "complimentary", "on the house",
        "bonus", "gift", "no setup fee", "no setup fees", "no fees", "zero fees", "waived", "waive",
        "free of charge",
    ],
    "price": [
        "price", "prices", "pricing", "priced", "cost", "costs", "per month", "per year", "a month",
        "a year", "plans start", "starting at", "starts at", "fee", "fees", "billed", "commission",
        "re:(?<!success\\s)(?<!response\\s)(?<!conversion\\s)(?<!open\\s)(?<!click\\s)(?<!approval\\s)(?<!completion\\s)(?<!retention\\s)(?<!error\\s)\\brates?\\b",
        "re:\\bper\\s+(?:[\\w-]+\\s+)?(?:transaction|swipe|tap|payment|listing|night|booking)s?\\b",
        "subscription", "pay", "only $", "flat", "per seat", "per user", "deposit", "down payment",
    ],
    "delivery_time": [
        "ship", "ships", "shipping", "shipped", "delivery", "delivered", "deliver", "delivers",
        "arrive", "arrives", "dispatch", "dispatched", "next-day", "same-day", "overnight",
        "turnaround", "lead time", "express",
    ],
    "support_hours": [
        "support", "help desk", "helpdesk", "customer service", "live chat", "phone support",
        "24/7", "around the clock", "round the clock", "business hours", "response time", "respond",
        "responds", "on call", "available 24/7", "opening hours",
        "re:\\b(?:evening|weekend|saturday|sunday|late-night|early-morning)s?\\s+(?:and\\s+\\w+\\s+)?(?:appointments?|hours|sessions|slots|visits|availability)\\b",
        "re:\\bopen\\s+(?:late|early|until|till|daily|weekends|every\\s+day|seven\\s+days|7\\s+days)\\b", "re:\\bavailable\\s+(?:24|around|round|weekdays|daily|every|monday|mon|from|\\d)",
    ],
    "integration": [
        "integration", "integrations", "integrates", "integrate", "integrated", "connects", "connect with",
        "connector", "connectors", "sync", "syncs", "works with", "api", "apis", "plugin", "plug-in",
        "add-on", "zapier", "salesforce", "hubspot", "slack", "shopify", "quickbooks", "xero",
        "google workspace", "gmail", "outlook", "microsoft teams", "zoom", "webhook", "webhooks", "marketo",
        "zendesk", "stripe", "jira",
    ],
    "limit_quota": [
        "unlimited", "limit", "limits", "limited to", "quota", "quotas", "cap", "capped", "maximum",
        "storage", "seats", "users", "gb", "tb", "projects", "contacts", "api calls", "allowance",
        "no limits", "up to", "credits",
    ],
    "eligibility": [
        "eligible", "eligibility", "qualify", "qualifies", "qualifying", "new customers", "existing customers",
        "students", "nonprofits", "non-profits", "only for", "available to", "available in", "residents",
        "us only", "restrictions apply", "terms apply", "customers only", "first-time", "enterprise only",
        "re:(?<![$€£\\d.,])\\d{1,3}\\s+(?:and|or)\\s+(?:over|up|older)\\b(?!\\s*[$€£])", "and older", "years old", "must be",
        "prerequisite", "prerequisites", "re:\\b(?:needed|required|necessary)\\s+to\\s+(?:apply|qualify|enrol+|join|register)\\b",
        "re:\\bexperience\\s+(?:is\\s+)?(?:needed|required|necessary)\\b", "kids", "children", "seniors",
        "veterans", "policyholders", "members get", "students get",
    ],
    "comparison": [
        "re:(?<!more )(?<!less )(?<!fewer )(?<!other )(?<!rather )\\bthan\\b(?!\\s+(?:ever|before|usual|expected|you\\s+(?:think|imagine|expect|might|would|could|need)))", "faster",
        "re:\\b(?:half|twice|double|triple|a\\s+fraction\\s+of)\\s+the\\s+(?:price|cost|speed|size|storage)\\s+of\\b", "compared to",
        "compared with", "vs", "versus", "#1", "number one", "leading", "industry-leading", "best",
        "twice", "times faster", "outperforms", "beat", "beats", "unlike", "better",
    ],
    "feature": [
        "includes", "include", "including", "included", "comes with", "features", "feature", "built-in",
        "built in", "supports", "offers", "provides", "access to", "dashboard", "dashboards", "reporting",
        "reports", "analytics", "automation", "automations", "automated", "automatic", "automatically",
        "templates", "sso", "single sign-on", "encryption", "encrypted", "backup", "backups", "export",
        "mobile app", "customizable", "custom", "real-time", "onboarding", "training", "secure",
        "compliant", "gdpr", "soc 2", "hipaa", "account manager", "success manager", "workflows",
        "ai-powered", "unlimited", "you get", "get access",
    ],
}

_STRONG_PROMISE = re.compile(
    r"\b(?:free|refund\w*|guarantee\w*|money[- ]back|discount\w*|waive\w*|cancel\s+(?:any\s*time|whenever)|"
    r"no\s+(?:contract|commitment|setup\s+fee|fees?|charge|cost)|unlimited|24/7|integrat\w+|works\s+with|"
    r"includes?|included|comes\s+with|trial|warranty|price\s+match\w*|match\w*\s+(?:any|their|the|a|your)\s+(?:\w+['’]s\s+)?(?:competitor|price|lower|quote|offer)\w*|"
    r"locked?\s+in|on\s+us|on\s+the\s+house)\b",
    re.I,
)
_COMMIT_RE = re.compile(
    r"\b(?:i|we)(?:['’]ll|\s+will|\s+can|\s+could|['’]d|\s+would|\s+guarantee|\s+promise|\s+offer|"
    r"\s+include|\s+provide|\s+give|\s+throw\s+in|\s+waive|\s+match)\b|\byou(?:['’]ll|\s+will)?\s+get\b|"
    r"\byou\s+(?:can|won['’]t|don['’]t\s+(?:have|need))\b|\bit(?:['’]s|\s+is)\s+(?:just|only)?\b|\bthere(?:['’]s|\s+is)\s+no\b",
    re.I,
)

_GREETING_RE = re.compile(
    r"^\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening)|thanks|thank\s+you|cheers|"
    r"best(?:\s+regards|\s+wishes)?|kind\s+regards|regards|sincerely|warm(?:est)?\s+regards|talk\s+soon|"
    r"see\s+you|welcome(?:\s+aboard|\s+back)?|congrat\w*|p\.?s\.?)\b[^.!?]{0,40}[,.!:]?\s*$",
    re.I,
)
_CTA_VERBS = {
    "sign", "book", "schedule", "contact", "call", "click", "learn", "discover", "join", "request",
    "register", "subscribe", "download", "visit", "explore", "see", "find", "check", "reach", "talk",
    "chat", "buy", "order", "shop", "watch", "read", "follow", "share", "reply", "email", "tap",
    "apply", "claim", "grab", "hurry", "act", "upgrade", "let", "don't", "dont", "ask", "meet",
}
_FILLER_RE = re.compile(
    r"^(?:(?>(?:yeah|yea|yep|yes|yup|ya|ok|okay|k|mm+(?:[- ]?hmm+)?|hmm+|uh(?:[- ]?huh)?|um+|uh+|er+|erm|ah+|oh|"
    r"right|sure|great|cool|nice|awesome|perfect|gotcha|got\s+it|i\s+see|alright|all\s+right|absolutely|"
    r"exactly|totally|definitely|of\s+course|thanks|thank\s+you(?:\s+so\s+much)?|sounds\s+good|no\s+worries|"
    r"no\s+problem|so|well|anyway|hi|hello|hey|bye|goodbye|cheers|wow|interesting|(?:that\s+)?makes\s+sense|"
    r"fair\s+enough|for\s+sure|true|good|fine|correct|indeed|sorry|pardon|huh|like|you\s+know|i\s+mean|"
    r"one\s+sec(?:ond)?|hold\s+on|let\s+me\s+see|let's\s+see)\b[\s,.!?…-]*))++$",
    re.I,
)

_SEP_RE = re.compile(
    r"(?P<semi>\s{0,3};\s{0,3})"
    r"|(?P<dash>\s{1,3}[—–]\s{1,3}|\s{1,3}-\s{1,3}|\s{0,3}\|\s{0,3}|\s{1,3}•\s{1,3})"
    r"|(?P<with>,\s{0,3}(?=(?:with|including|plus)\s))"
    r"|(?P<conj>,?\s{1,3}(?:and|plus|&|as\s+well\s+as|along\s+with|also)\s{1,3})"
    r"|(?P<comma>,\s{1,3})",
    re.I,
)
_ALTERNATIVE_RE = re.compile(r"or\b", re.I)
_LEAD_TRIM_RE = re.compile(r"(?:[\s,;:&|•·*>-]++|(?:and|plus|also|as\s+well\s+as|along\s+with|but|or|then)\b\s*+)++", re.I)
_TRAIL_PUNCT = " \t\r\n\u00a0.,;:!?…-–—*|•\"'”’)("


# --------------------------------------------------------------------------------------------
# Type rules
# --------------------------------------------------------------------------------------------

def _kw_pattern(kw: str) -> str:
    if kw.startswith("re:"):
        return kw[3:]
    esc = re.escape(kw.lower()).replace(r"\ ", r"\s+")
    left = r"\b" if kw[:1].isalnum() else r"(?<!\w)"
    right = r"\b" if kw[-1:].isalnum() else r"(?!\w)" if kw[-1:] not in "$#" else ""
    return f"{left}{esc}{right}"


@lru_cache(maxsize=32)
def _compile_rules(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[ClaimType, re.Pattern[str] | None], ...]:
    out = []
    for name, kws in items:
        try:
            ctype = ClaimType(name)
        except ValueError as exc:
            raise ConfigError(f"unknown claim type {name!r} in claim type rules", code="E302",
                              location=f"claims.rules.{name}",
                              hint=f"use one of: {', '.join(t.value for t in ClaimType)}") from exc
        pats = [_kw_pattern(k) for k in kws if k]
        try:
            rx = re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else None
        except re.error as exc:
            raise ConfigError(f"invalid keyword pattern for claim type {name!r}: {exc}", code="E302",
                              location=f"claims.rules.{name}") from exc
        out.append((ctype, rx))
    return tuple(out)


_BUILTIN_KEY = tuple((k, tuple(v)) for k, v in TYPE_RULES.items())
#: weight of one hit of a caller's extra keyword: enough to beat the built-in rules and slots
USER_RULE_WEIGHT = 3.0


def _rules_key(rules: Mapping[Any, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Extra keyword rules as a hashable key; type names may be ``ClaimType`` or strings."""
    if not rules:
        return ()
    out = []
    for k, v in rules.items():
        name = k.value if isinstance(k, ClaimType) else str(k)
        kws = (v,) if isinstance(v, str) else tuple(str(x) for x in v)
        out.append((name, kws))
    return tuple(out)


_NOT_COMPARED = r"(?!\s+(?:ever|before|usual|expected|you\s+(?:think|imagine|expect|might|would|could|need)))"
#: a comparative with what it is compared to: "cheaper than Salesforce", "easier to use than
#: QuickBooks", "lower than the 2.9% ..."; "easier than ever" compares with nothing
_COMPARATIVE_RE = re.compile(
    r"\b(?:(?!(?:other|rather|fewer|never|over|under|after|either|neither|whether)\b)\w{3,}er|more\s+\w+|less\s+\w+)"
    rf"(?:\s+[\w-]+){{0,3}}?\s+than\b{_NOT_COMPARED}|\bcompared\s+(?:to|with)\b",
    re.I,
)
#: evidence that a comparison has something to compare with (else "faster", "better" are puffery)
_COMPARISON_ANCHOR_RE = re.compile(
    rf"\bthan\b{_NOT_COMPARED}|\bcompared\s+(?:to|with)\b|\b(?:vs|versus|unlike|outperforms?|beats?|twice|times|"
    r"leading|industry-leading|best|number\s+one|half\s+the)\b|#1|\d",
    re.I,
)
_COMPARATIVE_CUE_RE = re.compile(
    r"\b(?:faster|quicker|better|cheaper|higher|lower|bigger|smaller|greater|longer|shorter|stronger|easier|"
    r"safer|more|less|fewer|than|as\s+\w+\s+as|compared|vs|versus|speed|roi|return)\b",
    re.I,
)
#: what is locked/frozen is the price, not the customer: a price guarantee, not a contract term
_PRICE_LOCK_RE = re.compile(
    r"\b(?:price|prices|pricing|rate|rates|fee|fees)\s+(?:is\s+|are\s+|stays?\s+|will\s+(?:be|stay)\s+)?"
    r"(?:locked|frozen|fixed|guaranteed|lock(?:ed)?\s+in)\b"
    r"|\block(?:ed)?\s+in\s+(?:this|your|the|our|today['’]s|that|a)\s+(?:\w+\s+)?(?:price|rate|pricing)\b"
    r"|\b(?:price|rate)[- ]lock\b|\b(?:locked|fixed|frozen)[- ](?:in\s+)?(?:price|rate)s?\b",
    re.I,
)
#: a money value right after these is the reference price of a discount: "$299, normally $450"
_REFERENCE_PRICE_RE = re.compile(
    r"\b(?:normally|regularly|usually|originally|was|were|instead\s+of|reg\.?|retail|list\s+price|rrp|msrp)\s*(?:at\s+|of\s+)?$",
    re.I,
)
_COVER_NOUN = r"(?:warrant(?:y|ies)|guarantee[ds]?|coverage|cover|insurance|insured|liability|protection|protected)"
_COVER_AFTER_RE = re.compile(rf"^\s*(?:(?:in|of)\s+)?(?:[\w-]+\s+){{0,2}}{_COVER_NOUN}\b", re.I)
_COVER_NEAR_RE = re.compile(rf"\b{_COVER_NOUN}\b", re.I)
# Counts of places are coverage ("5G in over 300 cities"), not quotas.
_PLACE_UNITS = {"city", "country", "state", "region", "airport", "destination", "market", "county", "town"}


def _coverage_amount(text: str, s: Slot) -> ClaimType | None:
    """The type a money value gets when it is an amount covered, not a price: "warranty up to
    $1,000,000" (guarantee), "up to $1 million in life coverage" (limit_quota), "$2 million
    liability insurance" (other); None when it is a price ("extended warranty for $49")."""
    after = text[s.end:s.end + 40]
    near = text[max(0, s.start - 40):s.end + 40]
    if _COVER_AFTER_RE.match(after) or (s.qualifier == "max" and _COVER_NEAR_RE.search(near)):
        if re.search(r"\b(?:warrant|guarantee)", near, re.I):
            return ClaimType.GUARANTEE
        return ClaimType.LIMIT_QUOTA if s.qualifier == "max" else ClaimType.OTHER
    return None


def _slot_boosts(text: str, slots: Iterable[Slot]) -> dict[ClaimType, float]:
    b: dict[ClaimType, float] = {}

    def add(t: ClaimType, w: float) -> None:
        b[t] = b.get(t, 0.0) + w

    if _COMPARATIVE_RE.search(text):
        add(ClaimType.COMPARISON, 1.0)
    # a segment that gets something is an eligibility rule ("Students get 15% off"); the
    # generic audience ("Members get building access 24/7") only with a qualifier ("New customers")
    m = re.match(r"\s*(?P<q>(?:new|existing|first[- ]time|eligible|returning|annual|premium)\s+)?(?P<who>customers|students|kids|children|seniors|veterans|"
                 r"members|drivers|policyholders|teachers|nonprofits|families|couples|anyone|residents|clients|subscribers)\b[^.]{0,40}?\b"
                 r"(?:get|gets|stay|stays|can|qualify|are\s+eligible|receive|save|pay)\b", text, re.I)
    if m and (m.group("q") or m.group("who").lower() not in ("customers", "members", "anyone", "clients", "subscribers")):
        add(ClaimType.ELIGIBILITY, 2.5)
    if _PRICE_LOCK_RE.search(text):
        add(ClaimType.PRICE, 2.0)  # a price guarantee, not a commitment: "your price is locked for 24 months"
    if re.search(r"\bor\s+(?:your\s+next|we['’]ll|we\s+will|get\s+your|your\s+money)\b|\bnot\s+(?:satisfied|happy)\b|"
                 r"\bsatisfaction\s+guaranteed\b|\blove\s+(?:it|your\s+\w+)\s+or\b", text, re.I):
        add(ClaimType.GUARANTEE, 2.5)  # satisfaction guarantees: "love your lawn or your next visit is free"
    social = re.search(r"\b(?:trusted|used|loved|chosen|relied\s+on|backed)\s+by\b|\bjoin\b", text, re.I)
    for s in slots:
        subj = s.attrs.get("subject")
        if s.kind is SlotKind.MONEY:
            before, after = text[max(0, s.start - 25):s.start], text[s.end:s.end + 40]
            coverage = _coverage_amount(text, s)
            if coverage is not None:
                if coverage is not ClaimType.OTHER:
                    add(coverage, 2.0 if coverage is ClaimType.GUARANTEE else 1.5)
            elif s.value == 0 and re.match(r"\s*down\b", after, re.I):
                add(ClaimType.PRICE, 2.0)  # financing: "$0 down"
            elif s.value == 0 or s.attrs.get("free"):
                if re.search(r"\b(?:months?|weeks?|years?|days?)\s*$", before, re.I) and any(
                    x.kind is SlotKind.CONDITION and str(x.attrs.get("condition", "")).startswith("billing:") for x in slots
                ):
                    add(ClaimType.DISCOUNT, 2.0)  # "pay annually and get 2 months free"
                else:
                    add({"trial": ClaimType.TRIAL, "cancellation": ClaimType.CANCELLATION,
                         "returns": ClaimType.REFUND}.get(subj or "", ClaimType.FREE_OFFER), 2.0)
            elif subj == "discount" or _REFERENCE_PRICE_RE.search(before):
                add(ClaimType.DISCOUNT, 2.0)  # "$299, normally $450": the reference price makes a discount
            else:
                add(ClaimType.PRICE, 2.0)
        elif s.kind is SlotKind.PERCENT:
            if subj == "uptime":
                add(ClaimType.GUARANTEE, 2.0)
            elif subj == "refund":
                add(ClaimType.REFUND, 2.0)
            elif re.search(r"\b(?:faster|better|more|less|fewer|higher|lower|increase\w*|boost\w*|reduc\w*|grow\w*|improv\w*|cut\w*|revenue|conversions?|productivity|roi|compared|than)\b", text, re.I) and subj != "discount":
                add(ClaimType.COMPARISON, 1.5)
            elif subj == "discount":
                add(ClaimType.DISCOUNT, 2.0)
            elif re.search(r"\b(?:apy|apr|interest|rate|fee|fees|per\s+(?:[\w-]+\s+)?transactions?|processing|commission|deposit)\b", text, re.I):
                add(ClaimType.PRICE, 1.5)
        elif s.kind is SlotKind.DURATION:
            m = {
                "trial": ClaimType.TRIAL, "guarantee": ClaimType.GUARANTEE, "warranty": ClaimType.GUARANTEE,
                "refund": ClaimType.REFUND, "returns": ClaimType.REFUND, "delivery": ClaimType.DELIVERY_TIME,
                "notice": ClaimType.CANCELLATION, "cancellation": ClaimType.CANCELLATION,
                "support": ClaimType.SUPPORT_HOURS, "setup": ClaimType.FEATURE,
            }.get(subj or "")
            if m is not None:
                add(m, 2.0)
            elif subj is None and re.search(r"\b(?:within|in|under|takes?|by)\s+(?:about\s+|around\s+|just\s+|only\s+|as\s+little\s+as\s+)?$",
                                            text[max(0, s.start - 25):s.start], re.I):
                add(ClaimType.DELIVERY_TIME, 1.5)  # turnaround: "set up in a day", "live within 2 weeks"
        elif s.kind is SlotKind.SCHEDULE:
            add(ClaimType.SUPPORT_HOURS, 2.0)
        elif s.kind is SlotKind.QUANTITY:
            if s.attrs.get("multiplier"):
                # "2x faster" compares; "send up to 10x your contact count" is an allowance
                if _COMPARATIVE_CUE_RE.search(text):
                    add(ClaimType.COMPARISON, 2.0)
                else:
                    add(ClaimType.LIMIT_QUOTA, 1.5)
            elif s.unit in ("integration", "app", "connector", "plugin", "tool"):
                add(ClaimType.INTEGRATION, 2.0)
            elif re.search(r"\b\d+\s+(?:in|out\s+of)\s*$", text[max(0, s.start - 12):s.start], re.I):
                pass  # a ratio ("9 in 10 switchers"), not a quota
            elif not social and s.unit not in _SOCIAL_UNITS and s.unit not in _PLACE_UNITS:
                add(ClaimType.LIMIT_QUOTA, 1.5)
        elif s.kind is SlotKind.CONDITION:
            cond = str(s.attrs.get("condition", ""))
            if cond == "commitment":
                add(ClaimType.CONTRACT_TERM, 2.0)
            elif cond == "new_customers" or cond.startswith("segment:"):
                add(ClaimType.ELIGIBILITY, 1.0)
            elif cond == "min_seats":
                add(ClaimType.ELIGIBILITY, 0.5)
            elif cond.startswith("billing:"):
                add(ClaimType.PRICE, 0.5)
    return b


def _type_scores(
    text: str, slots: Sequence[Slot], rules: Mapping[Any, Sequence[str]] | None, first: dict[ClaimType, int] | None = None
) -> dict[ClaimType, float]:
    compiled = [(t, rx, 1.0) for t, rx in _compile_rules(_BUILTIN_KEY)]
    compiled += [(t, rx, USER_RULE_WEIGHT) for t, rx in _compile_rules(_rules_key(rules))]
    scores: dict[ClaimType, float] = {}
    # keywords inside a condition ("for teams of 10+ users", "billed annually") do not count
    for sl in sorted((x for x in slots if x.kind is SlotKind.CONDITION), key=lambda x: -x.start):
        if 0 <= sl.start < sl.end <= len(text):
            text = text[: sl.start] + " " * (sl.end - sl.start) + text[sl.end:]
    for ctype, rx, weight in compiled:
        if rx is None:
            continue
        found = list(rx.finditer(text))
        hits = {m.group(0).lower() for m in found}
        if hits:
            scores[ctype] = scores.get(ctype, 0.0) + weight * len(hits)
            if first is not None:
                first[ctype] = min(first.get(ctype, len(text)), found[0].start())
    for ctype, w in _slot_boosts(text, slots).items():
        scores[ctype] = scores.get(ctype, 0.0) + w
    if ClaimType.COMPARISON in scores and not _COMPARISON_ANCHOR_RE.search(text):
        del scores[ClaimType.COMPARISON]  # "faster checkout", "easier than ever": nothing compared
    return scores


# Claim types that speak about the same attribute of an offer. A statement and a claim whose
# topics share no group are about different things ("60 days to return the hardware" vs "a
# 30-day free trial"), so a value conflict between them is not a contradiction.
TOPIC_GROUPS: dict[ClaimType, str | None] = {
    ClaimType.PRICE: "money", ClaimType.DISCOUNT: "money", ClaimType.FREE_OFFER: "money",
    ClaimType.TRIAL: "trial", ClaimType.CONTRACT_TERM: "term", ClaimType.CANCELLATION: "term",
    ClaimType.REFUND: "refund", ClaimType.GUARANTEE: "refund", ClaimType.DELIVERY_TIME: "delivery",
    ClaimType.SUPPORT_HOURS: "support", ClaimType.FEATURE: "product", ClaimType.INTEGRATION: "product",
    ClaimType.LIMIT_QUOTA: "product",
    # eligibility, comparison and other qualify any topic: never a mismatch on their own
    ClaimType.ELIGIBILITY: None, ClaimType.COMPARISON: None, ClaimType.OTHER: None,
}


def topic_groups(text: str, slots: Sequence[Slot] | None = None) -> frozenset[str]:
    """Every topic group ``text`` touches (by keyword and slot scores); empty when unknown."""
    if slots is None:
        slots = extract_slots(text)
    return frozenset(
        g for t, score in _type_scores(text, slots, None).items() if score > 0 and (g := TOPIC_GROUPS[t])
    )


# Tier names that pick out one plan among several. Words that are just as often something else
# ("business days", "our team", "2.6% plus ten cents", "standard shipping") are left out.
_PLAN_NAME = re.compile(
    r"\b(starter|basic|pro|premium|enterprise|growth|essentials?|advanced|ultimate|lite|solo|platinum|gold|silver|bronze)\b",
    re.IGNORECASE,
)


def plan_names(text: str) -> frozenset[str]:
    """Plan/tier names mentioned in ``text`` ("Starter", "Pro"), lower-cased."""
    return frozenset(m.group(1).lower().rstrip("s") for m in _PLAN_NAME.finditer(text))


def same_subject(claim_text: str, statement_text: str) -> bool:
    """False when both name plans and no plan is shared: "Pro is $89" vs "Starter is $49"."""
    a, b = plan_names(claim_text), plan_names(statement_text)
    return not a or not b or bool(a & b)


# Words that say nothing about *what* a price or number is of: function words, money and time
# units, per-unit nouns, hedges and number words. What is left ("shipping", "onboarding",
# "kit", "payouts") names the thing priced.
_GENERIC_WORDS = frozenset("""
a an the and or but if so of to in on at by for from with without into onto over under up down out off
is are was were be been being am do does did done have has had having will would can could shall should
may might must it its it's this that these those there here what which who whom whose when where why how
i me my we us our ours you your yours he him his she her they them their don doesn isn aren won can
not no nor yes yep yeah sure okay ok right well just only also too very really actually basically
about around roughly approximately nearly almost usually typically normally generally probably maybe
all any each every some many much more most less least few lot lots other another such same own
get gets got getting give gives pay pays paid paying cost costs price prices priced pricing charge charges
charged rate rates fee fees total amount extra flat plus then than now currently today start starts
dollar dollars buck bucks cent cents usd eur euro euros pound pounds
day days business week weeks weekly month months monthly year years yearly annual annually hour hours minute minutes
per a-month mo yr time times first last next
location locations user users seat seats host hosts person people member members head unit units
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
half quarter double
""".split())
_WORD_RE = re.compile(r"[a-z][a-z'-]+")


def subject_terms(text: str) -> frozenset[str]:
    """Content words naming what a statement is about, crudely singularised ("payouts" ->
    "payout"); empty for an elliptical answer ("Forty-nine a month.")."""
    out = set()
    for w in _WORD_RE.findall(text.lower().replace("’", "'")):
        w = w.split("'")[0].strip("-")  # "there's" -> "there", "don't" -> "don"
        if len(w) < 3 or w in _GENERIC_WORDS or all(p in _GENERIC_WORDS for p in w.split("-")):
            continue
        out.add(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


_STOP_ITEMS = r"(?:at|on|in|for|with|when|if|from|to|by|every|each|per|across|so|because|until|through|after|before|during)"
_FREE_BEFORE = re.compile(r"\b(?:free|complimentary)\s+((?:(?!" + _STOP_ITEMS + r"\b)[\w'-]+(?:\s*,\s*|\s+(?:and|or|&)\s+|\s+)?){1,6})", re.I)
_FREE_AFTER = re.compile(
    r"^(.{2,80}?)\s+(?:is|are|come|comes|comes\s+standard|come\s+standard)\s+(?:\w+\s+){0,2}?"
    r"(?:included|free|available\s+(?:at\s+no|for\s+free)|complimentary|on\s+(?:us|the\s+house)|at\s+no)\b", re.I)
_PRICED_SUBJECT = re.compile(r"^(.{2,60}?)\s*(?:\bis\b|\bare\b|['’]s\b|\bcosts?\b|\bruns?\b|\bwill\s+be\b|\bgoes\s+for\b)", re.I)


def free_items(text: str) -> frozenset[str]:
    """What a claim gives free, as subject words: "Free vacuums and towels" -> {vacuum, towel},
    "Captain, fuel and snorkel gear are included at no extra cost" -> {captain, fuel, snorkel, gear}."""
    out: set[str] = set()
    for m in _FREE_BEFORE.finditer(text):
        out |= subject_terms(m.group(1))
    m = _FREE_AFTER.search(text.strip())
    if m:
        out |= subject_terms(m.group(1))
    return frozenset(out)


def priced_items(text: str) -> frozenset[str]:
    """What a statement puts a price on, as subject words: "Fuel is a $45 surcharge" -> {fuel}."""
    m = _PRICED_SUBJECT.search(re.sub(r"^\W*(?:(?:yes|yeah|no|so|and|but|sure|well|okay|ok|oh|um|uh),?\s+)+", "", text.strip(), flags=re.I))
    return subject_terms(m.group(1)) if m else frozenset()


def words_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of subject words share one, counting a word that starts the other
    ("consultation" / "consult") when both have at least five letters."""
    return bool(a & b) or any(min(len(x), len(y)) >= 5 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def same_thing_priced(a: frozenset[str], b: frozenset[str]) -> bool:
    """False only when both sides name what they are about and share no word of it."""
    return not a or not b or words_overlap(a, b)


def same_topic(a: frozenset[str], b: frozenset[str]) -> bool:
    """False only when both sides have known topics and none is shared."""
    return not a or not b or bool(a & b)


def classify_claim_type(text: str, slots: Sequence[Slot] | None = None, rules: Mapping[str, Sequence[str]] | None = None) -> ClaimType:
    """The claim type of ``text`` from keyword rules and slots (see module docstring).

    ``rules`` (``config.claim_type_rules``) maps a type (``ClaimType`` or its name) to extra
    keywords, checked before the built-in rules: each hit weighs ``USER_RULE_WEIGHT`` (3) and
    ties go to the caller's types first. Keywords are whole words/phrases, case-insensitive;
    ``re:`` starts a regular expression. Unknown type names raise ConfigError E302.
    """
    if slots is None:
        slots = extract_slots(text)
    scores = _type_scores(text, slots, rules)
    if not scores:
        return ClaimType.OTHER
    user = [t for t, _ in _compile_rules(_rules_key(rules))]
    builtin = [t for t, _ in _compile_rules(_BUILTIN_KEY) if t not in user]
    order = {t: i for i, t in enumerate([*user, *builtin])}
    best = max(scores.items(), key=lambda kv: (round(kv[1], 6), -order.get(kv[0], 99)))
    return best[0] if best[1] > 0 else ClaimType.OTHER


# --------------------------------------------------------------------------------------------
# Splitting and filtering
# --------------------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9$€£%][\w$€£%/'’.-]*", text)


def _is_promise_piece(text: str, slots: Sequence[Slot], rules: Mapping[str, Sequence[str]] | None) -> bool:
    if not any(ch.isalpha() for ch in text):
        return False  # "24/7", "$49" alone qualify the previous piece
    if any(s.kind is not SlotKind.CONDITION for s in slots):
        return True
    # a condition ("billed annually", "for new customers") is not a promise of its own
    for s in sorted(slots, key=lambda sl: -sl.start):
        text = text[: s.start] + " " * (s.end - s.start) + text[s.end:]
    if len(_words(text)) < 2:
        return False
    return bool(_type_scores(text, (), rules))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    m = _LEAD_TRIM_RE.match(text, s, e)
    if m:
        s = m.end()
    while e > s and text[e - 1] in _TRAIL_PUNCT:
        # keep a closing bracket/quote that has its opener inside the span
        ch = text[e - 1]
        if ch == ")" and "(" in text[s:e - 1]:
            break
        if ch in "\"”’'" and (text[s:e - 1].count(ch) % 2 == 1 or (ch == "”" and "“" in text[s:e - 1])):
            break
        e -= 1
    while s < e and text[s] in " \t\r\n\u00a0":
        s += 1
    # "(Terms apply.)" -> "Terms apply"
    if e - s > 2 and text[s] + text[e - 1] in ("()", "[]") and text.count(text[s], s + 1, e - 1) == 0:
        return _trim(text, s + 1, e - 1)
    return s, e


def split_claim_spans(
    sentence: str,
    *,
    rules: Mapping[str, Sequence[str]] | None = None,
    verbs: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Atomic claim spans (offsets into ``sentence``), trimmed; see the module docstring.

    ``verbs`` (char spans of verb tokens, from the POS tagger) makes "and"-splitting stricter:
    "X and Y" is split only when a side has a concrete slot or the right side has a verb, so
    "Native Salesforce and HubSpot sync" stays one claim."""
    slots = extract_slots(sentence)
    protected = [(s.start, s.end) for s in slots]
    concrete = [(s.start, s.end) for s in slots if s.kind is not SlotKind.CONDITION]
    seps = [m for m in _SEP_RE.finditer(sentence) if not any(a < m.end() and m.start() < b for a, b in protected)]
    cuts: list[tuple[int, int, str]] = []
    for i, m in enumerate(seps):
        s, e = m.start(), m.end()
        kind = m.lastgroup or "comma"
        if kind == "comma" and _ALTERNATIVE_RE.match(sentence, e):
            # "The kit is $599, or $29 a month for 24 months": the same thing, another way to
            # pay; split off, the second price would lose what it is the price of
            continue
        if kind == "conj" and verbs is not None:
            left_start = seps[i - 1].end() if i > 0 else 0
            right_end = seps[i + 1].start() if i + 1 < len(seps) else len(sentence)
            has_slot = any(left_start <= a and b <= right_end for a, b in concrete)
            right_verb = any(e <= a < right_end for a, _ in verbs)
            if not has_slot and not right_verb:
                continue
            # "24/7 phone and chat support", "Free phone and email support": the value and the
            # head noun are shared, so a one-word left side without its own head stays joined
            if not right_verb and "," not in m.group(0) and not any(e <= a and b <= right_end for a, b in concrete):
                left = sentence[left_start:s]
                for a, b in sorted(concrete, reverse=True):
                    if left_start <= a and b <= s:
                        left = left[: a - left_start] + " " + left[b - left_start:]
                if any(left_start <= a and b <= s for a, b in concrete) and len(_words(left)) == 1:
                    continue
        cuts.append((s, e, kind))
    pieces: list[tuple[int, int]] = []
    pos = 0
    for s, e, _ in cuts:
        if s > pos:
            pieces.append((pos, s))
        pos = e
    if pos < len(sentence):
        pieces.append((pos, len(sentence)))
    if not pieces:
        return []
    # decide which pieces stand alone
    keep: list[list[int]] = []
    for ps, pe in pieces:
        ts, te = _trim(sentence, ps, pe)
        if te <= ts:
            if keep:
                keep[-1][1] = pe
            continue
        piece = sentence[ts:te]
        pslots = [s for s in slots if s.start >= ps and s.end <= pe]
        standalone = _is_promise_piece(piece, [_shift(s, -ts) for s in pslots], rules)
        if standalone and verbs is not None and keep and not any(
                s.kind not in (SlotKind.CONDITION, SlotKind.QUANTITY) for s in pslots):
            # a verbless list item after a verb phrase continues its object:
            # "Works with Salesforce, HubSpot and Slack", "Includes reporting, dashboards and SSO",
            # "includes a tent, two sleeping bags, two pads and a stove" (a count is not a promise)
            piece_has_verb = any(ps <= v < pe for v, _ in verbs)
            prev_has_verb = any(keep[-1][0] <= v < keep[-1][1] for v, _ in verbs)
            if not piece_has_verb and prev_has_verb:
                standalone = False
        if keep and not standalone:
            keep[-1][1] = pe
        elif keep and not keep[-1][2]:
            # the previous piece(s) were not promises on their own: attach them to this one
            keep[-1][1] = pe
            keep[-1][2] = True
        else:
            keep.append([ps, pe, standalone])
    out = []
    for ps, pe, _ in keep:
        ts, te = _trim(sentence, ps, pe)
        if te > ts:
            out.append((ts, te))
    return out


def _shift(slot: Slot, delta: int) -> Slot:
    return Slot(slot.kind, slot.text, slot.start + delta, slot.end + delta, value=slot.value, unit=slot.unit,
                period=slot.period, qualifier=slot.qualifier, attrs=dict(slot.attrs))


def _first_tag(doc: Doc | None, start: int, end: int) -> str:
    if doc is None:
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    return span[0].tag_ or ""


def _verb_spans(doc: Doc | None, start: int, end: int) -> list[tuple[int, int]] | None:
    """Verb token spans relative to ``start``; None when the doc has no POS tags."""
    if doc is None or not doc.has_annotation("TAG"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return [
        (t.idx - start, t.idx - start + len(t.text))
        for t in span
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or t.lower_ in _CLAIM_VERBS
    ]


# Counts that are social proof ("300 companies", "10,000 teams"), not quotas.
_SOCIAL_UNITS = {
    "company", "customer", "team", "business", "brand", "client", "organization", "organisation",
    "people", "person", "review", "rating", "star", "country", "industry", "partner", "employee",
}

# Verbs the small tagger misses in subjectless copy ("Works with Salesforce" -> NNS).
_CLAIM_VERBS = {
    "works", "integrates", "connects", "syncs", "includes", "supports", "offers", "provides", "comes",
    "ships", "delivers", "gives", "lets", "helps", "saves", "costs", "starts", "runs", "plugs", "exports",
    "imports", "automates", "tracks", "scales", "covers", "guarantees", "features", "unlocks",
}


def _has_verb(doc: Doc | None, start: int, end: int) -> bool | None:
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("TAG"):
        return None
    return any(t.pos_ in ("VERB", "AUX") for t in span)


_FINITE_TAGS = ("VBZ", "VBP", "VBD", "MD")


def _has_finite_verb(doc: Doc | None, start: int, end: int) -> bool | None:
    """A tensed verb or modal, an imperative at the start, or a claim verb the tagger misses;
    None without POS tags. "Point of sale built for cafés" (a participle) has none."""
    if doc is None or not doc.has_annotation("TAG"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for i, t in enumerate(span):
        if t.tag_ in _FINITE_TAGS or t.lower_ in _CLAIM_VERBS or (i == 0 and t.tag_ == "VB"):
            return True
    return False


def _is_list_item(copy: Copy, s: int, e: int) -> bool:
    """Whether the line at ``copy.text[s:e]`` is a bullet / list item (not a heading); for
    markdown and html the markers are gone from the plain text, so look in ``copy.raw``."""
    text = copy.text
    line_start = max(text.rfind("\n", 0, s), text.rfind("\r", 0, s)) + 1
    if text[line_start:s].strip():
        return True  # the sentencizer dropped a bullet marker ("- ", "1.")
    raw = copy.raw or ""
    if not raw or copy.format is CopyFormat.TEXT:
        return False
    line = re.escape(text[s:e].strip())
    if copy.format is CopyFormat.MARKDOWN:
        return bool(re.search(rf"(?m)^[ \t]*(?:[-*+]|\d{{1,2}}[.)])[ \t]+(?:\*\*|__|\*|_)?{line}", raw))
    return bool(re.search(rf"<li\b[^>]*>\s*(?:<[^>]+>\s*)*{line}", raw, re.I))


def _is_claim_text(
    text: str,
    slots: Sequence[Slot],
    *,
    rules: Mapping[str, Sequence[str]] | None,
    first_tag: str = "",
    lead_tag: str = "",
    has_verb: bool | None = None,
    line_final: bool = False,
    finite_verb: bool | None = None,
    whole_line: bool = False,
    full_stop: bool = False,
) -> bool:
    t = text.strip()
    if not t or not any(ch.isalpha() for ch in t):
        return False
    if _GREETING_RE.match(t) or _BOILERPLATE_RE.search(t):
        return False
    values = [s for s in slots if s.kind is not SlotKind.CONDITION]
    concrete = bool(values)
    scores = _type_scores(t, slots, rules)
    words = _words(t)
    first = words[0].lower().strip(".,!") if words else ""
    # a heading or navigation line (``whole_line``: a line of its own, no full stop, not a list
    # item) that is short and has no finite verb, no value and no offer word ("Plans and
    # pricing", "Support and integrations"); noun-phrase promises stay ("24/7 phone", "Free
    # shipping over $50", "No contracts", "Half off Pro for 3 months")
    if (
        whole_line
        and len(words) <= _HEADING_MAX_WORDS
        and not concrete
        and finite_verb is False
        and not _OFFER_WORD_RE.search(t)
        and not any(c.kind == "promise" for c in negation_cues(t))
    ):
        return False
    # calls to action: "Book a demo", "Start your free trial today", "Get a quote in five minutes";
    # a free offer alone does not make a CTA a claim, a price or number does, and so does a
    # benefit clause ("Join this month and pay no joining fee", "Book by May 1 to lock in this price")
    cta_benefit = bool(_CTA_BENEFIT_RE.search(t)) and bool(scores)
    # a CTA verb starts the sentence, or a later piece with a verb tag ("..., and chat support" is no CTA)
    cta_verb = first in _CTA_VERBS and (not lead_tag or lead_tag.startswith("VB"))
    if cta_verb and not cta_benefit and all(s.kind is SlotKind.MONEY and s.value == 0 for s in values):
        return False
    if _CTA_PHRASE_RE.match(t) and not cta_benefit and not any(
        (s.kind is SlotKind.MONEY and s.value) or s.kind in (SlotKind.PERCENT, SlotKind.QUANTITY) for s in values
    ):
        return False
    if not concrete and not scores:
        # A plain statement with a verb and a scope marker is a claim ("Lingolark works offline on
        # iOS and Android.", "Every video has captions.", "No deposit required to book."); taglines
        # are verbless, headline-like or without scope ("Your dog will thank you.").
        # A scope word inside a relative clause describes, it does not scope ("Busy mornings
        # deserve a till that never blinks"). A verbless sentence with a full stop is a claim
        # when it states a frequency ("Monthly quality audits by a site supervisor.").
        main = _RELATIVE_CLAUSE_RE.sub(" ", t)
        return bool(
            (has_verb is True or (full_stop and has_verb is False and _FREQUENCY_RE.search(t)))
            and len(words) >= 4
            and first not in _CTA_VERBS
            and not _SLOGAN_RE.search(t)
            and not re.match(r"[^:]{1,40}:\s", t)
            and (_SCOPE_RE.search(main) or _FREQUENCY_RE.search(main) or any(any(ch.isupper() for ch in w) for w in words[1:])
                 or negation_cues(main))
        )
    if not concrete:
        if first_tag == "VB" and len(words) < 4 and first not in ("get", "enjoy", "save", "pay", "cancel", "try", "start"):
            return False
        if len(words) < 2:
            return False  # "Pricing", "Support"
        # headings: short, Title Case, no terminal punctuation, weak content ("Enterprise
        # Support"); Title Case bullets with a real promise ("Cancel Anytime") stay
        if (
            line_final
            and len(words) <= 4
            and not re.search(r"[.!]$", t)
            and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
            and max(scores.values()) < 2
            and has_verb is not True
            and not any(c.kind == "promise" for c in negation_cues(t))
        ):
            return False
        if max(scores.values()) < 1.0:
            return False
    return True


_CTA_PHRASE_RE = re.compile(
    r"\s*(?:get\s+(?:a\s+(?:free\s+)?(?:quote|demo|consultation|estimate)|started|in\s+touch)|start\s+(?:your|a|now|today|free)|"
    r"start\s+\w+ing\b|learn\s+more|find\s+out|don['’]t\s+(?:miss|wait)|click|call\s+(?:us|now|today))\b",
    re.I,
)
_SLOGAN_RE = re.compile(
    r"\b(?:smarter|supercharged?|made\s+(?:simple|easy)|reimagined|the\s+way\s+\w+\s+should|"
    r"will\s+thank\s+you|you['’]ll\s+(?:love|want)|without\s+lifting\s+a\s+finger)\b",
    re.I,
)
_SCOPE_RE = re.compile(r"\d|\b(?:every|all|any|each|most|no|none|never|always|only|since|both|either)\b", re.I)
_FREQUENCY_RE = re.compile(r"\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annual)\b", re.I)
_RELATIVE_CLAUSE_RE = re.compile(r"\b(?:that|which|who)\s+(?:never|always|only|no|not|won['’]t|doesn['’]t|don['’]t)\b[^,;]*", re.I)
#: email footers and legal lines are never claims
_BOILERPLATE_RE = re.compile(
    r"\bunsubscribe\b|\byou(?:['’]re|\s+are)\s+receiving\s+this\b|\b(?:this|the)\s+(?:e-?mail|message|newsletter)\s+was\s+sent\b|"
    r"\bprivacy\s+(?:policy|notice|statement)\b|\ball\s+rights\s+reserved\b|\bcopyright\b|©|\bview\s+(?:this\s+(?:e-?mail\s+)?)?in\s+(?:your\s+|a\s+)?browser\b|"
    r"\b(?:manage|update)\s+(?:your\s+)?(?:e-?mail\s+)?(?:preferences|subscription)\b|\bopt\s+out\s+of\s+(?:these|our|future)\s+e-?mails\b",
    re.I,
)
_HEADING_MAX_WORDS = 5
#: offer words that make a short verbless line a promise ("No contracts", "Cancel anytime")
_OFFER_WORD_RE = re.compile(
    r"\b(?:free|off|save|savings|discount\w*|refund\w*|guarantee\w*|warranty|money[- ]back|risk[- ]free|"
    r"unlimited|anytime|any\s+time|included|includes|trial|bonus|complimentary|waived|24/7|same[- ]day|next[- ]day|"
    r"overnight|no\s+\w+)\b",
    re.I,
)
#: a CTA followed by what the customer gets is an offer, not a bare CTA
_CTA_BENEFIT_RE = re.compile(
    r"\b(?:and|to)\s+(?:we(?:['’]ll|\s+will)\s+\w+|you(?:['’]ll|\s+will)\s+(?:get|pay|save|receive)|get(?!\s+(?:started|in\s+touch))|"
    r"pay|save|receive|lock\s+in|keep|enjoy)\b",
    re.I,
)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \t\"'”’)").endswith("?")


def extract_claims(
    copy: Copy,
    *,
    nlp: Language | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
    split: bool = True,
) -> list[Claim]:
    """Atomic, typed claims from a copy, in document order (ids ``{copy.id}:c1``, ...).

    ``split=False`` keeps one claim per sentence or bullet (the granularity of the labelled
    corpus) instead of splitting coordinated promises. A kept statement that no rule types
    and that carries no value is filed as ``feature`` ("Works offline on iOS and Android")."""
    text = copy.text or ""
    if not text.strip():
        return []
    nlp = nlp or get_nlp()
    doc = ensure_sents(nlp(text))
    claims: list[Claim] = []
    for s, e in sentences(text, doc=doc):
        sent = text[s:e]
        if _is_question(sent):
            continue
        if _GREETING_RE.match(sent) and not extract_slots(sent):
            continue
        line_final = e >= len(text) or text[e:e + 1] in ("\n", "\r") or text[e:].lstrip(" \t")[:1] in ("", "\n", "\r")
        line_start = s == 0 or text[max(text.rfind("\n", 0, s), text.rfind("\r", 0, s)) + 1:s].strip() == ""
        # a line of its own without a full stop that is not a list item: a heading candidate
        own_line = line_final and line_start and not re.search(r"[.!]\W*$", sent) and not _is_list_item(copy, s, e)
        if _BOILERPLATE_RE.search(sent):
            continue  # "You are receiving this because ... Unsubscribe"
        verbs = _verb_spans(doc, s, e)
        spans = split_claim_spans(sent, rules=rules, verbs=verbs) if split else [_trim(sent, 0, len(sent))]
        for cs, ce in spans:
            ctext = sent[cs:ce]
            slots = extract_slots(ctext)
            a, b = s + cs, s + ce
            if not _is_claim_text(
                ctext, slots, rules=rules, first_tag=_first_tag(doc, a, b) if cs == 0 else "",
                lead_tag=_first_tag(doc, a, b) if cs > 0 else "",
                has_verb=_has_verb(doc, a, b),
                line_final=line_final and ce >= len(sent.rstrip(_TRAIL_PUNCT)),
                finite_verb=_has_finite_verb(doc, a, b),
                whole_line=own_line and cs == 0 and ce >= len(sent.rstrip(_TRAIL_PUNCT)),
                full_stop=bool(re.match(r"[.!]", sent[ce:].lstrip(" \t\"'”’)"))),
            ):
                continue
            n = len(claims) + 1
            ctype = classify_claim_type(ctext, slots, rules)
            if ctype is ClaimType.OTHER and not slots:
                ctype = ClaimType.FEATURE
            claims.append(Claim(
                id=f"{copy.id}:c{n}", copy_id=copy.id, text=ctext, start=a, end=b,
                type=ctype, slots=slots, negated=has_negation(ctext),
            ))
    return claims


# --------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------

def is_filler(text: str) -> bool:
    """Backchannel and politeness with no content ("Yeah.", "Okay, great.", "Mm-hmm.")."""
    t = text.strip()
    if not t:
        return True
    if not any(ch.isalnum() for ch in t):
        return True
    return bool(_FILLER_RE.match(t))


def is_promise(text: str, slots: Sequence[Slot] | None = None, *, rules: Mapping[str, Sequence[str]] | None = None) -> bool:
    """True when a rep statement makes a concrete commitment: a concrete value tied to an
    offer type ("we can do 20% off", "it's $49 a month", "the trial is 30 days"), or a strong
    promise word ("free", "refund", "guarantee", "cancel anytime", "no contract",
    "integrates with"). Questions and fillers are not promises."""
    t = text.strip()
    if not t or _is_question(t) or is_filler(t):
        return False
    if slots is None:
        slots = extract_slots(t)
    concrete = [s for s in slots if not (s.kind is SlotKind.QUANTITY and s.unit not in _QUOTA_UNITS and not s.attrs.get("unlimited") and not s.attrs.get("multiplier"))]
    if concrete:
        ctype = classify_claim_type(t, concrete, rules)
        if ctype is not ClaimType.OTHER:
            return True
        if any(s.kind in (SlotKind.MONEY, SlotKind.PERCENT, SlotKind.SCHEDULE) for s in concrete):
            return True
    if _STRONG_PROMISE.search(t):
        return True
    return bool(_COMMIT_RE.search(t) and classify_claim_type(t, slots, rules) not in _WEAK_TYPES)


# Types too vague to make "I'll ..." a promise without a value ("I'll send the contract over").
_WEAK_TYPES = (ClaimType.OTHER, ClaimType.FEATURE, ClaimType.CONTRACT_TERM, ClaimType.PRICE, ClaimType.LIMIT_QUOTA)


_QUOTA_UNITS = {
    "seat", "gb", "project", "workspace", "board", "contact", "email", "call", "api call", "request",
    "integration", "account", "device", "location", "site", "website", "domain", "page", "credit",
    "message", "sms", "download", "template", "report", "dashboard", "form", "file", "channel",
    "language", "bot", "admin", "viewer", "collaborator", "guest", "number", "line", "store", "product",
    "order", "transaction", "invoice", "lead", "subscriber", "app", "connector", "automation", "workflow",
    "pipeline", "campaign", "keyword", "post", "video", "image", "upload", "export", "task", "ticket",
    "conversation", "chat", "session", "view", "visitor", "record", "row", "event", "run", "build",
}


# A rep who corrects himself mid-sentence ("Two to four business days... actually, sorry, it's
# three to five now", "it's $59, sorry, I mean $49"): the correction is its own statement, so
# the engine's correction rule (the later statement wins) can see it.
_MID_CORRECTION = re.compile(
    r"(?:\.\.\.|…|\s[-–—]{1,2}|[,;:])\s*(?=(?:well,?\s+)?(?:no,?\s+)?(?:actually,?\s+sorry\b|"
    r"sorry\b(?!\s+(?:to|for|if|but|about|we|you|i['’]m)\b)|i\s+mean\b|i\s+meant\b|correction\b|scratch\s+that\b|"
    r"my\s+mistake\b|let\s+me\s+correct\b|wait,?\s+no\b|no,?\s+wait\b))"
    r"|(?:\.\.\.|…)\s*(?=actually\b)",
    re.IGNORECASE,
)


_NUMBER = re.compile(rf"(?<![\w.]){NUM}(?![\w%$€£])", re.IGNORECASE)


def _elided_unit_slots(correction: str, corrected: Sequence[Slot]) -> tuple[Slot, ...]:
    """Slots of a correction that leaves out the unit ("up to a thousand contacts, sorry, it's
    five hundred now"): its last number read in the unit of the count or duration it corrects.
    The slots keep offsets into ``correction`` (the unit is not in the text, only in the value)."""
    units = [sl for sl in corrected if sl.kind in (SlotKind.QUANTITY, SlotKind.DURATION)]
    m = next(reversed(list(_NUMBER.finditer(correction))), None)  # the last number (one linear scan)
    if len(units) != 1 or m is None:
        return ()
    unit_slot = units[0]
    probe = extract_slots(f"{m.group(0)} {unit_slot.text.split()[-1]}")
    if len(probe) != 1 or probe[0].kind is not unit_slot.kind:
        return ()
    # the new figure takes the frame of the old one: "up to a thousand ... it's five hundred" is
    # "up to five hundred"
    return (dataclasses.replace(probe[0], text=m.group(0), start=m.start(), end=m.end(),
                                qualifier=unit_slot.qualifier, attrs={**unit_slot.attrs, **probe[0].attrs}),)


_WORDS3 = re.compile(r"\W*\w+\W+\w+\W+\w+")
_WORDS2 = re.compile(r"\W*\w+\W+\w+")


def split_at_correction(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the span ``text[start:end]`` before a mid-sentence self-correction (each piece
    keeps at least three words, so a cue is never cut from what it introduces)."""
    pieces, pos = [], start
    for m in _MID_CORRECTION.finditer(text, start, end):
        # bounded look-ahead matches, not word counts over slices: linear on long sentences
        if _WORDS3.match(text, pos, m.start()) and _WORDS2.match(text, m.end(), end):
            pieces.append((pos, m.start()))
            pos = m.end()
    pieces.append((pos, end))
    return pieces


def extract_statements(
    conversation: Conversation,
    *,
    nlp: Language | None = None,
    roles: Iterable[Role] = (Role.REP,),
) -> list[Statement]:
    """Sentences said by speakers of ``roles`` (offsets into each turn's text), with slots and
    negation; fillers dropped. Tokenizer + sentencizer only, batched with ``nlp.pipe``."""
    wanted = set(roles)
    turns = [t for t in conversation.turns if t.role in wanted and t.text and t.text.strip()]
    if not turns:
        return []
    spans_per_turn = sentences_many([t.text for t in turns], nlp=nlp)
    out: list[Statement] = []
    for turn, spans in zip(turns, spans_per_turn, strict=True):
        for span in spans:
            pieces = split_at_correction(turn.text, *span)
            for k, (s, e) in enumerate(pieces):
                sent = turn.text[s:e]
                if is_filler(sent):
                    continue
                # a correction is judged with what it corrects ("..., sorry, it's five hundred
                # now" says nothing of contacts alone); its slots are its own
                context = turn.text[span[0]:pieces[k - 1][1]] if k else ""
                slots = extract_slots(sent)
                if context and not slots:
                    slots = _elided_unit_slots(sent, extract_slots(context))
                out.append(Statement(
                    conversation_id=conversation.id, turn=turn.index, speaker=turn.speaker, role=turn.role,
                    text=sent, start=s, end=e, time_start=turn.start, time_end=turn.end,
                    slots=slots, negated=has_negation(sent), context=context,
                ))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# An answer this long says what it is about by itself; pairing it with the question costs an
# embedding. On the dev cases a 15-word limit scores as no limit (macro-F1 0.758 on case_065-144)
# with a fifth fewer embeddings; 10 words lost 0.002.
_SELF_CONTAINED_WORDS = 15


def answered_questions(conversation: Conversation, statements: Sequence[Statement]) -> dict[int, str]:
    """Statement index -> the question it answers: for the first statement (under 15 words) of a
    turn that follows another role's turn ending in a question, that question ("How much is the weekly class?" ->
    "It's one fifty a month."). Short answers embed far from the claim they answer; the question
    says what they are about. Used to find and weigh them, never as evidence or judged text."""
    turns = {t.index: t for t in conversation.turns}
    first: dict[int, int] = {}
    for i, st in enumerate(statements):
        first.setdefault(st.turn, i)
    out: dict[int, str] = {}
    for turn, i in first.items():
        prev = turns.get(turn - 1)
        if prev is None or prev.role is statements[i].role or not prev.text or "?" not in prev.text:
            continue
        question = _SENTENCE_END.split(prev.text[: prev.text.rindex("?") + 1].strip())[-1]
        if len(_words(question)) >= 2 and len(_words(statements[i].text)) < _SELF_CONTAINED_WORDS:
            out[i] = question
    return out


# --------------------------------------------------------------------------------------------
# Enumerations: "Windows, macOS and Linux" in the copy against "Windows and macOS" from a rep.

# Words after which the first item of a list starts ("Every kit includes a tent, ...",
# "We cover Windows and ..."), and before which its last item ends ("... and YouTube Music in one
# click", "... and state filings are all included").
_LIST_EDGE = frozenset("""
a an the our your their its my his her this that these those all any both every each some
we you they it i he she there here is are was were be been get gets got getting have has had 've 're 's
do does include includes included including cover covers covered covering support supports supported offer offers
with without of for on in at to from by via into per plus as when if so because until after before during
work works connect connects sync syncs use uses choose pick pay file files accept accepts
also too only just even either
""".split())
# A rep who says the list goes on ("Stripe, PayPal and more", "such as") is not enumerating it.
_OPEN_LIST = re.compile(
    r"\b(?:such\s+as|including|like|for\s+example|e\.g|etc|and\s+(?:more|others|so\s+on)|among\s+others|"
    r"plus|also|too|as\s+well)\b", re.I)
_LIST_CLAUSE = re.compile(r"[;:!?()\u2014]|\.(?=\s|$)|\s[-\u2013]\s")
_LIST_AND = re.compile(r"\s+(?:and|or|&|and/or)\s+", re.I)
_LIST_TOKEN = re.compile(r"[\w'’/.-]+")


def _list_words(segment: str) -> list[str]:
    return [w.lower().replace("’", "'").strip(".") for w in _LIST_TOKEN.findall(segment)]


def _first_item(words: list[str]) -> list[str]:
    cut = max((i for i, w in enumerate(words) if w in _LIST_EDGE), default=-1)
    return words[cut + 1:][-3:]


def _middle_item(words: list[str]) -> list[str]:
    while words and words[0] in _LIST_EDGE:
        words = words[1:]
    return words


def _last_item(words: list[str]) -> list[str]:
    words = _middle_item(words)
    cut = next((i for i, w in enumerate(words) if w in _LIST_EDGE), len(words))
    return words[:cut][:4]


def _item_terms(item: str) -> frozenset[str]:
    """Subject words of one list item, or its number when it is a bare figure ("10", "twenty years")."""
    terms = subject_terms(item)
    if terms:
        return terms
    short = frozenset(w for w in _list_words(item) if w.isalpha() and w not in _GENERIC_WORDS)
    if short:  # "Go", "AD": names too short for subject_terms
        return short
    first = re.match(r"[\w.]+(?:-\w+)?", item)
    value = parse_number(first.group(0).split("-")[0]) if first else None
    return frozenset({f"#{value:g}"}) if value is not None else frozenset()


def listed_items(text: str) -> list[tuple[str, ...]]:
    """Each enumeration in ``text`` (at least two items joined by commas and a final and/or)
    as a tuple of its items, each item lower-cased with its edges trimmed: "Works with Windows,
    macOS and Linux." -> [("windows", "macos", "linux")]. Lists whose middle items run longer than
    five words are prose, not enumerations, and are skipped."""
    out: list[tuple[str, ...]] = []
    for clause in _LIST_CLAUSE.split(text):
        segments = [s.strip() for s in clause.split(",")]
        start = 0
        while start < len(segments):
            # the segment holding the final "and"/"or" closes the list that starts at ``start``
            end = next((j for j in range(start, len(segments)) if _LIST_AND.search(" " + segments[j] + " ")), None)
            if end is None:
                break
            joined = _LIST_AND.split(" " + segments[end] + " ", maxsplit=1)
            before, after = joined[0].strip(), joined[1].strip()
            raw = [*segments[start:end], *([before] if before else [])]
            if not raw:
                start = end + 1
                continue
            items = [_first_item(_list_words(raw[0]))]
            middle = [_list_words(s) for s in raw[1:]]
            if any(len(m) > 5 or not m for m in middle):
                start = end if end > start else end + 1
                continue
            items += [_middle_item(m) for m in middle]
            items.append(_last_item(_list_words(after)))
            items = [i for i in items if i]
            if len(items) >= 2:
                out.append(tuple(" ".join(i) for i in items))
            start = end + 1
    return out


def _same_item(a: frozenset[str], b: frozenset[str]) -> bool:
    """One item names the other: every word of the shorter is a word of the longer ("state" /
    "state filings"), not merely one shared word ("add store" / "WooCommerce store")."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(words_overlap(frozenset({w}), large) for w in small)


_INCLUSION = re.compile(
    r"\b(?:includ\w*|free|covered|covers?|comes?\s+with|complimentary|at\s+no\s+(?:extra\s+)?(?:cost|charge)|on\s+us)\b",
    re.I)


def omitted_items(claim_text: str, statement_text: str) -> tuple[str, ...]:
    """Items of a copy enumeration that the rep leaves out, in two ways:

    * the rep enumerates the same list shorter (the copy's has three or more items): "Works with
      Windows, macOS and Linux" vs "We cover Windows and macOS fully" -> ("linux",), when every
      item the rep lists (at least two) is one of the copy's;
    * the rep says "included" (free, covered...) of some items alone, as the copy says it of the
      list: "Mat and towel rental is always free" vs "Mats are free to borrow" -> ("towel rental",).

    Empty when the rep leaves the list open ("such as", "and more", "too")."""
    if _OPEN_LIST.search(statement_text):
        return ()
    statement_words = subject_terms(statement_text)
    for claim_list in listed_items(claim_text):
        claim_items = [_item_terms(i) for i in claim_list]
        if len(claim_list) < 3 or not all(claim_items):
            continue
        for rep_list in listed_items(statement_text):
            rep_items = [_item_terms(i) for i in rep_list]
            if len(rep_items) < 2 or not all(rep_items):
                continue
            if not all(any(_same_item(r, c) for c in claim_items) for r in rep_items):
                continue
            missing = tuple(item for item, terms in zip(claim_list, claim_items, strict=True)
                            if not any(words_overlap(terms, r) for r in rep_items)
                            and not words_overlap(terms, statement_words))
            if missing:
                return missing
    if listed_items(statement_text) or not (_INCLUSION.search(claim_text) and _INCLUSION.search(statement_text)):
        return ()
    # "Airport pickup and drop-off are included" vs "The pickup when you arrive is included": the
    # rep gives the copy's "included" to one item alone. Only with the same inclusion word on both
    # sides: "QuickBooks Online syncs every night" answers a question about QuickBooks, it does
    # not take Xero away.
    for claim_list in listed_items(claim_text):
        claim_items = [_item_terms(i) for i in claim_list]
        if not all(claim_items):
            continue
        # an item is named by all its words or by its head noun ("the pickup" names "airport pickup")
        named = [all(words_overlap(frozenset({w}), statement_words) for w in terms)
                 or words_overlap(_item_terms(item.split()[-1]), statement_words)
                 for item, terms in zip(claim_list, claim_items, strict=True)]
        if any(named) and not all(named):
            missing = tuple(item for item, terms, said in zip(claim_list, claim_items, named, strict=True)
                            if not said and not words_overlap(terms, statement_words))
            if missing:
                return missing
    return ()


_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w&+-]*(?:\s+(?:[A-Z][\w&+-]*|\d+\w*))*)")


# one thing the claim says comes with it: "fan included", "installation is included"
_INCLUDED_ITEM = re.compile(r"\b([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+(?:(?:is|are)\s+)?included\b", re.I)
_NOT_AN_ITEM = frozenset({"all", "everything", "it", "that", "this", "is", "are", "and", "plus", "always", "also",
                          "each", "every", "any", "not", "be", "been"})


def claimed_items(claim_text: str) -> list[tuple[str, frozenset[str]]]:
    """What a claim names, as (text, subject words): its list items, its proper names
    ("Medicare Part D", "Mailchimp") and a single thing it says is included ("fan included")."""
    named = [(m.group(1), subject_terms(m.group(1))) for m in _PROPER.finditer(claim_text)]
    named += [(i, _item_terms(i)) for lst in listed_items(claim_text) for i in lst]
    for m in _INCLUDED_ITEM.finditer(claim_text):
        words = [w for w in m.group(1).split() if w.lower() not in _NOT_AN_ITEM]
        if words:
            named.append((" ".join(words), subject_terms(" ".join(words))))
    return [(text, terms) for text, terms in named if terms]


def denied_items(claim_text: str, statement_text: str) -> tuple[str, ...]:
    """Items the claim names that the rep says are not there: "we aren't currently able to bill
    Medicare Part D" against "... including Medicare Part D", "So Mailchimp we don't connect to
    anymore" against "Connect Stripe, PayPal and Mailchimp". The item must sit in the denial's
    clause (before the negation or in its scope); a claim that itself denies is left alone."""
    if negation_cues(claim_text):
        return ()  # "No credit card needed for Pro" vs "we don't need a card for Pro" agree
    items = claimed_items(claim_text)
    out: list[str] = []
    for cue in (negation_cues(statement_text) if items else ()):
        if cue.kind != "negation":
            continue
        lead = re.split(r"[,.;:!?]", statement_text[: statement_text.find(cue.cue)])[-1]
        words = subject_terms(f"{lead} {cue.scope}")
        out += [text for text, terms in items if all(words_overlap(frozenset({w}), words) for w in terms)]
    return tuple({text.lower(): text for text in reversed(out)}.values())[::-1]
