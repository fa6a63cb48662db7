"""E-mail loaders: one RFC 822 message (``eml``) or an ``mbox`` file -> one turn per message.

For each message: the MIME tree is decoded (multipart, ``text/plain`` preferred, else
``text/html`` stripped; quoted-printable/base64; declared charsets honoured, undeclared 8-bit
bodies must be UTF-8 or E102), then :func:`clean_body` keeps only the new text: quoted replies
(``>`` lines, "On ... wrote:" and everything after unless the writer answers inline between the
quotes, Outlook "-----Original Message-----" and
"From: ... Sent: ..." blocks, forwarded-message markers) and signatures ("-- " delimiter, a
sign-off such as "Best regards," followed by a short name/title/phone block, "Sent from my
iPhone") are removed and hard-wrapped lines are re-joined into paragraphs.

``speaker`` is the From display name (or the address), ``start`` the Date as epoch seconds. mbox
messages are ordered by Date (undated ones stay after the message before them).

Uses the stdlib ``email`` package (this module's name shadows it only for relative imports).
"""

from __future__ import annotations

import codecs
import email as _stdlib_email
import email.policy as _policy
import re
from datetime import UTC
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ..errors import InputError
from .copy import strip_html
from .transcripts import RawTurn

__all__ = ["clean_body", "email_turns", "message_text"]


def _err(code: str, message: str, location: str | None, hint: str | None = None) -> InputError:
    return InputError(message, location=location, code=code, hint=hint)


# --------------------------------------------------------------------------------------------
# body cleaning

_ON_WROTE = re.compile(
    r"^\s*(?:On\b.{0,400}\bwrote\s*:|Le\b.{0,400}\ba écrit\s*:|Am\b.{0,400}\bschrieb.{0,80}:|"
    r"El\b.{0,400}\bescribió\s*:|Op\b.{0,400}\bschreef.{0,80}:)\s*$",
    re.I | re.S,
)
_MARKERS = re.compile(
    r"^\s*(?:-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:|"
    r"-{2,}\s*Reply message\s*-{2,}|_{10,})\s*$",
    re.I,
)
_HEADER_LINE = re.compile(r"^\s*\*?(From|Sent|Date|To|Cc|Subject)\s*:\*?\s", re.I)
_MOBILE = re.compile(
    r"^\s*(?:Sent from my \w[\w ]{0,30}|Sent from (?:Mail|Outlook|Yahoo Mail) for \w+|Get Outlook for \w+)\.?\s*$",
    re.I,
)
_SIGNOFF = re.compile(
    r"^\s*(?i:best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|"
    r"thank you|thanks again|thanks so much|thank you so much|thx|cheers|sincerely|yours sincerely|"
    r"sincerely yours|yours truly|best wishes|all the best|talk soon|speak soon|take care|respectfully|"
    r"with thanks|with best regards|warmly|br)"
    r"(?:\s*[,.!]+\s*|\s*[-–—]\s*|\s*$)"
    r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*)?$"
)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)])\s+")


def _quote_cut(lines: list[str]) -> int:
    """Index of the first line of a quoted/forwarded thread, or ``len(lines)``."""
    n = len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if _MARKERS.match(s):
            if s.startswith("_"):
                nxt = next((x for x in lines[i + 1 : i + 4] if x.strip()), "")
                if not _HEADER_LINE.match(nxt):
                    continue
            return i
        if re.match(r"^(?:On|Le|Am|El|Op)\b", s, re.I):
            for k in range(1, 4):  # the attribution line may be wrapped
                chunk = " ".join(x.strip() for x in lines[i : i + k])
                if _ON_WROTE.match(chunk):
                    return i
        if _HEADER_LINE.match(s) and s.lower().lstrip("*").startswith("from"):
            names = set()
            for x in lines[i : i + 8]:
                m = _HEADER_LINE.match(x)
                if m:
                    names.add(m.group(1).lower())
            if ("sent" in names or "date" in names) and ({"to", "subject"} & names):
                return i
    return n


def _signature_line(s: str) -> bool:
    s = s.strip()
    if len(s) > 60:
        return False
    if s.endswith(("?", "!")) and len(s) > 30:
        return False
    return not (s.endswith(".") and len(s) > 30)


