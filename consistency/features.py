"""Pair features for the judge: (claim, evidence) -> one float vector.

Blocks (each can be switched off for ablations in ``benchmarks/judge_compare.py``):

* ``emb``: MiniLM sentence embeddings of claim ``u`` and evidence ``v`` as ``[u, v, |u-v|, u*v]``;
* ``lex``: cosine, token Jaccard, claim content-word coverage, novel content words, numbers
  shared / only in one side, negation mismatch, antonym cues;
* ``slot``: from :mod:`consistency.slots`: any value conflict, any compatible aligned slot, counts,
  conflicts per slot kind, slots of a kind present on one side only.

Everything here is deterministic and numpy-only; embeddings are computed by the caller (or by
:class:`DiskCachedEmbedder`, which keeps them under ``.cache/`` between training runs).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import slots as _slots
from .types import SlotKind

LABELS: tuple[str, ...] = ("contradicted", "consistent", "not_mentioned")
NLI_TO_LABEL = {"contradiction": "contradicted", "entailment": "consistent", "neutral": "not_mentioned"}

FEATURE_BLOCKS = ("emb", "lex", "slot")

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_NUMBER_RE = re.compile(r"(?<![a-z])\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
    "half": 0.5, "single": 1, "once": 1, "twice": 2, "dozen": 12,
}
_NUMBER_WORDS_RE = re.compile(
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
)
STOPWORDS = frozenset(
    """a an the and or but if then so of to in on at by for with from as into over under about
    is are was were be been being am do does did doing have has had having will would shall should
    can could may might must it its it's this that these those there here we you they he she i me my
    our your their his her them us what which who whom whose when where why how all any both each
    few more most other some such only own same than too very s t just also not no nor don't
    doesn't isn't aren't wasn't weren't won't can't cannot i'm you're we're they're that's let's
    yes yeah okay ok well um uh oh actually really get got go going one""".split()
)
_NEGATIONS = frozenset(
    """not no never none nothing nobody neither nor cannot can't won't don't doesn't didn't isn't
    aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't couldn't without n't""".split()
)

# Opposite pairs seen in sales talk; a cue fires when one side says one word and the other the
# other word (and neither says both).
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("free", "paid"), ("free", "charge"), ("free", "fee"), ("free", "cost"), ("free", "extra"),
    ("included", "extra"), ("included", "additional"), ("includes", "extra"), ("included", "separately"),
    ("unlimited", "limited"), ("unlimited", "capped"), ("unlimited", "cap"), ("unlimited", "limit"),
    ("always", "never"), ("always", "sometimes"), ("all", "none"), ("all", "some"),
    ("monthly", "annual"), ("monthly", "annually"), ("monthly", "yearly"), ("month", "year"),
    ("anytime", "locked"), ("anytime", "notice"), ("available", "unavailable"),
    ("refundable", "non-refundable"), ("refund", "no-refund"), ("increase", "decrease"),
    ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("cheaper", "expensive"),
    ("before", "after"), ("guaranteed", "not-guaranteed"), ("instant", "delayed"),
    ("instantly", "days"), ("same-day", "next-day"), ("weekdays", "weekends"), ("automatic", "manual"),
    ("automatically", "manually"), ("optional", "required"), ("optional", "mandatory"),
    ("public", "private"), ("full", "partial"), ("fully", "partially"), ("first", "last"),
    ("start", "end"), ("open", "closed"), ("win", "lose"), ("true", "false"), ("allowed", "prohibited"),
    ("permitted", "prohibited"), ("may", "shall-not"), ("lifetime", "expires"), ("permanent", "temporary"),
    ("native", "third-party"), ("built-in", "add-on"), ("included", "add-on"), ("online", "offline"),
    ("cloud", "on-premise"), ("easy", "hard"), ("easy", "difficult"), ("fast", "slow"),
    ("increase", "reduce"), ("up", "down"), ("above", "below"), ("over", "under"), ("minimum", "maximum"),
    ("large", "small"), ("big", "small"), ("new", "old"), ("good", "bad"), ("best", "worst"),
    ("male", "female"), ("man", "woman"), ("men", "women"), ("boy", "girl"), ("inside", "outside"),
    ("indoors", "outdoors"), ("day", "night"), ("sitting", "standing"), ("empty", "full"),
)
_ANT_INDEX: dict[str, list[int]] = {}
for _i, (_a, _b) in enumerate(ANTONYMS):
    _ANT_INDEX.setdefault(_a, []).append(_i)
    _ANT_INDEX.setdefault(_b, []).append(_i)

