"""Rule-based slot extraction and comparison: numbers, money, percents, durations, quantities,
schedules and conditions in marketing copy and rep speech. Pure Python (``re``), no spaCy:
spaCy's NER drops the ``$`` and tags "12-month" as DATE, so we never rely on it here.

Extraction (:func:`extract_slots`)
----------------------------------
Matches are taken in priority order, and a later match may not overlap an earlier one:

1. CONDITION -- "on orders over $50" (``min_order``, value 50), "billed annually" /
   "annual plans only" (``billing:annual``), "for new customers" (``new_customers``),
   "with a 12-month commitment" / "it's a 12-month contract" (``commitment``, value in days),
   "for the first 3 months" / "first year only" (``intro_period``, value in days),
   "with code SAVE20" (``promo_code``), "for students" (``segment:students``),
   "minimum of 5 seats" (``min_seats``), "for a limited time" (``limited_time``), "kids under 12" /
   "seniors 65 and older" (``age``, value in years; an "eleven-year-old" is no duration).
   ``attrs["condition"]`` holds the key; money inside a condition is *not* a MONEY slot.
2. SCHEDULE -- "24/7" (168 hours/week), "weekdays 9-5" / "Monday to Friday 9am-5pm" (40),
   "9am to 8pm ET, seven days a week" (77), "business hours" (40, qualifier ``approx``).
   ``value`` is hours per week when known; ``attrs`` has ``days``, ``hours_per_day``, ``tz``.
3. MONEY -- "$49/mo", "$49 a month", "forty-nine dollars a month", "$588 a year", "49 bucks",
   "€20 per seat per month", "$1.5k", "10¢" (0.10). "2.6% + 10¢" is a sum: the "+" there is no
   "or more". ``unit`` is the currency (USD/EUR/GBP), ``period`` one of
   month/year/week/day or None, ``attrs["per"]`` a per-unit such as "seat". Free offers
   ("free", "$0", "no charge", "at no (extra) cost", "complimentary", "free of charge")
   are MONEY with value 0 and ``attrs["free"] = True``. ``attrs["subject"]`` names what
   the money is for when a nearby word says so (shipping, setup, discount, trial...).
   A "free" about a thing of its own gets ``attrs["object"]`` ("two free sessions" -> session,
   "the first box is free" -> box, "a test ride, it's free" -> ride); a price after
   "<noun> is/costs" gets the noun as ``attrs["object"]`` ("Parking is $15 a night" -> parking).
   A "free" followed by once/if/when/as long as/over... gets ``attrs["conditional"]``.
   Prices said without a currency word are MONEY with ``unit`` None and
   ``attrs["inferred_currency"]`` (and ``currency_assumed``) when the frame says price: a period
   or per-unit after it ("twenty-nine ninety-nine a month", "thirteen an hour", "fourteen
   ninety-nine per host per month"); a spoken two-group price ("ten ninety-five") after
   is/costs/it's/for/at/runs or opening the sentence; any number after those words in a
   sentence with a price word (price, cost, fee, rate, tuition, plan, flat...); or a sentence
   opening with the amount ("Eighty-nine flat", "Twelve thousand five hundred for full-time.").
   A number followed by a noun ("twenty participants", "a hundred nights") never is. A spoken
   "A BB" is A.BB or A*100+BB: with a period/per-unit the cents reading is ``value``, for a
   one-off the hundreds reading ($1,095); the other is in ``attrs["alt_values"]``.
4. PERCENT -- "20%", "twenty percent", "20 per cent" (value 0-100; subject discount/uptime).
5. DURATION -- value in days: day 1, week 7, month 30, year 365, hour 1/24, minute 1/1440;
   N months with N a multiple of 12 count as N/12 years, so "12-month" == "one year" == 365.
   Ranges "3-5 business days" give the upper bound (value 5, attrs min 3, max 5).
   "a week" / "a day" after a counted plural ("ten jobs a week", "10,000 API calls a day",
   "3 months a year") is the period of a rate, not a duration: no slot.
   "next-day" / "next business day" = 1, "same-day" = 0, "lifetime" = inf. ``attrs["subject"]`` is trial,
   guarantee, refund, returns, delivery, warranty, notice, cancellation or support when a
   nearby word says so.
6. QUANTITY -- count + unit: "5 users", "10 GB", "up to 3 seats", "unlimited projects"
   (value inf, ``attrs["unlimited"]``), "2x faster" (unit "x"). An exact count after
   includes/you get/comes with/supports... has ``attrs["capacity"]`` (a plan's allowance).

Numbers in words take a spoken decimal point: "two point five" = 2.5, "three point nine nine" =
3.99.

Qualifiers come from the words around a value: "over / more than / at least / from /
starting at / as low as / N+ / or more" -> ``min``; "up to / under / less than / max /
no more than / within / or less" -> ``max``; "about / around / roughly / approximately" ->
``approx``; otherwise ``exact``. "caps at", "maxes out at", "limited to", "the max <noun> is"
also give ``max``.

Comparison (:func:`compare_slots`)
----------------------------------
Slots of the same kind are aligned one-to-one, greedily, preferring compatible pairs and
then the closest values. Alignment needs: MONEY -- same currency, per-units equal when both
have one (seat = user = license = member = agent), subjects equal when both have one;
periods are converted (month x12 = year, week = 12/52 month, day = 12/365 month); when only
one side states a period the raw amounts are compared. PERCENT / DURATION -- subjects equal
when both have one. QUANTITY -- same unit. SCHEDULE -- both have hours/week, or both have
days. CONDITION -- same family (the key before ":").

Each value is an interval: exact [v, v], min [v, inf), max [0, v], approx [0.9v, 1.1v]; a
pair is compatible when the intervals meet, with a tolerance (money 1 %, durations 7 % so
"a month" == "30 days" == "4 weeks" but 14 days != a month, schedules 1 hour/week). So copy
"up to 20% off" vs rep "15% off" is compatible, copy "at least 20%" vs rep "15%" is not,
copy "starting at $49" vs rep "$59" is compatible, and copy "free shipping" ($0) vs rep
"shipping is $5" conflicts. CONDITION values are thresholds: equal values (and qualifiers)
are compatible, "orders over $50" vs "over $75" conflicts, billing:annual vs billing:monthly
conflicts. A rep condition whose family the copy lacks gives ``compatible=False`` with
"rep adds condition: ..." (the caller must first decide the statement is about the claim),
except when every rep value of a kind the copy has stayed unaligned (the condition is then on
those other things). Slots that cannot be aligned produce no diff.

Refinements: two bounds in the same direction are compared as numbers (copy "from $11 an hour"
vs rep "rates start at $13" conflicts; "within 30 days" vs "up to 60 days" conflicts). For a
QUANTITY, copy "up to 300 participants" claims that capacity: a rep cap ("caps at one hundred")
or allowance (``capacity``: "includes 20 invoices", "covers two users") must equal it; "up to
20% off" vs "15% off" stays compatible. A DURATION "up to" / "within" is likewise what the
customer gets (``attrs["allowance"]``: "battery lasts up to 30 hours", "returns within 60
days"), so a shorter rep figure conflicts, unless the sentence is about a wait (delivery, a
reply, a repair, a filing: "ships within 2 days"), where it is a ceiling a shorter figure keeps.
Business days against calendar days match in either reading ("10 business days" = "two weeks").
A price said to include things ("$650, and that includes the fuel", ``attrs["inclusive"]``) is
an all-in total and never aligns with a free slot. Money with ``alt_values`` is compared in the reading that fits best. A free
slot aligns with a price only when both can be about the same thing: a rep free with an
``object`` only with a price for that object (per-unit, subject or object); a free with no
object not with a per-unit price unless both name the same subject; a copy free with an object
not with a rep price for another object. When the copy promises free with no condition and the
rep gives a price for it plus a conditional free (or a condition), the copy free is paired with
the price as a conflict: "copy: free; rep: $6.99 per box (free only with a condition)".

Negation (:func:`negation_cues`, :func:`has_negation`)
------------------------------------------------------
Cues are not/no/never/n't/cannot/without/none/neither/nor/nothing/"no longer". A cue whose
scope (the next few words) is about cost or commitment ("no charge", "no extra cost",
"no contract", "without a credit card", "we don't charge", "never expire") is a *promise*,
not a denial: ``NegationCue.kind == "promise"``. :func:`has_negation` counts only denials
unless ``include_promises=True``.

A slot denied by a cue at most three words before it in the same clause ("shipping isn't
free", "we don't have a 14-day trial", "without a 12-month commitment") gets
``attrs["negated"] = True`` (not for conditionals: "if you don't cancel within 30 days").
In :func:`compare_slots` a pair where exactly one side is negated flips: "free" vs
"not free" conflicts, "$5" vs "not free" agrees; a negated rep condition is never "added".
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .types import Slot, SlotDiff, SlotKind

__all__ = [
    "NegationCue",
    "compare_slots",
    "extract_slots",
    "has_negation",
    "negation_cues",
    "parse_number",
]

# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_UNITS = {
    "couple": 2, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "bn": 1e9, "b": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}

_WORDS = sorted([*_UNITS, *_TENS, "hundred", *_SCALES, "dozen"], key=len, reverse=True)
_W = r"(?:" + "|".join(_WORDS) + r")"
# Atomic groups and bounded repeats keep every pattern linear (no catastrophic backtracking on
# inputs such as "twenty-twenty-twenty-..." or long digit runs).
# digits after a spoken decimal point: "two point five", "three point nine nine", "one point oh five"
_POINT_DIGITS = {**{k: v for k, v in _UNITS.items() if v < 10 and k != "couple"}, "oh": 0}
_PW = r"(?:" + "|".join(sorted([*_POINT_DIGITS, *(k for k in _UNITS if k != "couple"), *_TENS], key=len, reverse=True)) + r")"
WORDNUM = (
    rf"(?>(?:\b(?:an?|half(?:\s+an?)?)\s+)?\b{_W}\b"
    rf"(?:(?:\s+and\s+(?!(?:a|one|three)\s+(?:half|quarters?)\b)|[ \t-]+){_W}\b){{0,8}}"
    rf"(?:\s+and\s+(?:a|one|three)\s+(?:half|quarters?)\b|\s+point(?:[ \t-]+{_PW}\b){{1,4}})?)"
)
DIGNUM = r"(?<!\d)(?<!\d[.,])(?>\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,4})?(?!\d)|\d{1,12}(?:\.\d{1,4})?|\.\d{1,4})"
_DIGSUF = rf"{DIGNUM}(?:\s?(?:[kK]|[mM]{{1,2}}|bn|thousand|million|billion)\b)?"
NUM = rf"(?:{_DIGSUF}|{WORDNUM})"

_DIG_RE = re.compile(rf"^\s*([+-]?)({DIGNUM})\s?([a-zA-Z]*)\s*$")


def parse_number(text: str) -> float | None:
    """Parse "1,299.99", "1.5k", "forty-nine", "a hundred and fifty", "two and a half",
    "a dozen", "half" ... into a float; None when it is not a number."""
    if not text:
        return None
    s = text.strip().lower().replace("\u2013", "-")
    m = _DIG_RE.match(s)
    if m:
        sign, num, suf = m.groups()
        value = float(num.replace(",", ""))
        if suf:
            if suf not in _SUFFIX:
                return None
            value *= _SUFFIX[suf]
        return -value if sign == "-" else value
    return _parse_words(s)


def _parse_words(s: str, detail: dict[str, Any] | None = None) -> float | None:
    """Number words to a float. ``detail["pair"]`` is set to (a, b) for a spoken price in two
    groups ("ten ninety-five" -> (10, 95)), which can mean a.bb or a*100+b."""
    toks = [t for t in re.split(r"[\s-]+", s) if t]
    if not toks:
        return None
    if "point" in toks:  # "two point five" = 2.5, "three point nine nine" = 3.99
        i = toks.index("point")
        head = _parse_words(" ".join(toks[:i])) if i else 0.0
        tail = toks[i + 1:]
        if head is None or not tail or "point" in tail:
            return None
        if all(t in _POINT_DIGITS for t in tail):
            digits = "".join(str(_POINT_DIGITS[t]) for t in tail)
        else:
            n = _parse_words(" ".join(tail))
            if n is None or n != int(n):
                return None
            digits = str(int(n))
        if head != int(head):
            return None
        return float(f"{int(head)}.{digits}")
    frac = 0.0
    # trailing "and a half" / "and a quarter"
    _fracs = {("a", "half"): 0.5, ("one", "half"): 0.5, ("a", "quarter"): 0.25, ("one", "quarter"): 0.25,
              ("three", "quarters"): 0.75, ("three", "quarter"): 0.75}
    if len(toks) >= 3 and toks[-3] == "and" and (toks[-2], toks[-1]) in _fracs:
        frac = _fracs[(toks[-2], toks[-1])]
        toks = toks[:-3]
    mult = 1.0
    if toks and toks[0] in ("half", "quarter"):
        mult = 0.5 if toks[0] == "half" else 0.25
        toks = toks[1:]
        if toks and toks[0] in ("a", "an"):
            toks = toks[1:]
        if not toks:
            return mult
    if toks in (["a"], ["an"]):
        return 1.0 * mult + frac
    if toks in (["a", "couple"], ["couple"]):
        return 2.0
    if toks[0] in ("a", "an") and len(toks) > 1 and toks[1] not in ("hundred", "thousand", "million", "billion", "dozen"):
        toks = toks[1:]  # "a thirty day ..." -> thirty
    total = 0.0
    current = 0.0
    seen = False
    groups: list[float] = []  # "forty nine ninety nine" -> [49, 99] -> 49.99
    for i, tok in enumerate(toks):
        if tok in ("a", "an"):
            if i + 1 < len(toks) and toks[i + 1] in ("hundred", "thousand", "million", "billion", "dozen"):
                current = max(current, 1.0) if current else 1.0
                continue
            return None
        if tok == "and":
            continue
        low = current % 100
        if tok in _UNITS:
            if low % 10 or 10 <= low < 20 or (low and _UNITS[tok] >= 10):
                if total or current >= 100:
                    return None
                groups.append(current)
                current = 0.0
            current += _UNITS[tok]
        elif tok in _TENS:
            if low:
                if total or current >= 100:
                    return None
                groups.append(current)
                current = 0.0
            current += _TENS[tok]
        elif tok == "hundred":
            current = (current or 1.0) * 100
        elif tok == "dozen":
            current = (current or 1.0) * 12
        elif tok in _SCALES:
            total += (current or 1.0) * _SCALES[tok]
            current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    if groups:
        if len(groups) != 1 or current >= 100 or frac or mult != 1.0:
            return None
        # spoken prices: "two ninety-nine" = 299, "forty nine ninety nine" = 49.99
        if detail is not None and current >= 10:
            detail["pair"] = (groups[0], current)
        return groups[0] * 100 + current if groups[0] < 10 else groups[0] + current / 100.0
    return (total + current + frac) * mult


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

_CURRENCY_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP"}
_CURRENCY_WORD = {
    "usd": "USD", "dollar": "USD", "dollars": "USD", "buck": "USD", "bucks": "USD",
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "gbp": "GBP", "quid": "GBP",
    "pounds sterling": "GBP", "cent": "USD", "cents": "USD",
}
_PERIODS = {
    "mo": "month", "mos": "month", "month": "month", "months": "month", "mth": "month",
    "yr": "year", "yrs": "year", "year": "year", "years": "year", "annum": "year",
    "wk": "week", "week": "week", "weeks": "week", "day": "day", "days": "day",
    "monthly": "month", "annually": "year", "yearly": "year", "weekly": "week", "daily": "day",
}
# factor to per-month
_PER_MONTH = {"month": 1.0, "year": 1.0 / 12.0, "week": 52.0 / 12.0, "day": 365.0 / 12.0}
_SEAT_SYNONYMS = {"seat", "user", "license", "licence", "member", "agent", "person", "head", "editor"}
# per-units a price may take after "a"/"an" ("$249 a night", "$6.99 a box", "thirty-nine a seat")
_A_PER_UNITS = {
    "night", "host", "line", "guest", "box", "serving", "meal", "class", "session", "lesson", "visit",
    "ride", "trip", "transaction", "order", "item", "unit", "piece", "location", "device", "account",
}


def _singular(word: str) -> str:
    w = word.lower()
    if w in ("gb", "tb", "mb", "kb", "x", "sms", "bus", "status", "analysis"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _unit_key(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = _singular(unit.replace("-", " ").strip())
    u = u.split()[-1] if u else u
    u = _singular(u)
    if u in _SEAT_SYNONYMS:
        return "seat"
    return _UNIT_SYNONYMS.get(u, u)


# irregular plurals and everyday synonyms of a counted unit ("3 children" = "three kids")
_UNIT_SYNONYMS = {"children": "kid", "child": "kid", "people": "person", "persons": "person"}


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "unlimited"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


class _Mask:
    """Spans already claimed by a higher-priority slot (sorted, non-overlapping)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s)
        if i > 0 and self.ends[i - 1] > s:
            return False
        return not (i < len(self.starts) and self.starts[i] < e)

    def take(self, s: int, e: int) -> None:
        i = bisect.bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


