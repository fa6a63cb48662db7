"""In-domain training data for the contradiction judge.

Two sources, one row format::

    {"claim": str, "statement": str, "label": "contradicted|consistent|not_mentioned", "tags": [str, ...]}

* :func:`load_handwritten` reads the hand-written corpora in ``corpora/judge/`` (see its README)
  and validates every row.
* :func:`generate_pairs` is a deterministic template generator for extra volume. It only uses
  ``random.Random(seed)``: the same ``n`` and ``seed`` always give the same rows. Labels and claim
  families are balanced (within one row), and every family has many claim and statement templates
  plus shared spoken fillers, e-mail framing and number-word / currency / period variations so a
  model cannot key on one template's wording.

``claim`` is a sentence of marketing copy; ``statement`` is what a sales rep said or wrote.
``consistent`` = the rep confirms or paraphrases the claim; ``contradicted`` = the rep says
something incompatible with it; ``not_mentioned`` = the rep talks about something else, or about
the same topic without settling it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .types import ClaimType, Verdict

__all__ = [
    "CLAIM_TAGS",
    "DATA_DIR",
    "FAMILIES",
    "LABELS",
    "PHENOMENON_TAGS",
    "SPLITS",
    "generate_pairs",
    "load_handwritten",
    "num_words",
    "validate_row",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "corpora" / "judge"
SPLITS = ("train", "val")
LABELS = tuple(v.value for v in Verdict)
CLAIM_TAGS = tuple(t.value for t in ClaimType if t is not ClaimType.OTHER)
PHENOMENON_TAGS = (
    "number_word",
    "conversion",
    "paraphrase",
    "negation",
    "hedge",
    "condition",
    "qualifier",
    "correction",
    "partial_numbers",
    "off_topic",
    "same_number_other_context",
    "email_style",
    "unsettled",
    "question_back",
    "other_entity",
    "other_topic",
    "contrast",
    "long_turn",
)
_ROW_KEYS = frozenset({"claim", "statement", "label", "tags"})


# --------------------------------------------------------------------------------------------
# Loading and validation of the hand-written corpora
# --------------------------------------------------------------------------------------------


def validate_row(row: Any) -> None:
    """Raise ``ValueError`` (without location) if ``row`` is not a valid judge row."""
    if not isinstance(row, dict):
        raise ValueError(f"row must be a JSON object, got {type(row).__name__}")
    missing = _ROW_KEYS - row.keys()
    if missing:
        raise ValueError(f"missing field(s): {', '.join(sorted(missing))}")
    extra = row.keys() - _ROW_KEYS
    if extra:
        raise ValueError(f"unknown field(s): {', '.join(sorted(extra))}")
    for key in ("claim", "statement"):
        if not isinstance(row[key], str) or not row[key].strip():
            raise ValueError(f"{key!r} must be a non-empty string")
    if row["label"] not in LABELS:
        raise ValueError(f"label {row['label']!r} is not one of {', '.join(LABELS)}")
    tags = row["tags"]
    if not isinstance(tags, list) or not tags:
        raise ValueError("'tags' must be a non-empty list of strings")
    if not all(isinstance(t, str) and t.strip() for t in tags):
        raise ValueError("'tags' must contain only non-empty strings")
    if len(set(tags)) != len(tags):
        raise ValueError("'tags' contains duplicates")


def load_handwritten(split: str) -> list[dict]:
    """Rows of ``corpora/judge/handwritten_{split}.jsonl`` (``split`` is ``train`` or ``val``).

    Every row is validated; a bad row raises ``ValueError`` naming the file and line number.
    Blank lines are skipped.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    path = DATA_DIR / f"handwritten_{split}.jsonl"
    rows: list[dict] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            try:
                validate_row(row)
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
            rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# Number words and slot formatting
