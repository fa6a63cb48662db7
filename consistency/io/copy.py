"""Marketing copy loaders: plain text, Markdown and HTML become :class:`~consistency.types.Copy`.

``Copy.text`` is plain text with the markup removed; ``Copy.raw`` keeps the (decoded) input.
Every character of ``Copy.text`` comes from a position in ``Copy.raw``:
:func:`copy_offset_map` returns that list (one raw offset per plain-text character plus a final
entry equal to ``len(copy.raw)``) and :func:`raw_span` maps a plain-text span back to the raw
input, so a claim found at ``text[start:end]`` can be highlighted in the original page.

Plain-text layout rules (all formats but ``text`` itself, which is kept as given apart from
``\\r\\n`` line endings and a byte-order mark):

* each block (paragraph, heading, list item, table row, ``<p>``, ``<li>``, ``<br>``...) ends with
  a single ``\\n``, so a sentence splitter never joins a heading to the sentence below it;
* runs of spaces/tabs (and soft line breaks inside a Markdown paragraph) become one space;
* no leading/trailing whitespace, no blank lines.

Pure stdlib; no spaCy. HTML is walked by a small linear tokenizer rather than
``html.parser``, which is quadratic on unterminated tags.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import lru_cache
from os import PathLike
from pathlib import Path

from ..errors import InputError
from ..types import Copy, CopyFormat

__all__ = [
    "DEFAULT_MAX_BYTES",
    "copy_offset_map",
    "load_copy",
    "load_copy_file",
    "raw_span",
    "strip_html",
    "strip_markdown",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FORMAT_ALIASES = {
    "text": CopyFormat.TEXT,
    "txt": CopyFormat.TEXT,
    "plain": CopyFormat.TEXT,
    "markdown": CopyFormat.MARKDOWN,
    "md": CopyFormat.MARKDOWN,
    "html": CopyFormat.HTML,
    "htm": CopyFormat.HTML,
}
_EXTENSIONS = {
    ".txt": CopyFormat.TEXT,
    ".text": CopyFormat.TEXT,
    ".md": CopyFormat.MARKDOWN,
    ".markdown": CopyFormat.MARKDOWN,
    ".mdown": CopyFormat.MARKDOWN,
    ".mkd": CopyFormat.MARKDOWN,
    ".html": CopyFormat.HTML,
    ".htm": CopyFormat.HTML,
    ".xhtml": CopyFormat.HTML,
}


# --------------------------------------------------------------------------------------------
# shared helpers (also used by transcripts.py and email.py)


def check_size(size: int, max_bytes: int | None, location: str | None) -> None:
    """Raise E107 when ``size`` bytes exceed ``max_bytes`` (``None`` or <= 0: no limit)."""
    if max_bytes is not None and max_bytes > 0 and size > max_bytes:
        raise InputError(
            f"input is too large: {size:,} bytes, the limit is {max_bytes:,}",
            location=location,
            code="E107",
            hint="Split the input or raise max_bytes.",
        )


def check_text_size(text: str | bytes, max_bytes: int | None, location: str | None) -> None:
    if isinstance(text, (bytes, bytearray)):
        check_size(len(text), max_bytes, location)
        return
    if max_bytes is None or max_bytes <= 0 or len(text) * 4 <= max_bytes:
        return
    check_size(len(text.encode("utf-8", "surrogatepass")), max_bytes, location)


def decode_utf8(data: bytes | bytearray, location: str | None) -> str:
    """Strict UTF-8 decode (a leading BOM is dropped); E102 names the first bad byte offset."""
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start] if exc.start < len(data) else 0
        raise InputError(
            f"input is not valid UTF-8: byte 0x{bad:02x} at byte offset {exc.start} ({exc.reason})",
            location=location,
            code="E102",
            hint="Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def clean_surrogates(text: str) -> str:
    """Replace lone surrogates (which cannot be encoded) by U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _coerce_format(fmt: str | CopyFormat) -> CopyFormat:
    if isinstance(fmt, CopyFormat):
        return fmt
    if isinstance(fmt, str):
        found = _FORMAT_ALIASES.get(fmt.strip().lower().lstrip("."))
        if found is not None:
            return found
    raise InputError(
        f"unknown copy format {fmt!r}",
        location="format",
        code="E104",
        hint="Use one of: text, markdown, html.",
    )