_QUAL_BEFORE = [
    ("max", re.compile(
        r"(?:\bup\s+to|\bunder|\bless\s+than|\bfewer\s+than|\bno\s+more\s+than|\bnot\s+more\s+than|"
        r"\bmax(?:imum)?(?:\s+of)?|\bat\s+most|\bwithin|\bbelow|\bcapped\s+at|\bno\s+later\s+than|"
        r"\bat\s+the\s+most|\bcaps?\s+(?:out\s+)?at|\bmax(?:es)?\s+out\s+at|\btops?\s+out\s+at|\blimited\s+to|"
        r"\blimit\s+(?:is|of)|\bmax(?:imum)?\s+(?:[a-z]+\s+){0,2}(?:is|are|of))\s*$", re.I)),
    ("min", re.compile(
        r"(?:\bover|\bmore\s+than|\bat\s+least|\bfrom|\bstart(?:s|ing)?\s+(?:at|from)|\bstarting|"
        r"\bas\s+(?:low|little)\s+as|\bminimum(?:\s+of)?|\bmin\.?|\babove|\bupwards\s+of|"
        r"\bin\s+excess\s+of|\bexceeding|\bbeginning\s+at|\bno\s+less\s+than|\bplans?\s+from|"
        # "the minimum for party bookings is six", "minimum order is $40"
        r"\bmin(?:imum)?\s+(?:[a-z]+\s+){0,3}(?:is|are|of))\s*$", re.I)),
    ("approx", re.compile(
        r"(?:\babout|\baround|\broughly|\bapproximately|\bapprox\.?|~|\bnearly|\balmost|"
        r"\bsomewhere\s+around|\bin\s+the\s+region\s+of|\bball\s*park(?:\s+of)?)\s*$", re.I)),
]
_QUAL_AFTER = [
    ("min", re.compile(r"^\s*(?:\+(?!\s*[$€£\d])|or\s+more\b|or\s+above\b|and\s+up\b|and\s+above\b|or\s+higher\b|plus\b|minimum\b)", re.I)),
    ("max", re.compile(r"^\s*(?:or\s+less\b|or\s+fewer\b|max(?:imum)?\b|at\s+most\b|tops\b|or\s+under\b)", re.I)),
    ("approx", re.compile(r"^\s*(?:or\s+so\b|ish\b|-ish\b|give\s+or\s+take\b)", re.I)),
]


def _qualifier(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30):start]
    for q, rx in _QUAL_BEFORE:
        if rx.search(before):
            return q
    after = text[end:end + 20]
    for q, rx in _QUAL_AFTER:
        if rx.search(after):
            return q
    return "exact"


def _qualifier_after_span(text: str, end: int) -> tuple[str | None, int]:
    """A trailing "+" / "or more" qualifier; returns (qualifier, new_end) if '+' is glued."""
    after = text[end:end + 20]
    if after.startswith("+") and not re.match(r"\+\s*[$€£\d]", after):  # "2.6% + 10¢" is a sum
        return "min", end + 1
    return None, end


# --------------------------------------------------------------------------------------------
# Subjects: what a money / duration / percent value is about
# --------------------------------------------------------------------------------------------

_SUBJECT_WORDS = [
    ("refund", r"money[- ]back"),
    ("guarantee", r"guarantee[ds]?|guaranty"),
    ("trial", r"trials?|free\s+trial|test[- ]drive|try\s+(?:it\s+|us\s+|\w+\s+)?(?:for\s+)?free"),
    ("refund", r"refunds?|refundable"),
    ("returns", r"returns?"),
    ("warranty", r"warranty|warranties"),
    ("delivery", r"shipping|ships?|shipped|deliver(?:y|ed|s)?|dispatch(?:ed)?|arrives?|arrival|turnaround|postage"),
    ("notice", r"notice"),
    ("cancellation", r"cancel(?:l?ation|led|ing)?"),
    ("setup", r"set[- ]?up|onboarding|installation|implementation|activation"),
    ("support", r"support"),
    ("discount", r"off\b|discount(?:ed)?|savings?|save|saves|rebate|cheaper"),
    ("uptime", r"uptime|availability|sla"),
    ("onboarding", r"training"),
]
_SUBJECT_AFTER_RE = [(k, re.compile(rf"^[\s-]*(?:[a-z]+[\s-]+){{0,2}}?(?:{p})\b", re.I)) for k, p in _SUBJECT_WORDS]
_SUBJECT_BEFORE_RE = [
    (k, re.compile(rf"\b(?:{p})\b(?:\s*[:,]?\s+[\w'’]+){{0,3}}\s*$", re.I))
    for k, p in _SUBJECT_WORDS
]


def _subject(text: str, start: int, end: int, allowed: Iterable[str]) -> str | None:
    allowed = set(allowed)
    after = text[end:end + 30]
    for k, rx in _SUBJECT_AFTER_RE:
        if k in allowed and rx.search(after):
            return k
    before = text[max(0, start - 30):start]
    for k, rx in _SUBJECT_BEFORE_RE:
        if k in allowed and rx.search(before):
            return k
    return None


_FREE_SUBJECT_MAP = {
    "shipping": "delivery", "delivery": "delivery", "postage": "delivery", "setup": "setup",
    "set-up": "setup", "onboarding": "setup", "installation": "setup", "implementation": "setup",
    "trial": "trial", "returns": "returns", "return": "returns", "support": "support",
    "cancellation": "cancellation", "cancellations": "cancellation", "assembly": "setup",
    "training": "onboarding", "migration": "migration", "upgrades": "upgrades", "updates": "upgrades",
}


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------

_SYM = r"[$€£]"
_CURWORD = r"(?:usd|eur|gbp|dollars?|bucks?|euros?|quid|pounds\s+sterling|cents?)"
_PER_WORD = r"(?:[a-z][a-z-]{1,20})"

_MONEY_CORE = (
    rf"(?:(?:(?:US|USD|CA|AU)\s?)?{_SYM}\s?(?P<n1>{_DIGSUF})"
    rf"|(?P<c2>USD|EUR|GBP)\s?(?P<n2>{_DIGSUF})"
    rf"|(?P<n3>{_DIGSUF})\s?(?P<c3>{_CURWORD})\b"
    rf"|(?P<n4>{WORDNUM})\s+(?P<c4>{_CURWORD})\b"
    rf"|(?P<n5>{DIGNUM})\s?(?P<c5>¢))"
)
_MONEY_RE = re.compile(rf"(?<![\w.]){_MONEY_CORE}", re.I)
_SYM_BEFORE_RE = re.compile(rf"({_SYM})\s?$")
_PER_RE = re.compile(
    rf"^(?:\s*/\s*|\s+per\s+|\s+a\s+|\s+an\s+|\s+each\s+|\s+every\s+|\s+for\s+each\s+|\s*-\s*)"
    # a modifier before the unit is skipped: "per in-person transaction", "per active user"
    r"(?:(?!(?:month|year|week|day)\b)(?:[a-z]+-[a-z]+|active|additional|extra|online|paid|billable|named|individual)\s+(?=[a-z]))?"
    rf"(?P<w>{_PER_WORD})\b",
    re.I,
)
_BARE_PRICE_RE = re.compile(
    rf"(?<![\w$€£.,/:-])(?P<n>{DIGNUM}|{WORDNUM})(?=(?:\s*/\s*|\s+(?:a|an|per)\s+)(?:mo|month|yr|year|annum|wk|week|user|seat|licen[cs]e|member|agent"
    r"|night|hour|hr|host|line|person|guest|class|session|lesson|visit|box|serving|meal|transaction)\b"
    r"|\s+per\s+[a-z]+(?:\s*/\s*|\s+(?:a|an|per)\s+)(?:mo|month|yr|year|week)\b)",
    re.I,
)
_PERIOD_ADVERB_RE = re.compile(r"^\s+(?P<w>monthly|yearly|weekly|daily|per\s+annum|p\.?a\.?|p/m)\b", re.I)
# "$48 per user for the year", "six hundred for the whole year": a total for one period
_FOR_THE_PERIOD_RE = re.compile(r"^\s+for\s+(?:the|a|one)\s+(?:(?:whole|full|entire)\s+)?(?P<w>year|month|week)\b", re.I)

_FREE_RE = re.compile(
    r"(?<![\w-])(?:"
    r"free\s+of\s+(?:charge|cost)|at\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge)(?:\s+to\s+you)?"
    r"|no\s+(?:extra\s+|additional\s+)?(?:charge|cost)|no[- ](?:setup|set-up|activation|onboarding|hidden|extra|additional|monthly|annual|[a-z]+ing)\s+fees?"
    r"|no\s+(?:[a-z]+[- ])?[a-z]+\s+fees?(?=\s*(?:$|[.,;:!?)]|and\b|or\b|for\b|on\b|with\b|ever\b))"
    r"|no\s+fees?|complimentary|zero\s+dollars|for\s+nothing|free(?!-)|on\s+the\s+house|(?:is|are|it's)\s+on\s+us"
    r"|(?:don['’]?t|do\s+not|won['’]?t|will\s+not|never|doesn['’]?t|does\s+not)\s+charge(?:\s+(?:you|anything|extra))?(?:\s+(?:for|on)\b)?"
    r"|(?:doesn['’]?t|does\s+not|won['’]?t|will\s+not)\s+cost\s+(?:you\s+)?(?:a\s+(?:thing|penny|dime|cent)|anything|extra)"
    r"|costs?\s+(?:you\s+)?nothing"
    r")(?![\w-])",
    re.I,
)
_FREE_EXCLUDE_BEFORE = re.compile(r"(?:feel|feels|felt|toll|hands|risk|hassle|worry|stress|commission|gluten|sugar|fat|duty|tax|interest|-)\s*$", re.I)
_FREE_EXCLUDE_AFTER = re.compile(r"^\s*(?:to\b|up\b|of\b(?!\s+(?:charge|cost))|from\b|will\b(?!-)|rein|hand|-form|text|time\b|form\b)", re.I)

_FOR_MONTHS_RE = re.compile(rf"\bfor\s+(?:the\s+next\s+)?(?P<n>{NUM})\s+(?P<u>months?|years?|weeks?)\b", re.I)
_HALF_RE = re.compile(r"\b(?:half[- ](?:off|price)|50/50)\b", re.I)
_PERCENT_RE = re.compile(rf"(?<![\w.])(?P<n>{NUM})\s*(?:%|(?:percent|per\s*cent|pct)\b)", re.I)