# --------------------------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def num_words(n: int) -> str:
    """English words for a non-negative integer below one billion (``49`` -> ``forty-nine``)."""
    if n < 0 or n >= 1_000_000_000:
        raise ValueError(f"out of range: {n}")
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {num_words(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        tail = "" if not rest else (f" and {num_words(rest)}" if rest < 100 else f" {num_words(rest)}")
        return f"{num_words(thousands)} thousand{tail}"
    millions, rest = divmod(n, 1_000_000)
    return f"{num_words(millions)} million" + (f" {num_words(rest)}" if rest else "")


def _spoken_amount(amount: float) -> str:
    """How a rep says a price without the currency: 29.99 -> 'twenty-nine ninety-nine'."""
    whole = int(amount)
    cents = round((amount - whole) * 100)
    if not cents:
        if 1000 < whole < 10000 and whole % 100 and whole // 100 % 10:
            # 1299 -> "twelve ninety-nine"
            hi, lo = divmod(whole, 100)
            return f"{num_words(hi)} {num_words(lo) if lo >= 10 else 'oh-' + num_words(lo)}"
        if 100 < whole < 1000 and whole % 100:
            hi, lo = divmod(whole, 100)
            return f"{num_words(hi)} {num_words(lo) if lo >= 10 else 'oh-' + num_words(lo)}"
        return num_words(whole)
    return f"{num_words(whole)} {num_words(cents) if cents >= 10 else 'oh-' + num_words(cents)}"


@dataclass(frozen=True)
class _Cur:
    symbol: str
    code: str
    word: str
    slang: str


_CURRENCIES = (
    _Cur("$", "USD", "dollars", "bucks"),
    _Cur("$", "USD", "dollars", "bucks"),
    _Cur("$", "USD", "dollars", "bucks"),
    _Cur("€", "EUR", "euros", "euros"),
    _Cur("£", "GBP", "pounds", "quid"),
    _Cur("$", "CAD", "dollars", "bucks"),
    _Cur("$", "AUD", "dollars", "bucks"),
)


def _fmt_num(amount: float) -> str:
    if amount == int(amount):
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def _money_written(r: random.Random, amount: float, cur: _Cur) -> str:
    """Money as marketing copy writes it."""
    num = _fmt_num(amount)
    styles = [f"{cur.symbol}{num}", f"{cur.symbol}{num}", f"{num} {cur.code}"]
    if amount == int(amount) and amount < 1000:
        styles.append(f"{cur.symbol}{int(amount)}.00")
    if cur.code in ("CAD", "AUD"):
        styles = [f"{cur.code} {cur.symbol}{num}", f"{cur.symbol}{num} {cur.code}", f"{num} {cur.code}"]
    if cur.code == "EUR":
        styles.append(f"{num.replace('.', ',')} €")
    return r.choice(styles)


def _money_spoken(r: random.Random, amount: float, cur: _Cur) -> tuple[str, list[str]]:
    """Money as a rep says it; returns text and phenomenon tags."""
    options: list[tuple[str, list[str]]] = [
        (
            f"{_spoken_amount(amount)} {cur.word}" if amount == int(amount) else _spoken_amount(amount),
            ["number_word"],
        ),
        (f"{cur.symbol}{_fmt_num(amount)}", []),
        (f"{_fmt_num(amount)} {cur.word}", []),
    ]
    if amount == int(amount):
        options.append((f"{_spoken_amount(amount)} {cur.slang}", ["number_word"]))
    return r.choice(options)


@dataclass(frozen=True)
class _Period:
    key: str
    written: tuple[str, ...]
    spoken: tuple[str, ...]
    per_year: int  # how many per year (0 = one-off)


_PERIODS = {
    "month": _Period(
        "month",
        ("/month", "/mo", " per month", " a month", " monthly"),
        (" a month", " per month", " monthly", " every month"),
        12,
    ),
    "year": _Period(
        "year",
        ("/year", "/yr", " per year", " a year", " annually"),
        (" a year", " per year", " for the year", " annually"),
        1,
    ),
    "week": _Period(
        "week", ("/week", " per week", " a week", "/wk"), (" a week", " per week", " every week"), 52
    ),
    "once": _Period("once", ("", " one-time", " (one-off)"), ("", " one time", " flat"), 0),
}

# duration canonicalised to (value, unit); each entry: spoken equivalents (all consistent)
_DURATION_EQUIV: dict[tuple[int, str], tuple[str, ...]] = {
    (1, "hour"): ("an hour", "sixty minutes", "one hour"),
    (2, "hour"): ("two hours", "a couple of hours", "a hundred and twenty minutes"),
    (4, "hour"): ("four hours", "half a working day"),
    (24, "hour"): ("a day", "twenty-four hours", "one day"),
    (48, "hour"): ("two days", "forty-eight hours", "a couple of days"),
    (72, "hour"): ("three days", "seventy-two hours"),
    (1, "day"): ("a day", "one day", "twenty-four hours"),
    (2, "day"): ("two days", "forty-eight hours", "a couple of days"),
    (3, "day"): ("three days", "seventy-two hours"),
    (5, "day"): ("five days", "a working week"),
    (7, "day"): ("a week", "seven days", "one week"),
    (10, "day"): ("ten days", "a week and a half"),
    (14, "day"): ("two weeks", "fourteen days", "a fortnight", "a couple of weeks"),
    (21, "day"): ("three weeks", "twenty-one days"),
    (30, "day"): ("a month", "thirty days", "a full month"),
    (45, "day"): ("forty-five days", "a month and a half", "six weeks or so"),
    (60, "day"): ("two months", "sixty days"),
    (90, "day"): ("three months", "ninety days", "a quarter"),
    (100, "day"): ("a hundred days", "one hundred days"),
    (120, "day"): ("four months", "a hundred and twenty days"),
    (180, "day"): ("six months", "half a year", "a hundred and eighty days"),
    (365, "day"): ("a year", "a full year", "three hundred sixty-five days"),
    (1, "week"): ("a week", "seven days"),
    (2, "week"): ("two weeks", "fourteen days", "a fortnight"),
    (4, "week"): ("four weeks", "about a month", "twenty-eight days"),
    (6, "week"): ("six weeks", "a month and a half"),
    (3, "month"): ("three months", "a quarter", "ninety days or so"),
    (6, "month"): ("six months", "half a year"),
    (12, "month"): ("a year", "twelve months", "one year", "a full year"),
    (18, "month"): ("eighteen months", "a year and a half"),
    (24, "month"): ("two years", "twenty-four months"),
    (36, "month"): ("three years", "thirty-six months"),
    (1, "year"): ("twelve months", "a year", "one year"),
    (2, "year"): ("two years", "twenty-four months"),
    (3, "year"): ("three years", "thirty-six months"),
    (5, "year"): ("five years", "sixty months", "half a decade"),
    (10, "year"): ("ten years", "a decade"),
}


def _dur_written(value: int, unit: str, r: random.Random) -> str:
    """Adjectival form used in copy: '14-day', '12-month'."""
    return f"{value}-{unit}"


def _dur_plain(value: int, unit: str) -> str:
    return f"{value} {unit}" + ("s" if value != 1 else "")


def _dur_spoken(value: int, unit: str, r: random.Random) -> tuple[str, list[str]]:
    equiv = _DURATION_EQUIV.get((value, unit))
    plain = f"{num_words(value)} {unit}" + ("s" if value != 1 else "")
    if equiv and r.random() < 0.6:
        text = r.choice(equiv)
        tag = "number_word" if text == plain else "conversion"
        return text, [tag]
    return plain, ["number_word"]


def _other_dur(value: int, unit: str, r: random.Random) -> int:
    """A clearly different value of the same unit (never an equivalent of the original)."""
    pool = sorted({v for (v, u) in _DURATION_EQUIV if u == unit} | {value * 2, max(1, value // 2)})
    floor = min(value, {"day": 7, "hour": 1, "week": 1, "month": 3, "year": 1}.get(unit, 1))
    pool = [v for v in pool if v != value and v >= floor and (v > value * 1.3 or v < value / 1.3)]
    return r.choice(pool)


def _pct_spoken(p: int, r: random.Random) -> tuple[str, list[str]]:
    fractions = {50: "half", 25: "a quarter", 20: "a fifth", 10: "a tenth", 75: "three quarters"}
    opts: list[tuple[str, list[str]]] = [
        (f"{num_words(p)} percent", ["number_word"]),
        (f"{p} percent", []),
        (f"{p}%", []),
    ]
    if p in fractions:
        opts.append((fractions[p], ["conversion"]))
    return r.choice(opts)


def _other_pct(p: int, r: random.Random) -> int:
    pool = [5, 10, 12, 15, 20, 25, 30, 35, 40, 50, 60]
    return r.choice([q for q in pool if abs(q - p) >= 5])


def _typo(text: str, r: random.Random) -> str:
    """One plausible e-mail typo: swap two letters of a longer word or drop a letter."""
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.isalpha() and len(w) > 4]
    if not idx:
        return text
    i = r.choice(idx)
    w = words[i]
    j = r.randrange(1, len(w) - 2)
    if r.random() < 0.5:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:
        w = w[:j] + w[j + 1 :]
    words[i] = w
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Shared vocabulary
# --------------------------------------------------------------------------------------------

_CO_HEAD = (
    "Acorn Amber Apex Arbor Aster Beacon Birch Blue Bolt Brisk Cedar Cinder Clover Comet Coral "
    "Crest Delta Drift Echo Ember Fable Falcon Fern Flint Fox Glacier Golden Granite Harbor Hazel "
    "Horizon Indigo Iris Juniper Kite Lark Linden Lumen Maple Meadow Mosaic Nova Oak Onyx Orchid "
    "Pebble Pioneer Prism Quartz Quill Raven Ridge River Sable Sage Sierra Slate Solar Sparrow "
    "Spruce Summit Swift Terra Thistle Tidal Torch Tundra Vale Vector Velvet Willow Wren Zephyr"
).split()
_CO_TAIL = {
    "saas": ("Cloud", "HQ", "Stack", "Works", "Base", "Desk", "Flow", "ly", "io", "Suite"),
    "ecommerce": ("Goods", "Market", "Supply", "Shop", "Co.", "Outfitters", "Boutique", "Pantry"),
    "telecom": ("Mobile", "Wireless", "Fiber", "Telecom", "Connect", "Net"),
    "fitness": ("Fitness", "Gym", "Athletic Club", "Yoga", "Strength", "Cycle Studio"),
    "insurance": ("Insurance", "Mutual", "Assurance", "Cover", "Life"),
    "travel": ("Travel", "Tours", "Getaways", "Air", "Hotels", "Voyages"),
    "education": ("Academy", "Learning", "Tutors", "Institute", "School of Code", "Courses"),
    "banking": ("Bank", "Credit Union", "Savings", "Financial", "Card"),
    "home": ("Home Services", "Plumbing", "Roofing", "Cleaners", "HVAC", "Pest Control", "Movers"),
    "software": ("Antivirus", "VPN", "Backup", "Studio", "Editor", "Password Manager"),
    "hardware": ("Networks", "Systems", "Devices", "Robotics", "Instruments", "Printers"),
}

# industry -> (plans/products, nouns for what is sold, customer word)
_INDUSTRY = {
    "saas": (("Starter", "Pro", "Team", "Business", "Growth", "Scale", "Plus"), "plan", "seat"),
    "ecommerce": (
        ("Essentials box", "Monthly bundle", "Starter kit", "Family box", "Premium membership"),
        "order",
        "order",
    ),
    "telecom": (
        ("Unlimited", "Unlimited Plus", "Basic", "Fiber 500", "Fiber Gig", "Family plan"),
        "plan",
        "line",
    ),
    "fitness": (
        (
            "Basic membership",
            "All-access membership",
            "Class pack",
            "Off-peak membership",
            "Premium membership",
        ),
        "membership",
        "member",
    ),
    "insurance": (
        ("Basic cover", "Standard policy", "Premium policy", "Renters policy", "Pet policy"),
        "policy",
        "policyholder",
    ),
    "travel": (
        ("weekend package", "city break", "family package", "all-inclusive deal", "rail pass"),
        "booking",
        "traveller",
    ),
    "education": (
        ("Foundations course", "bootcamp", "tutoring package", "Plus membership", "certificate program"),
        "course",
        "student",
    ),
    "banking": (
        ("Everyday Checking", "High-Yield Savings", "Premier account", "Rewards card", "Student account"),
        "account",
        "customer",
    ),
    "home": (
        ("standard service call", "annual maintenance plan", "deep clean", "inspection", "tune-up"),
        "service",
        "household",
    ),
    "software": (("Personal", "Family", "Business", "Pro", "Ultimate"), "licence", "device"),
    "hardware": (
        ("X200 unit", "24-port switch", "edge gateway", "starter kit", "rack server"),
        "unit",
        "unit",
    ),
}

_CUSTOMERS = "Dana Marcus Priya Tom Lena Chris Ana Rob Jordan Sam Nora Gwen Leo Mia Ravi Hannah Omar Julia Ken Aisha Pete Yuki Carlos Fiona".split()
_REPS = "Ollie Dee Sasha Max Tess Ben Kim Jay Nadia Luis Erin Grace Hugo Zoe Ian Mo".split()
_PLACES = "Ohio Texas Denver Leeds Austin Manchester Toronto Phoenix Dublin Perth Atlanta Bristol".split()

_FILLERS = (
    "",
    "",
    "",
    "so basically ",
    "yeah so ",
    "I mean, ",
    "um, ",
    "okay so ",
    "right, so ",
    "honestly, ",
    "so yeah, ",
    "uh, ",
    "look, ",
    "good question — ",
    "sure, so ",
)
_TAILS = (
    "",
    "",
    "",
    ", yeah",
    ", if that makes sense",
    ", does that help?",
    ", so",
    " — anyway",
    ", you know",
)
_HEDGES = (
    "I think ",
    "I believe ",
    "if I remember right, ",
    "I'm pretty sure ",
    "last I checked ",
    "I wanna say ",
)
_HEDGE_VAGUE = ("around ", "about ", "roughly ", "something like ", "like ")
_SIGNOFFS = ("Thanks", "Best", "Cheers", "Regards", "Thx", "Kind regards", "Talk soon")


@dataclass
class _Ctx:
    r: random.Random
    industry: str
    company: str
    plan: str
    cur: _Cur

    def f(self) -> str:
        return self.r.choice(_FILLERS)

    def t(self) -> str:
        return self.r.choice(_TAILS)

    def hedge(self) -> str:
        return self.r.choice(_HEDGES)


# A statement template: a callable (ctx, slots) -> (text, tags)
_Stmt = Callable[[_Ctx, dict], tuple[str, list[str]]]


@dataclass(frozen=True)
class Family:
    """One claim family: slot sampler, claim templates and statement templates per label."""

    tag: str
    industries: tuple[str, ...]
    slots: Callable[[_Ctx], dict]
    claims: tuple[Callable[[_Ctx, dict], str], ...]
    consistent: tuple[_Stmt, ...]
    contradicted: tuple[_Stmt, ...]
    not_mentioned: tuple[_Stmt, ...]

    @property
    def template_count(self) -> int:
        return len(self.claims) + len(self.consistent) + len(self.contradicted) + len(self.not_mentioned)


def _s(text: str, *tags: str) -> tuple[str, list[str]]:
    return text, list(tags)


# --------------------------------------------------------------------------------------------
# Shared not_mentioned templates (used by every family, on top of the family's own)
# --------------------------------------------------------------------------------------------

_OFF_TOPIC_LINES = (
    "can you see my screen okay? let me share the deck",
    "sorry, my dog is barking, give me one second",
    "how's the weather over there, we're getting hammered with rain",
    "did you get the calendar invite I sent for Thursday?",
    "we just opened a new office in {place}, pretty exciting",
    "our onboarding team is great, you'll love working with {rep}",
    "we won a customer service award last year, for what it's worth",
    "a lot of companies in your space use us, I can send some case studies",
    "do you want me to loop in your finance person on the next call?",
    "the mobile app got a big redesign last month",
    "I'll send a recap of everything after the call",
    "let me grab my notes real quick",
    "we're hiring like crazy right now, the company's growing fast",
)
_QUESTION_BACK = (
    "what are you using today, if you don't mind me asking?",
    "how many people would be using it on your side?",
    "what's your timeline for making a decision?",
    "is this for you personally or for the business?",
    "what's most important to you, price or features?",
    "who else is involved in the decision?",
    "what made you start looking around?",
    "is there a budget you're trying to stay under?",
)


def _nm_off_topic(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    line = c.r.choice(_OFF_TOPIC_LINES).format(place=c.r.choice(_PLACES), rep=c.r.choice(_REPS))
    return _s(c.f() + line, "off_topic")


def _nm_question(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    return _s(c.f() + c.r.choice(_QUESTION_BACK), "question_back")


def _nm_same_number(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    n = s.get("num", c.r.choice((12, 24, 30, 49, 99, 5, 10)))
    n = int(n) if float(n) == int(n) else n
    shown = str(n) if c.r.random() < 0.5 or not isinstance(n, int) else num_words(n)
    opts = (
        f"we've got like {shown} customers in {c.r.choice(_PLACES)} alone",
        f"our team is about {shown} people now",
        f"I've been here {shown} months, so still learning some of this",
        f"we shipped {shown} new features last quarter",
        f"there are {shown} of us on the support team",
        f"the office is on floor {shown}, if you ever visit",
        f"we did a webinar last week with {shown} people on it",
        f"about {shown} percent of our customers come from referrals",
    )
    return _s(c.f() + c.r.choice(opts), "same_number_other_context")


_SHARED_NM: tuple[_Stmt, ...] = (_nm_off_topic, _nm_question, _nm_same_number)


def _company(r: random.Random, industry: str) -> str:
    head = r.choice(_CO_HEAD)
    tail = r.choice(_CO_TAIL[industry])
    return head + tail if tail in ("ly", "io", "HQ") else f"{head} {tail}"


# --------------------------------------------------------------------------------------------
# Families
# --------------------------------------------------------------------------------------------

_PRICES = (
    5,
    9,
    12,
    15,
    19,
    25,
    29,
    39,
    49,
    59,
    79,
    99,
    129,
    149,
    199,
    249,
    299,
    499,
    1299,
    4.99,
    9.99,
    14.99,
    19.99,
    24.99,
    29.99,
    49.99,
)


def _price_slots(c: _Ctx) -> dict:
    r = c.r
    amount = r.choice(_PRICES)
    period = (
        r.choice(("month", "month", "month", "year", "week", "once")) if c.industry != "hardware" else "once"
    )
    if period == "week" and amount > 60:
        period = "month"
    other = round(amount * r.choice((1.2, 1.3, 1.5, 2, 0.6, 0.7)) + r.choice((0, 10, 20)), 0)
    if amount != int(amount):
        other = other - 0.01
    if other == amount or abs(other - amount) < 3:
        other = amount + 10
    p = _PERIODS[period]
    return {
        "amount": amount,
        "other": other,
        "num": amount,
        "period": period,
        "money": _money_written(r, amount, c.cur),
        "per_w": r.choice(p.written),
        "per_s": r.choice(p.spoken),
        "fee": r.choice((25, 49, 50, 99, 150, 200)),
        "other_plan": r.choice([x for x in _INDUSTRY[c.industry][0] if x != c.plan]),
    }


def _price_conv(c: _Ctx, s: dict, amount: float) -> tuple[str, list[str]] | None:
    if s["period"] == "month":
        yearly = round(amount * 12, 2)
        m, _ = _money_spoken(c.r, yearly, c.cur)
        return f"{m} a year", ["conversion"]
    if s["period"] == "year" and (amount * 100) % 12 == 0:
        monthly = round(amount / 12, 2)
        m, _ = _money_spoken(c.r, monthly, c.cur)
        return f"{m} a month, billed yearly", ["conversion"]
    if s["period"] == "week":
        m, _ = _money_spoken(c.r, round(amount * 4, 2), c.cur)
        return f"{m} every four weeks", ["conversion"]
    return None


def _p_con_words(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    return _s(f"{c.f()}{c.plan} is {m}{s['per_s']}{c.t()}", "paraphrase", *tags)


def _p_con_its(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    return _s(f"{c.f()}you're looking at {m}{s['per_s']} for {c.plan}", "paraphrase", *tags)


def _p_con_conv(c: _Ctx, s: dict):
    conv = _price_conv(c, s, s["amount"])
    if conv is None:
        return _p_con_hedge(c, s)
    return _s(f"{c.f()}so for {c.plan} that comes to {conv[0]}{c.t()}", *conv[1])


def _p_con_hedge(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    return _s(f"{c.hedge()}{c.plan} is {m}{s['per_s']}, yeah", "hedge", *tags)


def _p_con_correction(c: _Ctx, s: dict):
    wrong, _ = _money_spoken(c.r, s["other"], c.cur)
    right, tags = _money_spoken(c.r, s["amount"], c.cur)
    fix = c.r.choice(("sorry", "no wait", "scratch that", "my bad", "sorry, wrong plan"))
    return _s(f"it's {wrong} — {fix}, {right}{s['per_s']} for {c.plan}", "correction", *tags)


def _p_con_nothing_more(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    return _s(f"{c.f()}{m}{s['per_s']} and that's it, no hidden fees on top", "paraphrase", *tags)


def _p_contra_other(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["other"], c.cur)
    return _s(f"{c.f()}{c.plan} is {m}{s['per_s']}{c.t()}", *tags)


def _p_contra_fee(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    fee, _ = _money_spoken(c.r, s["fee"], c.cur)
    what = c.r.choice(("setup fee", "onboarding fee", "activation charge", "admin fee", "platform fee"))
    return _s(f"{c.f()}{m}{s['per_s']}, plus there's a {fee} {what} up front", "condition", *tags)


def _p_contra_hedge(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["other"], c.cur)
    return _s(f"{c.hedge()}it's {c.r.choice(_HEDGE_VAGUE)}{m}{s['per_s']} for {c.plan}", "hedge", *tags)


def _p_contra_correction(c: _Ctx, s: dict):
    right, _ = _money_spoken(c.r, s["amount"], c.cur)
    wrong, tags = _money_spoken(c.r, s["other"], c.cur)
    return _s(
        f"{c.plan} is {right} — oh, no, sorry, that's the old price, it's {wrong}{s['per_s']} now",
        "correction",
        *tags,
    )


def _p_contra_period(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    per = {"month": " a week", "year": " a month", "week": " a day", "once": " a month"}[s["period"]]
    return _s(f"{c.f()}it's {m}{per}, for {c.plan}", *tags)


def _p_contra_condition(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["amount"], c.cur)
    cond = c.r.choice(
        (
            "if you sign a two-year contract",
            "for the first three months only",
            "but only if you pay for three years up front",
            "for new customers, then it goes up",
            "with a minimum of ten seats",
        )
    )
    return _s(f"{c.f()}you get {m}{s['per_s']} {cond}", "condition", *tags)


def _p_nm_other_plan(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["other"], c.cur)
    return _s(f"{c.f()}the {s['other_plan']} is {m}{s['per_s']}, that one's popular", "other_entity", *tags)


def _p_nm_unsettled(c: _Ctx, s: dict):
    opts = (
        "let me check on pricing for you and get back to you",
        "we have a few plans, it depends on what you need",
        "pricing depends a bit on volume, I'll send a quote",
        "I don't have the price sheet in front of me",
        "we can talk numbers once we know your setup",
        "there's a couple of ways to pay, monthly or annual",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _p_nm_value(c: _Ctx, s: dict):
    opts = (
        f"{c.plan} pays for itself pretty quickly for most teams",
        f"people who pick {c.plan} usually stay for years",
        f"{c.plan} is the one I'd recommend for you, it has everything",
        "it's really good value compared to what's out there",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


_PRICE = Family(
    tag="price",
    industries=tuple(_INDUSTRY),
    slots=_price_slots,
    claims=(
        lambda c, s: f"{c.company} {c.plan} is just {s['money']}{s['per_w']}.",
        lambda c, s: f"Get {c.plan} from {c.company} for {s['money']}{s['per_w']}.",
        lambda c, s: f"{c.plan}: {s['money']}{s['per_w']}. Everything included.",
        lambda c, s: f"{c.company} {c.plan} costs {s['money']}{s['per_w']}, no hidden fees.",
        lambda c, s: f"One simple price: {c.plan} for {s['money']}{s['per_w']}.",
        lambda c, s: f"Only {s['money']}{s['per_w']} for {c.company} {c.plan}.",
    ),
    consistent=(_p_con_words, _p_con_its, _p_con_conv, _p_con_hedge, _p_con_correction, _p_con_nothing_more),
    contradicted=(
        _p_contra_other,
        _p_contra_fee,
        _p_contra_hedge,
        _p_contra_correction,
        _p_contra_period,
        _p_contra_condition,
    ),
    not_mentioned=(_p_nm_other_plan, _p_nm_unsettled, _p_nm_value),
)


# ---- discount ------------------------------------------------------------------------------

_DISCOUNT_SCOPES = (
    ("your first order", "the first order"),
    ("annual plans", "the annual plan"),
    ("the first 3 months", "your first three months"),
    ("your first service call", "the first visit"),
    ("all accessories", "accessories"),
    ("every renewal", "renewals"),
    ("your first box", "the first box"),
    ("weekday bookings", "bookings Monday to Friday"),
)


def _discount_slots(c: _Ctx) -> dict:
    r = c.r
    p = r.choice((10, 15, 20, 25, 30, 40, 50))
    scope_w, scope_s = r.choice(_DISCOUNT_SCOPES)
    base = r.choice((40, 60, 80, 100, 120, 200))
    return {
        "p": p,
        "num": p,
        "other": _other_pct(p, r),
        "scope_w": scope_w,
        "scope_s": scope_s,
        "base": base,
        "upto": r.random() < 0.3,
        "code": r.choice(("WELCOME", "SAVE", "HELLO", "SPRING", "NEW")) + str(p),
    }


def _d_claim_pct(s: dict) -> str:
    return f"up to {s['p']}%" if s["upto"] else f"{s['p']}%"


def _d_con_words(c: _Ctx, s: dict):
    pct, tags = _pct_spoken(s["p"], c.r)
    pre = "up to " if s["upto"] else ""
    return _s(f"{c.f()}you get {pre}{pct} off {s['scope_s']}{c.t()}", "paraphrase", *tags)


def _d_con_knock(c: _Ctx, s: dict):
    pct, tags = _pct_spoken(s["p"], c.r)
    pre = "as much as " if s["upto"] else ""
    return _s(f"{c.f()}we knock {pre}{pct} off {s['scope_s']}", "paraphrase", *tags)


def _d_con_conv(c: _Ctx, s: dict):
    if s["upto"]:
        lower = c.r.choice([q for q in (5, 10, 15, 20, 25, 30, 40) if q < s["p"]])
        pct, tags = _pct_spoken(lower, c.r)
        return _s(
            f"{c.f()}for you it'd be {pct} off {s['scope_s']}, that's within the promo", "qualifier", *tags
        )
    pay = s["base"] * (100 - s["p"]) / 100
    m, tags = _money_spoken(c.r, pay, c.cur)
    b, _ = _money_spoken(c.r, s["base"], c.cur)
    return _s(f"{c.f()}so on {s['scope_s']}, instead of {b} you'd pay {m}", "conversion", *tags)


def _d_con_hedge(c: _Ctx, s: dict):
    pct, tags = _pct_spoken(s["p"], c.r)
    return _s(
        f"{c.hedge()}it's {'up to ' if s['upto'] else ''}{pct} off {s['scope_s']} right now", "hedge", *tags
    )


def _d_con_correction(c: _Ctx, s: dict):
    wrong, _ = _pct_spoken(s["other"], c.r)
    right, tags = _pct_spoken(s["p"], c.r)
    return _s(
        f"it's {wrong} off — sorry, I'm mixing it up with last month, {'up to ' if s['upto'] else ''}{right} off {s['scope_s']}",
        "correction",
        *tags,
    )


def _d_contra_other(c: _Ctx, s: dict):
    q = s["other"] if not s["upto"] else s["p"] + c.r.choice((5, 10, 15))
    pct, tags = _pct_spoken(q, c.r)
    return _s(f"{c.f()}it's {pct} off {s['scope_s']}{c.t()}", *tags)


def _d_contra_condition(c: _Ctx, s: dict):
    pct, tags = _pct_spoken(s["p"], c.r)
    cond = c.r.choice(
        (
            "but only if you spend over two hundred",
            "if you sign up for the annual contract",
            "only for members",
            "if you refer a friend first",
            "but you need a promo code from a partner",
        )
    )
    return _s(f"{c.f()}you'd get {pct} off {s['scope_s']}, {cond}", "condition", *tags)


def _d_contra_scope(c: _Ctx, s: dict):
    pct, tags = _pct_spoken(s["p"], c.r)
    alt = c.r.choice([x[1] for x in _DISCOUNT_SCOPES if x[1] != s["scope_s"]])
    return _s(f"{c.f()}the {pct} is only on {alt}, not {s['scope_s']}", "condition", *tags)


def _d_contra_neg(c: _Ctx, s: dict):
    return _s(f"{c.f()}we're not running any discount on {s['scope_s']} right now, sorry", "negation")


def _d_contra_hedge(c: _Ctx, s: dict):
    q = s["other"] if not s["upto"] else s["p"] + 10
    pct, tags = _pct_spoken(q, c.r)
    return _s(f"{c.hedge()}it's {c.r.choice(_HEDGE_VAGUE)}{pct} off", "hedge", *tags)


def _d_contra_conv(c: _Ctx, s: dict):
    pay = s["base"] * (100 - s["other"]) / 100
    m, tags = _money_spoken(c.r, pay, c.cur)
    b, _ = _money_spoken(c.r, s["base"], c.cur)
    return _s(f"{c.f()}with the discount the {b} option comes down to {m}", "conversion", *tags)


def _d_nm_unsettled(c: _Ctx, s: dict):
    opts = (
        "there's usually some kind of promo going, let me check what's live",
        "I might be able to get you a discount, I'll ask my manager",
        "discounts change every month honestly",
        f"we do run deals on {s['scope_s']} from time to time",
        "send me what you're paying now and I'll see what I can do",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _d_nm_number(c: _Ctx, s: dict):
    opts = (
        f"about {s['p']} percent of our customers are in retail",
        f"we grew {s['p']} percent last year",
        f"the battery lasts {s['p']} percent longer on the new model",
        f"{s['p']} percent of tickets get solved on first contact",
    )
    return _s(c.f() + c.r.choice(opts), "same_number_other_context")


_DISCOUNT = Family(
    tag="discount",
    industries=tuple(_INDUSTRY),
    slots=_discount_slots,
    claims=(
        lambda c, s: f"Save {_d_claim_pct(s)} on {s['scope_w']} at {c.company}.",
        lambda c, s: f"{c.company}: {_d_claim_pct(s)} off {s['scope_w']}.",
        lambda c, s: f"Get {_d_claim_pct(s)} off {s['scope_w']} with code {s['code']}.",
        lambda c, s: f"Limited time: {_d_claim_pct(s)} off {s['scope_w']}!",
        lambda c, s: f"New {c.company} customers save {_d_claim_pct(s)} on {s['scope_w']}.",
    ),
    consistent=(_d_con_words, _d_con_knock, _d_con_conv, _d_con_hedge, _d_con_correction),
    contradicted=(
        _d_contra_other,
        _d_contra_condition,
        _d_contra_scope,
        _d_contra_neg,
        _d_contra_hedge,
        _d_contra_conv,
    ),
    not_mentioned=(_d_nm_unsettled, _d_nm_number),
)


# ---- free offer ----------------------------------------------------------------------------

_FREE_ITEMS = (
    ("shipping", "shipping"),
    ("setup", "setup"),
    ("installation", "installation"),
    ("activation", "activation"),
    ("onboarding", "onboarding"),
    ("delivery", "delivery"),
    ("returns", "returns"),
    ("gift wrapping", "gift wrapping"),
    ("data migration", "migrating your data"),
    ("SIM delivery", "SIM delivery"),
)


def _free_slots(c: _Ctx) -> dict:
    r = c.r
    item_w, item_s = r.choice(_FREE_ITEMS)
    threshold = r.choice((0, 0, 25, 35, 50, 75, 100))
    return {
        "item_w": item_w,
        "item_s": item_s,
        "thr": threshold,
        "num": threshold or r.choice((3, 7, 12)),
        "fee": r.choice((4.99, 9.99, 15, 25, 35, 49, 99)),
    }


def _thr_w(c: _Ctx, s: dict) -> str:
    return f" on orders over {_money_written(c.r, s['thr'], c.cur)}" if s["thr"] else ""


def _thr_s(c: _Ctx, s: dict) -> str:
    if not s["thr"]:
        return ""
    m, _ = _money_spoken(c.r, s["thr"], c.cur)
    return c.r.choice((f" once you're over {m}", f" as long as the order's above {m}", f" over {m}"))


def _f_con_on_us(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['item_s']} is on us{_thr_s(c, s)}{c.t()}", "paraphrase")


def _f_con_neg(c: _Ctx, s: dict):
    return _s(f"{c.f()}you won't pay anything for {s['item_s']}{_thr_s(c, s)}", "negation", "paraphrase")


def _f_con_nocharge(c: _Ctx, s: dict):
    return _s(f"{c.f()}there's no charge for {s['item_s']}{_thr_s(c, s)}, zero", "paraphrase")


def _f_con_hedge(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['item_s']} is free{_thr_s(c, s)}, yeah", "hedge")


def _f_con_example(c: _Ctx, s: dict):
    if s["thr"]:
        m, tags = _money_spoken(c.r, s["thr"] + c.r.choice((5, 10, 20)), c.cur)
        return _s(f"{c.f()}your cart's at {m}, so {s['item_s']} is free for you", "qualifier", *tags)
    return _s(f"{c.f()}{s['item_s']} is included, you never pay for it", "paraphrase")


def _f_contra_fee(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["fee"], c.cur)
    return _s(f"{c.f()}{s['item_s']} is {m}{c.t()}", *tags)


def _f_contra_cond(c: _Ctx, s: dict):
    cond = c.r.choice(
        (
            "only for Plus members",
            "only if you sign up for the annual plan",
            "only in the first week of the month",
            "only for customers in the city",
            "only with autopay",
        )
    )
    return _s(f"{c.f()}{s['item_s']} is free, but {cond}", "condition")


def _f_contra_remove(c: _Ctx, s: dict):
    if s["thr"]:
        return _s(f"{c.f()}{s['item_s']} is always free, there's no minimum at all", "condition")
    m, tags = _money_spoken(c.r, c.r.choice((50, 75, 100)), c.cur)
    return _s(f"{c.f()}{s['item_s']} is free if you spend at least {m}", "condition", *tags)


def _f_contra_neg(c: _Ctx, s: dict):
    return _s(f"{c.f()}no, {s['item_s']} isn't free, that's billed separately", "negation")


def _f_contra_hedge(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["fee"], c.cur)
    return _s(
        f"{c.hedge()}there's a small charge for {s['item_s']}, {c.r.choice(_HEDGE_VAGUE)}{m}", "hedge", *tags
    )


def _f_nm_unsettled(c: _Ctx, s: dict):
    opts = (
        f"{s['item_s']} depends a little on where you are",
        f"let me double-check how {s['item_s']} works for your account",
        f"we handle {s['item_s']} through a partner, they're great",
        f"people ask about {s['item_s']} a lot, I'll send you the FAQ",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _f_nm_other(c: _Ctx, s: dict):
    opts = (
        "we give every new customer a branded water bottle",
        "the premium tier has a free year of support",
        "there's a free webinar every Tuesday",
        "we also donate a tree for every order",
    )
    return _s(c.f() + c.r.choice(opts), "other_entity")


_FREE = Family(
    tag="free_offer",
    industries=tuple(_INDUSTRY),
    slots=_free_slots,
    claims=(
        lambda c, s: f"Free {s['item_w']}{_thr_w(c, s)}.",
        lambda c, s: f"{c.company}: enjoy free {s['item_w']}{_thr_w(c, s)}.",
        lambda c, s: f"{s['item_w'].capitalize()} is always free{_thr_w(c, s)} at {c.company}.",
        lambda c, s: f"We never charge for {s['item_w']}{_thr_w(c, s)}.",
        lambda c, s: f"{c.plan} comes with free {s['item_w']}{_thr_w(c, s)}.",
    ),
    consistent=(_f_con_on_us, _f_con_neg, _f_con_nocharge, _f_con_hedge, _f_con_example),
    contradicted=(_f_contra_fee, _f_contra_cond, _f_contra_remove, _f_contra_neg, _f_contra_hedge),
    not_mentioned=(_f_nm_unsettled, _f_nm_other),
)


# ---- duration-window families (guarantee, refund, trial) ------------------------------------

_WINDOWS = (
    (7, "day"),
    (14, "day"),
    (30, "day"),
    (30, "day"),
    (60, "day"),
    (90, "day"),
    (100, "day"),
    (21, "day"),
    (45, "day"),
    (1, "year"),
    (12, "month"),
    (6, "month"),
)


def _window_slots(c: _Ctx) -> dict:
    r = c.r
    v, u = r.choice(_WINDOWS)
    return {"v": v, "u": u, "num": v, "other": _other_dur(v, u, r), "w": _dur_written(v, u, r)}


def _win_said(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    return _dur_spoken(s["v"], s["u"], c.r)


def _win_other(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    return _dur_spoken(s["other"], s["u"], c.r)


def _g_con_1(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}if you're not happy within {d}, you get your money back, all of it", "paraphrase", *tags
    )


def _g_con_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}you've got {d} to decide, and it's a full money-back guarantee{c.t()}", "paraphrase", *tags
    )


def _g_con_3(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.hedge()}the guarantee is {d}, no questions asked", "hedge", *tags)


def _g_con_4(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}it's risk-free for {d}, we refund you completely if it's not a fit", "paraphrase", *tags
    )


def _g_con_5(c: _Ctx, s: dict):
    o, _ = _win_other(c, s)
    d, tags = _win_said(c, s)
    return _s(f"you've got {o} — no sorry, {d}, to ask for your money back", "correction", *tags)


def _g_contra_1(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(f"{c.f()}the money-back guarantee is {d}{c.t()}", *tags)


def _g_contra_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}we don't really do money-back, but we can offer account credit", "negation")


def _g_contra_3(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    cond = c.r.choice(
        (
            "as long as you've used it less than five times",
            "minus a processing fee",
            "but only on the annual plan",
            "if you return everything unopened",
            "minus shipping both ways",
        )
    )
    return _s(f"{c.f()}you can get your money back within {d}, {cond}", "condition", *tags)


def _g_contra_4(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(f"{c.hedge()}you'd have {c.r.choice(_HEDGE_VAGUE)}{d} to get a refund", "hedge", *tags)


def _g_contra_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}it's not really a guarantee, it's more case by case", "negation")


def _g_nm_1(c: _Ctx, s: dict):
    opts = (
        "honestly nobody ever asks for their money back",
        "our satisfaction scores are really high",
        "I'd have to check the fine print on that one",
        "there's some kind of guarantee, let me find the page",
        "we stand behind the product, for sure",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _g_nm_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    opts = (
        f"onboarding usually takes about {d}",
        f"the next release is in {d}",
        f"our average customer has been with us way longer than {d}",
    )
    return _s(c.f() + c.r.choice(opts), "same_number_other_context", *tags)


_GUARANTEE = Family(
    tag="guarantee",
    industries=tuple(_INDUSTRY),
    slots=_window_slots,
    claims=(
        lambda c, s: f"{c.company} {s['w']} money-back guarantee.",
        lambda c, s: f"Try {c.plan} risk-free: {s['w']} money-back guarantee.",
        lambda c, s: f"Not satisfied? Full money back within {_dur_plain(s['v'], s['u'])}, guaranteed.",
        lambda c, s: f"Every {c.company} purchase comes with a {s['w']} satisfaction guarantee.",
        lambda c, s: f"Love it or your money back — {_dur_plain(s['v'], s['u'])}, no questions asked.",
    ),
    consistent=(_g_con_1, _g_con_2, _g_con_3, _g_con_4, _g_con_5),
    contradicted=(_g_contra_1, _g_contra_2, _g_contra_3, _g_contra_4, _g_contra_5),
    not_mentioned=(_g_nm_1, _g_nm_2),
)


def _r_con_1(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}you can return it within {d} and we refund the whole amount", "paraphrase", *tags)


def _r_con_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}full refund, as long as it's inside {d}{c.t()}", "paraphrase", *tags)


def _r_con_3(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.hedge()}refunds are {d}, the whole thing back", "hedge", *tags)


def _r_con_4(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}change your mind within {d}? you get a hundred percent back", "paraphrase", *tags)


def _r_con_5(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}you're covered for {d}, and the refund isn't partial or anything, it's everything",
        "negation",
        *tags,
    )


def _r_contra_1(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(f"{c.f()}the refund window is {d}{c.t()}", *tags)


def _r_contra_2(c: _Ctx, s: dict):
    pct = c.r.choice((50, 70, 80, 90))
    return _s(
        f"{c.f()}we refund {num_words(pct)} percent, we keep the rest as a restocking fee",
        "condition",
        "number_word",
    )


def _r_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}all sales are final, we don't do refunds, only exchanges", "negation")


def _r_contra_4(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}you can get a refund within {d} if you haven't opened it and you have the receipt and it's under fifty bucks",
        "condition",
        *tags,
    )


def _r_contra_5(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(
        f"{c.hedge()}it's {c.r.choice(_HEDGE_VAGUE)}{d} for refunds, maybe less on sale items", "hedge", *tags
    )


def _r_nm_1(c: _Ctx, s: dict):
    opts = (
        "refunds go back to the original card usually",
        "returns are handled by our warehouse team",
        "I've never had a customer ask for a refund, to be honest",
        "let me find the refund policy and email it over",
        "the refund policy's on our site, somewhere at the bottom",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _r_nm_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}we release new stuff about every {d}", "same_number_other_context", *tags)


_REFUND = Family(
    tag="refund",
    industries=tuple(_INDUSTRY),
    slots=_window_slots,
    claims=(
        lambda c, s: f"Full refund within {_dur_plain(s['v'], s['u'])} of purchase.",
        lambda c, s: f"{c.company}: {s['w']} returns, full refund.",
        lambda c, s: (
            f"Changed your mind? Return {c.plan} within {_dur_plain(s['v'], s['u'])} for a full refund."
        ),
        lambda c, s: f"Hassle-free refunds for {_dur_plain(s['v'], s['u'])}.",
        lambda c, s: f"Cancel within {_dur_plain(s['v'], s['u'])} and get 100% of your money back.",
    ),
    consistent=(_r_con_1, _r_con_2, _r_con_3, _r_con_4, _r_con_5),
    contradicted=(_r_contra_1, _r_contra_2, _r_contra_3, _r_contra_4, _r_contra_5),
    not_mentioned=(_r_nm_1, _r_nm_2),
)


def _trial_slots(c: _Ctx) -> dict:
    r = c.r
    v, u = r.choice(
        (
            (7, "day"),
            (14, "day"),
            (14, "day"),
            (30, "day"),
            (21, "day"),
            (60, "day"),
            (1, "week"),
            (2, "week"),
            (3, "month"),
        )
    )
    return {
        "v": v,
        "u": u,
        "num": v,
        "other": _other_dur(v, u, r),
        "w": _dur_written(v, u, r),
        "nocard": r.random() < 0.5,
    }


def _nc(s: dict) -> str:
    return ", no credit card required" if s["nocard"] else ""


def _t_con_1(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    card = " and you don't need a card" if s["nocard"] else ""
    return _s(f"{c.f()}you get {d} free{card}{c.t()}", "paraphrase", *tags)


def _t_con_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}the trial's {d}, totally free", "paraphrase", *tags)


def _t_con_3(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.hedge()}the free trial is {d}", "hedge", *tags)


def _t_con_4(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}try {c.plan} for {d}, it won't cost you a thing", "paraphrase", *tags)


def _t_con_5(c: _Ctx, s: dict):
    o, _ = _win_other(c, s)
    d, tags = _win_said(c, s)
    return _s(f"the trial is {o}, wait, no — {d}, they changed it back", "correction", *tags)


def _t_contra_1(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(f"{c.f()}the free trial is {d}{c.t()}", *tags)


def _t_contra_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    if s["nocard"]:
        return _s(f"{c.f()}{d} free, we just need a credit card on file to start", "condition", *tags)
    return _s(f"{c.f()}the {d} trial is a dollar, it's not free, just to verify the card", "condition", *tags)


def _t_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}we don't do free trials, but we can do a demo", "negation")


def _t_contra_4(c: _Ctx, s: dict):
    d, tags = _win_other(c, s)
    return _s(f"{c.hedge()}you get {c.r.choice(_HEDGE_VAGUE)}{d} to try it", "hedge", *tags)


def _t_contra_5(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(
        f"{c.f()}it's {d} free but only the basic features, the good stuff is locked", "condition", *tags
    )


def _t_nm_1(c: _Ctx, s: dict):
    opts = (
        "I can set you up with a way to kick the tyres, let me check the options",
        "we can definitely get you trying it",
        "most people start with a demo call",
        "a trial could make sense, what would you want to test?",
        "there's a sandbox environment too, I'll ask about access",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _t_nm_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}our typical rollout takes {d}", "same_number_other_context", *tags)


_TRIAL = Family(
    tag="trial",
    industries=("saas", "software", "fitness", "education", "telecom", "ecommerce"),
    slots=_trial_slots,
    claims=(
        lambda c, s: f"Start your {s['w']} free trial of {c.company}{_nc(s)}.",
        lambda c, s: f"Try {c.plan} free for {_dur_plain(s['v'], s['u'])}{_nc(s)}.",
        lambda c, s: f"{c.company} {c.plan}: {s['w']} free trial{_nc(s)}.",
        lambda c, s: f"Free for {_dur_plain(s['v'], s['u'])}, then pick a plan{_nc(s)}.",
        lambda c, s: f"Test-drive {c.company} for {_dur_plain(s['v'], s['u'])} at no cost{_nc(s)}.",
    ),
    consistent=(_t_con_1, _t_con_2, _t_con_3, _t_con_4, _t_con_5),
    contradicted=(_t_contra_1, _t_contra_2, _t_contra_3, _t_contra_4, _t_contra_5),
    not_mentioned=(_t_nm_1, _t_nm_2),
)


# ---- contract term and cancellation --------------------------------------------------------


def _contract_slots(c: _Ctx) -> dict:
    r = c.r
    kind = r.choice(("none", "none", "term"))
    v = r.choice((12, 24, 6, 36))
    return {"kind": kind, "v": v, "u": "month", "num": v, "other": _other_dur(v, "month", r)}


def _k_claim(c: _Ctx, s: dict, i: int) -> str:
    if s["kind"] == "none":
        return (
            f"{c.company} {c.plan} is month-to-month. No contract.",
            "No annual contract — cancel anytime.",
            f"No long-term commitment with {c.company}.",
            f"{c.plan}: pay monthly, no contracts, ever.",
            "Month-to-month billing, no lock-in.",
        )[i]
    return (
        f"{c.plan} requires a {s['v']}-month agreement.",
        f"{c.company} {c.plan}: {s['v']}-month minimum term.",
        f"Lock in your rate with a {s['v']}-month contract.",
        f"{c.plan} is sold on {s['v']}-month terms.",
        f"Commit for {s['v']} months and get {c.plan} at our best rate.",
    )[i]


def _k_con_1(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.f()}there's no contract, you just pay month by month{c.t()}", "paraphrase", "negation")
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"{c.f()}it's a {d} commitment{c.t()}", "paraphrase", *tags)


def _k_con_2(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.f()}you're not locked in at all, leave whenever you want", "paraphrase")
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"{c.f()}you sign up for {d} minimum", "paraphrase", *tags)


def _k_con_3(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.hedge()}it's month to month, yeah, no yearly thing", "hedge")
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"{c.hedge()}the term is {d}", "hedge", *tags)


def _k_con_4(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.f()}nope, no contract, nothing to sign long-term", "negation")
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"{c.f()}yeah you'd be committing to {d} with us", "paraphrase", *tags)


def _k_con_5(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.f()}it's a rolling monthly thing, cancel any month", "paraphrase")
    o, _ = _dur_spoken(s["other"], "month", c.r)
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"it's {o} — sorry, {d}, I was thinking of the other plan", "correction", *tags)


def _k_contra_1(c: _Ctx, s: dict):
    if s["kind"] == "none":
        d, tags = _dur_spoken(c.r.choice((12, 24)), "month", c.r)
        return _s(f"{c.f()}it's a {d} contract{c.t()}", *tags)
    d, tags = _dur_spoken(s["other"], "month", c.r)
    return _s(f"{c.f()}the minimum term is {d}", *tags)


def _k_contra_2(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(
            f"{c.f()}month to month, unless you take the hardware, then it's a two-year agreement",
            "condition",
        )
    return _s(f"{c.f()}you can go month to month, no commitment needed", "negation")


def _k_contra_3(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.hedge()}there's an annual commitment on that plan", "hedge")
    d, tags = _dur_spoken(s["other"], "month", c.r)
    return _s(f"{c.hedge()}it's {c.r.choice(_HEDGE_VAGUE)}{d}, the contract", "hedge", *tags)


def _k_contra_4(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(
            f"{c.f()}you'd sign a one-year agreement, but it auto-renews monthly after that", "condition"
        )
    return _s(f"{c.f()}there's no contract, you can leave whenever", "negation")


def _k_contra_5(c: _Ctx, s: dict):
    if s["kind"] == "none":
        return _s(f"{c.f()}it's monthly billing but you do commit for the year", "condition")
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(
        f"{c.f()}{d}, and then it rolls into another {d} automatically unless you give notice",
        "condition",
        *tags,
    )


def _k_nm_1(c: _Ctx, s: dict):
    opts = (
        "contracts are handled by our legal team, I'll get you the paperwork",
        "we're pretty flexible on terms for the right customer",
        "let me check which terms apply to your region",
        "the agreement is pretty standard, nothing scary in it",
        "do you need anything special in the contract for procurement?",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _k_nm_2(c: _Ctx, s: dict):
    d, tags = _dur_spoken(s["v"], "month", c.r)
    return _s(f"{c.f()}I've been at the company about {d} now", "same_number_other_context", *tags)


_CONTRACT = Family(
    tag="contract_term",
    industries=("saas", "telecom", "fitness", "home", "software", "hardware", "insurance"),
    slots=_contract_slots,
    claims=tuple((lambda c, s, i=i: _k_claim(c, s, i)) for i in range(5)),
    consistent=(_k_con_1, _k_con_2, _k_con_3, _k_con_4, _k_con_5),
    contradicted=(_k_contra_1, _k_contra_2, _k_contra_3, _k_contra_4, _k_contra_5),
    not_mentioned=(_k_nm_1, _k_nm_2),
)


def _cancel_slots(c: _Ctx) -> dict:
    r = c.r
    return {
        "how": r.choice(("online", "in the app", "from your account page", "with one click")),
        "num": r.choice((30, 60, 14)),
        "fee": r.choice((25, 50, 75, 150, 199)),
    }


def _c_con_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}you can cancel whenever you like, {s['how']}, no fee{c.t()}", "paraphrase")


def _c_con_2(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}there's no cancellation fee, you just turn it off {s['how']}", "negation", "paraphrase"
    )


def _c_con_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}you can cancel any time, it's just a button", "hedge")


def _c_con_4(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}you don't need to call anyone or give notice, just cancel {s['how']}",
        "negation",
        "paraphrase",
    )


def _c_con_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}if it's not working out you stop, that's it, nothing owed", "paraphrase")


def _c_contra_1(c: _Ctx, s: dict):
    d, tags = _dur_spoken(s["num"], "day", c.r)
    return _s(f"{c.f()}to cancel you have to give us {d} notice{c.t()}", "condition", *tags)


def _c_contra_2(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["fee"], c.cur)
    return _s(f"{c.f()}you can cancel but there's a {m} cancellation fee", "condition", *tags)


def _c_contra_3(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}you'd need to call our retention team to cancel, you can't do it {s['how']}",
        "negation",
        "condition",
    )


def _c_contra_4(c: _Ctx, s: dict):
    return _s(f"{c.f()}you can only cancel at the end of your billing year", "condition")


def _c_contra_5(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}cancelling in the first few months means paying out the rest of the term", "hedge")


def _c_nm_1(c: _Ctx, s: dict):
    opts = (
        "honestly hardly anyone cancels",
        "you can also pause instead of cancelling",
        "let me find out what the process is for your plan",
        "cancellation is handled by billing, I can connect you",
        "why, are you unhappy with your current provider?",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _c_nm_2(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}we have a {s['num']}-minute onboarding call to get you set up", "same_number_other_context"
    )


_CANCEL = Family(
    tag="cancellation",
    industries=("saas", "telecom", "fitness", "ecommerce", "software", "education", "insurance"),
    slots=_cancel_slots,
    claims=(
        lambda c, s: f"Cancel anytime {s['how']}.",
        lambda c, s: f"{c.company}: cancel anytime, no fees.",
        lambda c, s: f"No cancellation fees, ever — cancel {s['how']}.",
        lambda c, s: f"Leave {c.plan} whenever you want; cancel {s['how']} with no penalty.",
        lambda c, s: f"Cancel {c.plan} at any time, no questions asked.",
    ),
    consistent=(_c_con_1, _c_con_2, _c_con_3, _c_con_4, _c_con_5),
    contradicted=(_c_contra_1, _c_contra_2, _c_contra_3, _c_contra_4, _c_contra_5),
    not_mentioned=(_c_nm_1, _c_nm_2),
)


# ---- delivery time -------------------------------------------------------------------------


_DELIVERY_WHAT = (
    ("orders ship", ((24, "hour"), (48, "hour"), (1, "day"), (2, "day"), (3, "day"))),
    ("your order arrives", ((2, "day"), (3, "day"), (5, "day"), (7, "day"), (2, "week"))),
    ("installation is scheduled", ((2, "day"), (3, "day"), (5, "day"), (7, "day"), (2, "week"))),
    ("we deliver", ((2, "hour"), (4, "hour"), (24, "hour"), (48, "hour"), (1, "day"), (2, "day"))),
    ("tickets are emailed", ((1, "hour"), (2, "hour"), (24, "hour"))),
    ("replacement parts ship", ((24, "hour"), (48, "hour"), (2, "day"), (3, "day"))),
    ("a technician is on site", ((2, "hour"), (4, "hour"), (24, "hour"), (48, "hour"))),
)


def _delivery_slots(c: _Ctx) -> dict:
    r = c.r
    what, windows = r.choice(_DELIVERY_WHAT)
    v, u = r.choice(windows)
    return {"v": v, "u": u, "num": v, "other": _other_dur(v, u, r), "what": what, "w": _dur_plain(v, u)}


def _dl_con_1(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}it's within {d}{c.t()}", "paraphrase", *tags)


def _dl_con_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}you'll have it within {d}, that's our standard", "paraphrase", *tags)


def _dl_con_3(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.hedge()}it goes out within {d}", "hedge", *tags)


def _dl_con_4(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}nothing takes longer than {d}, that's the promise", "negation", *tags)


def _dl_con_5(c: _Ctx, s: dict):
    o, _ = _win_other(c, s)
    d, tags = _win_said(c, s)
    return _s(f"{o}, no sorry, I was thinking of something else — it's {d}", "correction", *tags)


def _dl_contra_1(c: _Ctx, s: dict):
    d, tags = _dur_spoken(max(s["other"], int(s["v"] * 2)), s["u"], c.r)
    return _s(f"{c.f()}it usually takes {d}{c.t()}", *tags)


def _dl_contra_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    cond = c.r.choice(
        (
            "if you order before noon",
            "but only in metro areas",
            "for in-stock items, which is maybe half",
            "if you pay for express",
            "on weekdays only",
        )
    )
    return _s(f"{c.f()}within {d}, {cond}", "condition", *tags)


def _dl_contra_3(c: _Ctx, s: dict):
    d, tags = _dur_spoken(max(s["other"], int(s["v"] * 2)), s["u"], c.r)
    return _s(f"{c.hedge()}it's {c.r.choice(_HEDGE_VAGUE)}{d}, sometimes longer", "hedge", *tags)


def _dl_contra_4(c: _Ctx, s: dict):
    return _s(f"{c.f()}we can't really promise a timeframe, it depends on the courier", "negation")


def _dl_contra_5(c: _Ctx, s: dict):
    d, tags = _dur_spoken(max(s["other"], int(s["v"] * 2)), s["u"], c.r)
    return _s(f"{c.f()}right now we're backed up, so figure {d} at least", "qualifier", *tags)


def _dl_nm_1(c: _Ctx, s: dict):
    opts = (
        "shipping speed depends on the carrier you pick at checkout",
        "what's your address? I'll see what the options are",
        "we use a couple of different couriers",
        "you'll get a tracking link by email",
        "let me check what the warehouse says",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _dl_nm_2(c: _Ctx, s: dict):
    d, tags = _win_said(c, s)
    return _s(f"{c.f()}the battery lasts about {d} on a charge", "same_number_other_context", *tags)


_DELIVERY = Family(
    tag="delivery_time",
    industries=("ecommerce", "hardware", "home", "travel", "telecom"),
    slots=_delivery_slots,
    claims=(
        lambda c, s: f"{s['what'].capitalize()} within {s['w']}.",
        lambda c, s: f"{c.company}: {s['what']} in {s['w']} or less.",
        lambda c, s: f"Fast: {s['what']} within {s['w']}, guaranteed.",
        lambda c, s: f"At {c.company}, {s['what']} within {s['w']}.",
        lambda c, s: f"{c.plan} — {s['what']} within {s['w']} of purchase.",
    ),
    consistent=(_dl_con_1, _dl_con_2, _dl_con_3, _dl_con_4, _dl_con_5),
    contradicted=(_dl_contra_1, _dl_contra_2, _dl_contra_3, _dl_contra_4, _dl_contra_5),
    not_mentioned=(_dl_nm_1, _dl_nm_2),
)


# ---- support hours -------------------------------------------------------------------------

_SCHEDULES = (
    (
        "24/7",
        ("any time, day or night", "twenty-four seven", "round the clock", "around the clock, weekends too"),
    ),
    ("24 hours a day, 7 days a week", ("twenty-four seven", "any hour, any day", "all day every day")),
    (
        "Monday–Friday, 9am–5pm",
        ("nine to five on weekdays", "weekdays, nine till five", "Monday through Friday, nine to five"),
    ),
    (
        "Mon–Fri 8am–8pm",
        ("eight to eight, Monday to Friday", "weekdays from eight in the morning to eight at night"),
    ),
    ("7 days a week, 8am–10pm", ("every day from eight am to ten pm", "seven days, eight to ten")),
    (
        "Monday to Saturday, 7am–7pm",
        ("seven to seven, Monday through Saturday", "every day but Sunday, seven to seven"),
    ),
)


def _support_slots(c: _Ctx) -> dict:
    r = c.r
    i = r.randrange(len(_SCHEDULES))
    chan = r.choice(
        (
            "phone support",
            "live chat",
            "customer service",
            "technical support",
            "helpdesk support",
            "member services",
        )
    )
    others = [x for j, x in enumerate(_SCHEDULES) if j != i and not (i < 2 and j < 2)]
    return {
        "sched": _SCHEDULES[i][0],
        "said": _SCHEDULES[i][1],
        "chan": chan,
        "alt": r.choice(others)[1],
        "num": 24 if i < 2 else 9,
        "always": i < 2,
    }


def _h_con_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}you can reach {s['chan']} {c.r.choice(s['said'])}{c.t()}", "paraphrase")


def _h_con_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['chan']} is open {c.r.choice(s['said'])}", "paraphrase")


def _h_con_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['chan']} runs {c.r.choice(s['said'])}", "hedge")


def _h_con_4(c: _Ctx, s: dict):
    if s["always"]:
        return _s(f"{c.f()}there's never a time you can't get someone on {s['chan']}", "negation")
    return _s(f"{c.f()}{s['chan']} hours are {c.r.choice(s['said'])}, outside that it's email", "paraphrase")


def _h_con_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}yep, {c.r.choice(s['said'])}, that's when {s['chan']} is staffed", "paraphrase")


def _h_contra_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['chan']} is {c.r.choice(s['alt'])}{c.t()}", "")


def _h_contra_2(c: _Ctx, s: dict):
    if s["always"]:
        return _s(f"{c.f()}it's twenty-four seven, but only on the premium plan", "condition")
    return _s(f"{c.f()}{s['chan']} is open twenty-four seven now", "")


def _h_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['chan']} is {c.r.choice(s['alt'])}", "hedge")


def _h_contra_4(c: _Ctx, s: dict):
    if s["always"]:
        return _s(f"{c.f()}we're closed on weekends, so Monday morning is the earliest", "negation")
    return _s(f"{c.f()}{s['chan']} is weekdays only, and it closes at noon on Fridays", "condition")


def _h_contra_5(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}after hours you can leave a message, but nobody picks up until the next business day",
        "negation",
    )


def _h_nm_1(c: _Ctx, s: dict):
    opts = (
        f"{s['chan']} is really good, people love the team",
        "you can also check the help centre for most things",
        "our response times are some of the best in the industry",
        f"you'll get a dedicated contact for {s['chan']} questions",
        "let me check the support schedule for your region",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _h_nm_2(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}we've got {num_words(s['num'])} people in the {c.r.choice(_PLACES)} office",
        "same_number_other_context",
        "number_word",
    )


_SUPPORT = Family(
    tag="support_hours",
    industries=tuple(_INDUSTRY),
    slots=_support_slots,
    claims=(
        lambda c, s: f"{s['chan'].capitalize()} available {s['sched']}.",
        lambda c, s: f"{c.company} {s['chan']}: {s['sched']}.",
        lambda c, s: f"Real people on {s['chan']}, {s['sched']}.",
        lambda c, s: f"Need help? Reach {s['chan']} {s['sched']}.",
        lambda c, s: f"{c.plan} customers get {s['chan']} {s['sched']}.",
    ),
    consistent=(_h_con_1, _h_con_2, _h_con_3, _h_con_4, _h_con_5),
    contradicted=(_h_contra_1, _h_contra_2, _h_contra_3, _h_contra_4, _h_contra_5),
    not_mentioned=(_h_nm_1, _h_nm_2),
)


# ---- feature -------------------------------------------------------------------------------

_FEATURES = (
    ("single sign-on (SSO)", "SSO"),
    ("unlimited version history", "version history"),
    ("offline mode", "offline mode"),
    ("two-factor authentication", "two-factor"),
    ("custom reports", "custom reporting"),
    ("a dedicated account manager", "the account manager"),
    ("roadside assistance", "roadside assistance"),
    ("5G access", "5G"),
    ("unlimited classes", "the classes"),
    ("priority boarding", "priority boarding"),
    ("a personal trainer session each month", "the trainer sessions"),
    ("ad blocking", "the ad blocker"),
    ("remote monitoring", "remote monitoring"),
    ("API access", "the API"),
)


def _feature_slots(c: _Ctx) -> dict:
    r = c.r
    fw, fs = r.choice(_FEATURES)
    return {
        "fw": fw,
        "fs": fs,
        "higher": r.choice(("Enterprise", "Premium", "Ultimate", "Business Plus", "Platinum")),
        "fee": r.choice((5, 10, 15, 20, 49)),
        "num": r.choice((3, 5, 10)),
    }


def _ft_con_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['fs']} is included in {c.plan}{c.t()}", "paraphrase")


