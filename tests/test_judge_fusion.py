"""The fusion of scorer probabilities with similarity, topic and slot comparison."""

from __future__ import annotations

import pytest

from consistency.claims import free_items, priced_items, same_topic, topic_groups, words_overlap
from consistency.judge import eligibility_conflict, fuse, narrows, plan_restriction
from consistency.types import JudgeScores, SlotDiff, SlotKind

CONFLICT = SlotDiff(SlotKind.MONEY, "$49/month", "$59/month", False, "copy: $49/month; rep: $59/month")
AGREE = SlotDiff(SlotKind.MONEY, "$49/month", "$49/month", True, "copy: $49/month; rep: $49/month")
COND = SlotDiff(SlotKind.CONDITION, "", "annual plans only", False, "rep adds condition: annual plans only")
NEUTRAL = JudgeScores(0.2, 0.2, 0.6)
# the same condition with other figures is a clash of values; another billing plan is not
COND_FIGURES = SlotDiff(SlotKind.CONDITION, "for the first 3 months", "for the first two months", False,
                       "copy: for the first 3 months; rep: for the first two months")
COND_OTHER_PLAN = SlotDiff(SlotKind.CONDITION, "annual plans", "monthly plans", False,
                          "copy: annual plans; rep: monthly plans")


@pytest.mark.parametrize("diffs, sim, on_topic, rule, best", [
    ([CONFLICT], 0.7, True, "slots:conflict", "contradicted"),
    ([CONFLICT], 0.2, True, "scorer", "not_mentioned"),        # too far from the claim
    ([CONFLICT], 0.7, False, "topic:mismatch", "not_mentioned"),  # another attribute of the offer
    ([AGREE], 0.7, True, "slots:agree", "consistent"),
    ([COND], 0.7, True, "scorer", "not_mentioned"),           # an added condition alone decides nothing
    ([COND_FIGURES, AGREE], 0.7, True, "slots:conflict", "contradicted"),
    ([COND_OTHER_PLAN], 0.7, True, "scorer", "not_mentioned"),
])
def test_fuse_rules(diffs, sim, on_topic, rule, best):
    scores, used = fuse(NEUTRAL, diffs, sim, conflict_min_similarity=0.45, relevance_center=0.35,
                        on_topic=on_topic, topic_mismatch_factor=0.3)
    assert used == rule
    assert scores.best().value == best
    assert abs(scores.contradicted + scores.consistent + scores.not_mentioned - 1) < 1e-9


def test_relevance_gate_moves_mass_to_not_mentioned():
    strong = JudgeScores(0.8, 0.1, 0.1)
    far, _ = fuse(strong, [], 0.05, conflict_min_similarity=0.45, relevance_center=0.35)
    near, _ = fuse(strong, [], 0.8, conflict_min_similarity=0.45, relevance_center=0.35)
    assert far.best().value == "not_mentioned" and near.best().value == "contradicted"


@pytest.mark.parametrize("a, b, same", [
    ("Try it free for 30 days", "You have sixty days to send the hardware back for a refund.", False),
    ("Starter is $49 per month", "It's fifty-nine dollars a month.", True),
    ("No long-term contracts", "It's a twelve-month agreement.", True),
    ("24/7 phone support", "Support is weekdays nine to five.", True),
    ("Hardware ships within 2 business days", "Hello there!", True),  # unknown topic: no veto
])
def test_topics(a, b, same):
    assert same_topic(topic_groups(a), topic_groups(b)) is same


@pytest.mark.parametrize("claim, statement, conflict", [
    ("Cancel anytime", "Pro is a 12-month contract.", True),
    ("No long-term contracts", "There's an early termination fee if you leave in year one.", True),
    ("Month-to-month, no commitment", "It's an annual agreement.", True),
    ("Cancel anytime", "There's no 12-month contract, you can leave whenever.", False),
    ("Cancel anytime", "We don't do a 12-month contract.", False),
    ("Pro is $49 a month", "Pro is a 12-month contract.", False),
])
def test_commitment_conflict(claim, statement, conflict):
    from consistency.judge import commitment_conflict

    diff = commitment_conflict(claim, statement)
    assert (diff is not None) is conflict
    if diff is not None:
        assert not diff.compatible and diff.explanation.startswith("copy: ")


