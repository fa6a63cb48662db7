"""Conversation loaders: JSON turns, plain ``Speaker: text``, WebVTT, SRT, e-mail and mbox.

:func:`parse_conversation` is the single entry point; :func:`load_conversation_file` picks the
format from the file extension. All return a :class:`~consistency.types.Conversation` whose
turns are indexed 0.. contiguously (empty turns dropped, consecutive cues of one speaker merged
for WebVTT/SRT), with roles resolved by :func:`consistency.io.roles.resolve_roles`.

Errors are :class:`~consistency.errors.InputError` only: E101 no turns, E102 not UTF-8 (byte
offset), E103 malformed transcript (line number or JSON path), E104 unknown format, E105
malformed e-mail, E106 unreadable file, E107 over ``max_bytes``, E108 bad role/channel value.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Channel, Conversation, Role, Turn
from .copy import DEFAULT_MAX_BYTES, check_text_size, clean_surrogates, decode_utf8, read_file_bytes
from .roles import normalize_role, resolve_roles

__all__ = [
    "CONVERSATION_FORMATS",
    "load_conversation_file",
    "parse_conversation",
    "parse_timestamp",
]

CONVERSATION_FORMATS = ("json", "text", "vtt", "srt", "eml", "mbox")
_FORMAT_ALIASES = {
    "json": "json",
    "text": "text",
    "txt": "text",
    "plain": "text",
    "vtt": "vtt",
    "webvtt": "vtt",
    "srt": "srt",
    "eml": "eml",
    "email": "eml",
    "mbox": "mbox",
}
_EXTENSIONS = {
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".eml": "eml",
    ".mbox": "mbox",
    ".mbx": "mbox",
}


@dataclass
class RawTurn:
    """A turn before role resolution and re-indexing (internal, shared with email.py)."""

    speaker: str
    text: str
    role: Any = None
    start: float | None = None
    end: float | None = None
    line: int | None = None
    address: str | None = None
    more: list[str] = field(default_factory=list)  # continuation text, joined with spaces

    def append(self, text: str) -> None:
        if text:
            self.more.append(text)

    def full_text(self) -> str:
        if not self.more:
            return (self.text or "").strip()
        return " ".join(x.strip() for x in [self.text or "", *self.more] if x and x.strip())


# --------------------------------------------------------------------------------------------
# timestamps

_TS_RE = re.compile(r"^(?:(\d{1,6}):)?(\d{1,6}):(\d{1,2})(?:[.,](\d{1,9}))?$")


def parse_timestamp(value: Any) -> float:
    """Seconds from a number, a numeric string, or ``[HH:]MM:SS[.mmm]`` (``,`` also accepted).

    Raises ``ValueError`` with a short reason.
    """
    if isinstance(value, bool):
        raise ValueError("expected a number of seconds or 'HH:MM:SS', got a boolean")
    if isinstance(value, (int, float)):
        f = float(value)
    elif isinstance(value, str):
        s = value.strip()
        m = _TS_RE.match(s)
        if m:
            h = int(m.group(1) or 0)
            mi, se = int(m.group(2)), int(m.group(3))
            if se >= 60 or (m.group(1) is not None and mi >= 60):
                raise ValueError(f"{value!r} is not a valid timestamp (minutes/seconds over 59)")
            frac = m.group(4)
            f = h * 3600 + mi * 60 + se + (int(frac) / 10 ** len(frac) if frac else 0.0)
        else:
            try:
                f = float(s) if re.fullmatch(r"\d+(?:\.\d+)?", s) else math.nan
            except ValueError:
                f = math.nan
            if math.isnan(f):
                raise ValueError(f"{value!r} is not a valid timestamp (use seconds or HH:MM:SS.mmm)")
    else:
        raise ValueError(f"expected a number of seconds or 'HH:MM:SS', got {type(value).__name__}")
    if not math.isfinite(f) or f < 0:
        raise ValueError(f"{value!r} is not a valid timestamp (must be finite and >= 0)")
    return f


# --------------------------------------------------------------------------------------------
# helpers


def _err(code: str, message: str, location: str | None, hint: str | None = None) -> InputError:
    return InputError(message, location=location, code=code, hint=hint)


def _lines(text: str) -> list[str]:
    text = text[1:] if text.startswith("\ufeff") else text
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _coerce_channel(channel: str | Channel | None, location: str | None) -> Channel | None:
    if channel is None or isinstance(channel, Channel):
        return channel
    if isinstance(channel, str):
        key = channel.strip().lower()
        for c in Channel:
            if c.value == key:
                return c
        if key in ("phone", "meeting", "video"):
            return Channel.CALL
    raise _err("E108", f"channel {channel!r} is not one of call, email, chat", location)


def _coerce_format(fmt: str) -> str:
    if isinstance(fmt, str):
        found = _FORMAT_ALIASES.get(fmt.strip().lower().lstrip("."))
        if found:
            return found
    raise _err(
        "E104",
        f"unknown conversation format {fmt!r}",
        "format",
        "Use one of: " + ", ".join(CONVERSATION_FORMATS) + ".",
    )


def finish_conversation(
    raw_turns: list[RawTurn],
    *,
    conversation_id: str,
    channel: Channel,
    rep_speakers: Sequence[str],
    rep_domains: Sequence[str],
    source: str | None,
    location: str | None,
) -> Conversation:
    """Drop empty turns, index 0.., resolve roles, build the Conversation (E101 if no turns)."""
    for t in raw_turns:
        t.text = t.full_text()
        t.more = []
    kept = [t for t in raw_turns if t.text]
    if not kept:
        raise _err("E101", f"conversation {conversation_id!r} has no turns with text", location)
    turns = [
        Turn(
            index=i,
            speaker=(t.speaker or "Unknown").strip() or "Unknown",
            role=t.role if t.role is not None else Role.UNKNOWN,
            text=t.text.strip(),
            start=t.start,
            end=t.end,
            role_source="explicit" if t.role is not None else "heuristic",
            line=t.line,
        )
        for i, t in enumerate(kept)
    ]
    turns = resolve_roles(
        turns,
        rep_speakers=rep_speakers,
        rep_domains=rep_domains,
        addresses=[t.address for t in kept],
    )
    return Conversation(id=conversation_id, channel=channel, turns=tuple(turns), source=source)


# --------------------------------------------------------------------------------------------
# JSON


def _json_turns(text: str, location: str | None) -> tuple[list[RawTurn], Any]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise _err("E103", "JSON is nested too deeply", location) from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            msg = f"line {exc.lineno} column {exc.colno}: invalid JSON ({exc.msg})"
        else:
            msg = f"invalid JSON ({exc})"
        raise _err("E103", msg, location, "A JSON transcript is a list of turns or {\"turns\": [...]}.") from None
    channel = None
    if isinstance(data, dict):
        if "turns" not in data:
            raise _err("E103", "turns: missing (expected {\"turns\": [...]} or a list of turns)", location)
        channel = data.get("channel")
        if channel is not None and not isinstance(channel, str):
            raise _err("E103", "channel: expected a string", location)
        items = data["turns"]
        prefix = "turns"
    else:
        items = data
        prefix = "turns"
    if not isinstance(items, list):
        raise _err("E103", f"{prefix}: expected a list of turns, got {type(items).__name__}", location)
    out: list[RawTurn] = []
    for i, item in enumerate(items):
        path = f"{prefix}[{i}]"
        if not isinstance(item, dict):
            raise _err("E103", f"{path}: expected an object, got {type(item).__name__}", location)
        role = item.get("role")
        if role is not None and not isinstance(role, str):
            raise _err("E103", f"{path}.role: expected a string", location)
        try:
            normalize_role(role)
        except ValueError as exc:
            raise _err("E108", f"{path}.role: {exc}", location, "Use role 'rep' or 'customer'.") from None
        speaker = item.get("speaker")
        if speaker is None:
            if not role:
                raise _err("E103", f"{path}.speaker: missing", location)
            speaker = str(role).strip().capitalize()
        if not isinstance(speaker, str):
            raise _err("E103", f"{path}.speaker: expected a string, got {type(speaker).__name__}", location)
        if "text" not in item:
            raise _err("E103", f"{path}.text: missing", location)
        txt = item["text"]
        if not isinstance(txt, str):
            raise _err("E103", f"{path}.text: expected a string, got {type(txt).__name__}", location)
        times: list[float | None] = []
        for key in ("start", "end"):
            v = item.get(key)
            if v is None:
                times.append(None)
                continue
            try:
                times.append(parse_timestamp(v))
            except ValueError as exc:
                raise _err("E103", f"{path}.{key}: {exc}", location) from None
        start, end = times
        if start is not None and end is not None and end < start:
            raise _err("E103", f"{path}.end: {end:g} is before start {start:g}", location)
        out.append(RawTurn(speaker=speaker, text=txt, role=role or None, start=start, end=end))
    return out, channel


# --------------------------------------------------------------------------------------------
# plain text

_TEXT_TS = re.compile(r"^\s*(?:\[\s*([0-9:.,]+)\s*\]|\(\s*([0-9:.,]+)\s*\))\s*")
_SPEAKER_TS = re.compile(
    r"^\s*([^\W\d_][^:\n\[\]()]{0,59}?)\s*(?:\[\s*([0-9:.,]+)\s*\]|\(\s*([0-9:.,]+)\s*\))\s*:(?:\s+|$)(.*)$"
)
# Otter-style header line: "Jane Doe  0:01" (two spaces or a tab), the text on the next lines
_SPEAKER_HEADER = re.compile(r"^\s*([^\W\d_][^:\n\t]{0,59}?)(?:[ ]{2,}|\t)\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_SPEAKER = re.compile(r"^\s*(?:-\s+)?([^\W\d_][^:\n]{0,59}?)\s*:(?:\s+|$)(.*)$")


@lru_cache(maxsize=4096)
def _valid_speaker(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 5:
        return False
    if re.search(r"[?!;,\"\[\]{}|<>=]", label) or label.lower().startswith(("http", "www.")):
        return False
    for w in words:  # "Dr. Smith", "J. Doe" fine; "Well. Here" not
        if "@" in w:
            continue
        core = w.rstrip(".")
        if "." in core or (w.endswith(".") and len(core) > 3):
            return False
    return True


def split_speaker(line: str) -> tuple[str, str] | None:
    """``'Jane Doe: hello'`` -> ``('Jane Doe', 'hello')``; ``None`` if no speaker label."""
    m = _SPEAKER.match(line)
    if not m or not _valid_speaker(m.group(1)):
        return None
    return m.group(1).strip(), m.group(2)


def _text_turns(text: str, location: str | None) -> list[RawTurn]:
    out: list[RawTurn] = []
    for n, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        start = None
        rest = line
        tm = _TEXT_TS.match(line)
        if tm:
            ts = tm.group(1) or tm.group(2)
            try:
                start = parse_timestamp(ts)
            except ValueError as exc:
                raise _err("E103", f"line {n}: {exc}", location) from None
            rest = line[tm.end() :]
        sp = split_speaker(rest)
        if sp is None and start is None:  # "Jane (00:01:23): text"
            sm = _SPEAKER_TS.match(rest)
            if sm and _valid_speaker(sm.group(1).strip()):
                try:
                    start = parse_timestamp(sm.group(2) or sm.group(3))
                except ValueError as exc:
                    raise _err("E103", f"line {n}: {exc}", location) from None
                sp = (sm.group(1).strip(), sm.group(4))
        if sp is None and start is None:
            hm = _SPEAKER_HEADER.match(rest)
            if hm and _valid_speaker(hm.group(1).strip()):
                try:
                    start = parse_timestamp(hm.group(2))
                except ValueError as exc:
                    raise _err("E103", f"line {n}: {exc}", location) from None
                sp = (hm.group(1).strip(), "")
        if sp:
            out.append(RawTurn(speaker=sp[0], text=sp[1].strip(), start=start, line=n))
        elif out:
            cont = rest.strip()
            if cont:
                out[-1].append(cont)
        else:
            shown = line.strip()[:40]
            raise _err(
                "E103",
                f"line {n}: expected 'Speaker: text', got {shown!r}",
                location,
                "Each turn starts with a speaker label, e.g. 'Jane: Our plan is $49'.",
            )
    return out


# --------------------------------------------------------------------------------------------
# WebVTT / SRT

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>", re.I)
_CUE_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
_VTT_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": "", "&quot;": '"'}


def _cue_text(s: str) -> str:
    s = _CUE_TAG.sub("", s)
    s = re.sub(r"&(?:amp|lt|gt|nbsp|lrm|rlm|quot);", lambda m: _VTT_ENTITIES[m.group(0)], s)
    if "&" in s:
        s = html.unescape(s)
    return " ".join(s.split())


def _cue_segments(payload: list[str]) -> list[tuple[str | None, str]]:
    """Split a cue payload into (speaker or None, text) segments."""
    segs: list[tuple[str | None, list[str]]] = []
    voice: str | None = None
    for line in payload:
        pieces: list[tuple[str | None, str]] = []
        pos = 0
        for m in _VOICE.finditer(line):
            if m.start() > pos:
                pieces.append((voice, line[pos : m.start()]))
            ann = (m.group(1) or "").strip()
            voice = _cue_text(ann) or voice
            pos = m.end()
        pieces.append((voice, line[pos:]))
        for spk, raw in pieces:
            txt = _cue_text(raw)
            if not txt:
                continue
            if spk is None:
                sp = split_speaker(txt.lstrip("- "))
                if sp:
                    spk, txt = sp[0], sp[1].strip()
            if segs and (spk is None or segs[-1][0] == spk):
                segs[-1][1].append(txt)
            else:
                segs.append((spk, [txt]))
    return [(spk, " ".join(x for x in parts if x)) for spk, parts in segs]


def _cue_turns(text: str, kind: str, location: str | None) -> list[RawTurn]:
    lines = _lines(text)
    label = "WebVTT" if kind == "vtt" else "SRT"
    i = 0
    if kind == "vtt":
        first = lines[0] if lines else ""
        if not (first.startswith("WEBVTT") and (len(first) == 6 or first[6] in " \t")):
            raise _err(
                "E103",
                "line 1: a WebVTT file must start with 'WEBVTT'",
                location,
                "Is this an SRT file? Use format 'srt'.",
            )
        while i < len(lines) and lines[i].strip():  # header block
            if i > 0 and "-->" in lines[i]:
                raise _err("E103", f"line {i + 1}: a blank line must follow the WEBVTT header", location)
            i += 1
    out: list[RawTurn] = []
    last_speaker: str | None = None
    n = len(lines)
    while i < n:
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block: list[str] = []
        while i < n and lines[i].strip():
            block.append(lines[i])
            i += 1
        first = block[0].strip()
        if kind == "vtt" and re.match(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)", first):
            continue
        t_idx = next((k for k in range(min(2, len(block))) if "-->" in block[k]), None)
        if t_idx is None:
            if kind == "srt" and out and not re.fullmatch(r"\d+", first):
                # stray blank line inside an SRT cue: the text continues the previous cue
                extra = " ".join(_cue_text(x) for x in block)
                out[-1].append(extra)
                continue
            shown = block[0].strip()[:60]
            example = "00:00:01.000 --> 00:00:04.000" if kind == "vtt" else "00:00:01,000 --> 00:00:04,000"
            where = block_start + 1 + (1 if len(block) > 1 and kind == "srt" else 0)
            got = block[1].strip()[:60] if len(block) > 1 and kind == "srt" else shown
            raise _err(
                "E103",
                f"line {where}: expected a cue timing line like '{example}', got {got!r}",
                location,
            )
        timing = block[t_idx]
        line_no = block_start + t_idx + 1
        left, _, right = timing.partition("-->")
        right_tok = right.split()[0] if right.split() else ""
        try:
            start = parse_timestamp(left.strip())
            end = parse_timestamp(right_tok)
        except ValueError:
            raise _err(
                "E103",
                f"line {line_no}: cue timing {timing.strip()!r} is not a valid {label} timestamp",
                location,
                f"Expected e.g. '{'00:00:01.000' if kind == 'vtt' else '00:00:01,000'} --> 00:00:04.000'.",
            ) from None
        if end < start:
            raise _err("E103", f"line {line_no}: cue ends ({end:g}s) before it starts ({start:g}s)", location)
        for spk, txt in _cue_segments(block[t_idx + 1 :]):
            speaker = spk or last_speaker or "Unknown"
            last_speaker = speaker
            if out and out[-1].speaker == speaker:
                prev = out[-1]
                prev.append(txt)
                prev.end = end if prev.end is None else max(prev.end, end)
            else:
                out.append(RawTurn(speaker=speaker, text=txt, start=start, end=end, line=block_start + 1))
    return out


# --------------------------------------------------------------------------------------------
# public API


def parse_conversation(
    raw: str | bytes,
    format: str,
    *,
    conversation_id: str,
    channel: str | Channel | None = None,
    rep_speakers: Sequence[str] = (),
    rep_domains: Sequence[str] = (),
    source: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Conversation:
    """Parse a transcript or e-mail(s) in ``format`` (json, text, vtt, srt, eml, mbox).

    ``channel`` defaults to ``call`` for json/text/vtt/srt (a JSON object may set
    ``"channel"``) and ``email`` for eml/mbox. See the module docstring for errors.
    """
    fmt = _coerce_format(format)
    if not isinstance(conversation_id, str) or not conversation_id.strip():
        raise _err("E108", "conversation_id must be a non-empty string", "conversation_id")
    location = source or f"conversation {conversation_id!r}"
    chan = _coerce_channel(channel, location)
    if not isinstance(raw, (str, bytes, bytearray, memoryview)):
        raise _err("E108", f"conversation input must be str or bytes, not {type(raw).__name__}", location)
    if isinstance(raw, memoryview):
        raw = bytes(raw)
    check_text_size(raw, max_bytes, location)
    if isinstance(rep_speakers, str):
        rep_speakers = (rep_speakers,)
    if isinstance(rep_domains, str):
        rep_domains = (rep_domains,)

    if fmt in ("eml", "mbox"):
        from . import email as _email

        data = bytes(raw) if not isinstance(raw, str) else raw.encode("utf-8", "surrogatepass")
        if not data.strip():
            raise _err("E101", f"conversation {conversation_id!r} is empty", location)
        raw_turns = _email.email_turns(data, fmt, location)
        chan = chan or Channel.EMAIL
    else:
        text = decode_utf8(raw, location) if not isinstance(raw, str) else clean_surrogates(raw)
        if not text.strip():
            raise _err("E101", f"conversation {conversation_id!r} is empty", location)
        if fmt == "json":
            raw_turns, json_channel = _json_turns(text, location)
            if chan is None and json_channel is not None:
                chan = _coerce_channel(json_channel, "channel")
        elif fmt == "text":
            raw_turns = _text_turns(text, location)
        else:
            raw_turns = _cue_turns(text, fmt, location)
        chan = chan or Channel.CALL
    return finish_conversation(
        raw_turns,
        conversation_id=conversation_id,
        channel=chan,
        rep_speakers=rep_speakers,
        rep_domains=rep_domains,
        source=source,
        location=location,
    )


def load_conversation_file(
    path: str | PathLike[str],
    *,
    rep_speakers: Sequence[str] = (),
    rep_domains: Sequence[str] = (),
    channel: str | Channel | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Conversation:
    """Load a conversation file; format from the extension (.json .txt .vtt .srt .eml .mbox),
    id = file stem."""
    p = Path(path)
    fmt = _EXTENSIONS.get(p.suffix.lower())
    if fmt is None:
        raise _err(
            "E104",
            f"cannot tell the conversation format of {p.name!r} from its extension",
            str(p),
            "Use .json, .txt, .vtt, .srt, .eml or .mbox.",
        )
    data = read_file_bytes(p, max_bytes)
    return parse_conversation(
        data,
        fmt,
        conversation_id=p.stem,
        channel=channel,
        rep_speakers=rep_speakers,
        rep_domains=rep_domains,
        source=str(p),
        max_bytes=max_bytes,
    )