_DUR_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_DUR_RE = re.compile(
    rf"(?<![\w$€£.])(?:between\s+(?P<b1>{NUM})\s+and\s+(?P<b2>{NUM})"
    rf"|(?P<n>{NUM}|an?\s+single|an?|half\s+an?)(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUM})(?=[\s-]))?)"
    rf"[\s-]*(?:(?P<bus>business|working|calendar|full)[\s-]+)?(?P<u>{_DUR_UNIT})\b",
    re.I,
)
# "<count> <plural noun> a week": the "a week" is the period of a frequency ("apply to ten jobs a
# week", "10,000 API calls a day", "20 invoices a month", "3 months a year"), not a duration.
_FREQ_BEFORE_RE = re.compile(
    rf"(?:(?<![\w.])(?:{NUM})(?:\s*\+)?\s+(?:(?:or\s+more|or\s+fewer|or\s+less|more|extra|free|new|[a-z][\w-]*)\s+){{0,3}}?"
    r"(?!(?:is|was|has|does|its|this|thus|plus|us|yes|as|less)\b)[a-z][\w-]*[a-rt-z]s"
    r"|\b(?:once|twice|times|sessions|visits|classes))\s*$",
    re.I,
)
_DUR_SPECIAL_RE = re.compile(r"(?<![\w-])(?P<w>(?:next|same)[- ](?:business[- ]|working[- ])?day|overnight|lifetime|two[- ]day)(?![\w-])", re.I)
_UNIT_DAYS = {"minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "day": 1.0, "week": 7.0, "wk": 7.0}

_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)\.?"
)
_DAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_HOUR_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}
_HOUR_WORD = r"(?:" + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True)) + r")"
_TIME = (
    rf"(?:(?:\d{{1,2}}|{_HOUR_WORD})\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b"
    rf"|\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midnight"
    rf"|\b{_HOUR_WORD}(?:\s*(?:am\b|pm\b|a\.m\.|p\.m\.|o['’]clock\b)|\b))"
)
_TZ = (
    r"(?:\s*\(?(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST|AEST|IST|"
    r"eastern|pacific|central|mountain)\)?(?:\s+(?:standard\s+)?time)?)"
)
_DAYSPEC = (
    rf"(?:(?P<d1>{_DAY})\s*(?:-|–|to|through|thru|until)\s*(?P<d2>{_DAY})"
    r"|(?P<wd>weekdays|week\s*days|business\s+days|working\s+days)"
    r"|(?P<we>weekends?)"
    r"|(?P<seven>(?:seven|7)\s+days\s+(?:a|per)\s+week|every\s+day|daily|365\s+days\s+a\s+year)"
    r"|(?P<five>(?:five|5)\s+days\s+(?:a|per)\s+week))"
)
_TIMESPEC = rf"(?P<t1>{_TIME})\s*(?:-|–|to|until|till|through)\s*(?P<t2>{_TIME})(?P<tz>{_TZ})?"
_SCHED_RE = re.compile(
    rf"(?<![\w/])(?:"
    r"(?P<always>24\s*/\s*7(?:\s*/\s*365)?|24\s*x\s*7|24-7|around[- ]the[- ]clock|round[- ]the[- ]clock|"
    r"twenty[- ]four[- ]seven|any\s+(?:hour|time),?\s+day\s+or\s+night|"
    r"(?:24|twenty[- ]four)\s+hours\s+a\s+day,?\s+(?:(?:7|seven)\s+days\s+a\s+week|365\s+days\s+a\s+year|every\s+day))"
    r"|(?P<five24>24\s*/\s*5)"
    r"|(?P<bh>(?:normal\s+|regular\s+|standard\s+)?(?:business|office)\s+hours)"
    rf"|{_DAYSPEC}(?:,?\s*(?:from\s+|between\s+)?{_TIMESPEC})?"
    rf"|(?:from\s+|between\s+)?(?P<t1b>{_TIME})\s*(?:-|–|to|until|till|and)\s*(?P<t2b>{_TIME})(?P<tzb>{_TZ})?"
    rf"(?:,?\s*(?:(?P<d1b>{_DAY})\s*(?:-|–|to|through|thru)\s*(?P<d2b>{_DAY})|(?P<wdb>weekdays)|(?P<sevenb>(?:seven|7)\s+days\s+(?:a|per)\s+week|every\s+day|daily)|(?P<web>weekends?)))?"
    r")(?![\w/])",
    re.I,
)

_Q_UNITS = (
    r"(?:users?|seats?|licen[cs]es?|members?|team\s+members?|agents?|projects?|workspaces?|boards?|"
    r"gb|tb|mb|gigabytes?|terabytes?|contacts?|emails?|email\s+sends?|api\s+calls?|calls?|requests?|"
    r"integrations?|accounts?|devices?|locations?|sites?|websites?|domains?|pages?|credits?|"
    r"messages?|sms|texts?|downloads?|templates?|reports?|dashboards?|forms?|files?|channels?|"
    r"languages?|countries|bots?|admins?|editors?|viewers?|collaborators?|guests?|phone\s+numbers?|"
    r"numbers?|lines?|stores?|products?|orders?|transactions?|invoices?|leads?|subscribers?|"
    r"apps?|connectors?|automations?|workflows?|pipelines?|campaigns?|keywords?|posts?|videos?|"
    r"images?|photos?|uploads?|exports?|tasks?|tickets?|conversations?|chats?|sessions?|views?|"
    r"visitors?|records?|rows?|events?|runs?|builds?|minutes\s+of\s+\w+|hours\s+of\s+\w+|"
    r"x)"
)
_QTY_RE = re.compile(
    rf"(?<![\w$€£.])(?P<n>{NUM})\s*(?P<plus>\+)?\s*"
    r"(?:(?:additional|extra|more|free|active|monthly|concurrent|custom|premium|new|total|"
    r"included|dedicated|unique|separate|simultaneous|full|paid)\s+)?"
    rf"(?P<u>{_Q_UNITS})(?![\w])",
    re.I,
)
_QTY_GENERIC_RE = re.compile(
    rf"(?<![\w$€£.])(?P<n>{DIGNUM}|{WORDNUM})\s*(?P<plus>\+)?\s+(?P<u>[a-z][a-z-]{{2,}}s|children|people)\b",
    re.I,
)
_QTY_GENERIC_STOP = {
    "others", "times", "ways", "things", "reasons", "steps", "years", "months", "days", "weeks",
    "hours", "minutes", "percents", "dollars", "bucks", "euros", "cents", "is", "was", "as", "has",
    "does", "plus", "us", "yes", "this", "its", "thanks", "pos", "works", "gets", "buys", "covers",
}
_UNLIMITED_RE = re.compile(
    r"\b(?P<q>unlimited|infinite|limitless|endless)\s+(?:number\s+of\s+)?(?P<u>(?:team\s+members|api\s+calls|phone\s+numbers|[a-z][a-z-]+))\b",
    re.I,
)
# an exact count stated as what a plan gives ("includes 20 invoices", "you get 10 GB", "the free
# tier covers two users")
_CAPACITY_BEFORE_RE = re.compile(
    r"\b(?:includes?|including|comes\s+with|gives\s+you|you\s+get|you['’]ll\s+get|you\s+can\s+have|allows?(?:\s+you)?|covers?|"
    r"supports?|holds?|fits?|handles?|(?:is|are)\s+limited\s+to)\s*$",
    re.I,
)
# A duration the customer waits through (delivery, a reply, a repair): "up to" / "within" is a
# ceiling there, and a shorter wait keeps the promise. Anywhere else ("battery lasts up to 30
# hours", "returns within 60 days") it is what the customer gets, and less breaks it.
_WAIT_RE = re.compile(
    r"\b(?:deliver\w*|ship(?:s|ped|ping)?|arriv\w*|dispatch\w*|turn\s?around|turnaround|respon\w*|repl(?:y|ies|ied)|"
    r"answer\w*|get\s+back|back\s+to\s+you|ready|process\w*|install\w*|set\s?up|onboard\w*|resolv\w*|fix\w*|"
    r"repair\w*|wait\w*|lead\s+time|takes?|took|taking|done|complete[ds]?|finish\w*|approv\w*|pay\s?outs?|paid\s+out|"
    r"fund(?:ed|s)|transfer\w*|eta|charg(?:e|es|ing)\s+(?:in|fully)|load\w*|print\w*|build\w*|live|"
    r"match\w*|assign\w*|schedul\w*|contact\w*|call\w*\s+back|hear\s+(?:back|from)|start\w*|begin\w*|fil(?:e|es|ed|ing))\b",
    re.I,
)
_MULT_RE = re.compile(
    rf"(?<![\w.])(?:(?P<n>{DIGNUM})\s?x\b|(?P<w>twice|double|triple|half)\s+(?:as\s+)?(?=\w+er\b|fast|quick|much|many|more)"
    rf"|(?P<nt>{NUM})\s+times\s+(?=\w+er\b|more|less|faster|as\b))",
    re.I,
)

# Conditions --------------------------------------------------------------------------------

_MONEY_INNER = (
    rf"(?:(?:(?:US|USD)\s?)?{_SYM}\s?{_DIGSUF}|(?:USD|EUR|GBP)\s?{_DIGSUF}|{_DIGSUF}\s?{_CURWORD}\b|{WORDNUM}\s+{_CURWORD}\b"
    rf"|{DIGNUM}\s?¢)"
)
_DUR_ADJ = rf"(?:{NUM}|an?)[\s-]*(?:{_DUR_UNIT})"

_COND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("min_order", re.compile(
        rf"\bminimum\s+(?:order|purchase|spend|basket)(?:\s+(?:value|amount|size))?\s+(?:of\s+)?(?P<m>{_MONEY_INNER})"
        rf"|(?P<m2>{_MONEY_INNER})\s+minimum(?:\s+(?:order|purchase|spend))?\b", re.I)),
    ("min_order", re.compile(
        r"(?:\b(?:on|for|with)\s+)?(?:all\s+|any\s+)?(?:\b(?:orders?|purchases?|baskets?|carts?|"
        r"(?:when\s+|if\s+)?you\s+spend|spend(?:ing)?|"
        r"(?:once|when|if|as\s+long\s+as)\s+(?:the|your)\s+(?:order|basket|cart|purchase|total)\s+(?:is|comes\s+to|gets|goes)))\s+"
        r"(?:(?:of|totaling|totalling|worth|valued\s+at)\s+)?"
        r"(?P<q>(?:over|above|more\s+than|at\s+least|of\s+at\s+least|exceeding|from|upwards\s+of|in\s+excess\s+of|of|under|below|up\s+to)\s+)?"
        rf"(?P<m>{_MONEY_INNER})(?P<plus>\s*(?:\+|or\s+more\b|and\s+up\b|and\s+above\b))?", re.I)),
    ("commitment", re.compile(
        rf"(?:\b(?:with|on|requires?|requiring|under|for|after|sign(?:ing)?(?:\s+up)?(?:\s+for)?)\s+)?(?:an?\s+|the\s+)?"
        rf"(?:minimum\s+|mandatory\s+|fixed\s+)?(?P<d>{_DUR_ADJ}|annual|yearly|multi-year|one-year|two-year|three-year)[\s-]+"
        r"(?:minimum\s+|fixed\s+|initial\s+|prepaid\s+)?(?:commitment|contract|agreement|term|lock-?in|subscription\s+commitment)\b"
        r"(?:\s+(?:is\s+)?required)?", re.I)),
    ("commitment", re.compile(
        rf"\b(?:commit(?:ted|ting)?\s+(?:to|for)|sign(?:ed|ing)?\s+(?:up\s+)?for|tied\s+in\s+for|stuck\s+for)\s+(?:a\s+(?:full\s+|minimum\s+of\s+)?|at\s+least\s+)?(?P<d>{_DUR_ADJ})\b", re.I)),
    ("commitment", re.compile(
        rf"\b(?:(?:minimum|initial|contract|committed)\s+(?:term|commitment|contract\s+term|period)|locked\s+in|lock-?in)\s+"
        rf"(?:of\s+|for\s+|is\s+)?(?P<d>{_DUR_ADJ})", re.I)),
    ("billing", re.compile(
        r"(?:\b(?:only\s+)?(?:when|if|as\s+long\s+as)\s+)?\b(?:billed|paid|pay|paying|charged|invoiced)\s+"
        r"(?P<b>annually|yearly|monthly|quarterly|upfront|up\s+front|in\s+advance|once\s+a\s+year|each\s+year|every\s+year|per\s+year)\b"
        r"(?:\s+only)?", re.I)),
    ("billing", re.compile(
        r"(?:\b(?:only\s+)?(?:on|with|for)\s+)?(?:an?\s+|the\s+)?\b(?P<b>annual|yearly|monthly|quarterly|prepaid)\s+"
        r"(?:plans?|billing|subscriptions?|payments?|prepay(?:ment)?|pricing|tiers?)\b(?:\s+only)?", re.I)),
    ("new_customers", re.compile(
        r"(?:\b(?:only\s+)?(?:for|to)\s+)?(?:all\s+)?\b(?:new|first[- ]time)\s+"
        r"(?:customers?|users?|subscribers?|clients?|buyers?|accounts?|members?|sign[- ]?ups?|shoppers?)\b(?:\s+only)?", re.I)),
    ("intro_period", re.compile(
        rf"(?:\b(?:for|during|in|over)\s+)?(?:the\s+|your\s+)?\b(?:first|initial|1st)\s+(?P<n>{NUM}\s+)?"
        r"(?P<u>days?|weeks?|months?|years?|billing\s+cycles?|cycles?)\b(?:\s+only)?", re.I)),
    ("intro_period", re.compile(
        r"\b(?:first|1st)[- ](?P<u>year|month)(?:\s+only)?\b|\bintroductory\s+(?:price|pricing|rate|offer|period)\b|\bintro\s+(?:price|rate|offer)\b", re.I)),
    ("promo_code", re.compile(
        r"\b(?:with|using|use|enter|apply)\s+(?:the\s+|our\s+)?(?:promo(?:tional)?\s+|discount\s+|coupon\s+|voucher\s+)?code\s+(?P<code>[A-Z0-9][A-Z0-9-]{2,})", re.I)),
    ("segment", re.compile(
        r"\b(?:only\s+)?(?:for|to)\s+(?:verified\s+|eligible\s+|qualifying\s+|registered\s+)?(?P<s>students|nonprofits|non-profits|charities|teachers|educators|"
        r"startups|veterans|military|seniors|enterprise\s+customers|existing\s+customers|small\s+businesses|"
        r"education|schools)\b(?:\s+only)?|\b(?P<s2>students|nonprofits|non-profits|startups|existing\s+customers|enterprise\s+customers)\s+only\b", re.I)),
    ("min_seats", re.compile(
        rf"\b(?:minimum\s+(?:of\s+)?|at\s+least\s+|for\s+teams\s+of\s+|teams\s+of\s+|with\s+)(?P<n>{NUM})\s*(?P<plus>\+)?\s*"
        r"(?:or\s+more\s+)?(?P<u>seats?|users?|licen[cs]es?|members?|people|agents?)\b(?:\s+or\s+more)?(?:\s+(?:required|minimum))?", re.I)),
    ("age", re.compile(
        rf"\b(?:kids|children|child|youths?|juniors?|teens?|guests|riders|seniors|adults|anyone|people|travell?ers|passengers)"
        rf"(?:\s+(?:aged|age|ages))?\s+(?:(?P<q>under|below|younger\s+than|over|above|older\s+than)\s+(?:the\s+age\s+of\s+)?(?P<n>{NUM})"
        rf"|(?P<n2>{NUM})\s+(?:years?\s+old\s+)?(?:and|or)\s+(?P<q2>under|younger|below|over|older|above|up))"
        r"(?:\s*(?:years?(?:\s+old)?|yrs?|y/o)\b)?", re.I)),
    ("limited_time", re.compile(
        r"\b(?:for\s+a\s+limited\s+time(?:\s+only)?|limited[- ]time(?:\s+(?:offer|only|deal|promotion))?|while\s+supplies\s+last|"
        r"(?:offer|promotion|deal|sale)\s+(?:ends|expires|valid\s+until|runs\s+until))\b", re.I)),
]