# --------------------------------------------------------------------------------------------
# plain-text builder and whitespace normaliser

_SPACE_CHARS = frozenset(" \t\r\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
_DROP_CHARS = frozenset("\u200b\ufeff\u00ad\u2060")


class _Out:
    """Characters with the raw offset each one came from."""

    __slots__ = ("chars", "offs")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offs: list[int] = []

    def add(self, s: str, off: int, exact: bool = True) -> None:
        for i, c in enumerate(s):
            self.chars.append(c)
            self.offs.append(off + i if exact else off)

    def extend(self, chars: list[str], offs: list[int]) -> None:
        self.chars.extend(chars)
        self.offs.extend(offs)

    def newline(self, off: int) -> None:
        self.chars.append("\n")
        self.offs.append(off)


def _normalise(chars: list[str], offs: list[int], raw_len: int) -> tuple[str, list[int]]:
    """Collapse spaces, one ``\\n`` between blocks, strip; returns (text, offset map)."""
    out_c: list[str] = []
    out_o: list[int] = []
    pending_space: int | None = None
    pending_nl: int | None = None
    for c, o in zip(chars, offs, strict=True):
        if c == "\n":
            if out_c and pending_nl is None:
                pending_nl = o
            pending_space = None
            continue
        if c in _SPACE_CHARS or (c < " " and c != "\n"):
            if out_c and pending_nl is None and pending_space is None:
                pending_space = o
            continue
        if c in _DROP_CHARS:
            continue
        if pending_nl is not None:
            out_c.append("\n")
            out_o.append(pending_nl)
        elif pending_space is not None:
            out_c.append(" ")
            out_o.append(pending_space)
        pending_nl = pending_space = None
        out_c.append(c)
        out_o.append(o)
    out_o.append(raw_len)
    return "".join(out_c), out_o


def _plain_text(raw: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offs: list[int] = []
    start = 1 if raw.startswith("\ufeff") else 0
    n = len(raw)
    i = start
    while i < n:
        c = raw[i]
        if c == "\r":
            chars.append("\n")
            offs.append(i)
            if i + 1 < n and raw[i + 1] == "\n":
                i += 1
        else:
            chars.append(c)
            offs.append(i)
        i += 1
    offs.append(n)
    return "".join(chars), offs


# --------------------------------------------------------------------------------------------
# HTML

_HTML_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav ol optgroup option p pre section summary table tbody tfoot thead tr ul br".split()
)
_HTML_SKIP = frozenset("script style noscript template head svg math iframe object canvas select textarea".split())
_HTML_CELL = frozenset(("td", "th"))


_HTML_RAWTEXT = frozenset(("script", "style", "textarea", "title", "xmp", "noembed", "noframes"))
# One token at a time: comment, declaration / processing instruction, end tag, start tag, entity.
# Attribute values may contain ">" when quoted; an unquoted "<" ends a tag attempt, so a stray
# "<" never makes the scan run to the end of the page (html.parser is quadratic on "<a<a<a...").
_HTML_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<decl><[!?][^>]*>?)"
    r"|(?P<end></(?P<ename>[A-Za-z][^\s/>]*)[^>]*>?)"
    r"|(?P<start><(?P<sname>[A-Za-z][^\s/<>]*)(?:[^<>\"']|\"[^\"]{0,4096}\"|'[^']{0,4096}')*>)"
    r"|(?P<ent>&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?))",
    re.S,
)