LEX_NAMES: tuple[str, ...] = (
    "cosine", "jaccard", "claim_cov", "ev_cov", "novel_claim_words", "novel_claim_frac", "len_claim",
    "len_ev", "len_ratio", "nums_claim", "nums_ev", "nums_shared", "nums_claim_only", "nums_ev_only",
    "num_mismatch", "num_match_all", "neg_claim", "neg_ev", "neg_mismatch", "antonym_cues",
    "bigram_cov", "zero_overlap", "ev_question", "ev_defer", "ev_contrast", "contrast_mismatch", "ev_hedge",
    "ev_correction", "ev_exclusion",
)
# discourse cues of a rep's reply: deferring ("let me check"), adding a condition or exception,
# hedging, correcting oneself, excluding something
_CUES = {
    "defer": re.compile(r"\b(?:let me (?:check|find|ask|get|confirm|look)|i'll (?:check|find out|get back|email|send|"
                        r"confirm|ask)|not sure|no idea|don't know|depends|i'm not the (?:one|right)|ask (?:my|the|our)|"
                        r"get you the|walk you through|can't say|hard to say|varies|vary)\b"),
    "contrast": re.compile(r"\b(?:but|however|except|unless|only (?:if|for|on|with|when|after)|although|though|"
                           r"excluding|extra|additional|on top|separately|as long as|provided|conditions?|"
                           r"minimum|at least)\b"),
    "hedge": re.compile(r"\b(?:i think|i believe|fairly sure|pretty sure|probably|roughly|usually|typically|"
                        r"normally|should be|might|maybe|if i remember)\b"),
    "correction": re.compile(r"\b(?:sorry|actually|wait|i mean|correction|scratch that|i was wrong|i'm wrong)\b"),
    "exclusion": re.compile(r"\b(?:not included|isn't included|aren't included|excluded|excludes|doesn't include|"
                            r"don't include|no longer|not (?:available|offered|covered|part of)|costs? extra|"
                            r"paid add-?on|charged? (?:separately|extra))\b"),
}
_SLOT_KINDS: tuple[SlotKind, ...] = tuple(SlotKind)
SLOT_NAMES: tuple[str, ...] = (
    ("slot_any_conflict", "slot_any_compatible", "slot_n_conflict", "slot_n_compatible",
     "slot_claim_n", "slot_ev_n", "slot_claim_unmatched")
    + tuple(f"slot_conflict_{k.value}" for k in _SLOT_KINDS)
    + tuple(f"slot_claim_only_{k.value}" for k in _SLOT_KINDS)
    + tuple(f"slot_ev_only_{k.value}" for k in _SLOT_KINDS)
)


# ---------------------------------------------------------------------------------------------
# text analysis (cached per text: claims and passages recur across pairs)


class TextInfo:
    __slots__ = ("tokens", "content", "bigrams", "numbers", "negated", "antonyms", "slots", "slot_kinds", "cues",
                 "question")

    def __init__(self, text: str):
        low = text.lower().replace("’", "'")
        toks = _TOKEN_RE.findall(low)
        self.tokens = frozenset(toks)
        content = [t for t in toks if t not in STOPWORDS and len(t) > 1]
        self.content = frozenset(_stem(t) for t in content)
        self.bigrams = frozenset(zip(content, content[1:], strict=False))
        nums = set()
        for m in _NUMBER_RE.findall(low):
            try:
                nums.add(float(m.replace(",", "")))
            except ValueError:
                continue
        for m in _NUMBER_WORDS_RE.finditer(low):
            val = _slots.parse_number(m.group(0))
            if val is not None:
                nums.add(float(val))
        self.numbers = frozenset(nums)
        self.negated = bool(_slots.has_negation(text))
        hyph = set(toks) | set(re.findall(r"[a-z]+(?:-[a-z]+)+", low))
        if "non-refundable" in low or "no refund" in low:
            hyph.add("no-refund")
        if re.search(r"\b(?:not|no longer) guaranteed\b", low):
            hyph.add("not-guaranteed")
        self.antonyms = frozenset(w for w in hyph if w in _ANT_INDEX)
        try:
            self.slots = tuple(_slots.extract_slots(text))
        except Exception:  # a parser bug must not take the judge down; the slot block reads empty
            self.slots = ()
        self.slot_kinds = frozenset(s.kind for s in self.slots)
        self.cues = frozenset(name for name, rx in _CUES.items() if rx.search(low))
        self.question = "?" in text