def _ft_con_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}yep, {c.plan} comes with {s['fs']}, no extra charge", "paraphrase")


def _ft_con_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['fs']} is part of {c.plan}", "hedge")


def _ft_con_4(c: _Ctx, s: dict):
    return _s(f"{c.f()}you don't need to upgrade for {s['fs']}, {c.plan} has it", "negation", "paraphrase")


def _ft_con_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}you'll get {s['fs']} from day one on {c.plan}", "paraphrase")


def _ft_contra_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['fs']} is only on {s['higher']}, not {c.plan}", "condition")


def _ft_contra_2(c: _Ctx, s: dict):
    m, tags = _money_spoken(c.r, s["fee"], c.cur)
    return _s(f"{c.f()}{s['fs']} is an add-on, it's {m} extra a month", "condition", *tags)


def _ft_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}we don't have {s['fs']} yet, it's on the roadmap", "negation")


def _ft_contra_4(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['fs']} isn't part of {c.plan}, you'd need to upgrade", "hedge", "negation")


def _ft_contra_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['fs']} is in beta, so it's not really available to customers", "negation")


def _ft_nm_1(c: _Ctx, s: dict):
    opts = (
        f"{s['fs']} is something a lot of people ask about",
        "we ship new features all the time",
        f"let me check with product on where {s['fs']} stands",
        f"what would you use {s['fs']} for?",
        f"{c.plan} is our most popular plan by far",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _ft_nm_2(c: _Ctx, s: dict):
    other = c.r.choice([f[1] for f in _FEATURES if f[1] != s["fs"]])
    return _s(f"{c.f()}{c.plan} also has {other}, which people love", "other_entity")


_FEATURE = Family(
    tag="feature",
    industries=tuple(_INDUSTRY),
    slots=_feature_slots,
    claims=(
        lambda c, s: f"{c.plan} includes {s['fw']}.",
        lambda c, s: f"Every {c.company} {c.plan} plan comes with {s['fw']}.",
        lambda c, s: f"{s['fw'][0].upper() + s['fw'][1:]} is included at no extra cost.",
        lambda c, s: f"{c.company}: {s['fw']} on every plan.",
        lambda c, s: f"With {c.plan} you get {s['fw']}, built in.",
    ),
    consistent=(_ft_con_1, _ft_con_2, _ft_con_3, _ft_con_4, _ft_con_5),
    contradicted=(_ft_contra_1, _ft_contra_2, _ft_contra_3, _ft_contra_4, _ft_contra_5),
    not_mentioned=(_ft_nm_1, _ft_nm_2),
)


# ---- integration ---------------------------------------------------------------------------

_APPS = (
    "Slack",
    "Microsoft Teams",
    "Salesforce",
    "HubSpot",
    "Zapier",
    "QuickBooks",
    "Xero",
    "Shopify",
    "Google Drive",
    "Dropbox",
    "Zoom",
    "Jira",
    "Stripe",
    "Snowflake",
    "Apple Health",
    "Google Calendar",
    "Outlook",
)


def _integ_slots(c: _Ctx) -> dict:
    a, b = c.r.sample(_APPS, 2)
    return {"a": a, "b": b, "num": c.r.choice((50, 100, 200))}


def _i_con_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}yeah, we plug straight into {s['a']} and {s['b']}{c.t()}", "paraphrase")


