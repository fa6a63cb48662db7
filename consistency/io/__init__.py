"""Input loaders: marketing copy (text/Markdown/HTML) and conversations (JSON, plain text,
WebVTT, SRT, e-mail, mbox), with speaker roles resolved.

Every failure is a :class:`consistency.errors.InputError` with a code from
:data:`consistency.errors.CODES` (E101-E108). Pure Python, no models.
"""

from __future__ import annotations

from .copy import (
    DEFAULT_MAX_BYTES,
    copy_offset_map,
    load_copy,
    load_copy_file,
    raw_span,
    strip_html,
    strip_markdown,
)
from .email import clean_body
from .roles import normalize_role, resolve_roles
from .transcripts import CONVERSATION_FORMATS, load_conversation_file, parse_conversation, parse_timestamp

__all__ = [
    "CONVERSATION_FORMATS",
    "DEFAULT_MAX_BYTES",
    "clean_body",
    "copy_offset_map",
    "load_copy",
    "load_copy_file",
    "load_conversation_file",
    "normalize_role",
    "parse_conversation",
    "parse_timestamp",
    "raw_span",
    "resolve_roles",
    "strip_html",
    "strip_markdown",
]