class _HTMLText:
    """Linear HTML -> text walker (same idea as an ``html.parser.HTMLParser`` subclass)."""

    def __init__(self, raw: str, skip_tags: frozenset[str] = _HTML_SKIP) -> None:
        self.raw = raw
        self.skip_tags = skip_tags
        self.out = _Out()
        self.skip: list[str] = []
        self.pre = 0

    def _last(self) -> str:
        return self.out.chars[-1] if self.out.chars else "\n"

    def starttag(self, tag: str, pos: int) -> None:
        if tag == "body" and "head" in self.skip:
            self.skip.clear()
        if tag in self.skip_tags:
            self.skip.append(tag)
            return
        if self.skip:
            return
        if tag in _HTML_BLOCK:
            self.out.newline(pos)
            if tag == "pre":
                self.pre += 1
        elif tag in _HTML_CELL and self._last() != "\n":
            self.out.add(" | ", pos, exact=False)

    def endtag(self, tag: str, pos: int) -> None:
        if tag in self.skip:
            while self.skip:
                if self.skip.pop() == tag:
                    break
            return
        if self.skip:
            return
        if tag in _HTML_BLOCK:
            self.out.newline(pos)
            if tag == "pre" and self.pre:
                self.pre -= 1

    def data(self, start: int, end: int) -> None:
        if self.skip or start >= end:
            return
        text = self.raw[start:end]
        self.out.add(text if self.pre else text.replace("\n", " "), start)

    def entity(self, tok: str, pos: int) -> None:
        if self.skip:
            return
        decoded = html.unescape(tok)
        self.out.add(tok if decoded == tok else decoded, pos, exact=decoded == tok)

    def run(self) -> _Out:
        raw = self.raw
        n = len(raw)
        pos = 0
        while pos < n:
            m = _HTML_TOKEN.search(raw, pos)
            if m is None:
                self.data(pos, n)
                break
            self.data(pos, m.start())
            pos = m.end()
            kind = m.lastgroup
            if kind == "ent":
                self.entity(m.group(0), m.start())
            elif kind == "end":
                self.endtag(m.group("ename").lower(), m.start())
            elif kind == "start":
                tag = m.group("sname").lower()
                self_closing = m.group(0).endswith("/>")
                self.starttag(tag, m.start())
                if tag in _HTML_RAWTEXT and not self_closing:
                    close = re.compile(r"</" + re.escape(tag) + r"[\s/>]", re.I).search(raw, pos)
                    stop = close.start() if close else n
                    if tag in ("textarea", "title", "xmp") and not self.skip:
                        self.data(pos, stop)
                    pos = stop
                elif self_closing and tag in self.skip_tags:
                    self.endtag(tag, m.start())
        return self.out


def _html_chars(raw: str, skip_tags: frozenset[str] = _HTML_SKIP) -> _Out:
    return _HTMLText(raw, skip_tags).run()


# --------------------------------------------------------------------------------------------
# Markdown

_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_SETEXT_EQ = re.compile(r"^ {0,3}=+[ \t]*$")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_MD_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_MD_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_MD_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MD_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_MD_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_MD_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_MD_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)|(?:[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+))>")
_MD_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MD_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,40}\]")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_DEPTH = 8


def _blank(src: str, start: int, end: int) -> str:
    """Replace ``src[start:end]`` by spaces, keeping newlines (so offsets stay valid)."""
    seg = re.sub(r"[^\n]", " ", src[start:end])
    return src[:start] + seg + src[end:]


def _is_punct(c: str) -> bool:
    if c in _ASCII_PUNCT:
        return True
    return c > "\x7f" and unicodedata.category(c)[0] in "PS"


class _Delim:
    __slots__ = ("char", "chars", "offs", "can_open", "can_close", "matched")

    def __init__(self, char: str, chars: list[str], offs: list[int], can_open: bool, can_close: bool):
        self.char = char
        self.chars = chars
        self.offs = offs
        self.can_open = can_open
        self.can_close = can_close
        self.matched = False