def _i_con_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}both {s['a']} and {s['b']} are native integrations", "paraphrase")


def _i_con_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}we connect with {s['b']} and {s['a']} out of the box", "hedge")


def _i_con_4(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}you don't need any middleware for {s['a']} or {s['b']}, it's built in",
        "negation",
        "paraphrase",
    )


def _i_con_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['a']}, yes, {s['b']}, also yes, you just switch them on in settings", "paraphrase")


def _i_contra_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['a']} yes, but {s['b']} isn't supported yet", "negation")


def _i_contra_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}for {s['b']} you'd need Zapier or a custom script, it's not native", "condition")


def _i_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}the {s['a']} connector is a paid add-on", "condition")


def _i_contra_4(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}we dropped the {s['a']} integration last year", "hedge", "negation")


def _i_contra_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}we don't integrate with {s['a']} or {s['b']} directly, you'd export a CSV", "negation")


def _i_nm_1(c: _Ctx, s: dict):
    opts = (
        "we have a lot of integrations, I'll send the list",
        "what tools are you using today?",
        "our API is pretty open",
        "integrations are a big focus for us this year",
        "let me check with the solutions engineer",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _i_nm_2(c: _Ctx, s: dict):
    other = c.r.choice([a for a in _APPS if a not in (s["a"], s["b"])])
    return _s(f"{c.f()}a lot of our customers use {other} with us", "other_entity")


_INTEGRATION = Family(
    tag="integration",
    industries=("saas", "software", "hardware", "fitness", "banking"),
    slots=_integ_slots,
    claims=(
        lambda c, s: f"{c.company} integrates with {s['a']} and {s['b']}.",
        lambda c, s: f"Native integrations with {s['a']} and {s['b']}.",
        lambda c, s: f"Connect {c.plan} to {s['a']} and {s['b']} in one click.",
        lambda c, s: f"Works with {s['a']} and {s['b']} out of the box.",
        lambda c, s: f"{c.company} syncs with {s['a']} and {s['b']} — no code needed.",
    ),
    consistent=(_i_con_1, _i_con_2, _i_con_3, _i_con_4, _i_con_5),
    contradicted=(_i_contra_1, _i_contra_2, _i_contra_3, _i_contra_4, _i_contra_5),
    not_mentioned=(_i_nm_1, _i_nm_2),
)


# ---- limit / quota -------------------------------------------------------------------------

_QUOTAS = {
    "saas": (
        (5, "users", "people"),
        (10, "users", "seats"),
        (3, "projects", "projects"),
        (1000, "GB of storage", "gigs"),
        (100, "contacts", "contacts"),
        (1_000_000, "API calls a month", "API calls a month"),
    ),
    "software": ((10, "devices", "devices"), (2, "TB of storage", "terabytes"), (5, "users", "people")),
    "telecom": (
        (50, "GB of data a month", "gigs of data"),
        (5, "lines", "lines"),
        (10, "devices", "devices"),
    ),
    "hardware": (
        (48, "ports", "ports"),
        (250, "connected devices", "devices"),
        (2, "TB of storage", "terabytes"),
    ),
    "fitness": ((20, "classes a month", "classes a month"), (4, "guest passes a month", "guest passes")),
    "travel": ((4, "guests per room", "people"), (23, "kg of checked baggage", "kilos of bags")),
    "ecommerce": ((50, "orders a month", "orders a month"), (3, "free returns a month", "returns")),
}


def _quota_slots(c: _Ctx) -> dict:
    n, unit_w, unit_s = c.r.choice(_QUOTAS[c.industry])
    lower = c.r.choice([x for x in (1, 2, 3, max(1, n // 2), max(1, n // 4)) if x < n] or [1])
    higher = n * c.r.choice((2, 3, 5))
    return {"n": n, "num": n, "unit_w": unit_w, "unit_s": unit_s, "lower": lower, "higher": higher}


def _qty_spoken(n: int, unit_s: str, r: random.Random) -> tuple[str, list[str]]:
    if unit_s == "gigs" and n >= 1000 and r.random() < 0.5:
        return f"{num_words(n // 1000)} terabyte" + ("s" if n >= 2000 else ""), ["conversion"]
    if unit_s == "terabytes" and r.random() < 0.5:
        return f"{num_words(n * 1000)} gigs", ["conversion"]
    if n == 1_000_000:
        return r.choice(("a million", "one million")) + f" {unit_s}", ["number_word"]
    if r.random() < 0.6:
        return f"{num_words(n)} {unit_s}", ["number_word"]
    return f"{n:,} {unit_s}", []


def _q_con_1(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.f()}{c.plan} covers up to {q}{c.t()}", "paraphrase", *tags)


def _q_con_2(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["lower"], s["unit_s"], c.r)
    cap, _ = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.f()}you said {q}, that's fine, {c.plan} goes up to {cap}", "qualifier", *tags)


def _q_con_3(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.hedge()}the cap is {q}", "hedge", *tags)


def _q_con_4(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.f()}you get {q} max on {c.plan}, anything past that you'd upgrade", "paraphrase", *tags)


def _q_con_5(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.f()}the limit's {q}, no more than that on this tier", "negation", *tags)


def _q_contra_1(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["lower"], s["unit_s"], c.r)
    return _s(f"{c.f()}{c.plan} is capped at {q}{c.t()}", *tags)


def _q_contra_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}there's no limit at all on {c.plan}, go wild", "negation")


def _q_contra_3(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["higher"], s["unit_s"], c.r)
    return _s(f"{c.f()}you're at {q}? no problem, {c.plan} handles that", "qualifier", *tags)


def _q_contra_4(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["n"], s["unit_s"], c.r)
    return _s(f"{c.f()}it's {q}, but you pay overage for anything past half of that", "condition", *tags)


def _q_contra_5(c: _Ctx, s: dict):
    q, tags = _qty_spoken(s["lower"], s["unit_s"], c.r)
    return _s(f"{c.hedge()}you get {c.r.choice(_HEDGE_VAGUE)}{q} on that plan", "hedge", *tags)


def _q_nm_1(c: _Ctx, s: dict):
    opts = (
        "limits vary a bit by plan, I can walk you through them",
        "most customers never hit any limits honestly",
        "how much do you think you'd need?",
        "we can be flexible on limits at renewal",
        "let me check the plan comparison page",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _q_nm_2(c: _Ctx, s: dict):
    q = num_words(s["n"]) if s["n"] < 1000 else f"{s['n']:,}"
    return _s(f"{c.f()}we've got about {q} partners in the reseller program", "same_number_other_context")


_QUOTA = Family(
    tag="limit_quota",
    industries=("saas", "software", "telecom", "travel", "fitness", "ecommerce", "hardware"),
    slots=_quota_slots,
    claims=(
        lambda c, s: f"{c.plan} includes up to {s['n']:,} {s['unit_w']}.",
        lambda c, s: f"{c.company} {c.plan}: up to {s['n']:,} {s['unit_w']}.",
        lambda c, s: f"Room to grow: {s['n']:,} {s['unit_w']} on {c.plan}.",
        lambda c, s: f"{c.plan} supports up to {s['n']:,} {s['unit_w']}.",
        lambda c, s: f"Get {s['n']:,} {s['unit_w']} with every {c.plan} plan.",
    ),
    consistent=(_q_con_1, _q_con_2, _q_con_3, _q_con_4, _q_con_5),
    contradicted=(_q_contra_1, _q_contra_2, _q_contra_3, _q_contra_4, _q_contra_5),
    not_mentioned=(_q_nm_1, _q_nm_2),
)


# ---- eligibility ---------------------------------------------------------------------------

_GROUPS = (
    ("students", "students"),
    ("seniors 65+", "anyone sixty-five and over"),
    ("teachers", "teachers"),
    ("nonprofits", "nonprofits"),
    ("military members and veterans", "military and vets"),
    ("businesses of any size", "any size business"),
    ("anyone 18 or older", "anybody over eighteen"),
    ("new and existing customers", "new and existing customers alike"),
)


def _elig_slots(c: _Ctx) -> dict:
    gw, gs = c.r.choice(_GROUPS)
    perk = c.r.choice(
        (
            "the discounted rate",
            "the starter bundle",
            "free onboarding",
            "the loyalty programme",
            "this offer",
        )
    )
    return {"gw": gw, "gs": gs, "perk": perk, "num": c.r.choice((18, 65, 21))}


def _e_con_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['gs']} can get {s['perk']}{c.t()}", "paraphrase")


def _e_con_2(c: _Ctx, s: dict):
    return _s(f"{c.f()}yep, {s['perk']} is open to {s['gs']}", "paraphrase")


def _e_con_3(c: _Ctx, s: dict):
    return _s(f"{c.hedge()}{s['gs']} qualify for {s['perk']}", "hedge")


def _e_con_4(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}you don't need anything special, {s['gs']} are eligible for {s['perk']}",
        "negation",
        "paraphrase",
    )


def _e_con_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['perk']}? that's for {s['gs']}, so you're covered", "paraphrase")


def _e_contra_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['perk']} is only for customers who've been with us a year", "condition")