@pytest.mark.parametrize("claim, statement, same", [
    ("Pro is $89 per month per location", "For one location, Starter is forty-nine a month.", False),
    ("Pro is $89 per month per location", "Pro is ninety-nine a month per location.", True),
    ("Pro is $89 per month", "It's eighty-nine a month.", True),              # no plan named: no veto
    ("Ships within 2 business days", "Our Business plan ships faster.", True),  # 'business' is no plan name
])
def test_same_subject(claim, statement, same):
    from consistency.claims import same_subject

    assert same_subject(claim, statement) is same


@pytest.mark.parametrize("claim, statement, shared", [
    ("No credit card needed", "We don't need a card to start it.", True),
    ("No contracts", "We don't do contracts.", True),
    ("No setup fee", "There is no setup fee.", True),
    ("No credit card needed", "We need a card on file.", False),
    ("No setup fee", "It's not free, there is a setup fee.", False),
    ("No contracts", "No card needed, thirty days free.", False),
])
def test_shared_denial(claim, statement, shared):
    from consistency.judge import shared_denial

    assert shared_denial(claim, statement) is shared


def test_shared_denial_overrides_a_scorer_clash():
    scores, rule = fuse(JudgeScores(0.7, 0.1, 0.2), [], 0.6, conflict_min_similarity=0.45, same_denial=True)
    assert rule == "negation:agree" and scores.best().value == "consistent"


FREE_AGREE = SlotDiff(SlotKind.MONEY, "free", "free", True, "copy: free; rep: free")


@pytest.mark.parametrize("diffs, sim, kwargs, rule, best", [
    # the rep repeats the copy's exact figure in a short answer that embeds far from the claim
    ([AGREE], 0.3, {"specific_agreement_min_similarity": 0.25}, "slots:agree", "consistent"),
    ([AGREE], 0.2, {"specific_agreement_min_similarity": 0.25}, "scorer", "not_mentioned"),
    ([AGREE], 0.3, {}, "scorer", "not_mentioned"),                       # option off
    ([FREE_AGREE], 0.3, {"specific_agreement_min_similarity": 0.25}, "scorer", "not_mentioned"),  # "free" is everywhere
    ([AGREE], 0.3, {"specific_agreement_min_similarity": 0.25, "same_thing": False}, "scorer", "not_mentioned"),
    # a price of something else ("$599" for the kit vs "$49 a month" for the plan)
    ([CONFLICT], 0.5, {"same_thing": False}, "subject:mismatch", "not_mentioned"),
    ([CONFLICT], 0.7, {"same_thing": False}, "slots:conflict", "contradicted"),  # close enough anyway
])
def test_fuse_subject_and_specific_agreement(diffs, sim, kwargs, rule, best):
    scores, used = fuse(NEUTRAL, diffs, sim, conflict_min_similarity=0.45, relevance_center=0.35, **kwargs)
    assert (used, scores.best().value) == (rule, best)


def test_judge_alone_needs_a_close_statement_to_contradict():
    strong = JudgeScores(0.9, 0.05, 0.05)
    far, rule = fuse(strong, [], 0.38, conflict_min_similarity=0.45, relevance_center=0.35,
                     scorer_contradiction_min_similarity=0.4)
    assert rule == "scorer:far" and far.contradicted == 0.0
    near, rule = fuse(strong, [], 0.5, conflict_min_similarity=0.45, relevance_center=0.35,
                      scorer_contradiction_min_similarity=0.4)
    assert rule == "scorer" and near.best().value == "contradicted"


def test_topic_gate_skipped_for_a_very_close_statement():
    agree = JudgeScores(0.05, 0.8, 0.15)
    gated, rule = fuse(agree, [], 0.5, conflict_min_similarity=0.45, on_topic=False, topic_mismatch_factor=0.3,
                       topic_gate_max_similarity=0.6)
    assert rule == "topic:mismatch" and gated.best().value == "not_mentioned"
    kept, rule = fuse(agree, [], 0.74, conflict_min_similarity=0.45, on_topic=False, topic_mismatch_factor=0.3,
                      topic_gate_max_similarity=0.6)
    assert rule == "scorer" and kept.best().value == "consistent"