def _matching_pairs(s: str, opener: str, closer: str) -> dict[int, int]:
    """Index of each ``opener`` -> index of its ``closer`` (backslash escapes skipped)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == opener:
            stack.append(i)
        elif c == closer and stack:
            pairs[stack.pop()] = i
        i += 1
    return pairs


def _md_inline(s: str, offs: list[int], depth: int = 0) -> tuple[list[str], list[int]]:
    """Inline Markdown -> plain characters (emphasis, code, links, images, tags, entities)."""
    items: list[tuple[str, int] | _Delim] = []
    n = len(s)
    brackets = _matching_pairs(s, "[", "]") if depth < _MAX_DEPTH else {}
    parens = _matching_pairs(s, "(", ")") if brackets else {}
    ticks: dict[int, list[int]] = {}
    for m in re.finditer(r"`+", s):
        ticks.setdefault(len(m.group(0)), []).append(m.start())
    i = 0
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n and s[i + 1] in _ASCII_PUNCT:
            items.append((s[i + 1], offs[i + 1]))
            i += 2
            continue
        if c == "\n":
            items.append((" ", offs[i]))
            i += 1
            continue
        if c == "`":
            k = 1
            while i + k < n and s[i + k] == "`":
                k += 1
            starts = ticks.get(k, [])
            j_idx = bisect.bisect_right(starts, i)
            # the closing run must be exactly k backticks
            close = -1
            while j_idx < len(starts):
                cand = starts[j_idx]
                if cand > i + k - 1 and (cand + k >= n or s[cand + k] != "`") and s[cand - 1] != "`":
                    close = cand
                    break
                j_idx += 1
            if close < 0:
                for t in range(k):
                    items.append(("`", offs[i + t]))
                i += k
                continue
            a, b = i + k, close
            body = s[a:b]
            if len(body) >= 2 and body[0] in " \n" and body[-1] in " \n" and body.strip():
                a += 1
                b -= 1
            for t in range(a, b):
                items.append((" " if s[t] == "\n" else s[t], offs[t]))
            i = close + k
            continue
        if c == "!" and i + 1 < n and s[i + 1] == "[" and (i + 1) in brackets:
            j = brackets[i + 1]
            if j + 1 < n and s[j + 1] == "(":
                e = parens.get(j + 1, -1)
                if e > 0:
                    i = e + 1  # images are dropped
                    continue
            if j + 1 < n and s[j + 1] == "[" and (j + 1) in brackets:
                i = brackets[j + 1] + 1
                continue
        if c == "[":
            fm = _MD_FOOTNOTE.match(s, i)
            if fm:
                i = fm.end()
                continue
            if i in brackets:
                j = brackets[i]
                end = -1
                if j + 1 < n and s[j + 1] == "(":
                    end = parens.get(j + 1, -1)
                elif j + 1 < n and s[j + 1] == "[" and (j + 1) in brackets:
                    end = brackets[j + 1]
                if end > 0:
                    sub_c, sub_o = _md_inline(s[i + 1 : j], offs[i + 1 : j], depth + 1)
                    items.extend(zip(sub_c, sub_o, strict=True))
                    i = end + 1
                    continue
        if c == "<":
            m = _MD_AUTOLINK.match(s, i)
            if m:
                for t in range(m.start(1), m.end(1)):
                    items.append((s[t], offs[t]))
                i = m.end()
                continue
            m = _MD_TAG.match(s, i)
            if m:
                if m.group(1).lower() in _HTML_BLOCK:
                    items.append(("\n", offs[i]))
                i = m.end()
                continue
        if c == "&":
            m = _MD_ENTITY.match(s, i)
            if m:
                dec = html.unescape(m.group(0))
                for ch in dec:
                    items.append((ch, offs[i]))
                i = m.end()
                continue
        if c in "*_~":
            k = 1
            while i + k < n and s[i + k] == c:
                k += 1
            if c == "~" and k < 2:
                items.append((c, offs[i]))
                i += 1
                continue
            prev = s[i - 1] if i > 0 else " "
            nxt = s[i + k] if i + k < n else " "
            left = not nxt.isspace() and (not _is_punct(nxt) or prev.isspace() or _is_punct(prev))
            right = not prev.isspace() and (not _is_punct(prev) or nxt.isspace() or _is_punct(nxt))
            if c == "_":
                can_open = left and (not right or _is_punct(prev))
                can_close = right and (not left or _is_punct(nxt))
            else:
                can_open, can_close = left, right
            items.append(_Delim(c, [c] * k, offs[i : i + k], can_open, can_close))
            i += k
            continue
        items.append((c, offs[i]))
        i += 1

    # openers per delimiter char, as (item position, delim); a match drops the openers between
    stacks: dict[str, list[tuple[int, _Delim]]] = {"*": [], "_": [], "~": []}
    for pos, it in enumerate(items):
        if not isinstance(it, _Delim):
            continue
        own = stacks[it.char]
        if it.can_close and own:
            opos, opener = own.pop()
            opener.matched = it.matched = True
            for other in stacks.values():
                while other and other[-1][0] > opos:
                    other.pop()
        if it.can_open and not it.matched:
            own.append((pos, it))
    out_c: list[str] = []
    out_o: list[int] = []
    for it in items:
        if isinstance(it, _Delim):
            if not it.matched:
                out_c.extend(it.chars)
                out_o.extend(it.offs)
        else:
            out_c.append(it[0])
            out_o.append(it[1])
    return out_c, out_o


def _md_chars(raw: str) -> _Out:
    src = raw
    m = _MD_FRONT.match(src)
    if m:
        src = _blank(src, 0, m.end())
    src = _MD_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), src)
    out = _Out()
    para: list[tuple[str, int]] = []  # (line content, raw offset of its first char)

    def flush() -> None:
        if not para:
            return
        s_parts: list[str] = []
        o_parts: list[int] = []
        for idx, (content, off) in enumerate(para):
            if idx:
                s_parts.append("\n")
                prev_c, prev_o = para[idx - 1]
                o_parts.append(prev_o + len(prev_c))
            s_parts.append(content)
            o_parts.extend(range(off, off + len(content)))
        c, o = _md_inline("".join(s_parts), o_parts)
        out.extend(c, o)
        out.newline(o_parts[-1] + 1 if o_parts else 0)
        para.clear()

    fence: str | None = None
    para_quoted = [False]
    for lm in re.finditer(r"[^\n]*\n?", src):
        if lm.start() == lm.end():
            break
        line = lm.group(0).rstrip("\n").rstrip("\r")
        start = lm.start()
        if fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
                out.newline(start)
            else:
                out.add(line, start)
                out.newline(start + len(line))
            continue
        fm = _MD_FENCE.match(line)
        if fm:
            flush()
            fence = fm.group(1)
            continue
        # blockquote markers are dropped; the quoted text is a block of its own
        quoted = False
        while True:
            qm = _MD_QUOTE.match(line)
            if not qm:
                break
            quoted = True
            line = line[qm.end() :]
            start += qm.end()
        if para and quoted != para_quoted[0]:
            flush()
        para_quoted[0] = quoted
        if not line.strip():
            flush()
            continue
        if _MD_HR.match(line):
            flush()  # a "---" under a paragraph is a setext heading underline: same effect
            continue
        if _MD_SETEXT_EQ.match(line) and para:
            flush()
            continue
        if _MD_REFDEF.match(line):
            flush()
            continue
        hm = _MD_HEADING.match(line)
        if hm:
            flush()
            if hm.group(2):
                para.append((hm.group(2), start + hm.start(2)))
                flush()
            continue
        lm2 = _MD_LIST.match(line)
        if lm2:
            flush()
            para.append((line[lm2.end() :], start + lm2.end()))
            continue
        if _MD_TABLE_SEP.match(line) and "|" in line:
            flush()
            continue
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        if stripped.startswith("|"):
            flush()
            row = stripped.rstrip()
            a, b = 1, len(row)
            if row.endswith("|") and len(row) > 1 and not row.endswith("\\|"):
                b -= 1
            para.append((row[a:b], start + lead + a))
            flush()
            continue
        para.append((stripped, start + lead))
    flush()
    return out


# --------------------------------------------------------------------------------------------
# public API


@lru_cache(maxsize=16)
def _plain(raw: str, fmt: CopyFormat) -> tuple[str, tuple[int, ...]]:
    if fmt is CopyFormat.TEXT:
        text, offs = _plain_text(raw)
        return text, tuple(offs)
    out = _html_chars(raw) if fmt is CopyFormat.HTML else _md_chars(raw)
    text, offs = _normalise(out.chars, out.offs, len(raw))
    return text, tuple(offs)


def strip_html(raw: str, *, drop_blockquotes: bool = False) -> str:
    """HTML -> plain text (tags, scripts/styles and entities removed; blocks end with ``\\n``).

    ``drop_blockquotes`` also removes ``<blockquote>`` content (quoted replies in HTML e-mail).
    """
    if drop_blockquotes:
        out = _html_chars(raw, _HTML_SKIP | {"blockquote"})
        return _normalise(out.chars, out.offs, len(raw))[0]
    return _plain(raw, CopyFormat.HTML)[0]


def strip_markdown(raw: str) -> str:
    """Markdown -> plain text (same layout rules as :func:`strip_html`)."""
    return _plain(raw, CopyFormat.MARKDOWN)[0]


def _html_declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("latin-1")
    m = re.search(r"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", head, re.I)
    return m.group(1) if m else None


def _decode_copy(data: bytes, fmt: CopyFormat, location: str | None) -> str:
    try:
        return decode_utf8(data, location)
    except InputError:
        if fmt is CopyFormat.HTML:
            import codecs

            charset = _html_declared_charset(data)
            if charset:
                try:
                    name = codecs.lookup(charset).name
                except LookupError:
                    name = None
                if name and name != "utf-8":
                    try:
                        return data.decode(name)
                    except (UnicodeDecodeError, ValueError):
                        pass
        raise


def load_copy(
    text: str | bytes,
    *,
    id: str,
    format: str | CopyFormat = "text",
    source: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Copy:
    """Build a :class:`Copy` from text or bytes in ``format`` (text, markdown or html).

    Bytes must be UTF-8 (E102 names the first bad byte offset); an HTML page that declares
    another charset in ``<meta charset>`` is decoded with it. Raises E101 if nothing is left once
    markup is removed, E104 for an unknown format, E107 above ``max_bytes``.
    """
    where = source or (f"copy {id!r}" if isinstance(id, str) else None)
    if not isinstance(id, str) or not id.strip():
        raise InputError("copy id must be a non-empty string", location="id", code="E108")
    fmt = _coerce_format(format)
    if isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
        check_size(len(data), max_bytes, where)
        raw = _decode_copy(data, fmt, where)
    elif isinstance(text, str):
        check_text_size(text, max_bytes, where)
        raw = clean_surrogates(text)
    else:
        raise InputError(
            f"copy text must be str or bytes, not {type(text).__name__}", location=where, code="E108"
        )
    plain, _ = _plain(raw, fmt)
    if not plain.strip():
        what = "is empty" if not raw.strip() else "has no text once markup is removed"
        raise InputError(f"copy {id!r} {what}", location=where, code="E101", hint="Pass the page's text.")
    return Copy(id=id, text=plain, format=fmt, raw=raw, source=source)


def load_copy_file(path: str | PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Copy:
    """Load a copy file; the format comes from the extension, the id is the file stem."""
    p = Path(path)
    fmt = _EXTENSIONS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the copy format of {p.name!r} from its extension",
            location=str(p),
            code="E104",
            hint="Use .txt, .md/.markdown or .html/.htm.",
        )
    data = read_file_bytes(p, max_bytes)
    return load_copy(data, id=p.stem, format=fmt, source=str(p), max_bytes=max_bytes)


def read_file_bytes(p: Path, max_bytes: int | None) -> bytes:
    """Read a whole file: E106 if missing/unreadable, E107 if larger than ``max_bytes``."""
    try:
        if not p.is_file():
            raise InputError(
                "file not found" if not p.exists() else "not a regular file",
                location=str(p),
                code="E106",
            )
        check_size(p.stat().st_size, max_bytes, str(p))
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes and max_bytes > 0 else -1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", location=str(p), code="E106") from None
    check_size(len(data), max_bytes, str(p))
    return data


def copy_offset_map(copy: Copy) -> list[int]:
    """Raw offset of every character of ``copy.text``, plus ``len(copy.raw)`` at the end.

    ``copy.raw[copy_offset_map(copy)[i]]`` is where plain character ``i`` came from (for an
    entity such as ``&amp;`` it is the ``&``; for a line break inserted for a block element it is
    the tag or newline that caused it). A copy without ``raw`` maps to itself.
    """
    if copy.raw is None:
        return list(range(len(copy.text) + 1))
    text, offs = _plain(copy.raw, copy.format)
    if text != copy.text:
        if copy.raw == copy.text:
            return list(range(len(copy.text) + 1))
        raise InputError(
            "copy.text does not come from copy.raw; cannot map offsets",
            location=f"copy {copy.id!r}",
            code="E108",
            hint="Build copies with load_copy().",
        )
    return list(offs)


def raw_span(copy: Copy, start: int, end: int) -> tuple[int, int]:
    """Map the plain-text span ``copy.text[start:end]`` to a span of ``copy.raw``."""
    offs = copy_offset_map(copy)
    n = len(copy.text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    if end == start:
        return offs[start], offs[start]
    raw = copy.raw if copy.raw is not None else copy.text
    last = offs[end - 1]
    raw_end = last + 1
    if last < len(raw) and raw[last] == "&":
        m = re.match(r"&#?\w{1,32};?", raw[last:])
        if m:
            raw_end = last + m.end()
    return offs[start], max(raw_end, offs[start])