def _e_contra_2(c: _Ctx, s: dict):
    other = c.r.choice([g[1] for g in _GROUPS if g[1] != s["gs"]])
    return _s(f"{c.f()}{s['perk']} is just for {other}{c.t()}", "")


def _e_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['gs']} can't get {s['perk']}, sorry", "negation")


def _e_contra_4(c: _Ctx, s: dict):
    return _s(
        f"{c.hedge()}you'd need a minimum spend of five hundred to qualify for {s['perk']}",
        "hedge",
        "condition",
    )


def _e_contra_5(c: _Ctx, s: dict):
    return _s(f"{c.f()}{s['gs']} qualify, but only in a few states, not everywhere", "condition")


def _e_nm_1(c: _Ctx, s: dict):
    opts = (
        "eligibility depends on a few things, let me ask you some questions",
        "I'll have to check if you'd qualify",
        "most people qualify for something",
        "what's your situation exactly?",
        "there's a form on the website for that",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _e_nm_2(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}we opened our {c.r.choice(('first', 'new'))} office {num_words(s['num'])} years ago",
        "same_number_other_context",
        "number_word",
    )


_ELIGIBILITY = Family(
    tag="eligibility",
    industries=tuple(_INDUSTRY),
    slots=_elig_slots,
    claims=(
        lambda c, s: f"{s['perk'].capitalize()} is available to {s['gw']}.",
        lambda c, s: f"{c.company}: {s['perk']} for {s['gw']}.",
        lambda c, s: f"Open to {s['gw']} — {s['perk']} with {c.plan}.",
        lambda c, s: f"{s['gw'][0].upper() + s['gw'][1:]} qualify for {s['perk']}.",
        lambda c, s: f"{c.company} offers {s['perk']} to {s['gw']}, no strings attached.",
    ),
    consistent=(_e_con_1, _e_con_2, _e_con_3, _e_con_4, _e_con_5),
    contradicted=(_e_contra_1, _e_contra_2, _e_contra_3, _e_contra_4, _e_contra_5),
    not_mentioned=(_e_nm_1, _e_nm_2),
)