@pytest.mark.parametrize("text, terms", [
    ("Forty-nine a month.", set()),
    ("It's one fifty a month.", set()),
    ("Payouts are next business day, but there's a one dollar fee per payout.", {"payout"}),
    ("The countertop kit is $599, or $29 a month for 24 months", {"countertop", "kit"}),
    ("We don't have a 12-month contract.", {"contract"}),
])
def test_subject_terms(text, terms):
    from consistency.claims import subject_terms

    assert subject_terms(text) == terms


@pytest.mark.parametrize("scores, diffs, sim, rule", [
    (JudgeScores(0.1, 0.35, 0.55), [], 0.75, "close:agree"),   # "WooCommerce connects in one click, yes"
    (JudgeScores(0.1, 0.35, 0.55), [], 0.5, "scorer"),         # not close enough
    (JudgeScores(0.4, 0.3, 0.3), [], 0.75, "scorer"),          # the scorer sees a clash
    (JudgeScores(0.1, 0.35, 0.55), [COND], 0.75, "scorer"),    # the rep adds a condition
])
def test_close_statement_without_clash_agrees(scores, diffs, sim, rule):
    fused, used = fuse(scores, diffs, sim, conflict_min_similarity=0.45, close_agreement_min_similarity=0.65)
    assert used == rule
    if rule == "close:agree":
        assert fused.best().value == "consistent" and fused.consistent >= 0.6


def _judgement(turn: int, sim: float, scores: JudgeScores, rule: str):
    from consistency.judge import PairJudgement
    from consistency.types import Role, Statement

    st = Statement("call1", turn, "Dana", Role.REP, f"statement {turn}", 0, 11)
    return PairJudgement(st, sim, scores, (), rule)


@pytest.mark.parametrize("conflict_rule,expected", [
    ("slots:conflict", "contradicted"),  # a figure clash stays decisive however far it embeds
    ("scorer", "consistent"),  # the judge alone, far from a close paraphrase: not decisive
])
def test_far_figure_clash_is_not_cancelled_by_a_closer_paraphrase(conflict_rule, expected):
    from consistency.types import Claim, ClaimType, Severity, Verdict
    from consistency.verdict import Calibrator, aggregate

    claim = Claim("c1", "landing", "Buy a 10-lesson bundle and save 15%.", 0, 36, ClaimType.DISCOUNT)
    paraphrase = _judgement(30, 0.87, JudgeScores(0.05, 0.9, 0.05), "slots:agree")
    clash = _judgement(32, 0.47, JudgeScores(0.85, 0.05, 0.1), conflict_rule)
    f = aggregate(claim, "call1", [paraphrase, clash], contradiction_threshold=0.5, consistent_threshold=0.4,
                  correction_margin=0.1, severity_for=lambda t, v: Severity.LOW, calibrate=Calibrator())
    assert f.verdict is Verdict(expected)


@pytest.mark.parametrize("clash_rule,later_rule,expected", [
    ("scope:one-plan", "close:agree", "contradicted"),  # closeness alone does not take a rule's clash back
    ("slots:conflict", "close:agree", "contradicted"),
    ("scorer", "close:agree", "consistent"),  # the judge alone against closeness: the later wins
    ("scope:one-plan", "slots:agree", "consistent"),  # a later agreement on the figures is a correction
])
def test_closeness_agreement_does_not_override_a_rule_backed_clash(clash_rule, later_rule, expected):
    from consistency.types import Claim, ClaimType, Severity, Verdict
    from consistency.verdict import Calibrator, aggregate

    claim = Claim("c1", "landing", "Every plan includes a dedicated onboarding specialist.", 0, 54, ClaimType.FEATURE)
    clash = _judgement(22, 0.53, JudgeScores(0.6, 0.36, 0.04), clash_rule)
    later = _judgement(23, 0.67, JudgeScores(0.02, 0.6, 0.38), later_rule)
    f = aggregate(claim, "call1", [clash, later], contradiction_threshold=0.5, consistent_threshold=0.4,
                  correction_margin=0.2, severity_for=lambda t, v: Severity.LOW, calibrate=Calibrator())
    assert f.verdict is Verdict(expected)