def _stem(t: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if len(t) > len(suf) + 3 and t.endswith(suf):
            return t[: -len(suf)]
    return t


@lru_cache(maxsize=200_000)
def text_info(text: str) -> TextInfo:
    return TextInfo(text)


def _antonym_cues(a: TextInfo, b: TextInfo) -> int:
    n = 0
    for w in a.antonyms:
        for i in _ANT_INDEX[w]:
            x, y = ANTONYMS[i]
            other = y if w == x else x
            if other in b.antonyms and w not in b.antonyms and other not in a.antonyms:
                n += 1
    return n


def lexical_features(claim: str, evidence: str) -> list[float]:
    a, b = text_info(claim), text_info(evidence)
    inter = len(a.tokens & b.tokens)
    union = len(a.tokens | b.tokens) or 1
    ca, cb = a.content, b.content
    cov = len(ca & cb) / len(ca) if ca else 1.0
    ev_cov = len(ca & cb) / len(cb) if cb else 1.0
    novel = len(ca - cb)
    bigram_cov = len(a.bigrams & b.bigrams) / len(a.bigrams) if a.bigrams else 0.0
    na, nb = a.numbers, b.numbers
    shared = len(na & nb)
    a_only, b_only = len(na - nb), len(nb - na)
    return [
        0.0,  # cosine: filled in from the embeddings
        inter / union,
        cov,
        ev_cov,
        float(min(novel, 10)),
        novel / len(ca) if ca else 0.0,
        float(min(len(a.tokens), 60)) / 60.0,
        float(min(len(b.tokens), 60)) / 60.0,
        min(len(b.tokens) / max(len(a.tokens), 1), 5.0),
        float(min(len(na), 5)),
        float(min(len(nb), 5)),
        float(min(shared, 5)),
        float(min(a_only, 5)),
        float(min(b_only, 5)),
        1.0 if (a_only and b_only) else 0.0,
        1.0 if (na and not a_only) else 0.0,
        float(a.negated),
        float(b.negated),
        float(a.negated != b.negated),
        float(min(_antonym_cues(a, b), 3)),
        bigram_cov,
        1.0 if not (ca & cb) else 0.0,
        float(b.question),
        float("defer" in b.cues),
        float("contrast" in b.cues),
        float(("contrast" in b.cues) != ("contrast" in a.cues)),
        float("hedge" in b.cues),
        float("correction" in b.cues),
        float("exclusion" in b.cues and "exclusion" not in a.cues),
    ]


def slot_features(claim: str, evidence: str) -> list[float]:
    a, b = text_info(claim), text_info(evidence)
    conflict_kinds: set[SlotKind] = set()
    n_conf = n_comp = 0
    if a.slots and b.slots:
        try:
            diffs = _slots.compare_slots(a.slots, b.slots)
        except Exception:
            diffs = []
        for d in diffs:
            if d.compatible:
                n_comp += 1
            else:
                n_conf += 1
                conflict_kinds.add(d.kind)
    aligned = n_conf + n_comp
    out = [
        float(n_conf > 0),
        float(n_comp > 0),
        float(min(n_conf, 3)),
        float(min(n_comp, 3)),
        float(min(len(a.slots), 5)),
        float(min(len(b.slots), 5)),
        float(max(len(a.slots) - aligned, 0) > 0),
    ]
    out += [float(k in conflict_kinds) for k in _SLOT_KINDS]
    out += [float(k in a.slot_kinds and k not in b.slot_kinds) for k in _SLOT_KINDS]
    out += [float(k in b.slot_kinds and k not in a.slot_kinds) for k in _SLOT_KINDS]
    return out


def feature_names(blocks: Sequence[str] = FEATURE_BLOCKS, dim: int = 384) -> list[str]:
    names: list[str] = []
    if "emb" in blocks:
        for part in ("u", "v", "absdiff", "prod"):
            names += [f"{part}{i}" for i in range(dim)]
    if "lex" in blocks:
        names += list(LEX_NAMES)
    if "slot" in blocks:
        names += list(SLOT_NAMES)
    return names


def build_features(
    claims: Sequence[str],
    evidences: Sequence[str],
    claim_vecs: np.ndarray,
    ev_vecs: np.ndarray,
    *,
    blocks: Sequence[str] = FEATURE_BLOCKS,
) -> np.ndarray:
    """Feature matrix (n, d) float32 for aligned claims / evidences and their embeddings."""
    n = len(claims)
    if len(evidences) != n or claim_vecs.shape[0] != n or ev_vecs.shape[0] != n:
        raise ValueError("claims, evidences and their embeddings must have the same length")
    parts: list[np.ndarray] = []
    u = np.asarray(claim_vecs, dtype=np.float32)
    v = np.asarray(ev_vecs, dtype=np.float32)
    if "emb" in blocks:
        parts += [u, v, np.abs(u - v), u * v]
    if "lex" in blocks:
        lex = np.array([lexical_features(c, e) for c, e in zip(claims, evidences, strict=True)], dtype=np.float32)
        lex = lex.reshape(n, len(LEX_NAMES))
        lex[:, 0] = np.einsum("ij,ij->i", u, v)
        parts.append(lex)
    if "slot" in blocks:
        sl = np.array([slot_features(c, e) for c, e in zip(claims, evidences, strict=True)], dtype=np.float32)
        parts.append(sl.reshape(n, len(SLOT_NAMES)))
    if not parts:
        raise ValueError(f"no feature blocks selected (choose from {FEATURE_BLOCKS})")
    return np.concatenate(parts, axis=1).astype(np.float32, copy=False)


# ---------------------------------------------------------------------------------------------
# embeddings with a disk cache (training and benchmark runs embed the same texts again and again)


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class DiskCachedEmbedder:
    """Wraps an embedder; vectors persist in ``cache_dir`` as ``.npz`` shards keyed by text hash."""

    def __init__(self, embedder, cache_dir: str | Path, *, chunk: int = 2048):
        self.embedder = embedder
        self.dim = embedder.dim
        self.cache_dir = Path(cache_dir)
        self.chunk = chunk
        self._mem: dict[str, np.ndarray] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if not self.cache_dir.is_dir():
            return
        for f in sorted(self.cache_dir.glob("emb-*.npz")):
            try:
                with np.load(f) as z:
                    for k, vec in zip(z["keys"], z["vecs"], strict=True):
                        self._mem[str(k)] = vec
            except Exception:
                continue  # a torn shard is recomputed

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self._load()
        keys = [_key(t) for t in texts]
        todo: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._mem and k not in todo:
                todo[k] = t
        items = sorted(todo.items())
        for start in range(0, len(items), self.chunk):
            part = items[start : start + self.chunk]
            vecs = np.asarray(self.embedder.encode([t for _, t in part]), dtype=np.float32)
            for (k, _), vec in zip(part, vecs, strict=True):
                self._mem[k] = vec
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            name = hashlib.blake2b("".join(k for k, _ in part).encode(), digest_size=8).hexdigest()
            tmp = self.cache_dir / f"tmp-{name}.npz"
            np.savez(tmp, keys=np.array([k for k, _ in part]), vecs=vecs)
            tmp.replace(self.cache_dir / f"emb-{name}.npz")
            if progress:
                print(f"  embedded {min(start + self.chunk, len(items))}/{len(items)} new texts", flush=True)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._mem[k] for k in keys]).astype(np.float32, copy=False)
