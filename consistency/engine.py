"""Engine: copy + conversations -> Report. (Interface fixed; implementation in progress.)"""

from __future__ import annotations

from collections.abc import Sequence

from .types import Claim, Conversation, Copy, Report, Turn, Verification


class Engine:
    def __init__(self, config=None, *, nlp=None, embedder=None, judge=None):
        raise NotImplementedError

    def extract_claims(self, copy: Copy) -> list[Claim]:
        raise NotImplementedError

    def check(
        self,
        copies: Sequence[Copy],
        conversations: Sequence[Conversation],
        *,
        top_k: int | None = None,
        include_unbacked: bool = True,
        progress: bool = False,
    ) -> Report:
        raise NotImplementedError

    def verify(self, claim: str, evidence: str | Sequence[Turn]) -> Verification:
        raise NotImplementedError

    def info(self) -> dict:
        """{"version": str, "model": {...}, "models": {name: {...}}}; cheap, no model load."""
        raise NotImplementedError

    @property
    def ready(self) -> bool:
        """True once models are loaded (API health returns 503 until then)."""
        raise NotImplementedError