@pytest.mark.parametrize("claim, statement, shared", [
    ("Captain, fuel and snorkel gear are included at no extra cost", "Fuel is a $45 surcharge on the half day.", True),
    ("Free vacuums and towels at every location", "The microfiber towels are two dollars each.", True),
    ("Hypoallergenic detergent is available at no extra charge", "Sure, hypoallergenic is a two-dollar add-on per bag.", True),
    ("Consultations are free, in person or by video.", "Consults are forty bucks, but that goes toward your deposit.", True),
    # the copy gives the drawer free, the rep prices the kit
    ("Order the countertop kit by April 30 and we will include a free cash drawer.", "The countertop kit is five ninety-nine.", False),
])
def test_free_item_priced(claim, statement, shared):
    assert words_overlap(free_items(claim), priced_items(statement)) is shared


FREE_VS_PRICE = SlotDiff(SlotKind.MONEY, "free", "$45", False, "copy: free; rep: $45")


@pytest.mark.parametrize("shared_item, sim, rule", [
    (True, 0.39, "slots:conflict"),   # a list claim embeds far from one priced item
    (False, 0.39, "scorer"),          # the price of something else
    (True, 0.2, "scorer"),            # too far even so
])
def test_price_for_a_free_item(shared_item, sim, rule):
    _, used = fuse(NEUTRAL, [FREE_VS_PRICE], sim, conflict_min_similarity=0.45, free_item_min_similarity=0.3,
                   shared_item=shared_item)
    assert used == rule


@pytest.mark.parametrize("diffs, rule", [
    ([AGREE], "slots:agree"),          # the same figure, nothing added: the judge's 0.8 does not win
    ([AGREE, COND], "scorer"),         # the rep adds a condition: a likely clash stands
])
def test_agreeing_figure_against_a_confident_judge(diffs, rule):
    _, used = fuse(JudgeScores(0.8, 0.15, 0.05), diffs, 0.66, conflict_min_similarity=0.45)
    assert used == rule


@pytest.mark.parametrize("claim, statement, conflict", [
    ("This offer is for new customers only and ends April 30",
     "Yes, the fifty percent works for existing customers too, anybody can get it.", True),
    ("New customers only.", "Existing customers can get it as well.", True),
    ("New customers only.", "Existing customers can't get it, sorry.", False),
    ("New customers only.", "No, existing customers don't qualify.", False),
    ("Half off Pro for 3 months.", "Existing customers can get it too.", False),  # the copy limits nothing
])
def test_eligibility_conflict(claim, statement, conflict):
    assert (eligibility_conflict(claim, statement) is not None) is conflict


def test_new_customers_only_opened_to_all_needs_no_closeness():
    diff = eligibility_conflict("This offer is for new customers only.", "Existing customers can get it too.")
    _, used = fuse(NEUTRAL, [diff], 0.2, conflict_min_similarity=0.45)
    assert used == "slots:conflict"


@pytest.mark.parametrize("claim, statement, narrowed", [
    ("Finance your battery at 0% APR for 18 months.",
     "Our 0% APR offer for 18 months is only available when the battery is bought with a solar system.", True),
    ("Cancel within the first 30 days for a full refund.",
     "If you cancel in the first thirty days, we refund you minus a fifty-dollar processing fee.", True),
    ("Book direct for 10% off.", "The 10% off applies to stays of three nights or more, so it wouldn't apply here.", True),
    ("Consultations are free, in person or by video.", "Consults are free in person, but video consults are $25.", True),
    ("Walk-ins welcome Tuesday to Saturday, noon to 8pm.", "Walk-ins are Tuesday through Saturday, but we close at six now, not eight.", True),
    ("Members get 20% off all reorders.", "Members get twenty percent off, but that kicks in once you've been a member for three months.", True),
    ("It is $49 a month.", "It is $49 a month, but shipping is free.", False),
    # another thing unavailable is no narrowing; nor is a limit the copy states itself
    ("Boxes arrive on the day you choose, Tuesday to Saturday.",
     "Mondays aren't available, we deliver Tuesday through Saturday.", False),
    ("20% off for new customers only.", "It's only for new customers, 20% off.", False),
])
def test_narrows(claim, statement, narrowed):
    assert narrows(claim, statement) is narrowed