# ---- comparison ----------------------------------------------------------------------------

_RIVALS = {
    "faster": (
        "Salesforce",
        "spreadsheets",
        "cable internet",
        "our old model",
        "the competition",
        "legacy tools",
    ),
    "cheaper": (
        "the big incumbents",
        "national chains",
        "traditional banks",
        "the leading brand",
        "the competition",
    ),
    "lighter": ("our old model", "the leading brand", "the previous generation"),
    "quieter": ("our old model", "the leading brand", "the competition", "standard units"),
}


def _comp_slots(c: _Ctx) -> dict:
    r = c.r
    kind = r.choice(("x", "pct"))
    adj = r.choice(tuple(_RIVALS))
    rival = r.choice(_RIVALS[adj])
    n = r.choice((2, 3)) if kind == "x" else r.choice((20, 30, 40, 50))
    return {"kind": kind, "rival": rival, "adj": adj, "n": n, "num": n}


def _cmp_amount(s: dict) -> str:
    return f"{s['n']}x" if s["kind"] == "x" else f"{s['n']}%"


def _cmp_said(c: _Ctx, s: dict) -> tuple[str, list[str]]:
    if s["kind"] == "x":
        words = {2: ("twice as", "two times as", "double"), 3: ("three times as", "triple")}[s["n"]]
        w = c.r.choice(words)
        if w in ("double", "triple"):
            return f"{w} the speed of" if s[
                "adj"
            ] == "faster" else f"{num_words(s['n'])} times {s['adj']} than", ["paraphrase"]
        return f"{w} {s['adj'].replace('er', '') if s['adj'] != 'cheaper' else 'cheap'} as", ["number_word"]
    pct, tags = _pct_spoken(s["n"], c.r)
    if "conversion" in tags:  # "half cheaper" is not English
        pct, tags = f"{num_words(s['n'])} percent", ["number_word"]
    return f"{pct} {s['adj']} than", tags