# Cheap pre-checks: a pattern is only run when its trigger matches (speed: most transcript
# sentences have no slot at all).
_NUMWORD_TRIG = r"\d|\b(?:" + "|".join(sorted([*_UNITS, *_TENS, "hundred", "thousand", "million", "dozen", "half", "couple"], key=len, reverse=True)) + r")"
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "min_order": re.compile(r"order|purchase|basket|cart|spend", re.I),
    "commitment": re.compile(r"commit|contract|agreement|\bterm|lock|sign|tied|stuck", re.I),
    "billing": re.compile(r"bill|paid|pay|charged|invoic|annual|yearly|monthly|quarterly|prepaid", re.I),
    "new_customers": re.compile(r"\bnew\b|first", re.I),
    "intro_period": re.compile(r"first|1st|intro", re.I),
    "promo_code": re.compile(r"code", re.I),
    "segment": re.compile(r"student|profit|charit|teacher|educat|startup|veteran|military|senior|enterprise|existing|small|school", re.I),
    "min_seats": re.compile(r"seat|user|licen|member|people|agent", re.I),
    "age": re.compile(r"under|below|over|above|younger|older|and\s+up", re.I),
    "limited_time": re.compile(r"limited|supplies|ends|expires|until|runs", re.I),
    "for_months": re.compile(r"\bfor\b", re.I),
    "schedule": re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|clock|business|office|weekday|week\s*day|weekend|daily|every\s+day|seven|five|mon|tue|wed|thu|fri|sat|sun|noon|midnight|night", re.I),
    "money": re.compile(r"[$€£¢]|usd|eur|gbp|dollar|buck|euro|quid|sterling|cent", re.I),
    "bare_price": re.compile(r"(?:/\s*|\b(?:a|an|per)\s+)(?:mo|month|yr|year|annum|wk|week|user|seat|licen|member|agent|night|hour|hr|host|line|person|guest|class|session|lesson|visit|box|serving|meal|transaction)|\bper\s+[a-z]+\s", re.I),
    "half": re.compile(r"half|50/50", re.I),
    "free": re.compile(r"free|charge|cost|\bfees?\b|complimentary|zero\s+dollars|nothing|on\s+(?:us|the\s+house)", re.I),
    "percent": re.compile(r"%|percent|per\s*cent|pct", re.I),
    "dur_special": re.compile(r"next|same|overnight|lifetime|two", re.I),
    "duration": re.compile(r"min|hour|hr|day|week|wk|\bmos?\b|month|year|yr", re.I),
    "unlimited": re.compile(r"unlimited|infinite|limitless|endless", re.I),
    "mult": re.compile(r"\dx|\d\s+x\b|twice|double|triple|half|times", re.I),
    "number": re.compile(_NUMWORD_TRIG, re.I),
}


def _scan(name: str, rx: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    trig = _TRIGGERS.get(name)
    if trig is not None and not trig.search(text):
        return ()
    return rx.finditer(text)


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------

def _months_to_days(n: float) -> float:
    if n and n >= 12 and abs(n / 12 - round(n / 12)) < 1e-9:
        return round(n / 12) * 365.0
    return n * 30.0


def _unit_to_days(n: float, unit: str) -> float:
    u = unit.lower().rstrip("s") if unit.lower() not in ("mos",) else "mo"
    if u in ("month", "mo", "mth"):
        return _months_to_days(n)
    if u in ("year", "yr"):
        return n * 365.0
    if u in ("min", "minute"):
        return n / 1440.0
    return n * _UNIT_DAYS.get(u, 1.0)


def _dur_from_adj(s: str) -> float | None:
    s = s.lower()
    if s in ("annual", "yearly", "one-year"):
        return 365.0
    if s == "two-year":
        return 730.0
    if s == "three-year":
        return 1095.0
    if s == "multi-year":
        return 730.0
    m = re.match(rf"^(?P<n>{NUM}|an?)[\s-]*(?P<u>{_DUR_UNIT})$", s, re.I)
    if not m:
        return None
    n = 1.0 if m.group("n").lower() in ("a", "an") else parse_number(m.group("n"))
    if n is None:
        return None
    return _unit_to_days(n, m.group("u"))


def _money_value(m: re.Match[str]) -> tuple[float | None, str, bool]:
    """(value, currency, is_cents) of a _MONEY_CORE match."""
    gd = m.groupdict()
    if gd.get("n1"):
        sym = _SYM_BEFORE_RE.search(m.group(0)[: m.start("n1") - m.start()])
        cur = _CURRENCY_SYMBOL.get(sym.group(1) if sym else "$", "USD")
        return parse_number(gd["n1"]), cur, False
    if gd.get("n2"):
        return parse_number(gd["n2"]), gd["c2"].upper(), False
    if gd.get("n5"):  # "10¢"
        v5 = parse_number(gd["n5"])
        return (v5 / 100.0 if v5 is not None else None), "USD", True
    num, word = (gd["n3"], gd["c3"]) if gd.get("n3") else (gd["n4"], gd["c4"])
    w = re.sub(r"\s+", " ", word.lower())
    cur = _CURRENCY_WORD.get(w, "USD")
    v = parse_number(num)
    cents = w.startswith("cent")
    if v is not None and cents:
        v = v / 100.0
    return v, cur, cents


def _money_from_text(s: str) -> tuple[float | None, str]:
    m = _MONEY_RE.search(s)
    if not m:
        return None, "USD"
    v, cur, _ = _money_value(m)
    return v, cur


def _extend_money(text: str, end: int) -> tuple[int, str | None, str | None]:
    """Consume "/mo", " per seat", " a month", " monthly" after a money value."""
    period: str | None = None
    per: str | None = None
    for _ in range(3):
        rest = text[end:]
        m = _PER_RE.match(rest)
        if m:
            w = m.group("w").lower()
            sep = m.group(0)[: m.start("w")].strip().lower()
            if w in _PERIODS and period is None and _PERIODS[w] in _PER_MONTH:
                if w in ("monthly", "annually", "yearly", "weekly", "daily"):
                    break
                period = _PERIODS[w]
                end += m.end()
                continue
            if sep in ("a", "an", "-", "every") or w in ("the", "and", "or", "with", "on", "for", "of", "if", "to", "in", "is"):
                if sep in ("a", "an", "every") and w in ("hour", "hr"):
                    per = per or "hour"
                    end += m.end()
                    continue
                if sep in ("a", "an") and per is None and (_singular(w) in _SEAT_SYNONYMS or _singular(w) in _A_PER_UNITS):
                    per = _singular(w)
                    end += m.end()
                    continue
                break
            if per is None and w not in _PERIODS:
                per = _singular(w)
                end += m.end()
                continue
            break
        m = _FOR_THE_PERIOD_RE.match(rest)
        if m and period is None:
            period = m.group("w").lower()
            end += m.end()
            continue
        m = _PERIOD_ADVERB_RE.match(rest)
        if m and period is None:
            w = m.group("w").lower()
            period = _PERIODS.get(w, "year" if w.startswith(("per", "p")) and "m" not in w else "month")
            if w in ("p/m",):
                period = "month"
            end += m.end()
            continue
        break
    return end, period, per


def _condition_slot(key: str, m: re.Match[str], text: str) -> Slot | None:
    s, e = m.start(), m.end()
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip())
    s += lead
    raw = text[s:e]
    attrs: dict[str, Any] = {}
    value: float | None = None
    unit: str | None = None
    qualifier = "exact"
    only = bool(re.search(r"\bonly\b", raw, re.I))
    gd = m.groupdict()
    if key == "min_order":
        money = gd.get("m") or gd.get("m2")
        value, unit = _money_from_text(money or "")
        q = (gd.get("q") or "").strip().lower()
        if q in ("under", "below", "up to"):
            qualifier = "max"
        else:
            qualifier = "min"
        attrs["condition"] = "min_order"
    elif key == "commitment":
        value = _dur_from_adj(gd["d"])
        unit = "days"
        attrs["condition"] = "commitment"
    elif key == "billing":
        b = re.sub(r"\s+", " ", gd["b"].lower())
        norm = {
            "annually": "annual", "yearly": "annual", "annual": "annual", "upfront": "annual",
            "up front": "annual", "in advance": "annual", "prepaid": "annual", "once a year": "annual",
            "each year": "annual", "every year": "annual", "per year": "annual",
            "monthly": "monthly", "quarterly": "quarterly",
        }.get(b, b)
        attrs["condition"] = f"billing:{norm}"
    elif key == "new_customers":
        attrs["condition"] = "new_customers"
    elif key == "intro_period":
        u = gd.get("u")
        if u:
            n = parse_number(gd["n"]) if gd.get("n") else 1.0
            uu = u.lower()
            if "cycle" in uu:
                value = n
                unit = "cycles"
            else:
                value = _unit_to_days(n or 1.0, uu)
                unit = "days"
        attrs["condition"] = "intro_period"
    elif key == "promo_code":
        attrs["condition"] = "promo_code"
        attrs["code"] = gd["code"].upper()
    elif key == "segment":
        seg = re.sub(r"[\s-]+", "_", (gd.get("s") or gd.get("s2") or "").lower())
        seg = {"non_profits": "nonprofits", "charities": "nonprofits", "educators": "education",
               "teachers": "education", "schools": "education", "students": "education"}.get(seg, seg)
        attrs["condition"] = f"segment:{seg}"
    elif key == "min_seats":
        value = parse_number(gd["n"])
        unit = "seats"
        qualifier = "min"
        attrs["condition"] = "min_seats"
    elif key == "age":
        value = parse_number(gd.get("n") or gd.get("n2") or "")
        q = (gd.get("q") or gd.get("q2") or "").lower()
        qualifier = "min" if q.startswith(("over", "above", "older", "up")) else "max"
        unit = "years"
        attrs["condition"] = "age"
    elif key == "limited_time":
        attrs["condition"] = "limited_time"
    else:  # pragma: no cover
        return None
    if only:
        attrs["only"] = True
    return Slot(SlotKind.CONDITION, text[s:e], s, e, value=value, unit=unit, qualifier=qualifier, attrs=attrs)


def _hour(t: str, *, end: bool = False, ref: float | None = None) -> float | None:
    t = t.lower().replace(".", "").replace("o'clock", "").replace("o’clock", "").strip()
    # "seven in the morning", "nine at night": spoken times of day
    spoken = re.match(r"(\w+)\s+(?:in\s+the\s+(morning)|in\s+the\s+(?:afternoon|evening)|at\s+night)$", t)
    if spoken:
        word = spoken.group(1)
        if word in ("12", "twelve") and t.endswith("night"):
            return 24.0 if end else 0.0
        t = f"{word} {'am' if spoken.group(2) else 'pm'}"
    w = re.match(r"([a-z]+)\s*(am|pm)?$", t)
    if w and w.group(1) in _HOUR_WORDS:
        t = f"{_HOUR_WORDS[w.group(1)]}{w.group(2) or ''}"
    if t == "noon":
        return 12.0
    if t == "midnight":
        return 24.0 if end else 0.0
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", t)
    if not m:
        return None
    h = int(m.group(1)) + (int(m.group(2)) / 60 if m.group(2) else 0.0)
    ap = m.group(3)
    if h > 24:
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h >= 12:
        h -= 12
    elif ap is None and end and ref is not None and h <= ref:
        h += 12
    return h


def _schedule_slot(m: re.Match[str], text: str) -> Slot | None:
    gd = m.groupdict()
    attrs: dict[str, Any] = {}
    value: float | None = None
    qualifier = "exact"
    if gd.get("always"):
        attrs.update(days=7, hours_per_day=24)
        value = 168.0
    elif gd.get("five24"):
        attrs.update(days=5, hours_per_day=24)
        value = 120.0
    elif gd.get("bh"):
        attrs.update(days=5, hours_per_day=8, business_hours=True)
        value = 40.0
        qualifier = "approx"
    else:
        if gd.get("wd") and not (gd.get("t1") or gd.get("t1b")) and re.search(
            r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|few|several|more|extra))[\s-]*$",
            text[max(0, m.start() - 12):m.start()], re.I,
        ):
            return None  # "3-5 business days" is a duration, not opening hours
        days: int | None = None
        d1, d2 = gd.get("d1") or gd.get("d1b"), gd.get("d2") or gd.get("d2b")
        if d1 and d2:
            i1 = _DAY_INDEX.get(d1.lower()[:3])
            i2 = _DAY_INDEX.get(d2.lower()[:3])
            if i1 is not None and i2 is not None:
                days = (i2 - i1) % 7 + 1
        elif gd.get("wd") or gd.get("wdb") or gd.get("five"):
            days = 5
        elif gd.get("we") or gd.get("web"):
            days = 2
        elif gd.get("seven") or gd.get("sevenb"):
            days = 7
        t1, t2 = gd.get("t1") or gd.get("t1b"), gd.get("t2") or gd.get("t2b")
        tz = gd.get("tz") or gd.get("tzb")
        hours: float | None = None
        if t1 and t2:
            both_bare = not re.search(r"[ap]\.?m|:|noon|midnight|clock|morning|afternoon|evening|night", (t1 + t2).lower())
            has_days = days is not None
            if both_bare and not has_days and not re.match(r"(?:from|between)\s", m.group(0), re.I) and not re.search(
                r"\b(?:open|opens|available|hours|staffed|answer|answers|run|runs|operate|operates|work|working|there|in)\s*(?:from\s+)?$",
                text[max(0, m.start() - 25):m.start()], re.I,
            ):
                return None  # "3-5" alone is not a schedule
            if both_bare and re.match(r"^[\s-]*(?:business\s+|working\s+)?(?:minutes?|hours?|hrs?|days?|weeks?|months?|years?|%|percent|users?|seats?)\b", text[m.end():m.end() + 20], re.I):
                return None  # "between 3 and 5 days"
            h1 = _hour(t1)
            if h1 is not None and both_bare and h1 < 7:
                h1 += 12
            h2 = _hour(t2, end=True, ref=h1)
            if h1 is None or h2 is None:
                return None
            if h2 <= h1:
                h2 += 12 if h2 + 12 > h1 and h2 < 12 else 24
            hours = h2 - h1
            if not 0 < hours <= 24:
                return None
            attrs["hours_per_day"] = hours
            attrs["open"], attrs["close"] = h1, h2
        if tz:
            attrs["tz"] = tz.strip(" ()").upper().replace(" TIME", "")
        if days is not None:
            attrs["days"] = days
        if days is not None and hours is not None:
            value = days * hours
        elif days is None and hours is None:
            return None
    return Slot(SlotKind.SCHEDULE, m.group(0), m.start(), m.end(), value=value, unit="hours/week",
                qualifier=qualifier, attrs=attrs)


