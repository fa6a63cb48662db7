"""Aggregate judged pairs into one Finding per (claim, conversation).

Rules, in order:

1. A pair is *decisive* when its best label is contradicted or consistent with probability at
   least the configured threshold.
2. No decisive pair: ``not_mentioned``; confidence is the smallest p(not_mentioned) among the
   candidates (1.0 raw when no rep statement was even retrieved).
3. Otherwise the *latest* decisive statement wins (a rep who corrects himself: "it's $59 -
   sorry, $49"), among the decisive statements about as close to the claim as the closest one
   (within ``correction_margin`` cosine), so a later remark on another topic cannot override;
   the explanation says when an earlier statement said the opposite. Agreement by closeness
   alone ("close:agree") does not override a contradiction a slot or term rule found.
4. Confidence is the winning probability mapped through the calibration curve fitted on our
   labelled dev split (``models/verdict-calibration.json``), when present.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .judge import PairJudgement
from .types import Claim, Evidence, Finding, Severity, Statement, Verdict

DEFAULT_CALIBRATION = Path(__file__).resolve().parent.parent / "models" / "verdict-calibration.json"


@dataclass(frozen=True)
class Calibrator:
    """Monotone piecewise-linear map raw confidence -> observed accuracy (isotonic fit)."""

    xs: tuple[float, ...] = (0.0, 1.0)
    ys: tuple[float, ...] = (0.0, 1.0)
    source: str = "identity"

    def __call__(self, p: float) -> float:
        return float(np.clip(np.interp(p, self.xs, self.ys), 0.0, 1.0))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Calibrator:
        p = Path(path) if path else DEFAULT_CALIBRATION
        if not p.exists():
            return cls()
        data = json.loads(p.read_text())
        return cls(tuple(data["xs"]), tuple(data["ys"]), source=str(p.name))


def to_evidence(s: Statement) -> Evidence:
    return Evidence(
        turn=s.turn, speaker=s.speaker, role=s.role, text=s.text,
        start=s.time_start, end=s.time_end, char_start=s.start, char_end=s.end,
    )


def _prob(j: PairJudgement, verdict: Verdict) -> float:
    return {
        Verdict.CONTRADICTED: j.scores.contradicted,
        Verdict.CONSISTENT: j.scores.consistent,
        Verdict.NOT_MENTIONED: j.scores.not_mentioned,
    }[verdict]


# contradictions a slot or term rule decided, not the judge alone (see consistency.judge.fuse)
_RULE_BACKED = frozenset({"slots:conflict", "slots:restricted", "list:omits", "item:denied", "scope:one-plan"})


def _order(j: PairJudgement) -> tuple[int, int]:
    return (j.statement.turn, j.statement.start)


def _explain(claim: Claim, winner: PairJudgement, overridden: PairJudgement | None) -> str:
    who = f"{winner.statement.speaker} (turn {winner.statement.turn})"
    conflicts = [d for d in winner.slot_diffs if not d.compatible]
    agreements = [d for d in winner.slot_diffs if d.compatible]
    if winner.verdict is Verdict.CONTRADICTED:
        if conflicts:
            text = f"{who} contradicts the copy: " + "; ".join(d.explanation for d in conflicts)
        else:
            text = f'{who} said "{winner.statement.text}", which the judge reads as contradicting "{claim.text}"'
    else:
        if agreements:
            text = f"{who} confirms the copy: " + "; ".join(d.explanation for d in agreements)
        else:
            text = f'{who} said "{winner.statement.text}", which the judge reads as consistent with "{claim.text}"'
    if overridden is not None:
        text += (
            f"; earlier (turn {overridden.statement.turn}) the rep said the opposite"
            f' ("{overridden.statement.text}") and the later statement wins'
        )
    return text


def aggregate(
    claim: Claim,
    conversation_id: str,
    judgements: Sequence[PairJudgement],
    *,
    contradiction_threshold: float,
    consistent_threshold: float,
    correction_margin: float = 1.0,
    severity_for,
    calibrate: Calibrator,
) -> Finding:
    thresholds = {Verdict.CONTRADICTED: contradiction_threshold, Verdict.CONSISTENT: consistent_threshold}
    decisive = sorted(
        (j for j in judgements if j.verdict in thresholds and _prob(j, j.verdict) >= thresholds[j.verdict]),
        key=_order,
    )
    if any(j.verdict is Verdict.CONTRADICTED and j.rule in _RULE_BACKED for j in decisive):
        # "close:agree" is agreement by closeness alone (the judge hedged between consistent and
        # not mentioned): it does not take back a clash a rule found ("The dedicated specialist
        # comes with Growth and above" then "On Starter, onboarding is handled by our pooled team")
        decisive = [j for j in decisive if j.rule != "close:agree"]
    if decisive:
        closest = max(j.similarity for j in decisive)
        # A figure that clashes ("the ten-pack is ten percent off" against "save 15%") stays
        # decisive however far it embeds from a closer paraphrase: a statement that confirms part
        # of a claim does not cancel one that contradicts another part, and a later clash is a
        # correction the rep made.
        decisive = [j for j in decisive if j.similarity >= closest - correction_margin or j.rule == "slots:conflict"]
    if not decisive:
        raw = min((j.scores.not_mentioned for j in judgements), default=1.0)
        nearest = max(judgements, key=lambda j: j.similarity, default=None)
        explanation = "no rep statement in this conversation is about this claim"
        if nearest is not None:
            explanation += f' (closest, turn {nearest.statement.turn}: "{nearest.statement.text}")'
        return Finding(
            claim_id=claim.id,
            conversation_id=conversation_id,
            verdict=Verdict.NOT_MENTIONED,
            confidence=calibrate(raw),
            severity=severity_for(claim.type, Verdict.NOT_MENTIONED),
            evidence=(),
            explanation=explanation,
            slot_diffs=(),
            scores=nearest.scores if nearest is not None else None,
        )
    winner = decisive[-1]
    overridden = next((j for j in reversed(decisive[:-1]) if j.verdict is not winner.verdict), None)
    support = [j for j in decisive[:-1] if j.verdict is winner.verdict][-2:]
    evidence = tuple(to_evidence(j.statement) for j in [winner, *reversed(support)])
    if overridden is not None:
        evidence += (to_evidence(overridden.statement),)
    severity: Severity = severity_for(claim.type, winner.verdict)
    return Finding(
        claim_id=claim.id,
        conversation_id=conversation_id,
        verdict=winner.verdict,
        confidence=calibrate(_prob(winner, winner.verdict)),
        severity=severity,
        evidence=evidence,
        explanation=_explain(claim, winner, overridden),
        slot_diffs=winner.slot_diffs,
        scores=winner.scores,
    )