def _cp_con_1(c: _Ctx, s: dict):
    said, tags = _cmp_said(c, s)
    return _s(f"{c.f()}we're {said} {s['rival']}{c.t()}", "paraphrase", *tags)


def _cp_con_2(c: _Ctx, s: dict):
    said, tags = _cmp_said(c, s)
    return _s(f"{c.hedge()}we come out {said} {s['rival']}", "hedge", *tags)


def _cp_con_3(c: _Ctx, s: dict):
    said, tags = _cmp_said(c, s)
    return _s(f"{c.f()}side by side, {c.company} is {said} {s['rival']}", "paraphrase", *tags)


def _cp_con_4(c: _Ctx, s: dict):
    said, tags = _cmp_said(c, s)
    return _s(f"{c.f()}benchmarks show {c.plan} {said} {s['rival']}, it's not close", "paraphrase", *tags)


def _cp_con_5(c: _Ctx, s: dict):
    said, tags = _cmp_said(c, s)
    return _s(f"{c.f()}the independent test had us {said} {s['rival']}", "paraphrase", *tags)


def _cp_contra_1(c: _Ctx, s: dict):
    return _s(f"{c.f()}honestly we're about the same as {s['rival']}{c.t()}", "")


def _cp_contra_2(c: _Ctx, s: dict):
    return _s(
        f"{c.hedge()}we're maybe a little {s['adj']} than {s['rival']}, like five or ten percent", "hedge"
    )