def _free_subject(text: str, s: int, e: int) -> str | None:
    after = re.match(r"^[\s-]+(?:(?:\d+|[a-z]+)[- ](?:day|week|month)s?\s+)?(?:standard\s+|ground\s+|express\s+|2-day\s+|next-day\s+)?([a-z][a-z-]+)", text[e:e + 40], re.I)
    if after:
        w = after.group(1).lower()
        if w in _FREE_SUBJECT_MAP:
            return _FREE_SUBJECT_MAP[w]
    if re.search(r"\btry\b[^.;!?]{0,25}$", text[max(0, s - 30):s], re.I) or re.match(
        r"^\s+for\s+(?:the\s+first\s+)?(?:\d+|[a-z]+)\s+(?:days?|weeks?|months?)\b", text[e:e + 30], re.I
    ):
        return "trial"  # "try any plan free", "free for 30 days"
    before = re.search(r"([a-z][a-z-]+)\s+(?:is|are|comes?|will\s+be|ships?|is\s+always|are\s+always|included)\s*(?:\s+for)?\s*$", text[max(0, s - 40):s], re.I)
    if before:
        w = before.group(1).lower()
        if w in _FREE_SUBJECT_MAP:
            return _FREE_SUBJECT_MAP[w]
    before = re.search(r"\b(shipping|delivery|setup|set-up|onboarding|installation|returns|support|training|trial|migration)\b[^.;]{0,25}$", text[max(0, s - 40):s], re.I)
    if before:
        return _FREE_SUBJECT_MAP.get(before.group(1).lower())
    return None


_FREE_OBJ_STOP = {
    "with", "for", "on", "in", "to", "and", "or", "if", "when", "once", "the", "a", "an", "of", "at", "you",
    "we", "it", "is", "are", "as", "until", "after", "before", "during", "per", "each", "every", "that",
    "this", "your", "our", "too", "also", "now", "so", "but", "then", "forever", "anytime", "always",
    "from", "by", "up", "plus", "included", "includes", "just", "only", "today", "here", "there",
}
# nouns that name the product itself: a free one is about the same thing as its price
_FREE_OBJ_GENERIC = {
    "membership", "subscription", "plan", "service", "account", "app", "software", "product",
    "platform", "package", "tier", "version", "one", "thing", "stuff", "option",
}
_FREE_CONDITIONAL_AFTER = re.compile(
    r"^[\s,]*(?:but\s+)?(?:only\s+)?(?:once|if|when|whenever|as\s+long\s+as|provided|unless|after|"
    r"for\s+orders|on\s+orders|over|above)\b", re.I)


_PRONOUNS = {"it", "that", "this", "which", "everything", "they", "what", "there", "he", "she", "we", "you"}
_IS_BEFORE_RE = re.compile(
    r"\b([a-z][a-z-]+)\s+(?:is|are|costs?|runs?|will\s+be|would\s+be|comes?\s+to)\s+"
    r"(?:(?:always|totally|completely|also|actually|only|just|about|around|now|still)\s+)?$",
    re.I,
)
# "for a test ride, it's free": the pronoun points back at the last noun of the clause before
_PRONOUN_FREE_RE = re.compile(
    r"\b(?:a|an|the|your|our|that|this)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s*[,;:]\s*"
    r"(?:and\s+|but\s+|so\s+)?(?:it|that|this)(?:['’]s|\s+is|\s+will\s+be|\s+would\s+be)\s+"
    r"(?:(?:always|totally|completely|also|actually|just)\s+)?$",
    re.I,
)


def _noun_key(word: str | None) -> str | None:
    if not word:
        return None
    head = _singular(word.lower())
    if head in _PRONOUNS or head in _FREE_OBJ_STOP:
        return None
    return head


def _free_object(text: str, s: int, e: int) -> str | None:
    """The thing a "free" is about when it is no known subject: "two free sessions with a
    trainer" -> session, "the first box is free" -> box, "come in for a test ride, it's free"
    -> ride; None for a bare "it's free" or for the product itself ("membership is free")."""
    words: list[str] = []
    for w in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|[^\sA-Za-z0-9]", text[e:e + 60])[:3]:
        if re.fullmatch(r"\d+-[A-Za-z]+", w):
            continue  # "a free 30-minute test ride"
        if not re.match(r"[A-Za-z]", w) or w.lower() in _FREE_OBJ_STOP:
            break
        words.append(w.lower())
    if not words:
        lo = max(0, s - 60)
        a = max(lo - 1, *(text.rfind(c, lo, s) for c in ".!?")) + 1
        before = text[a:s]
        m = _IS_BEFORE_RE.search(before) or _PRONOUN_FREE_RE.search(before)
        if not m:
            return None
        words = [m.group(1).lower()]
    head = _noun_key(words[-1])
    return None if head in _FREE_OBJ_GENERIC else head


_FEE_ADJECTIVES = frozenset(
    "one-time onetime flat small extra additional monthly annual yearly weekly daily nominal standard fixed "
    "total single base separate small low modest hefty big".split())
_NO_FEE_OBJECT = re.compile(r"^no[- ](?:[a-z]+[- ])?([a-z]+)[- ]fees?$", re.I)
# "an initiation fee of a thousand dollars", "the travel fee is $50"
_FEE_BEFORE_RE = re.compile(
    r"\b([a-z][a-z-]+)\s+(?:fee|charge|surcharge)s?\s+(?:of|is|runs|costs?|would\s+be|will\s+be)\s+"
    r"(?:(?:about|around|just|only|roughly)\s+)?$", re.I)
# "a fifty-dollar travel fee", "$50 setup fee"
_FEE_AFTER_RE = re.compile(r"^(?:[- ]?dollars?)?[\s-]+(?:one-time\s+|monthly\s+|annual\s+)?([a-z][a-z-]+)\s+(?:fee|charge|surcharge)s?\b", re.I)


def _price_object(text: str, s: int, e: int | None = None) -> str | None:
    """What a price is for, from "<noun> is/costs <price>": "Parking is fifteen dollars a night"
    -> parking, "Memberships are $29.99" -> membership; or from the fee it is: "an initiation fee
    of a thousand dollars", "a fifty-dollar travel fee" -> initiation, travel."""
    lo = max(0, s - 40)
    a = max(lo - 1, *(text.rfind(c, lo, s) for c in ".!?;,")) + 1
    m = _FEE_BEFORE_RE.search(text[a:s]) or _IS_BEFORE_RE.search(text[a:s])
    if m is None and e is not None:
        m = _FEE_AFTER_RE.match(text[e:e + 40])
    if m is None or m.group(1).lower() in _FEE_ADJECTIVES:
        return None  # "a one-time fee of $150" says how it is charged, not what for
    return _noun_key(m.group(1))


# --------------------------------------------------------------------------------------------
# Prices without a currency word: "ten ninety-five", "it's twenty-nine for the month"
# --------------------------------------------------------------------------------------------

def _spoken_money(num: str, *, one_off: bool) -> tuple[float | None, list[float]]:
    """(value, other readings) of a number said as a price. A two-group spoken price "A BB"
    ("ten ninety-five", "fourteen ninety-nine") is either A.BB or A*100+BB: with a period or
    per-unit the cents reading comes first ($14.99/month), for a one-off the hundreds reading
    ($1,095); the other is kept in ``attrs["alt_values"]`` for :func:`compare_slots`."""
    s = num.strip().lower().replace("\u2013", "-")
    if _DIG_RE.match(s):
        return parse_number(s), []
    detail: dict[str, Any] = {}
    v = _parse_words(s, detail)
    pair = detail.get("pair")
    if v is None or not pair:
        return v, []
    a, b = pair
    cents, hundreds = round(a + b / 100.0, 2), a * 100 + b
    if a < 10 or one_off:
        return hundreds, [cents]
    return cents, [hundreds]


_PRICE_WORDS_RE = re.compile(
    r"\b(?:price[ds]?|pricing|cost|costs|costing|pay|paying|paid|fees?|charge[ds]?|rates?|tuition|"
    r"bill(?:ed)?|total|flat|apiece|subscription|membership|quote[ds]?|budget|expensive|cheap(?:er|est)?|"
    r"afford(?:able)?|discount(?:ed)?|deposit|dollars?|bucks|spend|plan|tier|package)\b",
    re.I,
)
# the words right before a bare price: "is", "costs", "it's", "for", "at", "runs" ...
_PRICE_FRAME_RE = re.compile(
    r"\b(?:is|are|was|were|be|costs?|['’]s|for|at|runs?|pay|paying|charges?|priced\s+at|(?:comes?|works?)\s+out\s+to|"
    r"comes?\s+to|just|only)\s+(?:(?:about|around|roughly|only|just|like|gonna\s+be|going\s+to\s+be)\s+)*$",
    re.I,
)
_FILLER_ONLY_RE = re.compile(
    r"\s*(?:(?:so|well|yeah|yes|yep|ok(?:ay)?|um+|uh+|right|sure|and|it['’]s|that['’]s|that['’]d\s+be|"
    r"it['’]d\s+be|it\s+would\s+be|that\s+would\s+be|(?:it\s+)?comes\s+to|about|around|roughly|just|only)[\s,]+)*",
    re.I,
)
# the cents after a spoken dollar amount: "a buck| ninety-five", "two dollars| and fifty cents"
_SPOKEN_CENTS_RE = re.compile(
    rf"\s+(?:and\s+)?(?P<c>{WORDNUM}|\d{{2}})(?:\s+cents?)?(?![\w%-])"
    r"(?=\s*(?:$|[.,;:!?)]|(?:a|an|per|each|for|plus|with|and|but|so|on|apiece|total|now|flat)\b))", re.I)
# "a buck", "a dollar" with no number word
_A_DOLLAR_RE = re.compile(r"\b(?:a|one)\s+(?:buck|dollar)\b(?![\s-]+(?:amount|figure|value|sign|store|bill|coin|limit)s?\b)", re.I)
_INFER_FOLLOW_RE = re.compile(
    r"^(?:\s*$|\s*[.,;:!?)]|\s+[—–]\s|\s+(?:for|flat|each|apiece|total|all[\s-]in|up\s*front|upfront|plus|with|if|"
    r"before|after|and|but|so|then|on|now|instead|though|too|right|tops|even|exactly|or\s+so|gets\s+you|buys\s+you)\b"
    r"|\s+(?:a|an|per)\s+(?:square\s+)?(?:foot|feet|metre|meter|yard|page|word|user|"
    r"seat|head|person|visit|lesson|session|class|item|unit|bottle|pound|lb|kg|gram|mile|km)\b)",
    re.I,
)
_INFER_NUM_RE = re.compile(rf"(?<![\w$€£.,/:%-])(?P<n>{DIGNUM}|{WORDNUM})(?![\w%$€£]|[.,]\d)", re.I)


def _sentence_bounds(text: str, s: int, e: int, reach: int = 250) -> tuple[int, int]:
    """The sentence around [s, e), at most ``reach`` characters either side (linear time)."""
    lo, hi = max(0, s - reach), min(len(text), e + reach)
    cut = max(lo - 1, *(text.rfind(c, lo, s) for c in ".!?")) + 1
    ends = [i for i in (text.find(c, e, hi) for c in ".!?") if i >= 0]
    return cut, min(ends) if ends else hi


def _price_frame(text: str, s: int, e: int, value: float, *, strong: bool) -> bool:
    """Whether a bare number at [s, e) is said as a price (see :func:`_inferred_money`)."""
    a, b = _sentence_bounds(text, s, e)
    before = text[max(a, s - 40):s]
    initial = bool(_FILLER_ONLY_RE.fullmatch(text[a:s]))
    frame = _PRICE_FRAME_RE.search(before)
    if strong:
        return bool(frame or initial)
    if frame and re.match(r"(?:for|at)\b", frame.group(0), re.I) and value < 10:
        return False  # "a table for two", "at five"
    if value >= 100 and re.search(r"\bstart(?:s|ing)?\s+(?:at|from)\s+(?:(?:about|around|just|only)\s+)?$", before, re.I):
        return True  # "Ghostwriting starts at eighteen thousand": a starting price, price word or not
    return bool(frame) and bool(_PRICE_WORDS_RE.search(text[a:b]))


def _inferred_money(text: str, m: re.Match[str]) -> Slot | None:
    """A bare number said as a price, with no currency word: "Twelve thousand five hundred for
    full-time.", "The queen hybrid is ten ninety-five.", "the plan is twenty-nine". Needs a
    price-like frame: a spoken two-group price ("ten ninety-five") after "is/costs/for/at..."
    or opening the sentence; a number after "is/costs/it's/for/at/runs" in a sentence with a
    price word; or a sentence opening with an amount of 100+ followed by "for/flat/each/total"
    (or ending the sentence, for 1,000+). A number followed by a noun ("twenty participants",
    "a hundred nights") is never a price."""
    s, e = m.start("n"), m.end("n")
    follow = text[e:e + 30]
    if not _INFER_FOLLOW_RE.match(follow):
        return None
    value, alts = _spoken_money(m.group("n"), one_off=True)
    if value is None or value <= 0:
        return None
    a, b = _sentence_bounds(text, s, e)
    sentence = text[a:b]
    price_words = bool(_PRICE_WORDS_RE.search(sentence))
    if not price_words and re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
        return None  # "It's 2024."
    if alts:  # a spoken two-group price: not a time ("at ten thirty") or a year ("in twenty twenty")
        detail: dict[str, Any] = {}
        _parse_words(m.group("n").lower(), detail)
        x, y = detail["pair"]
        if not price_words and ((x <= 12 and y in (15, 30, 45)) or x in (19, 20)):
            return None
    ok = _price_frame(text, s, e, value, strong=bool(alts))
    if not ok and _FILLER_ONLY_RE.fullmatch(text[a:s]):
        rest = text[e:b].strip(" ,")
        if re.match(r"(?:flat|apiece|all[\s-]in|a\s+pop)\b", rest, re.I):
            ok = True  # "Eighty-nine flat for federal"
        elif value >= 100 and re.match(r"(?:for|each|total|up\s*front|upfront|plus)\b", rest, re.I):
            ok = True  # "Twelve thousand five hundred for full-time."
        elif value >= 100 and not rest and (value >= 1000 or price_words):
            ok = True
    if not ok:
        return None
    attrs: dict[str, Any] = {"currency_assumed": True, "inferred_currency": True}
    if alts:
        attrs["alt_values"] = alts
    if obj := _price_object(text, s, e):
        attrs["object"] = obj
    return Slot(SlotKind.MONEY, text[s:e], s, e, value=value, unit=None, period=None,
                qualifier=_qualifier(text, s, e), attrs=attrs)


