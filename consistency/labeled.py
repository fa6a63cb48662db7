"""Our labelled engine cases (``corpora/labeled/cases/*.json``): loading and scoring.

Used by ``benchmarks/engine_accuracy.py`` and the calibration fit. An expected claim is given as
an exact substring of its copy's plain text; it is matched to the extracted claim that overlaps
it most (character overlap), so the score measures claim extraction and judging together.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .types import Claim, Conversation, Copy, Finding, Report, Verdict

CASES_DIR = Path(__file__).resolve().parent.parent / "corpora" / "labeled" / "cases"
VERDICTS = [v.value for v in Verdict]


@dataclass
class Case:
    id: str
    split: str
    copies: list[Copy]
    conversations: list[Conversation]
    expected: list[dict]
    expected_unbacked: list[dict] = field(default_factory=list)


def load_cases(split: str = "all", cases_dir: Path = CASES_DIR) -> list[Case]:
    from .io import load_copy, parse_conversation

    cases = []
    for path in sorted(Path(cases_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and data.get("split") != split:
            continue
        copies = [load_copy(c["text"], id=c["id"], format=c.get("format", "text")) for c in data["copy"]]
        convs = []
        for c in data["conversations"]:
            if "turns" in c:
                raw = json.dumps({"id": c["id"], "channel": c.get("channel", "call"), "turns": c["turns"]})
                convs.append(parse_conversation(raw, "json", conversation_id=c["id"], channel=c.get("channel")))
            else:
                convs.append(parse_conversation(
                    c["transcript"], c["format"], conversation_id=c["id"], channel=c.get("channel"),
                    rep_speakers=c.get("rep_speakers", ()), rep_domains=c.get("rep_domains", ()),
                ))
        cases.append(Case(data["id"], data.get("split", "dev"), copies, convs, data["expected"],
                          data.get("expected_unbacked", [])))
    return cases


def match_claims(expected: dict, copy: Copy, claims: list[Claim]) -> list[Claim]:
    """Extracted claims that lie mostly (>= half their length) inside the expected substring.

    The labels give one sentence per claim; the engine may split a sentence with two promises
    into two atomic claims, so one expected claim can map to several extracted ones.
    """
    start = copy.text.find(expected["claim"])
    if start < 0:
        return []
    end = start + len(expected["claim"])
    out = []
    for c in claims:
        if c.copy_id != copy.id:
            continue
        overlap = min(end, c.end) - max(start, c.start)
        if overlap > 0 and overlap >= 0.5 * (c.end - c.start):
            out.append(c)
    return out


# Verdict of a labelled sentence split into parts: any part contradicted makes the sentence
# contradicted; otherwise any part confirmed makes it consistent.
_PRECEDENCE = [Verdict.CONTRADICTED, Verdict.CONSISTENT, Verdict.NOT_MENTIONED]


@dataclass
class Outcome:
    case_id: str
    type: str
    expected: str
    predicted: str
    confidence: float | None
    matched: bool
    type_predicted: str | None
    evidence_ok: bool | None


def score_case(case: Case, report: Report) -> list[Outcome]:
    by_pair: dict[tuple[str, str], Finding] = {(f.claim_id, f.conversation_id): f for f in report.findings}
    copies = {c.id: c for c in case.copies}
    outcomes = []
    for exp in case.expected:
        parts = match_claims(exp, copies[exp["copy_id"]], list(report.claims))
        if not parts:
            # A claim we failed to extract can only ever be reported as not mentioned.
            outcomes.append(Outcome(case.id, exp["type"], exp["verdict"], Verdict.NOT_MENTIONED.value, None,
                                    False, None, None))
            continue
        found = [by_pair[(c.id, exp["conversation_id"])] for c in parts]
        f = min(found, key=lambda x: (_PRECEDENCE.index(x.verdict), -x.confidence))
        claim = parts[found.index(f)]
        ev_ok = None
        if exp.get("evidence_turn") is not None and f.verdict.value == exp["verdict"] != "not_mentioned":
            ev_ok = any(e.turn == exp["evidence_turn"] for e in f.evidence)
        outcomes.append(Outcome(case.id, exp["type"], exp["verdict"], f.verdict.value, f.confidence, True,
                                claim.type.value, ev_ok))
    return outcomes


def prf(outcomes: list[Outcome], label: str) -> tuple[float, float, float, int]:
    tp = sum(o.expected == label and o.predicted == label for o in outcomes)
    fp = sum(o.expected != label and o.predicted == label for o in outcomes)
    fn = sum(o.expected == label and o.predicted != label for o in outcomes)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, tp + fn


def summarise(outcomes: list[Outcome]) -> dict:
    per_verdict = {v: dict(zip(("precision", "recall", "f1", "support"), prf(outcomes, v), strict=True))
                   for v in VERDICTS}
    macro = sum(per_verdict[v]["f1"] for v in VERDICTS) / len(VERDICTS)
    by_type: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_type[o.type].append(o)
    per_type = {}
    for t, os_ in sorted(by_type.items()):
        present = [v for v in VERDICTS if any(o.expected == v for o in os_)]
        per_type[t] = {
            "n": len(os_),
            "accuracy": sum(o.expected == o.predicted for o in os_) / len(os_),
            "macro_f1": sum(prf(os_, v)[2] for v in present) / max(1, len(present)),
            "contradiction_f1": prf(os_, "contradicted")[2],
        }
    matched = [o for o in outcomes if o.matched]
    ev = [o.evidence_ok for o in outcomes if o.evidence_ok is not None]
    confusion = Counter((o.expected, o.predicted) for o in outcomes)
    return {
        "n": len(outcomes),
        "accuracy": sum(o.expected == o.predicted for o in outcomes) / max(1, len(outcomes)),
        "macro_f1": macro,
        "per_verdict": per_verdict,
        "per_type": per_type,
        "claims_matched": len(matched) / max(1, len(outcomes)),
        "type_accuracy": sum(o.type_predicted == o.type for o in matched) / max(1, len(matched)),
        "evidence_turn_accuracy": sum(ev) / max(1, len(ev)),
        "confusion": {f"{a}->{b}": n for (a, b), n in sorted(confusion.items())},
    }