def _signature_cut(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if line.rstrip() == "--":
            lines = lines[:i]
            break
    # a sign-off counts only when what follows is a short name/title/phone block
    tail_ok = [True] * (len(lines) + 1)
    tail_count = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        blank = not lines[i].strip()
        tail_count[i] = tail_count[i + 1] + (0 if blank else 1)
        tail_ok[i] = tail_ok[i + 1] and (blank or _signature_line(lines[i]))
    for i, line in enumerate(lines):
        if tail_count[i + 1] <= 8 and tail_ok[i + 1] and _SIGNOFF.match(line):
            return i
    return len(lines)


def _soft_break(prev: str, line: str) -> bool:
    """Was the break between ``prev`` and ``line`` a hard wrap inside one paragraph?"""
    if prev.endswith(" ") and prev.strip():  # format=flowed
        return True
    p = prev.strip()
    if len(p) < 50 or prev[:1] in " \t" or line[:1] in " \t":  # short or indented (tables)
        return False
    return not re.search(r"\.{4,}|_{4,}|-{4,}|\|", p)


def _drop_name_lines(text: str, name: str | None) -> str:
    """Drop a bare "Jane" / "Jane Doe" line closing the message (a sign-off with no greeting)."""
    if not name or not text:
        return text
    words = {w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", name)}
    if not words:
        return text
    lines = text.split("\n")
    while len(lines) > 1:
        last = re.findall(r"[^\W\d_][\w'’-]*", lines[-1])
        if last and len(last) <= 4 and all(w.casefold() in words for w in last) and len(lines[-1]) <= 60:
            lines.pop()
        else:
            break
    return "\n".join(lines)


def _unwrap(lines: list[str]) -> str:
    paras: list[str] = []
    cur: list[str] = []
    prev_raw = ""
    in_item = False  # the paragraph is a list item: its indented continuation lines join it
    for line in lines:
        s = line.strip()
        if not s:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            prev_raw = ""
            in_item = False
            continue
        bullet = bool(_BULLET.match(s))
        # "4. Redos: if a document is rejected ..., we\n   redo it for free.": a hanging indent
        soft = (in_item and line[:1] in " \t" and not bullet) or _soft_break(prev_raw, line)
        if bullet:
            in_item = True
        elif line[:1] not in " \t":
            in_item = False
        if cur and (not soft or bullet):
            paras.append(" ".join(cur))
            cur = []
        cur.append(s)
        prev_raw = line
    if cur:
        paras.append(" ".join(cur))
    return "\n".join(paras)


def _inline_attributions(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of "On ... wrote:" lines that head an inline or bottom-posted
    reply: ``>`` quotes with the writer's own unquoted answers after them. Such a message's new
    text is below the attribution, so it must not be cut there (the quotes are dropped anyway)."""
    out = []
    for i, line in enumerate(lines):
        if not re.match(r"^\s*(?:On|Le|Am|El|Op)\b", line, re.I):
            continue
        for k in range(1, 4):
            if not _ON_WROTE.match(" ".join(x.strip() for x in lines[i : i + k])):
                continue
            rest = [x for x in lines[i + k :] if x.strip()]
            if rest and rest[0].lstrip().startswith(">"):
                seen_quote, answered = False, False
                for x in rest:
                    if _MARKERS.match(x.strip()) or _ON_WROTE.match(x.strip()):
                        break
                    if x.lstrip().startswith(">"):
                        seen_quote = True
                    elif seen_quote and x.rstrip() != "--":
                        answered = True
                        break
                    elif x.rstrip() == "--":
                        break
                if answered:
                    out.append((i, i + k))
            break
    return out


def clean_body(text: str) -> str:
    """Only the new text of a message: no quoted thread, no signature, paragraphs re-joined.
    Answers written inline between ``>`` quotes (or below them) are new text and stay."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for a, b in _inline_attributions(lines):
        lines[a:b] = [""] * (b - a)
    lines = lines[: _quote_cut(lines)]
    lines = [x for x in lines if not x.lstrip().startswith(">") and not _MOBILE.match(x)]
    lines = lines[: _signature_cut(lines)]
    return _unwrap(lines).strip()


# --------------------------------------------------------------------------------------------
# MIME


def _header(msg: Message, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:
        return None
    if value is None:
        return None
    try:
        s = str(make_header(decode_header(str(value))))
    except Exception:
        s = str(value)
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(s.split())


def _decode_part(part: Message, location: str | None) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        p = part.get_payload()
        payload = p.encode("utf-8", "surrogateescape") if isinstance(p, str) else b""
    if not isinstance(payload, (bytes, bytearray)):
        return ""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    if charset:
        try:
            name = codecs.lookup(charset).name
        except (LookupError, ValueError):
            name = "utf-8"
        if name == "ascii":
            name = "utf-8"  # mislabelled UTF-8 is common; ASCII is a subset anyway
        try:
            return bytes(payload).decode(name, errors="replace")
        except Exception:
            return bytes(payload).decode("utf-8", errors="replace")
    try:
        return bytes(payload).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _err(
            "E102",
            f"message body is not valid UTF-8 and declares no charset: byte 0x{payload[exc.start]:02x} "
            f"at byte offset {exc.start} of the {part.get_content_type()} part",
            location,
            "Add a charset to the Content-Type header or re-save the message as UTF-8.",
        ) from None


def _is_attachment(part: Message) -> bool:
    try:
        disp = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    except Exception:
        return False
    return disp == "attachment"


def _find_body(part: Message, location: str | None, depth: int = 0) -> tuple[str, str] | None:
    """(``plain``|``html``, text) of the message's main body, or None."""
    if depth > 30:
        return None
    ctype = part.get_content_type()
    if part.is_multipart():
        subparts = part.get_payload()
        if not isinstance(subparts, list):
            return None
        found = [
            r
            for r in (_find_body(p, location, depth + 1) for p in subparts if isinstance(p, Message))
            if r is not None and r[1].strip()
        ]
        plain = [r for r in found if r[0] == "plain"]
        if ctype == "multipart/alternative":
            return plain[0] if plain else (found[0] if found else None)
        return found[0] if found else None
    if ctype.startswith("message/") or _is_attachment(part):
        return None
    if ctype == "text/plain":
        return "plain", _decode_part(part, location)
    if ctype == "text/html":
        return "html", _decode_part(part, location)
    return None


def message_text(msg: Message, location: str | None = None) -> str:
    """The cleaned new text of a parsed message ('' if it has none)."""
    body = _find_body(msg, location)
    if body is None:
        return ""
    kind, text = body
    if kind == "html":
        text = strip_html(text, drop_blockquotes=True)
    return clean_body(text)


def _date(msg: Message) -> float | None:
    value = _header(msg, "Date")
    if not value:
        return None
    try:
        dt = parsedate_to_datetime(value)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        return dt.timestamp()
    except Exception:
        return None


def _sender(msg: Message, fallback: str | None) -> tuple[str | None, str | None]:
    value = _header(msg, "From")
    name = addr = None
    if value:
        try:
            pairs = getaddresses([value])
        except Exception:
            pairs = []
        if pairs:
            name, addr = pairs[0]
        name = (name or "").strip().strip('"').strip() or None
        addr = (addr or "").strip() or None
        if not name and not addr:
            name = value
    if not name and not addr and fallback:
        addr = fallback
    return name, (addr.lower() if addr and "@" in addr else addr)


def _message_turn(data: bytes, line: int, location: str | None, from_line: str | None, strict: bool) -> RawTurn:
    where = f"{location}, line {line}" if location and line > 1 else location
    if not data.strip():
        raise _err("E105", "empty message", where)
    try:
        msg = _stdlib_email.message_from_bytes(data, policy=_policy.compat32)
    except Exception as exc:  # the compat32 parser is lenient; this is a safety net
        raise _err("E105", f"cannot parse message ({type(exc).__name__})", where) from None
    if not msg.keys():
        raise _err("E105", "no message headers found (expected 'From:', 'Date:', ... then a blank line)", where)
    name, addr = _sender(msg, from_line)
    if strict and not name and not addr:
        raise _err("E105", "message has no From header", where, "Is this an RFC 822 (.eml) message?")
    try:
        text = message_text(msg, where)
    except InputError:
        raise
    except Exception as exc:
        raise _err("E105", f"cannot decode message body ({type(exc).__name__})", where) from None
    text = _drop_name_lines(text, name)
    return RawTurn(
        speaker=name or addr or "Unknown",
        text=text,
        start=_date(msg),
        line=line,
        address=addr if addr and "@" in addr else None,
    )


# "From sender@example.com Mon Jan  1 10:00:00 2024": a time and a year, so that a body line
# such as "From 2019 to 2024 ..." is not taken for a separator
_FROM_LINE = re.compile(rb"^From \S+\s.*\b\d{1,2}:\d{2}\b.*\b\d{4}\b")


def _split_mbox(data: bytes, location: str | None) -> list[tuple[int, bytes, str | None]]:
    lines = data.split(b"\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not lines[start].startswith(b"From "):
        raise _err(
            "E105",
            f"line {start + 1}: an mbox file must start with a 'From ' separator line",
            location,
            "Use format 'eml' for a single message.",
        )
    msgs: list[tuple[int, list[bytes], str | None]] = []
    for n in range(start, len(lines)):
        line = lines[n]
        body_line = line.rstrip(b"\r")
        if body_line.startswith(b"From ") and (n == start or (len(body_line) < 300 and _FROM_LINE.match(body_line))):
            parts = body_line.split()
            sender = parts[1].decode("utf-8", "replace") if len(parts) > 1 else None
            msgs.append((n + 1, [], sender))
        else:
            if re.match(rb"^>+From ", line):
                line = line[1:]
            msgs[-1][1].append(line)
    return [(ln, b"\n".join(body), sender) for ln, body, sender in msgs]


def email_turns(data: bytes, fmt: str, location: str | None) -> list[RawTurn]:
    """Turns of an ``eml`` (one message) or ``mbox`` (ordered by Date) input."""
    if fmt == "eml":
        lines = data.split(b"\n", 1)
        from_line = None
        if lines[0].startswith(b"From ") and not lines[0].startswith(b"From: "):
            parts = lines[0].split()
            from_line = parts[1].decode("utf-8", "replace") if len(parts) > 1 else None
            data = lines[1] if len(lines) > 1 else b""
        return [_message_turn(data, 1, location, from_line, strict=True)]
    turns = []
    for line, body, sender in _split_mbox(data, location):
        if not body.strip():
            continue
        turns.append(_message_turn(body, line, location, sender, strict=False))
    keyed = []
    last = float("-inf")
    for pos, t in enumerate(turns):
        if t.start is not None:
            last = t.start
        keyed.append(((last if t.start is None else t.start), pos, t))
    keyed.sort(key=lambda x: (x[0], x[1]))
    return [t for _, _, t in keyed]