# --------------------------------------------------------------------------------------------
# extract_slots
# --------------------------------------------------------------------------------------------

def extract_slots(text: str) -> tuple[Slot, ...]:
    """All slots in ``text``, in text order; offsets are into ``text``."""
    if not text:
        return ()
    mask = _Mask()
    out: list[Slot] = []

    def add(slot: Slot | None) -> None:
        if slot is not None and mask.free(slot.start, slot.end):
            mask.take(slot.start, slot.end)
            out.append(slot)

    # 1. conditions
    for key, rx in _COND_PATTERNS:
        for m in _scan(key, rx, text):
            if mask.free(m.start(), m.end()):
                add(_condition_slot(key, m, text))
    # "$10/month for 3 months" -> intro period right after a price
    for m in _scan("for_months", _FOR_MONTHS_RE, text):
        if mask.free(m.start(), m.end()) and re.search(rf"(?:{_SYM}\s?\d|\d\s?(?:{_CURWORD})|free|\d\s*%)[^.;]{{0,25}}$", text[max(0, m.start() - 40):m.start()], re.I):
            n = parse_number(m.group("n")) or 1.0
            add(Slot(SlotKind.CONDITION, m.group(0), m.start(), m.end(), value=_unit_to_days(n, m.group("u")),
                     unit="days", attrs={"condition": "intro_period"}))

    # 2. schedules
    for m in _scan("schedule", _SCHED_RE, text):
        if mask.free(m.start(), m.end()):
            add(_schedule_slot(m, text))

    # 3. money
    for m in _scan("money", _A_DOLLAR_RE, text):
        if mask.free(m.start(), m.end()):
            cents = _SPOKEN_CENTS_RE.match(text, m.end())
            c = parse_number(cents.group("c")) if cents else None
            end = cents.end() if c is not None and 0 < c < 100 and c == int(c) else m.end()
            e2, period, per = _extend_money(text, end)
            attrs = {"per": per} if per else {}
            add(Slot(SlotKind.MONEY, text[m.start():e2], m.start(), e2, value=1.0 + (c / 100 if end != m.end() else 0.0),
                     unit="USD", period=period, qualifier=_qualifier(text, m.start(), e2), attrs=attrs))
    for m in _scan("money", _MONEY_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e):
            continue
        value, cur, _ = _money_value(m)
        if value is None:
            continue
        cents = _SPOKEN_CENTS_RE.match(text, e) if cur == "USD" and value == int(value) and value < 1000 else None
        if cents and (c := parse_number(cents.group("c"))) is not None and 0 < c < 100 and c == int(c):
            value, e = value + c / 100, cents.end()  # "a buck ninety-five", "two dollars and fifty cents"
        e2, period, per = _extend_money(text, e)
        q = _qualifier(text, s, e2)
        plus, e3 = _qualifier_after_span(text, e2)
        if plus:
            q = "min"
        attrs: dict[str, Any] = {}
        if per:
            attrs["per"] = per
        subj = _subject(text, s, e3, ("discount", "delivery", "setup", "support", "trial", "onboarding", "cancellation", "returns"))
        if subj:
            attrs["subject"] = subj
        if value == 0:
            attrs["free"] = True
        elif obj := _price_object(text, s, e3):
            attrs["object"] = obj
        add(Slot(SlotKind.MONEY, text[s:e3], s, e3, value=value, unit=cur, period=period, qualifier=q, attrs=attrs))

    # 3a. bare amounts with a price period: "forty-nine a month", "49 per user per month"
    for m in _scan("bare_price", _BARE_PRICE_RE, text):
        s, e = m.start("n"), m.end("n")
        if not mask.free(s, m.end()):
            continue
        e2, period, per = _extend_money(text, e)
        value, alts = _spoken_money(m.group("n"), one_off=period is None and per is None)
        if value is None:
            continue
        if period is None and not (
            per in ("hour", "night") or (per and _price_frame(text, s, e, value, strong=bool(alts)))
        ):
            continue  # "two per user" is a count; "thirteen an hour", "is thirty-nine a seat" are prices
        attrs = {"currency_assumed": True, "inferred_currency": True}
        if per:
            attrs["per"] = per
        if alts:
            attrs["alt_values"] = alts
        if obj := _price_object(text, s, e2):
            attrs["object"] = obj
        add(Slot(SlotKind.MONEY, text[s:e2], s, e2, value=value, unit=None, period=period,
                 qualifier=_qualifier(text, s, e2), attrs=attrs))
    for m in _scan("half", _HALF_RE, text):
        if mask.free(m.start(), m.end()) and not m.group(0).startswith("50/"):
            add(Slot(SlotKind.PERCENT, m.group(0), m.start(), m.end(), value=50.0, unit="%",
                     attrs={"subject": "discount"}))

    # 3b. free offers
    for m in _scan("free", _FREE_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e):
            continue
        word = m.group(0).lower()
        if word == "free":
            # "feel free", "risk-free", "free to cancel", "free up time" are not offers
            if _FREE_EXCLUDE_BEFORE.search(text[max(0, s - 12):s]) or _FREE_EXCLUDE_AFTER.search(text[e:e + 12]):
                continue
        attrs = {"free": True}
        subj = _free_subject(text, s, e)
        if subj:
            attrs["subject"] = subj
        elif word == "free":
            obj = _free_object(text, s, e)
            if obj:
                attrs["object"] = obj
        elif (fee := _NO_FEE_OBJECT.search(word)) and (obj := _noun_key(fee.group(1))):
            attrs["object"] = obj  # "no initiation fee" is about the initiation fee
        if _FREE_CONDITIONAL_AFTER.match(text[e:e + 40]):
            attrs["conditional"] = True  # "it's free once you order four or more meals"
        add(Slot(SlotKind.MONEY, m.group(0), s, e, value=0.0, unit="USD", period=None, qualifier="exact", attrs=attrs))

    # 4. percent
    for m in _scan("percent", _PERCENT_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e):
            continue
        v = parse_number(m.group("n"))
        if v is None:
            continue
        attrs = {}
        subj = _subject(text, s, e, ("discount", "uptime", "refund"))
        if subj:
            attrs["subject"] = subj
        add(Slot(SlotKind.PERCENT, m.group(0), s, e, value=v, unit="%", qualifier=_qualifier(text, s, e), attrs=attrs))

    # 5. durations
    dur_subjects = ("guarantee", "trial", "refund", "returns", "warranty", "delivery", "notice", "cancellation", "support", "setup")
    for m in _scan("dur_special", _DUR_SPECIAL_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e):
            continue
        w = re.sub(r"[\s-]+", "-", re.sub(r"(?:business|working)[\s-]+", "", m.group("w").lower()))
        value = {"next-day": 1.0, "same-day": 0.0, "overnight": 1.0, "lifetime": math.inf, "two-day": 2.0}[w]
        attrs = {"unlimited": True} if math.isinf(value) else {}
        subj = _subject(text, s, e, dur_subjects)
        if subj:
            attrs["subject"] = subj
        elif w in ("next-day", "same-day", "overnight", "two-day"):
            attrs["subject"] = "delivery"
        add(Slot(SlotKind.DURATION, m.group(0), s, e, value=value, unit="days", qualifier="exact", attrs=attrs))
    for m in _scan("duration", _DUR_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e) or re.match(r"[-\s]old\b", text[e:e + 5], re.I):
            continue  # taken, or an age ("your eleven-year-old")
        gd = m.groupdict()
        unit = gd["u"]
        if gd.get("b1"):
            lo, hi = parse_number(gd["b1"]), parse_number(gd["b2"])
        else:
            nraw = gd["n"].lower()
            if nraw in ("a", "an") or nraw.endswith("single"):
                if re.search(r"\b(?:once|twice|times|per)\s*$", text[max(0, s - 8):s], re.I):
                    continue
                if nraw in ("a", "an") and _FREQ_BEFORE_RE.search(text[max(0, s - 60):s]):
                    continue  # "ten jobs a week", "API calls a day": a rate's period, not a duration
                lo = 1.0
            elif nraw.startswith("half"):
                lo = 0.5
            else:
                lo = parse_number(gd["n"])
            hi = parse_number(gd["n2"]) if gd.get("n2") else None
        if lo is None:
            continue
        attrs = {}
        if gd.get("bus") and gd["bus"].lower() in ("business", "working"):
            attrs["business_days"] = True
        if hi is not None:
            dlo, dhi = _unit_to_days(lo, unit), _unit_to_days(hi, unit)
            attrs["min"], attrs["max"] = _round(dlo), _round(dhi)
            value = dhi
        else:
            value = _unit_to_days(lo, unit)
        subj = _subject(text, s, e, dur_subjects)
        if subj:
            attrs["subject"] = subj
        q = _qualifier(text, s, e)
        if q == "max" and subj not in ("delivery", "support", "setup", "notice") and not _WAIT_RE.search(text):
            attrs["allowance"] = True  # "lasts up to 30 hours", "returns within 60 days": the most you get
        add(Slot(SlotKind.DURATION, m.group(0), s, e, value=_round(value), unit="days",
                 qualifier=q, attrs=attrs))

    # 6. quantities
    for m in _scan("unlimited", _UNLIMITED_RE, text):
        s, e = m.start(), m.end()
        if mask.free(s, e):
            add(Slot(SlotKind.QUANTITY, m.group(0), s, e, value=math.inf, unit=_unit_key(m.group("u")),
                     qualifier="exact", attrs={"unlimited": True}))
    for m in _scan("mult", _MULT_RE, text):
        s, e = m.start(), m.end()
        if not mask.free(s, e):
            continue
        gd = m.groupdict()
        if gd.get("n"):
            v = parse_number(gd["n"])
        elif gd.get("w"):
            v = {"twice": 2.0, "double": 2.0, "triple": 3.0, "half": 0.5}[gd["w"].lower()]
        else:
            v = parse_number(gd["nt"])
        if v is None:
            continue
        add(Slot(SlotKind.QUANTITY, m.group(0).strip(), s, s + len(m.group(0).rstrip()), value=v, unit="x",
                 qualifier=_qualifier(text, s, e), attrs={"multiplier": True}))
    for rx in (_QTY_RE, _QTY_GENERIC_RE):
        for m in _scan("number", rx, text):
            s, e = m.start(), m.end()
            if not mask.free(s, e):
                continue
            u = m.group("u")
            if rx is _QTY_GENERIC_RE and (u.lower() in _QTY_GENERIC_STOP or u.lower().endswith("ss")):
                continue
            v = parse_number(m.group("n"))
            if v is None:
                continue
            unit = _unit_key(u)
            if unit in ("tb", "terabyte"):
                v, unit = v * 1000, "gb"
            elif unit in ("mb",):
                v, unit = v / 1000, "gb"
            elif unit == "gigabyte":
                unit = "gb"
            q = "min" if m.group("plus") else _qualifier(text, s, e)
            qattrs: dict[str, Any] = {}
            if q == "exact" and _CAPACITY_BEFORE_RE.search(text[max(0, s - 30):s]):
                qattrs["capacity"] = True  # "Solo includes 20 invoices": a plan's allowance
            add(Slot(SlotKind.QUANTITY, m.group(0), s, e, value=v, unit=unit, qualifier=q, attrs=qattrs))

    # 7. bare numbers said as prices (lowest priority: anything else claims a number first)
    for m in _scan("number", _INFER_NUM_RE, text):
        if mask.free(m.start("n"), m.end("n")):
            add(_inferred_money(text, m))

    out.sort(key=lambda sl: (sl.start, sl.end))
    out = _period_from_billing([_mark_inclusive(sl, text) for sl in out], text)
    return tuple(_mark_negated(_merge_schedules(out, text), text))


def _period_from_billing(slots: list[Slot], text: str) -> list[Slot]:
    """"$144 billed yearly", "$120, billed monthly": a price right before its billing cycle is a
    price for that period ($144/year = $12/month)."""
    out = list(slots)
    monthly = [sl.value for sl in slots if sl.kind is SlotKind.MONEY and sl.period == "month" and sl.value]
    for i, sl in enumerate(out[:-1]):
        nxt = out[i + 1]
        if (sl.kind is SlotKind.MONEY and sl.period is None and sl.value and nxt.kind is SlotKind.CONDITION
                and str(nxt.attrs.get("condition", "")) in ("billing:annual", "billing:monthly")
                and re.fullmatch(r"[\s,]*", text[sl.end:nxt.start])):
            period = "year" if nxt.attrs["condition"] == "billing:annual" else "month"
            if period == "year" and monthly and sl.value <= 2 * max(monthly):
                # "$10 per user per month billed monthly, or $8 billed annually": beside a monthly
                # price, an amount of that size is the monthly rate on the annual plan
                period = "month"
            out[i] = dataclasses.replace(sl, period=period)
    return out


_INCLUSIVE_AFTER = re.compile(
    r"^[^.;!?]{0,30}?\b(?:(?:and\s+)?(?:that|which|it|this)\s+(?:includes|covers|comes\s+with)|including|all[- ]in(?:clusive)?|"
    r"everything\s+included)\b", re.I)


