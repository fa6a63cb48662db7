"""Fakes for the engine's model parts, so engine tests run without sentence-transformers or the
trained judge. spaCy (small, fast to load) is still used for claims and statements."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from consistency.types import JudgeScores

_WORD = re.compile(r"[a-z0-9$%]+")
_STOP = {"the", "a", "an", "is", "it", "to", "of", "and", "on", "for", "our", "we", "you", "your", "that", "s",
         "i", "so", "yes", "with", "in", "are", "be", "this", "just", "all"}


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


class FakeEmbedder:
    """Hashed bag of words: texts sharing content words get a high cosine."""

    dim = 64
    loaded = True

    def __init__(self):
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in words(t) or {"<empty>"}:
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


class FakeScorer:
    """Word overlap decides relevance; 'not'/'no longer' in only one side means contradiction."""

    name = "fake-scorer"
    manifest = {"version": "test"}

    def __init__(self):
        self.pairs_scored = 0

    def score(self, pairs):
        self.pairs_scored += len(pairs)
        out = []
        for claim, ev in pairs:
            a, b = words(claim), words(ev)
            overlap = len(a & b) / max(1, min(len(a), len(b)))
            relevant = min(0.95, overlap)
            neg = (" not " in f" {claim.lower()} ") != (" not " in f" {ev.lower()} ")
            c = relevant * (0.8 if neg else 0.3)
            s = relevant - c
            out.append(JudgeScores(c + 0.01, s + 0.01, 1 - relevant + 0.01))
        return [JudgeScores(x.contradicted / t, x.consistent / t, x.not_mentioned / t)
                for x in out for t in [x.contradicted + x.consistent + x.not_mentioned]]
