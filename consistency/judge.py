"""Judging one (claim, rep statement) pair: slot comparison fused with a pair scorer.

Two parts, each behind a small protocol so tests can fake them:

* a :class:`PairScorer` gives p(contradicted, consistent, not_mentioned) for (claim, evidence)
  texts: the trained judge (``models/judge-v1``, see :mod:`consistency.judge_model`), or the
  documented interim :class:`HeuristicScorer` when configured with ``judge.kind: heuristic``;
* slot comparison (:func:`consistency.slots.compare_slots`) finds value conflicts the scorer can
  miss ("$49/month" vs "$59/month") and gives the precise explanation.

The fusion rule is deliberately simple and documented in :func:`fuse`: a slot conflict on a
statement that is about the claim makes the pair a contradiction; aligned, compatible slots
make it consistent unless the scorer is confident of a contradiction (negation, added terms).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .types import Claim, JudgeScores, SlotDiff, SlotKind, Statement, Verdict

_NO_COMMITMENT = re.compile(
    r"\b(cancel (?:at )?any ?time|no (?:long[- ]term )?(?:contracts?|commitments?|lock[- ]?ins?)|"
    r"month[- ]to[- ]month|no (?:minimum|fixed) term|without (?:a )?(?:contract|commitment))\b",
    re.IGNORECASE,
)
_COMMITMENT = re.compile(
    r"\b((?:\d+|one|two|three|six|twelve|eighteen|twenty-four|thirty-six)[- ](?:month|year)s?"
    r"(?: minimum)?[- ](?:contract|commitment|agreement|term|lock[- ]?in)|"
    r"(?:annual|yearly|multi-year) (?:contract|commitment|agreement)|minimum term|"
    r"early (?:termination|cancellation) fee|(?:locked|lock you) in for)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"\b(no|not|never|isn't|aren't|don't|doesn't|without)\b[^.;]{0,25}$", re.IGNORECASE)


def commitment_conflict(claim: str, statement: str) -> SlotDiff | None:
    """"Cancel anytime" / "no contract" in the copy against a term the rep names ("it's a
    12-month contract", "there's an early termination fee"): the classic contradiction that
    has no comparable number on the copy side."""
    if not _NO_COMMITMENT.search(claim):
        return None
    m = _COMMITMENT.search(statement)
    if m is None or _NO_COMMITMENT.search(statement) or _DENIED.search(statement[: m.start()]):
        return None
    said, promised = m.group(0), _NO_COMMITMENT.search(claim).group(0)
    # A commitment is a duration the customer is bound for; the copy promised none.
    return SlotDiff(SlotKind.DURATION, promised, said, False, f"copy: {promised}; rep: {said}")


_NEW_ONLY = re.compile(
    r"\b(?:new\s+(?:customers?|members?|clients?|subscribers?|accounts?)\s+only|only\s+(?:for|to)\s+new\s+"
    r"(?:customers?|members?|clients?|subscribers?|accounts?)|first[- ]time\s+(?:customers?|buyers?)\s+only)\b",
    re.IGNORECASE,
)
_OPEN_TO_ALL = re.compile(
    r"\b(?:(?:existing|current|returning)\s+(?:customers?|members?|clients?|subscribers?|accounts?)"
    r"(?:\s+(?:can(?!['’]?t|not)|get|qualify|too|also|as\s+well)\b|[^.;]{0,30}\b(?:too|also|as\s+well)\b)"
    r"|(?:anybody|anyone|everyone|everybody)\s+(?:can(?!['’]?t|not)|gets?|qualifies)\b|not\s+just\s+(?:for\s+)?new\s+customers)",
    re.IGNORECASE,
)


_RESTRICTION = re.compile(
    r"\b(?:only\s+(?:available|applies|apply|valid|works|counts|covers)|(?:is|are|it['’]s)\s+only\s+(?:for|on|with|when|if)|"
    r"only\s+(?:when|if)\b|but\s+only|except\b|minus\b|(?:isn['’]t|is\s+not|aren['’]t|are\s+not|not)\s+"
    r"(?:included|supported|covered)|(?:wouldn['’]t|won['’]t|doesn['’]t|does\s+not|would\s+not)\s+apply|"
    # "but that kicks in once you've been a member", "but we close at six now, not eight",
    # "but video consults are $25", "is for members of our Care Club"
    r"kicks\s+in\s+(?:once|after|when|only)|now,\s+not\b|but\s+\w+(?:\s+\w+)?\s+(?:is|are)\s+(?:\$|\d)|"
    r"(?:is|are)\s+(?:just\s+)?for\s+members\b)",
    re.IGNORECASE,
)
_CLAIM_LIMITED = re.compile(r"\b(?:only|when|if|unless|except|with\s+code|for\s+new|on\s+orders?\s+over|minimum)\b", re.I)


def narrowing(statement: str) -> bool:
    """The statement narrows what it says ("only available when ...", "minus a fee", "isn't supported")."""
    return bool(_RESTRICTION.search(statement))


def limited(claim: str) -> bool:
    """The claim states a limit of its own ("only", "when", "on orders over", "for new ...")."""
    return bool(_CLAIM_LIMITED.search(claim))


# "on every plan", "all plans include", "with any membership": the copy promises it across the range
_EVERY_PLAN = re.compile(
    r"\b(?:on|for|with|in|across|to)\s+(?:all|every|any|each)\s+(?:of\s+(?:our|the)\s+)?"
    r"(?:plans?|tiers?|packages?|memberships?|levels?|editions?|subscriptions?)\b|"
    r"\b(?:all|every|each)\s+(?:plans?|tiers?|packages?|memberships?|editions?)\s+(?:includes?|comes?|gets?|has|have)\b",
    re.IGNORECASE,
)
_PLAN_NOUN = r"(?:plans?|tiers?|packages?|memberships?|bundles?|editions?|levels?)"
_KNOWN_PLAN = r"(?:Starter|Basic|Pro|Premium|Enterprise|Growth|Essentials?|Advanced|Ultimate|Lite|Solo|Platinum|Gold|Silver|Bronze|Business|Team|Plus|Standard)"
# the rep ties it to one named plan: "only on the Business plan", "for Pro customers", "on Standard
# and above", "that's the Network plan", "SSO is on Enterprise"
_NAMED = r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December|I\b|The\b)[A-Z][\w-]+"
_ONE_PLAN = re.compile(
    r"\b(?i:only\s+(?:on|for|with|in)|(?:is|are|it['’]s|that['’]s)\s+(?:only\s+)?(?:on|for|in|with))\s+(?i:the\s+|our\s+)?"
    r"(?:" + _NAMED + r"\s+(?i:" + _PLAN_NOUN + r")|" + _KNOWN_PLAN + r"\b)|"
    r"\b(?i:for|on|with)\s+(?i:the\s+|our\s+)?" + _NAMED + r"\s+(?i:customers?|users?|members?|subscribers?|accounts?)\b|"
    r"\b(?i:on|for|with|from)\s+(?i:the\s+|our\s+)?" + _NAMED + r"(?:\s+(?i:" + _PLAN_NOUN + r"))?\s+(?i:and\s+(?:above|up|higher)|or\s+(?:higher|above))\b|"
    r"\b(?i:that['’]s|it['’]s|you['’]d\s+need)\s+(?i:the|our)\s+" + _NAMED + r"\s+(?i:" + _PLAN_NOUN + r")\b|"
    r"\b" + _NAMED + r"\s+(?i:" + _PLAN_NOUN + r")\s+only\b"
)


def plan_restriction(claim: str, statement: str) -> str | None:
    """What the rep ties to one plan when the copy promises it on every plan ("24/7 live chat
    support on all plans" vs "Live chat is available 24/7 for Pro customers"), else None."""
    if not _EVERY_PLAN.search(claim) or _EVERY_PLAN.search(statement):
        return None
    m = _ONE_PLAN.search(statement)
    if m is None or _DENIED.search(statement[max(0, m.start() - 12): m.start()]):
        return None
    return m.group(0).strip()


def narrows(claim: str, statement: str) -> bool:
    """The statement narrows what it confirms and the claim states no limit of its own."""
    return narrowing(statement) and not limited(claim)


def eligibility_conflict(claim: str, statement: str) -> SlotDiff | None:
    """"New customers only" in the copy against a rep who opens the offer to everyone ("it works
    for existing customers too, anybody can get it")."""
    m = _NEW_ONLY.search(claim)
    if m is None:
        return None
    said = _OPEN_TO_ALL.search(statement)
    if said is None or _DENIED.search(statement[: said.start()]) or re.search(r"\b(?:can['’]?t|cannot|don['’]?t|doesn['’]?t|not)\b", said.group(0), re.I):
        return None
    return SlotDiff(SlotKind.CONDITION, m.group(0), said.group(0), False, f"copy: {m.group(0)}; rep: {said.group(0)}")


_DENIAL = re.compile(
    r"\b(?:no|without|zero|don'?t|do not|doesn'?t|does not|won'?t|will not|never|isn'?t|is not|aren'?t|not)"
    r"\s+((?:[a-z-]+\s+){0,3}[a-z-]+)",
    re.IGNORECASE,
)
_DENIAL_STOP = {"a", "an", "the", "any", "need", "needs", "needed", "require", "required", "ask", "asks", "for",
                "take", "takes", "have", "has", "charge", "charges", "we", "you", "it", "to", "do", "extra"}


def _denied_words(text: str) -> set[str]:
    out: set[str] = set()
    for m in _DENIAL.finditer(text):
        out |= {w.rstrip("s") for w in m.group(1).lower().split() if w not in _DENIAL_STOP and len(w) > 2}
    return out


def shared_denial(claim: str, statement: str) -> bool:
    """Both sides deny the same thing: "No credit card needed" / "we don't need a card"."""
    a = _denied_words(claim)
    return bool(a) and bool(a & _denied_words(statement))


class PairScorer(Protocol):
    name: str

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[JudgeScores]: ...


@dataclass(frozen=True)
class PairJudgement:
    """One judged (claim, statement) pair, internal to the engine."""

    statement: Statement
    similarity: float
    scores: JudgeScores
    slot_diffs: tuple[SlotDiff, ...]
    rule: str  # which part decided: "slots:conflict", "slots:agree", "scorer"

    @property
    def verdict(self) -> Verdict:
        return self.scores.best()


def _normalised(c: float, s: float, n: float) -> JudgeScores:
    total = c + s + n
    return JudgeScores(contradicted=c / total, consistent=s / total, not_mentioned=n / total)


def _discounted(scores: JudgeScores, factor: float) -> JudgeScores:
    """Scale both verdict probabilities by ``factor``; the rest goes to not_mentioned."""
    c, s = scores.contradicted * factor, scores.consistent * factor
    return JudgeScores(c, s, max(0.0, 1.0 - c - s))


def _with_floor(scores: JudgeScores, field: str, floor: float) -> JudgeScores:
    """Raise one probability to at least ``floor``, scaling the other two to keep the sum 1."""
    probs = {"contradicted": scores.contradicted, "consistent": scores.consistent,
             "not_mentioned": scores.not_mentioned}
    if probs[field] >= floor:
        return scores
    others = [k for k in probs if k != field]
    rest = sum(probs[k] for k in others)
    for k in others:
        probs[k] = (1.0 - floor) * (probs[k] / rest if rest > 0 else 0.5)
    probs[field] = floor
    return JudgeScores(**probs)


_SPECIFIC_KINDS = (SlotKind.MONEY, SlotKind.PERCENT, SlotKind.QUANTITY, SlotKind.DURATION)
_VAGUE_VALUE = re.compile(r"^(?:not\b|free|\$0\b)|\bfree\b", re.IGNORECASE)


_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)\b", re.I)


def _figure_clash(d: SlotDiff) -> bool:
    """A condition both sides state with different figures ("for the first 3 months" vs "for the
    first two months", "orders over $50" vs "over $75"), or an offer for new customers only that
    the rep opens to all: a clash of values, unlike a condition the rep merely adds or another
    plan's billing, which may be about another offer."""
    if d.copy_value == "none":
        return False
    return bool(_NEW_ONLY.fullmatch(d.copy_value)) or (bool(_FIGURE.search(d.copy_value)) and bool(_FIGURE.search(d.rep_value)))


def fuse(
    scores: JudgeScores,
    diffs: Sequence[SlotDiff],
    similarity: float,
    *,
    conflict_min_similarity: float,
    relevance_center: float | None = None,
    on_topic: bool = True,
    topic_mismatch_factor: float = 1.0,
    same_denial: bool = False,
    scorer_contradiction_min_similarity: float = -1.0,
    same_thing: bool = True,
    subject_free_similarity: float = 0.6,
    specific_agreement_min_similarity: float | None = None,
    topic_gate_max_similarity: float = 1.0,
    close_agreement_min_similarity: float | None = None,
    restricted: bool = False,
    free_item_min_similarity: float | None = None,
    shared_item: bool = False,
    omits_listed: bool = False,
    one_plan: bool = False,
    denies_item: bool = False,
) -> tuple[JudgeScores, str]:
    """Combine the scorer's probabilities with retrieval similarity and slot comparison.

    1. Relevance gate: p(contradicted) and p(consistent) are scaled by
       ``sigmoid(12 * (cosine - relevance_center))`` and the rest goes to not_mentioned, because
       the scorer alone over-calls contradictions between statements on different topics
       ("Parking is $15 a night" vs "Rooms from $189 per night").
    2. A value conflict (an aligned money/percent/duration/quantity/schedule slot with
       incompatible values) on a statement at least ``conflict_min_similarity`` close: at least
       0.85 contradicted; so is a condition both sides state with other figures ("first 3 months"
       vs "first two months"), and a price for one of the things the copy gives free, named on
       both sides, from ``free_item_min_similarity`` ("Captain, fuel and snorkel gear included" vs
       "Fuel is a $45 surcharge"). A condition the rep adds is left to the scorer: alone it is too weak.
    3. Compatible aligned slots on a statement that close which then narrows them ("0% APR
       for 18 months is only available with a solar system", "we refund you minus a fee") while
       the claim states no limit of its own: at least 0.6 contradicted ("slots:restricted").
       Compatible aligned slots, statement that close, scorer not confident of a
       contradiction (under 0.9 when every diff agrees, under 0.7 when the rep adds a
       condition): at least 0.75 consistent. So too when both deny the same thing ("No
       credit card needed" / "we don't need a card"), which the scorer tends to read as a clash.
    3b. The rep enumerates the copy's list and leaves items out (``omits_listed``, from
       :func:`consistency.claims.omitted_items`: "We cover Windows and macOS" for "Windows, macOS
       and Linux"), or denies an item the copy names (``denies_item``, from
       :func:`consistency.claims.denied_items`: "we aren't able to bill Medicare Part D"), on a
       statement ``conflict_min_similarity`` close, with no value clash: at least 0.6
       contradicted ("list:omits", "item:denied"), checked before the topic gate since naming
       the copy's own items is on topic.
    3c. The copy promises it on every plan and the rep ties it to one (``one_plan``, from
       :func:`plan_restriction`: "for Pro customers", "only on the Business plan"), that close:
       at least 0.6 contradicted ("scope:one-plan").
    4. Statement and claim on different topics (:func:`consistency.claims.topic_groups`) or about
       different plans (:func:`consistency.claims.same_subject`): slots are not compared, and
       both verdict probabilities are scaled by ``topic_mismatch_factor``; so too when the
       statement prices something else (no shared subject word, :func:`consistency.claims.subject_terms`).
       A statement at least ``topic_gate_max_similarity`` close is never gated: that closeness is
       evidence of the topic the keyword groups can miss.
    5. The rep repeats the copy's exact figure ("Twenty-nine ninety-nine a month, yep") at least
       ``specific_agreement_min_similarity`` close: at least 0.75 consistent. Short answers embed
       far from the claim, but the same $29.99 is no coincidence ("free" is, so it does not count).
    6. No slot or term clash, scorer p(contradicted) under 0.25, statement at least
       ``close_agreement_min_similarity`` close: at least 0.6 consistent.
    7. Nothing but the scorer says contradiction, on a statement less than
       ``scorer_contradiction_min_similarity`` close: the contradiction mass moves to
       not_mentioned (on long calls the scorer over-calls mid-similarity remarks).
    """
    if relevance_center is not None:
        scores = _discounted(scores, 1.0 / (1.0 + math.exp(-12.0 * (similarity - relevance_center))))
    if (omits_listed or denies_item) and similarity >= conflict_min_similarity and not any(
            not d.compatible and d.kind is not SlotKind.CONDITION for d in diffs):
        # the rep lists the copy's items and leaves one out ("We cover Windows and macOS" for
        # "Windows, macOS and Linux"), or says one is not there ("we aren't able to bill Medicare
        # Part D"): a customer hears that it is not there. Naming the copy's own items is on
        # topic, whatever the keyword groups say.
        return _with_floor(scores, "contradicted", 0.6), "list:omits" if omits_listed else "item:denied"
    if not on_topic and similarity < topic_gate_max_similarity:
        return _discounted(scores, topic_mismatch_factor), "topic:mismatch"
    value_conflicts = [d for d in diffs if not d.compatible and (d.kind is not SlotKind.CONDITION or _figure_clash(d))]
    if not same_thing and similarity < subject_free_similarity and any(d.kind is SlotKind.MONEY for d in value_conflicts):
        # "$25 a night" for the dog vs "fifteen dollars a night" for parking: the price of
        # something else, so the statement is not about this claim at all
        return _discounted(scores, topic_mismatch_factor), "subject:mismatch"
    agreements = [d for d in diffs if d.compatible]
    close = similarity >= conflict_min_similarity
    if (free_item_min_similarity is not None and shared_item and similarity >= free_item_min_similarity
            and any(d.kind is SlotKind.MONEY and d.copy_value == "free" for d in value_conflicts)):
        # "Captain, fuel and snorkel gear included" vs "Fuel is a $45 surcharge": the rep prices
        # one of the things the copy gives free; a list claim embeds far from its single items
        close = True
    # A named commitment against "cancel anytime", or an offer for new customers only opened to
    # existing ones, is on topic by construction: no closeness needed.
    if value_conflicts and (close or any(_NO_COMMITMENT.fullmatch(d.copy_value) or _NEW_ONLY.fullmatch(d.copy_value)
                                         for d in value_conflicts)):
        return _with_floor(scores, "contradicted", 0.85), "slots:conflict"
    if same_denial and close:
        # Two negations read as a clash by the scorer; both sides deny the same thing.
        return _with_floor(scores, "consistent", 0.75), "negation:agree"
    if one_plan and close and not value_conflicts:
        # the copy promises it on every plan; the rep ties it to one ("for Pro customers")
        return _with_floor(scores, "contradicted", 0.6), "scope:one-plan"
    if agreements and close and restricted and not value_conflicts:
        # the rep confirms the figure and then narrows it ("0% APR for 18 months is only available
        # with a solar system", "we refund you minus a fifty-dollar fee"): a condition the copy
        # does not state that takes the benefit away
        return _with_floor(scores, "contradicted", 0.6), "slots:restricted"
    # The same figure with nothing added is agreement unless the judge is all but certain of a
    # clash ("8 bottles x $7.50 = $60.00 per delivery" for "$7.50 each"); with a condition the
    # rep adds ("on a 36-month agreement, which keeps the price at $19.99"), a likely clash wins.
    ceiling = 0.9 if all(d.compatible for d in diffs) else 0.7
    if agreements and close and scores.contradicted < ceiling:
        return _with_floor(scores, "consistent", 0.75), "slots:agree"
    specific = [d for d in agreements if d.kind in _SPECIFIC_KINDS and not _VAGUE_VALUE.search(d.copy_value)]
    if (specific and not value_conflicts and same_thing and scores.contradicted < 0.5
            and specific_agreement_min_similarity is not None
            and similarity >= specific_agreement_min_similarity):
        # the rep names the copy's exact figure ("Twenty-nine ninety-nine a month, yep"): short
        # answers embed far from the claim, but the same $29.99 is no coincidence
        return _with_floor(scores, "consistent", 0.75), "slots:agree"
    if similarity < scorer_contradiction_min_similarity:
        # Nothing but the judge says contradiction, on a statement not close to the claim.
        return JudgeScores(0.0, scores.consistent, 1.0 - scores.consistent), "scorer:far"
    if close_agreement_min_similarity is not None and similarity >= close_agreement_min_similarity \
            and scores.contradicted < 0.25 and all(d.compatible for d in diffs):
        # A paraphrase this close with no clash anywhere ("WooCommerce connects in one click,
        # yes"): the scorer hedges between consistent and not_mentioned; it is about the claim
        return _with_floor(scores, "consistent", 0.6), "close:agree"
    return scores, "scorer"


def priced_subject(statement: Statement) -> frozenset[str]:
    """What a statement prices: the subject of "<subject> is/costs $N" when it says so ("Membership
    is thirty dollars a year" prices the membership, not the tunings it mentions after), else
    every content word of it."""
    from .claims import priced_items, subject_terms

    if any(sl.kind is SlotKind.MONEY and sl.value for sl in statement.slots):
        named = priced_items(statement.text)
        if named:
            # and whatever fee it prices further on ("..., and there's an initiation fee of $1,000")
            return named | {str(sl.attrs["object"]) for sl in statement.slots
                            if sl.kind is SlotKind.MONEY and sl.value and sl.attrs.get("object")}
    return subject_terms(statement.judged_text)


def judge_pairs(
    claims: Sequence[Claim],
    statements: Sequence[Statement],
    pairs: Sequence[tuple[int, int]],
    similarities: np.ndarray,
    scorer: PairScorer,
    *,
    conflict_min_similarity: float,
    relevance_center: float | None = None,
    topic_mismatch_factor: float = 1.0,
    **fuse_options,
) -> list[PairJudgement]:
    """Score (claim index, statement index) pairs in one batch and fuse each with slot rules."""
    from .claims import (
        denied_items,
        free_items,
        omitted_items,
        priced_items,
        same_subject,
        same_thing_priced,
        same_topic,
        subject_terms,
        topic_groups,
        words_overlap,
    )
    from .slots import compare_slots

    # What depends on one side only is worked out once per claim / statement, not once per pair.
    memo: dict[tuple, object] = {}

    def once(fn, side: str, i: int, *args):
        key = (fn.__name__, side, i)
        if key not in memo:
            memo[key] = fn(*args)
        return memo[key]

    if not pairs:
        return []
    raw = scorer.score([(claims[c].text, statements[s].judged_text) for c, s in pairs])
    out = []
    for (c, s), sc in zip(pairs, raw, strict=True):
        claim, st = claims[c], statements[s]
        diffs = tuple(compare_slots(claim.slots, st.slots))
        for term in (commitment_conflict(claim.text, st.text), eligibility_conflict(claim.text, st.text)):
            if term is not None:
                diffs += (term,)
        omitted = omitted_items(claim.text, st.text)
        if omitted:
            listed = ", ".join(omitted)
            diffs += (SlotDiff(SlotKind.CONDITION, listed, "left out", False,
                               f"copy lists {listed}; the rep's list leaves it out"),)
        denied = denied_items(claim.text, st.text)
        if denied:
            said = ", ".join(denied)
            diffs += (SlotDiff(SlotKind.CONDITION, said, "not available", False,
                               f"copy: {said}; rep: not available"),)
        scope = plan_restriction(claim.text, st.text)
        if scope is not None:
            every = _EVERY_PLAN.search(claim.text).group(0)
            diffs += (SlotDiff(SlotKind.CONDITION, every, scope, False, f"copy: {every}; rep: {scope}"),)
        sim = float(similarities[c, s])
        on_topic = same_topic(
            once(topic_groups, "c", c, claim.text, claim.slots), once(topic_groups, "s", s, st.text, st.slots)
        ) and same_subject(claim.text, st.judged_text)
        fused, rule = fuse(sc, diffs, sim, conflict_min_similarity=conflict_min_similarity,
                           relevance_center=relevance_center, on_topic=on_topic,
                           topic_mismatch_factor=topic_mismatch_factor,
                           same_denial=shared_denial(claim.text, st.text),
                           restricted=once(narrowing, "s", s, st.text) and not once(limited, "c", c, claim.text),
                           omits_listed=bool(omitted),
                           one_plan=scope is not None,
                           denies_item=bool(denied),
                           shared_item=words_overlap(once(free_items, "c", c, claim.text),
                                                     once(priced_items, "s", s, st.text)),
                           **fuse_options,
                           same_thing=same_thing_priced(once(subject_terms, "c", c, claim.text),
                                                        once(priced_subject, "s", s, st)))
        out.append(PairJudgement(st, sim, fused, diffs, rule))
    return out


class HeuristicScorer:
    """Interim scorer (``judge.kind: heuristic``): cosine similarity, slots and negation.

    Relevance is a logistic function of MiniLM cosine; among relevant pairs, a negation
    mismatch or a slot conflict means contradiction, otherwise consistency. It exists so the
    pipeline can run without the trained judge; it is never used unless configured.
    """

    name = "heuristic-v1"

    def __init__(self, embedder):
        self.embedder = embedder

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[JudgeScores]:
        from .slots import compare_slots, extract_slots, has_negation

        if not pairs:
            return []
        a = self.embedder.encode([p[0] for p in pairs])
        b = self.embedder.encode([p[1] for p in pairs])
        sims = np.sum(a * b, axis=1)
        out = []
        for (claim, ev), sim in zip(pairs, sims, strict=True):
            relevant = 1.0 / (1.0 + math.exp(-12.0 * (float(sim) - 0.45)))
            diffs = compare_slots(extract_slots(claim), extract_slots(ev))
            conflict = any(not d.compatible for d in diffs)
            neg_mismatch = has_negation(claim) != has_negation(ev)
            p_contra_given_rel = 0.8 if conflict else (0.6 if neg_mismatch else 0.2)
            c = relevant * p_contra_given_rel
            s = relevant * (1 - p_contra_given_rel)
            out.append(_normalised(c + 1e-6, s + 1e-6, 1 - relevant + 1e-6))
        return out