def _cp_contra_3(c: _Ctx, s: dict):
    return _s(f"{c.f()}we're not {s['adj']} than {s['rival']}, we win on other things", "negation")


def _cp_contra_4(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}we're {s['adj']} than {s['rival']} only on the top tier, the base plan is about even",
        "condition",
    )


def _cp_contra_5(c: _Ctx, s: dict):
    other = "ten times" if s["kind"] == "x" else f"{num_words(min(95, s['n'] * 2 + 10))} percent"
    return _s(f"{c.f()}we're like {other} {s['adj']} than {s['rival']}", "")


def _cp_nm_1(c: _Ctx, s: dict):
    opts = (
        f"a lot of people switch to us from {s['rival']}",
        f"I don't want to trash-talk {s['rival']}, they're fine",
        "we can run a side-by-side test if you want",
        f"what do you like about {s['rival']}?",
        "comparisons are tricky, everyone measures differently",
    )
    return _s(c.f() + c.r.choice(opts), "unsettled")


def _cp_nm_2(c: _Ctx, s: dict):
    return _s(
        f"{c.f()}we've got {num_words(s['n'])} data centres in Europe",
        "same_number_other_context",
        "number_word",
    )


_COMPARISON = Family(
    tag="comparison",
    industries=tuple(_INDUSTRY),
    slots=_comp_slots,
    claims=(
        lambda c, s: f"{c.company} is {_cmp_amount(s)} {s['adj']} than {s['rival']}.",
        lambda c, s: f"{_cmp_amount(s)} {s['adj']} than {s['rival']}.",
        lambda c, s: f"{c.plan}: {_cmp_amount(s)} {s['adj']} than {s['rival']}, independently tested.",
        lambda c, s: f"Why pay more? {c.company} is {_cmp_amount(s)} {s['adj']} than {s['rival']}.",
        lambda c, s: f"Proven {_cmp_amount(s)} {s['adj']} than {s['rival']}.",
    ),
    consistent=(_cp_con_1, _cp_con_2, _cp_con_3, _cp_con_4, _cp_con_5),
    contradicted=(_cp_contra_1, _cp_contra_2, _cp_contra_3, _cp_contra_4, _cp_contra_5),
    not_mentioned=(_cp_nm_1, _cp_nm_2),
)


FAMILIES: dict[str, Family] = {
    f.tag: f
    for f in (
        _PRICE,
        _DISCOUNT,
        _FREE,
        _GUARANTEE,
        _REFUND,
        _CONTRACT,
        _CANCEL,
        _TRIAL,
        _DELIVERY,
        _SUPPORT,
        _FEATURE,
        _INTEGRATION,
        _QUOTA,
        _ELIGIBILITY,
        _COMPARISON,
    )
}


# Topic-explicit consistent templates, reused as not_mentioned statements for *another* family's
# claim (cross-topic). Pairs of families whose statements could settle each other are excluded.
_CROSS_TOPIC: dict[str, _Stmt] = {
    "price": _p_con_words,
    "discount": _d_con_words,
    "free_offer": _f_con_on_us,
    "guarantee": _g_con_2,
    "refund": _r_con_1,
    "contract_term": _k_con_1,
    "cancellation": _c_con_1,
    "trial": _t_con_2,
    "delivery_time": _dl_con_2,
    "support_hours": _h_con_2,
    "feature": _ft_con_1,
    "integration": _i_con_2,
    "limit_quota": _q_con_1,
    "eligibility": _e_con_2,
    "comparison": _cp_con_1,
}
_CROSS_CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        ("guarantee", "refund"),
        ("guarantee", "trial"),
        ("refund", "trial"),
        ("contract_term", "cancellation"),
        ("price", "free_offer"),
        ("price", "discount"),
        ("price", "feature"),
        ("price", "comparison"),
        ("discount", "comparison"),
        ("discount", "eligibility"),
        ("free_offer", "delivery_time"),
        ("free_offer", "trial"),
        ("feature", "limit_quota"),
        ("feature", "integration"),
        ("refund", "cancellation"),
    )
)


# Claim-side perturbations: the statement is drawn from the *consistent* templates with the true
# slots, and the claim is rendered from perturbed slots, so a contradicted statement reads exactly
# like a confirmation and only the comparison with the claim gives the label. ``None`` = skip.


def _perturb_price(c: _Ctx, s: dict) -> dict | None:
    return {**s, "amount": s["other"], "money": _money_written(c.r, s["other"], c.cur)}


def _perturb_discount(c: _Ctx, s: dict) -> dict | None:
    if s["upto"]:
        return None  # "up to" claims admit lower values: a lower stated value is not a contradiction
    return {**s, "p": s["other"], "code": s["code"].rstrip("0123456789") + str(s["other"])}


def _perturb_window(c: _Ctx, s: dict) -> dict | None:
    return {**s, "v": s["other"], "w": _dur_written(s["other"], s["u"], c.r)}


def _perturb_delivery(c: _Ctx, s: dict) -> dict | None:
    faster = [v for (v, u) in _DURATION_EQUIV if u == s["u"] and v < s["v"] / 1.3]
    if not faster:
        return None
    v = c.r.choice(faster)
    return {**s, "v": v, "w": _dur_plain(v, s["u"])}


def _perturb_quota(c: _Ctx, s: dict) -> dict | None:
    return {**s, "n": s["higher"]}


def _perturb_contract(c: _Ctx, s: dict) -> dict | None:
    return {**s, "kind": "term" if s["kind"] == "none" else "none"}


def _perturb_comparison(c: _Ctx, s: dict) -> dict | None:
    if s["kind"] == "x":
        return {**s, "n": 5 - s["n"]}  # 2 <-> 3
    return {**s, "n": c.r.choice([n for n in (20, 30, 40, 50) if abs(n - s["n"]) >= 20] or [80])}


_PERTURB: dict[str, Callable[[_Ctx, dict], dict | None]] = {
    "price": _perturb_price,
    "discount": _perturb_discount,
    "guarantee": _perturb_window,
    "refund": _perturb_window,
    "trial": _perturb_window,
    "delivery_time": _perturb_delivery,
    "limit_quota": _perturb_quota,
    "contract_term": _perturb_contract,
    "comparison": _perturb_comparison,
}


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------


def _email(c: _Ctx, text: str) -> str:
    r = c.r
    body = text.strip()
    for filler in sorted(_FILLERS, key=len, reverse=True):
        if filler and body.startswith(filler) and len(body) > len(filler) + 3:
            body = body[len(filler) :]
            break
    body = body[0].upper() + body[1:]
    if not body.endswith((".", "!", "?")):
        body += "."
    if r.random() < 0.5:
        body = _typo(body, r)
    greet = r.choice(("Hi", "Hey", "Hello", "Hi there", "Morning"))
    opener = r.choice(
        (
            "",
            "Thanks for the call today. ",
            "Following up on our chat - ",
            "Quick answer to your question: ",
            "Just to confirm, ",
        )
    )
    if opener:
        body = opener + (body if opener.endswith(". ") else body[0].lower() + body[1:])
    sep = r.choice(("\n\n", " ", "\n"))
    return f"{greet} {r.choice(_CUSTOMERS)},{sep}{body}{sep}{r.choice(_SIGNOFFS)},{' ' if sep == ' ' else chr(10)}{r.choice(_REPS)}"


def _one(r: random.Random, fam: Family, label: str) -> dict:
    industry = r.choice(fam.industries)
    plans = _INDUSTRY[industry][0]
    c = _Ctx(
        r=r, industry=industry, company=_company(r, industry), plan=r.choice(plans), cur=r.choice(_CURRENCIES)
    )
    slots = fam.slots(c)
    claim_tpl = r.choice(fam.claims)
    claim = claim_tpl(c, slots)
    claim = claim[0].upper() + claim[1:]
    extra: list[str] = []
    if label == "consistent":
        pool: Sequence[_Stmt] = fam.consistent
    elif label == "contradicted":
        pool = fam.contradicted
        perturbed = _PERTURB[fam.tag](c, slots) if fam.tag in _PERTURB and r.random() < 0.35 else None
        if perturbed is not None:
            # claim says one value, the statement confidently confirms another
            claim = claim_tpl(c, perturbed)
            claim = claim[0].upper() + claim[1:]
            pool = fam.consistent
            extra = ["contrast"]
    elif r.random() < 0.3:
        # a confident, specific statement about a different claim family of the same product:
        # looks like a confirmation, settles nothing about this claim
        others = [
            f
            for f in FAMILIES.values()
            if f.tag != fam.tag
            and industry in f.industries
            and frozenset((f.tag, fam.tag)) not in _CROSS_CONFLICTS
        ]
        other = r.choice(others)
        pool = (_CROSS_TOPIC[other.tag],)
        slots = other.slots(c)
    else:
        # family-specific (hard, same-topic) twice as likely as the shared off-topic ones
        pool = tuple(fam.not_mentioned) * 2 + _SHARED_NM
    text, tags = r.choice(pool)(c, slots)
    if pool and pool[0] in _CROSS_TOPIC.values() and label == "not_mentioned":
        tags = [*tags, "other_topic"]
    if extra:
        tags = [t for t in tags if t != "paraphrase"] + extra
    text = " ".join(text.split(" ")).strip()
    if r.random() < 0.12:
        text = _email(c, text)
        tags = [*tags, "email_style"]
    all_tags = [fam.tag] + [t for t in dict.fromkeys(tags) if t and t != fam.tag]
    return {"claim": claim, "statement": text, "label": label, "tags": all_tags}


def generate_pairs(n: int, seed: int = 0) -> list[dict]:
    """``n`` synthetic (claim, statement, label, tags) rows; deterministic in ``(n, seed)``.

    Labels and claim families are balanced: the (family, label) cells are cycled so every label
    gets ``n/3`` rows (+-1) and every family ``n/15`` (+-1), then the order is shuffled. Exact
    duplicate (claim, statement) pairs are re-drawn a few times before being accepted.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    r = random.Random(seed)
    fams = list(FAMILIES.values())
    cells: list[tuple[Family, str]] = []
    for i in range(n):
        fam = fams[i % len(fams)]
        label = LABELS[(i + i // len(fams)) % len(LABELS)]
        cells.append((fam, label))
    r.shuffle(cells)
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for fam, label in cells:
        row = _one(r, fam, label)
        for _ in range(10):
            if (row["claim"], row["statement"]) not in seen:
                break
            row = _one(r, fam, label)
        seen.add((row["claim"], row["statement"]))
        rows.append(row)
    return rows