def _mark_inclusive(slot: Slot, text: str) -> Slot:
    """A price said to include things ("$650, and that includes the captain and fuel") is an
    all-in total: ``attrs["inclusive"]``. It does not price any one of the things included."""
    if slot.kind is SlotKind.MONEY and slot.value and _INCLUSIVE_AFTER.match(text[slot.end:slot.end + 80]):
        return dataclasses.replace(slot, attrs={**slot.attrs, "inclusive": True})
    return slot


_NEG_GAP_STOP = re.compile(r"[.;!?,:]|\bbut\b|\bhowever\b", re.I)
_CONDITIONAL_BEFORE = re.compile(r"\b(?:if|unless|when|whether|once)\b[^.;!?,]*$", re.I)


_SELF_DENIAL = re.compile(r"(?:no|zero|never|don['’]?t|do\s+not|won['’]?t|will\s+not|doesn['’]?t|does\s+not)\b", re.I)


def _mark_negated(slots: list[Slot], text: str) -> list[Slot]:
    """Set ``attrs["negated"]`` on a slot denied by a cue at most three words before it in
    the same clause: "shipping isn't free", "we don't offer a 14-day trial", "not $49",
    "without a 12-month commitment". Cues inside the slot ("no extra cost") do not count;
    neither do conditionals ("if you don't renew within 30 days")."""
    if not slots:
        return slots
    cues = [c for c in negation_cues(text) if c.cue.lower() != "no longer"]
    if not cues:
        return slots
    out = []
    for sl in slots:
        negated = False
        if sl.kind is SlotKind.MONEY and sl.value == 0 and _SELF_DENIAL.match(sl.text):
            out.append(sl)  # "no minimum order and no delivery fee": a list of denials, not a denied one
            continue
        for c in cues:
            if c.end > sl.start or c.start >= sl.start:
                continue
            gap = text[c.end:sl.start]
            if _NEG_GAP_STOP.search(gap) or len(gap.split()) > 3:
                continue
            if _CONDITIONAL_BEFORE.search(text[max(0, c.start - 40):c.start]):
                continue
            negated = True
        if negated:
            sl = dataclasses.replace(sl, attrs={**sl.attrs, "negated": True})
        out.append(sl)
    return out


def _merge_schedules(slots: list[Slot], text: str) -> list[Slot]:
    """Join "between 9 and 5" + "on weekdays" (hours-only then days-only, or the reverse; "every
    day of the week, eight in the morning until eight at night")."""
    merged: list[Slot] = []
    for sl in slots:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind is SlotKind.SCHEDULE
            and sl.kind is SlotKind.SCHEDULE
            and prev.value is None
            and sl.value is None
            and re.fullmatch(r"[\s,]*(?:of\s+the\s+week|a\s+week)?[\s,]*(?:on|from|between|during|,|and|every)?[\s,]*",
                             text[prev.end:sl.start], re.I)
        ):
            days = prev.attrs.get("days", sl.attrs.get("days"))
            hours = prev.attrs.get("hours_per_day", sl.attrs.get("hours_per_day"))
            if ("days" in prev.attrs) != ("days" in sl.attrs) and days is not None and hours is not None:
                attrs = {**prev.attrs, **sl.attrs}
                merged[-1] = Slot(SlotKind.SCHEDULE, text[prev.start:sl.end], prev.start, sl.end,
                                  value=float(days) * float(hours), unit="hours/week", attrs=attrs)
                continue
        merged.append(sl)
    return merged


def _round(v: float) -> float:
    if math.isinf(v):
        return v
    r = round(v, 4)
    return float(int(r)) if r == int(r) else r


# --------------------------------------------------------------------------------------------
# Negation
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NegationCue:
    """One negation word. ``kind`` is ``"negation"`` (a denial: "not included", "no longer")
    or ``"promise"`` (a negated cost/commitment: "no contract", "no extra cost", "we don't
    charge"); ``about`` names the cost/commitment word for promises; ``scope`` is the text
    the cue governs (up to the next clause break, at most six words)."""

    cue: str
    start: int
    end: int
    kind: str
    scope: str
    about: str | None = None


_NEG_RE = re.compile(
    r"\b(?:no\s+longer|not|no|never|none|neither|nor|nothing|nobody|nowhere|without|cannot|"
    r"(?:do|does|did|is|are|was|were|ca|can|could|wo|would|should|have|has|had|must|need|ai)n['’]?t|"
    r"isnt|arent|dont|doesnt|didnt|cant|wont|wasnt|werent|havent|hasnt)\b",
    re.I,
)
_NOT_NEG_AFTER = re.compile(
    r"^\s+(?:only|just|to\s+mention|matter|problem|worries|doubt|question|wonder|surprise|exception|"
    r"sooner|later\s+than|less\s+than|fewer\s+than|more\s+than)\b", re.I)
_PROMISE_WORDS = re.compile(
    r"\b(?P<w>charges?|charged|charging|costs?|fees?|contracts?|commitments?|committed|obligations?|obligated|"
    r"credit\s+cards?|card\s+required|strings|questions\s+asked|hidden|lock-?in|locked\s+in|"
    r"minimums?|setup|set-up|risk|catch|expire|expires|penalt(?:y|ies)|surcharges?|markups?|"
    r"long-term|tie\s+you|tied|sign\s+a|pay|paying|payment)\b",
    re.I,
)


def negation_cues(text: str) -> list[NegationCue]:
    """Every negation cue in ``text`` with whether it is a denial or a cost/commitment promise."""
    cues: list[NegationCue] = []
    for m in _NEG_RE.finditer(text):
        s, e = m.start(), m.end()
        if _NOT_NEG_AFTER.match(text[e:e + 25]):
            continue
        cue = m.group(0)
        rest = text[e:e + 80]
        stop = re.search(r"[.;:!?,]|\s+(?:but|and|or|so|because|although|though|however)\s", rest)
        scope_text = rest[: stop.start()] if stop else rest
        scope_words = scope_text.split()[:6]
        scope = " ".join(scope_words)
        kind = "negation"
        about = None
        if cue.lower() != "no longer":
            pm = _PROMISE_WORDS.search(scope)
            # "isn't free" / "not included" stay denials; "no charge", "don't charge" are promises.
            if pm and not re.search(r"\b(?:free|included|available|covered|refundable)\b", scope[: pm.start()], re.I):
                kind = "promise"
                about = re.sub(r"\s+", " ", pm.group("w").lower())
        cues.append(NegationCue(cue=cue, start=s, end=e, kind=kind, scope=scope, about=about))
    return cues


def has_negation(text: str, *, include_promises: bool = False) -> bool:
    """True when ``text`` denies something ("not included", "we no longer offer").
    Cost/commitment promises ("no contract", "at no extra cost") do not count unless
    ``include_promises``."""
    return any(include_promises or c.kind == "negation" for c in negation_cues(text))


# --------------------------------------------------------------------------------------------
# compare_slots
# --------------------------------------------------------------------------------------------

_QWORD = {"min": "at least ", "max": "up to ", "approx": "about ", "exact": ""}


def _show(slot: Slot) -> str:
    """Display with qualifier: "up to 20%", "free", "$49/month per seat", "orders over $50",
    "not free"."""
    if slot.attrs.get("negated"):
        return "not " + _show(dataclasses.replace(slot, attrs={k: v for k, v in slot.attrs.items() if k != "negated"}))
    if slot.kind is SlotKind.CONDITION:
        return slot.text.strip()
    if slot.kind is SlotKind.MONEY and slot.value == 0:
        return "free" if slot.attrs.get("free") or slot.value == 0 else slot.display()
    if slot.kind is SlotKind.SCHEDULE:
        if slot.value is not None:
            return f"{slot.text.strip()} ({slot.value:g} h/week)"
        return slot.text.strip()
    if slot.kind is SlotKind.DURATION and slot.value is not None:
        base = "unlimited" if math.isinf(slot.value) else f"{_fmt(slot.value)} day" + ("" if slot.value == 1 else "s")
        if slot.attrs.get("min") is not None and slot.attrs.get("max") is not None:
            base = f"{_fmt(slot.attrs['min'])}-{_fmt(slot.attrs['max'])} days"
        raw = slot.text.strip()
        if raw.lower().replace("-", " ") != base.replace("-", " "):
            base = f"{raw} ({base})"
    elif slot.kind is SlotKind.QUANTITY:
        base = slot.text.strip()
    elif slot.kind is SlotKind.MONEY and slot.value is not None:
        base = slot.display()
        if slot.attrs.get("per"):
            base += f" per {slot.attrs['per']}"
    else:
        base = slot.display()
    return _QWORD.get(slot.qualifier, "") + base


def _interval(v: float, q: str) -> tuple[float, float]:
    if q == "min":
        return v, math.inf
    if q == "max":
        return -math.inf, v
    if q == "approx":
        return v * 0.9, v * 1.1
    return v, v