def test_a_narrowed_agreement_is_a_contradiction():
    scores, used = fuse(JudgeScores(0.2, 0.7, 0.1), [AGREE], 0.7, conflict_min_similarity=0.45, restricted=True)
    assert used == "slots:restricted" and scores.best().value == "contradicted"


@pytest.mark.parametrize("a, b, overlap", [
    ({"consultation"}, {"consult"}, True),
    ({"installation"}, {"install"}, True),
    ({"port"}, {"porting"}, False),  # too short to count as a stem
    ({"card"}, {"cart"}, False),
])
def test_words_overlap(a, b, overlap):
    assert words_overlap(frozenset(a), frozenset(b)) is overlap


@pytest.mark.parametrize("text, subject", [
    ("Membership is thirty dollars a year, and then both tunings are fifteen percent off.", {"membership"}),
    ("It's $249 a night that weekend.", {"night", "weekend"}),  # no named subject: every content word
])
def test_priced_subject(text, subject):
    from consistency.judge import priced_subject
    from consistency.slots import extract_slots
    from consistency.types import Role, Statement

    st = Statement(conversation_id="c", turn=0, speaker="r", role=Role.REP, text=text, start=0, end=len(text),
                   slots=extract_slots(text))
    assert priced_subject(st) == frozenset(subject)


OMITTED = SlotDiff(SlotKind.CONDITION, "linux", "left out", False, "copy lists linux; the rep's list leaves it out")


@pytest.mark.parametrize("diffs, sim, on_topic, rule, best", [
    ([OMITTED], 0.5, True, "list:omits", "contradicted"),
    ([OMITTED], 0.5, False, "list:omits", "contradicted"),   # naming the copy's own items is on topic
    ([OMITTED], 0.3, True, "scorer:far", "consistent"),  # too far: another list, the judge decides
    ([OMITTED, CONFLICT], 0.7, True, "slots:conflict", "contradicted"),  # a value clash says more
])
def test_a_shortened_list_is_a_contradiction(diffs, sim, on_topic, rule, best):
    scores, used = fuse(JudgeScores(0.1, 0.6, 0.3), diffs, sim, conflict_min_similarity=0.45, on_topic=on_topic,
                        omits_listed=True, scorer_contradiction_min_similarity=0.4)
    assert used == rule
    assert scores.best().value == best


@pytest.mark.parametrize("claim, statement, scope", [
    ("24/7 live chat support on all plans.", "Live chat is available 24/7 for Pro customers.", "for Pro customers"),
    ("Every plan includes call forwarding and IVR menus.", "IVR menus are only on the Business plan.",
     "are only on the Business plan"),
    ("Custom glossaries on every plan.", "Glossaries are on Standard and above.", "are on Standard"),
    ("Unlimited storage on every plan.", "If you want more shows, that's the Network plan.", "that's the Network plan"),
    ("24/7 live chat support on all plans.", "Live chat is 24/7 on every plan.", None),     # the rep agrees
    ("24/7 live chat support on all plans.", "It is not only for Pro customers.", None),   # denied
    ("24/7 live chat support on all plans.", "We are open for Monday customers.", None),   # a day, not a plan
    ("24/7 live chat support.", "Live chat is available 24/7 for Pro customers.", None),   # the copy names no range
])
def test_plan_restriction(claim, statement, scope):
    assert plan_restriction(claim, statement) == scope


def test_one_plan_against_every_plan_is_a_contradiction():
    scores, used = fuse(JudgeScores(0.1, 0.7, 0.2), [], 0.6, conflict_min_similarity=0.45, one_plan=True)
    assert used == "scope:one-plan" and scores.best().value == "contradicted"
    _, used = fuse(JudgeScores(0.1, 0.7, 0.2), [], 0.3, conflict_min_similarity=0.45, one_plan=True)
    assert used == "scorer"  # too far from the claim to be about it


def test_a_denied_item_is_a_contradiction_even_across_topics():
    scores, used = fuse(JudgeScores(0.3, 0.2, 0.5), [], 0.55, conflict_min_similarity=0.45, on_topic=False,
                        topic_mismatch_factor=0.3, denies_item=True)
    assert used == "item:denied" and scores.best().value == "contradicted"