def _intervals_meet(a: float, qa: str, b: float, qb: str, rel: float, abs_tol: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        if math.isinf(a) and math.isinf(b):
            return True
        fin = b if math.isinf(a) else a
        q_fin = qb if math.isinf(a) else qa
        return q_fin == "min" and not math.isinf(fin)
    lo1, hi1 = _interval(a, qa)
    lo2, hi2 = _interval(b, qb)
    tol = abs_tol + rel * max(abs(a), abs(b))
    return max(lo1, lo2) <= min(hi1, hi2) + tol


def _distance(a: float, b: float) -> float:
    if math.isinf(a) and math.isinf(b):
        return 0.0
    if math.isinf(a) or math.isinf(b):
        return 1e6
    return abs(a - b) / max(abs(a), abs(b), 1e-9)


# subjects that name the same window: "a 60-day money-back guarantee" is "thirty days to return it
# for a full refund" said otherwise
_SAME_SUBJECT = {"returns": "refund"}


def _compat_subjects(c: Slot, r: Slot) -> bool:
    a, b = c.attrs.get("subject"), r.attrs.get("subject")
    return a is None or b is None or _SAME_SUBJECT.get(a, a) == _SAME_SUBJECT.get(b, b)


def _bounds(c: Slot, r: Slot) -> tuple[str, str]:
    """Qualifiers to compare two values with. Two bounds in the same direction are the same kind
    of statement and must agree as numbers: copy "from $11 an hour" vs rep "rates start at $13"
    are two different starting prices, "within 30 days" vs "up to 60 days" two different windows.
    For a count (participants, miles, GB, invoices), copy "up to 300" claims a capacity of 300:
    a rep cap ("caps at 100", "the max range is 40 miles") or allowance ("includes 20
    invoices") must be that capacity, not merely fit under it."""
    qc, qr = c.qualifier, r.qualifier
    if qc == qr and qc in ("min", "max"):
        return "exact", "exact"
    if (
        c.kind is SlotKind.QUANTITY
        and qc == "max"
        and qr == "exact"
        and r.attrs.get("capacity")
        and not c.attrs.get("multiplier")
    ):
        return "exact", "exact"
    if c.kind is SlotKind.DURATION and qc == "max" and qr in ("exact", "approx") and c.attrs.get("allowance"):
        # copy "battery lasts up to 30 hours" promises 30 hours: the rep's "about twenty" is less
        return "exact", qr
    return qc, qr


def _same_stem(a: str | None, b: str | None) -> bool:
    """"consultation" / "consult", "deliveries" / "delivery": one word the start of the other."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))


def _free_aligns(c: Slot, r: Slot) -> bool:
    """A free ($0) slot against a price: only when both can be about the same thing.

    A rep "free" about a thing of its own ("two free sessions", "a test ride, it's free") is
    not about a price unless the price is for that thing (per session, "sessions are $40"). A
    bare "free" is not about a price per serving unless both name the same subject (shipping,
    setup ...). A copy "free parking" is not about a rep price for something else ("rooms are
    $249"), but is about one for parking or for nothing named ("it's fifteen a night")."""
    if (c.value == 0) == (r.value == 0):
        return True
    free, paid = (c, r) if c.value == 0 else (r, c)
    if paid.attrs.get("inclusive"):
        return False  # an all-in total that includes the free thing
    if paid.qualifier == "min":
        # "shipping's on us, you're well over seventy-five dollars": a threshold the customer
        # passes, not a price charged for the free thing
        return False
    obj = free.attrs.get("object")
    per, pobj, psubj = _unit_key(paid.attrs.get("per")), paid.attrs.get("object"), paid.attrs.get("subject")
    if obj:
        if obj in (per, pobj, psubj) or _unit_key(obj) in (per, _unit_key(pobj)) or _same_stem(obj, pobj):
            return True
        if free is r:
            return False
        return pobj is None
    if per:
        return bool(free.attrs.get("subject")) and free.attrs.get("subject") == psubj
    return True


def _pair(c: Slot, r: Slot) -> tuple[bool, float, str, Slot, Slot] | None:
    """(compatible, distance, explanation, copy slot, rep slot) for an alignable pair, None if
    not alignable. The slots returned carry the reading used (see ``alt_values``)."""
    if c.kind is SlotKind.MONEY and (c.attrs.get("alt_values") or r.attrs.get("alt_values")):
        # a spoken "ten ninety-five" is $10.95 or $1,095: take the reading that fits best
        best: tuple[bool, float, str, Slot, Slot] | None = None
        for cv in (c.value, *c.attrs.get("alt_values", ())):
            for rv in (r.value, *r.attrs.get("alt_values", ())):
                c2 = c if cv == c.value else dataclasses.replace(c, value=cv)
                r2 = r if rv == r.value else dataclasses.replace(r, value=rv)
                res = _pair_one(c2, r2)
                if res is not None and (best is None or (not res[0], res[1]) < (not best[0], best[1])):
                    best = (*res, c2, r2)
        return best
    res = _pair_one(c, r)
    return None if res is None else (*res, c, r)


# Durations this far apart measure different things: "a 60-minute first visit" vs "a race in three
# and a half weeks", "same-day service" vs "a two-year warranty", "quotes within 48 hours" vs "in
# business for five years". On the dev split, 14 of the 15 duration clashes over 40x that decided a
# contradiction were wrong. The judge still reads such a pair; only the slot rule stays out of it.
DURATION_SCALES_APART = 40.0


def _scales_apart(a: float, b: float) -> bool:
    # "same day" is 0 days: count it as half a day, so "same-day" vs "3 days" still clashes
    a, b = abs(a) or 0.5, abs(b) or 0.5
    return max(a, b) / min(a, b) > DURATION_SCALES_APART


def _pair_one(c: Slot, r: Slot) -> tuple[bool, float, str] | None:
    """(compatible, distance, explanation) for an alignable pair, None if not alignable."""
    kind = c.kind
    if kind is SlotKind.MONEY:
        if c.unit and r.unit and c.unit != r.unit and not (c.value == 0 and r.value == 0):
            return None
        if not _compat_subjects(c, r):
            return None
        pc, pr = c.attrs.get("per"), r.attrs.get("per")
        if pc and pr and _unit_key(pc) != _unit_key(pr):
            return None
        if c.value is None or r.value is None:
            return None
        if not _free_aligns(c, r):
            return None
        rv = r.value
        note = ""
        if c.period and r.period and c.period != r.period:
            if c.period not in _PER_MONTH or r.period not in _PER_MONTH:
                return None
            rv = r.value * _PER_MONTH[r.period] / _PER_MONTH[c.period]
            conv = Slot(SlotKind.MONEY, "", 0, 0, value=round(rv, 2), unit=r.unit, period=c.period)
            note = f" (= {conv.display()})"
        elif bool(c.period) != bool(r.period) and c.value != 0 and r.value != 0:
            note = " (period not stated on one side)"
        qc, qr = _bounds(c, r)
        # a cent of slack for rounding, but not between per-minute rates of a cent or two, and
        # free is never "about" a price
        ok = _intervals_meet(c.value, qc, rv, qr, 0.01, 0.011 if max(abs(c.value), abs(rv)) >= 1 else 0.0005)
        if (c.value == 0) != (rv == 0) and qc != "max" and qr != "max":
            ok = False
        return ok, _distance(c.value, rv), f"copy: {_show(c)}; rep: {_show(r)}{note}"
    if kind in (SlotKind.PERCENT, SlotKind.DURATION):
        if not _compat_subjects(c, r) or c.value is None or r.value is None:
            return None
        if kind is SlotKind.DURATION and _scales_apart(c.value, r.value):
            return None
        rel = 0.01 if kind is SlotKind.PERCENT else 0.07
        # an hour's slack (0.05 days) between day-scale durations, none between minutes ("10
        # minutes" vs "five minutes", "90-minute" vs "an hour")
        abs_tol = 0.01 if kind is SlotKind.PERCENT else (0.05 if max(c.value, r.value) >= 1 else 0.0)
        qc, qr = _bounds(c, r)
        ok = _intervals_meet(c.value, qc, r.value, qr, rel, abs_tol)
        if not ok and bool(c.attrs.get("business_days")) != bool(r.attrs.get("business_days")):
            # "10 business days" is two calendar weeks: either reading may be meant
            cv, rv = (c.value * 7 / 5, r.value) if c.attrs.get("business_days") else (c.value, r.value * 7 / 5)
            ok = _intervals_meet(cv, qc, rv, qr, rel, abs_tol)
        return ok, _distance(c.value, r.value), f"copy: {_show(c)}; rep: {_show(r)}"
    if kind is SlotKind.QUANTITY:
        if _unit_key(c.unit) != _unit_key(r.unit) or c.value is None or r.value is None:
            return None
        qc, qr = _bounds(c, r)
        ok = _intervals_meet(c.value, qc, r.value, qr, 0.001, 0.0)
        return ok, _distance(c.value, r.value), f"copy: {_show(c)}; rep: {_show(r)}"
    if kind is SlotKind.SCHEDULE:
        if c.value is not None and r.value is not None:
            ok = _intervals_meet(c.value, "exact", r.value, "exact", 0.0, 1.0)
            if c.qualifier == "approx" or r.qualifier == "approx":
                ok = ok or _intervals_meet(c.value, "approx", r.value, "approx", 0.0, 1.0)
            return ok, _distance(c.value, r.value), f"copy: {_show(c)}; rep: {_show(r)}"
        dc, dr = c.attrs.get("days"), r.attrs.get("days")
        if dc is not None and dr is not None:
            return dc == dr, _distance(float(dc), float(dr)), f"copy: {_show(c)} ({dc} days/week); rep: {_show(r)} ({dr} days/week)"
        hc, hr = c.attrs.get("hours_per_day"), r.attrs.get("hours_per_day")
        if hc is not None and hr is not None:
            return abs(hc - hr) < 0.5, _distance(hc, hr), f"copy: {_show(c)}; rep: {_show(r)}"
        return None
    if kind is SlotKind.CONDITION:
        kc, kr = c.attrs.get("condition", ""), r.attrs.get("condition", "")
        if kc.split(":")[0] != kr.split(":")[0]:
            return None
        if kc != kr:
            return False, 1.0, f"copy: {_show(c)}; rep: {_show(r)}"
        if kc == "promo_code" and c.attrs.get("code") != r.attrs.get("code"):
            return False, 1.0, f"copy: {_show(c)}; rep: {_show(r)}"
        if c.value is not None and r.value is not None:
            rel = 0.07 if c.unit == "days" else 0.001
            ok = abs(c.value - r.value) <= rel * max(abs(c.value), abs(r.value)) + 1e-9
            ok = ok and c.qualifier == r.qualifier
            return ok, _distance(c.value, r.value), f"copy: {_show(c)}; rep: {_show(r)}"
        return True, 0.0, f"copy: {_show(c)}; rep: {_show(r)}"
    return None  # pragma: no cover


def _conditional_free(copy_slots: Sequence[Slot], rep_slots: Sequence[Slot]) -> list[tuple[int, int, int]]:
    """(copy free, rep price, rep free) triples where the copy promises something free with no
    condition and the rep gives it a price and makes "free" conditional: copy "Free delivery on
    every box" vs rep "Delivery is $6.99 per box, it's free once you order four meals a week"."""
    if any(c.kind is SlotKind.CONDITION for c in copy_slots):
        return []
    rep_cond = any(r.kind is SlotKind.CONDITION and not r.attrs.get("negated") for r in rep_slots)
    out: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for i, c in enumerate(copy_slots):
        if c.kind is not SlotKind.MONEY or c.value != 0 or c.attrs.get("negated") or c.attrs.get("conditional"):
            continue
        frees = [k for k, r in enumerate(rep_slots)
                 if k not in taken and r.kind is SlotKind.MONEY and r.value == 0 and not r.attrs.get("negated")
                 and _compat_subjects(c, r) and (r.attrs.get("conditional") or rep_cond)]
        paid = [j for j, r in enumerate(rep_slots)
                if j not in taken and r.kind is SlotKind.MONEY and r.value and not r.attrs.get("negated")
                and r.attrs.get("subject") not in ("discount",) and _compat_subjects(c, r)
                and not (c.unit and r.unit and c.unit != r.unit)]
        if not frees or not paid:
            continue
        subj = c.attrs.get("subject")
        j = next((j for j in paid if subj and rep_slots[j].attrs.get("subject") == subj), paid[0])
        k = frees[0]
        taken.update((j, k))
        out.append((i, j, k))
    return out


def _intro_periods(copy_slots: Sequence[Slot], rep_slots: Sequence[Slot]) -> list[tuple[int, int]]:
    """(copy intro period, rep duration): "50% off for your first 3 months" against "half price
    for six months", when the rep names no intro period of his own and the copy no duration;
    and the mirror, (copy duration, rep intro period), when both sides price an offer: "Half off
    Pro for 3 months" against "50% off Pro for your first 3 months" is the same offer period, not
    a condition the rep adds."""
    def intro(slots: Sequence[Slot]) -> list[int]:
        return [i for i, s in enumerate(slots)
                if s.kind is SlotKind.CONDITION and s.attrs.get("condition") == "intro_period" and s.value]

    def spans(slots: Sequence[Slot]) -> list[int]:
        return [i for i, s in enumerate(slots) if s.kind is SlotKind.DURATION and s.value and not s.attrs.get("subject")]

    def offer(slots: Sequence[Slot]) -> bool:
        return any(s.kind in (SlotKind.PERCENT, SlotKind.MONEY) for s in slots)

    copy_intro, rep_intro, copy_spans, rep_spans = intro(copy_slots), intro(rep_slots), spans(copy_slots), spans(rep_slots)
    if len(copy_intro) == 1 and len(rep_spans) == 1 and not rep_intro and not any(
            c.kind is SlotKind.DURATION for c in copy_slots):
        return [(copy_intro[0], rep_spans[0])]
    if (len(copy_spans) == 1 and len(rep_intro) == 1 and not copy_intro and offer(copy_slots) and offer(rep_slots)
            and not any(r.kind is SlotKind.DURATION for r in rep_slots)):
        return [(copy_spans[0], rep_intro[0])]
    return []


def _unit_totals(copy_slots: Sequence[Slot], rep_slots: Sequence[Slot]) -> list[tuple[int, int, int]]:
    """(copy price, rep total, rep count) where the rep multiplies the copy's unit price out:
    "3 cents per word" vs "eighty thousand words comes to twenty-four hundred dollars"."""
    out = []
    taken: set[int] = set()
    for i, c in enumerate(copy_slots):
        per = _unit_key(c.attrs.get("per")) if c.kind is SlotKind.MONEY and c.attrs.get("per") else None
        if per is None or not c.value or c.period:
            continue
        counts = [k for k, q in enumerate(rep_slots) if q.kind is SlotKind.QUANTITY and q.value
                  and _unit_key(q.unit) == per and k not in taken]
        for k in counts:
            total = c.value * rep_slots[k].value
            j = next((j for j, r in enumerate(rep_slots) if r.kind is SlotKind.MONEY and r.value and j not in taken
                      and not r.attrs.get("per") and not r.period and abs(r.value - total) <= 0.01 * total), None)
            if j is not None:
                out.append((i, j, k))
                taken.update((j, k))
                break
    return out


def compare_slots(copy_slots: Sequence[Slot], rep_slots: Sequence[Slot]) -> list[SlotDiff]:
    """Align copy slots with rep slots and say which aligned pairs are compatible.

    One diff per aligned pair (one-to-one, compatible pairs preferred, then closest values),
    plus one ``compatible=False`` diff per rep condition whose family the copy lacks
    ("rep adds condition: ..."). See the module docstring for the rules.
    """
    diffs: list[tuple[int, SlotDiff]] = []
    used_c: set[int] = set()
    used_r: set[int] = set()
    for i, j, k in _conditional_free(copy_slots, rep_slots):
        c, r = copy_slots[i], rep_slots[j]
        used_c.add(i)
        used_r.update((j, k))
        diffs.append((i, SlotDiff(kind=c.kind, copy_value=_show(c), rep_value=_show(r), compatible=False,
                                  explanation=f"copy: {_show(c)}; rep: {_show(r)} (free only with a condition)")))
    for i, j in _intro_periods(copy_slots, rep_slots):
        c, r = copy_slots[i], rep_slots[j]
        used_c.add(i)
        used_r.add(j)
        ok = _intervals_meet(c.value, "exact", r.value, r.qualifier or "exact", 0.05, 1.0)
        diffs.append((i, SlotDiff(kind=SlotKind.CONDITION, copy_value=c.text, rep_value=r.text, compatible=ok,
                                  explanation=f"copy: {c.text}; rep: {'for ' if not r.text.lower().startswith('for') else ''}{r.text}")))
    for i, j, k in _unit_totals(copy_slots, rep_slots):
        c, r, q = copy_slots[i], rep_slots[j], rep_slots[k]
        used_c.add(i)
        used_r.update((j, k))
        diffs.append((i, SlotDiff(kind=c.kind, copy_value=_show(c), rep_value=_show(r), compatible=True,
                                  explanation=f"copy: {_show(c)}; rep: {_show(r)} (= {_show(c)} x {_show(q)})")))
    candidates: list[tuple[int, float, int, int, bool, str, Slot, Slot]] = []
    for i, c in enumerate(copy_slots):
        for j, r in enumerate(rep_slots):
            if c.kind is not r.kind or i in used_c or j in used_r:
                continue
            res = _pair(c, r)
            if res is None:
                continue
            ok, dist, expl, c2, r2 = res
            if bool(c.attrs.get("negated")) != bool(r.attrs.get("negated")):
                # one side denies the value: a match is a contradiction, a mismatch agrees
                ok = not ok
            # the same thing priced on both sides ("no initiation fee" / "an initiation fee of
            # $1,000") aligns before closer values about other things
            same_object = bool(c.attrs.get("object")) and c.attrs.get("object") == r.attrs.get("object")
            # a "from" price per foot aligns with the rep's price per foot before a higher total,
            # which any "from" price agrees with ("from $95 per foot" vs "start at $105 per foot,
            # so $5,040 for your boat")
            same_per = c.qualifier == "min" and bool(c.attrs.get("per")) and c.attrs.get("per") == r.attrs.get("per")
            candidates.append((0 if same_per else 1, 0 if ok else 1, 0 if same_object else 1, dist, i, j, ok, expl, c2, r2))
    candidates.sort(key=lambda t: t[:6])
    for _, _, _, _, i, j, ok, expl, c2, r2 in candidates:
        if i in used_c or j in used_r:
            continue
        used_c.add(i)
        used_r.add(j)
        diffs.append((i, SlotDiff(kind=c2.kind, copy_value=_show(c2), rep_value=_show(r2), compatible=ok, explanation=expl)))
    rep_values = [j for j, r in enumerate(rep_slots) if r.kind is not SlotKind.CONDITION]
    copy_kinds = {c.kind for c in copy_slots if c.kind is not SlotKind.CONDITION}
    if rep_values and not any(j in used_r for j in rep_values) and any(rep_slots[j].kind in copy_kinds for j in rep_values):
        # the rep's values are all about other things than the copy's ("every new member gets two
        # free sessions" vs "$29.99 a month"): so is a condition on them
        diffs.sort(key=lambda t: t[0])
        return [d for _, d in diffs]
    copy_families = {str(c.attrs.get("condition", "")).split(":")[0] for c in copy_slots if c.kind is SlotKind.CONDITION}
    for j, r in enumerate(rep_slots):
        if r.kind is not SlotKind.CONDITION or j in used_r or r.attrs.get("negated"):
            continue
        fam = str(r.attrs.get("condition", "")).split(":")[0]
        if fam in copy_families:
            continue
        diffs.append((len(copy_slots) + j, SlotDiff(
            kind=SlotKind.CONDITION, copy_value="none", rep_value=_show(r), compatible=False,
            explanation=f"rep adds condition: {_show(r)}")))
    diffs.sort(key=lambda t: t[0])
    return [d for _, d in diffs]
