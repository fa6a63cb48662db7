"""Sanity checks for the hand-written corpora (no models, no engine imports).

* ``corpora/labeled/cases/*.json``: every case validates (fields, enums, claim substrings,
  evidence turns, one expected verdict per (claim, conversation)).
* ``corpora/demo/``: the demo files exist in the required counts and formats and parse.

Raw transcripts are split into turns by a deliberately small parser here (one turn per speaker
change; consecutive lines/cues by the same speaker merge), which is the rule the labels follow.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from consistency.types import ClaimType, Verdict

ROOT = Path(__file__).resolve().parent.parent
LABELED = ROOT / "corpora" / "labeled" / "cases"
DEMO = ROOT / "corpora" / "demo"

VERDICTS = {v.value for v in Verdict}
TYPES = {t.value for t in ClaimType}
COPY_FORMATS = {"text", "markdown", "html"}
RAW_FORMATS = {"text", "vtt", "srt", "eml"}
CHANNELS = {"call", "email", "chat"}
ROLES = {"rep", "customer"}

TIMESTAMP = re.compile(r"^\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}\s*-->\s*(\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}")
VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$")
SPEAKER_LINE = re.compile(r"^([^:]{1,60}):\s+(.+)$")


# --------------------------------------------------------------------------- helpers


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"p", "li", "h1", "h2", "h3", "br", "div", "tr", "td"}:
            self.parts.append("\n")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain_text(text: str, fmt: str) -> str:
    """Copy text with markup removed, whitespace squashed (a stand-in for the engine's stripper)."""
    if fmt == "html":
        p = _TextOnly()
        p.feed(text)
        return _squash("".join(p.parts))
    if fmt == "markdown":
        out = []
        for line in text.splitlines():
            line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
            line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
            line = re.sub(r"^\s*>\s?", "", line)
            line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
            line = re.sub(r"(\*\*|__|`)", "", line)
            out.append(line)
        return _squash("\n".join(out))
    return _squash(text)


def _merge(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for speaker, text in turns:
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, merged[-1][1] + " " + text)
        else:
            merged.append((speaker, text))
    return merged


def parse_raw(fmt: str, raw: str) -> list[tuple[str, str]]:
    """(speaker, text) turns of a raw transcript in ``text``, ``vtt`` or ``srt`` format."""
    turns: list[tuple[str, str]] = []
    if fmt == "text":
        for line in raw.splitlines():
            if not line.strip():
                continue
            m = SPEAKER_LINE.match(line.strip())
            assert m, f"not a 'Speaker: text' line: {line!r}"
            turns.append((m.group(1).strip(), m.group(2).strip()))
        return _merge(turns)
    lines = raw.splitlines()
    if fmt == "vtt":
        assert lines and lines[0].startswith("WEBVTT"), "vtt must start with WEBVTT"
    i = 0
    while i < len(lines):
        if TIMESTAMP.match(lines[i]):
            i += 1
            cue = []
            while i < len(lines) and lines[i].strip():
                cue.append(lines[i].strip())
                i += 1
            text = " ".join(cue)
            m = VOICE.match(text) or SPEAKER_LINE.match(text)
            assert m, f"cue without a speaker: {text!r}"
            turns.append((m.group(1).strip(), m.group(2).strip()))
        i += 1
    return _merge(turns)


def _domain(addr: str) -> str:
    return email.utils.parseaddr(addr)[1].rpartition("@")[2].lower()


def conversation_turns(conv: dict) -> list[tuple[str, str]]:
    """(speaker, role) per turn, whatever the conversation's form."""
    if "turns" in conv:
        return [(t["speaker"], t["role"]) for t in conv["turns"]]
    fmt = conv["format"]
    if fmt == "eml":
        msg = email.message_from_string(conv["transcript"], policy=email.policy.default)
        frm = msg["From"]
        role = "rep" if _domain(str(frm)) in {d.lower() for d in conv.get("rep_domains", [])} else "customer"
        return [(str(frm), role)]
    reps = set(conv.get("rep_speakers", []))
    return [(s, "rep" if s in reps else "customer") for s, _ in parse_raw(fmt, conv["transcript"])]


def _cases() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(LABELED.glob("*.json"))]


CASES = _cases()


# --------------------------------------------------------------------------- labeled set


def test_labeled_counts():
    assert len(CASES) >= 50
    verdicts = Counter(e["verdict"] for _, c in CASES for e in c["expected"])
    assert sum(verdicts.values()) >= 250
    assert set(verdicts) == VERDICTS
    for v in VERDICTS:  # no verdict under a fifth of the labels
        assert verdicts[v] / sum(verdicts.values()) > 0.2, verdicts
    types = {e["type"] for _, c in CASES for e in c["expected"]}
    assert types == TYPES, TYPES - types
    splits = Counter(c["split"] for _, c in CASES)
    assert splits["dev"] > 0 and splits["test"] > 0
    assert len({c["id"] for _, c in CASES}) == len(CASES)


@pytest.mark.parametrize("path,case", CASES, ids=[p.stem for p, _ in CASES])
def test_labeled_case(path: Path, case: dict):
    assert set(case) >= {"id", "split", "description", "copy", "conversations", "expected"}
    assert set(case) <= {
        "id",
        "split",
        "description",
        "copy",
        "conversations",
        "expected",
        "expected_unbacked",
    }
    assert case["id"] == path.stem
    assert case["split"] in {"dev", "test"}
    assert case["description"].strip()

    copies = {}
    for cp in case["copy"]:
        assert set(cp) == {"id", "format", "text"}
        assert cp["format"] in COPY_FORMATS
        assert cp["id"] not in copies
        copies[cp["id"]] = cp

    convs: dict[str, list[tuple[str, str]]] = {}
    for conv in case["conversations"]:
        assert conv["id"] not in convs
        assert conv["channel"] in CHANNELS
        if "turns" in conv:
            assert "transcript" not in conv
            for t in conv["turns"]:
                assert {"speaker", "role", "text"} <= set(t) <= {"speaker", "role", "text", "start", "end"}
                assert t["role"] in ROLES and t["text"].strip() and t["speaker"].strip()
        else:
            assert conv["format"] in RAW_FORMATS and conv["transcript"].strip()
            assert conv.get("rep_speakers") or conv.get("rep_domains")
        turns = conversation_turns(conv)
        assert turns, conv["id"]
        assert any(role == "rep" for _, role in turns), conv["id"]
        convs[conv["id"]] = turns

    seen: Counter = Counter()
    for e in case["expected"]:
        assert set(e) == {"copy_id", "claim", "type", "conversation_id", "verdict", "evidence_turn", "note"}
        assert e["copy_id"] in copies
        cp = copies[e["copy_id"]]
        assert e["claim"].strip() == e["claim"] and e["claim"]
        if cp["format"] == "text":
            assert cp["text"].count(e["claim"]) == 1, e["claim"]
        else:  # markup-free claim sentence: present verbatim and in the stripped text
            assert e["claim"] in cp["text"], e["claim"]
            assert plain_text(cp["text"], cp["format"]).count(_squash(e["claim"])) == 1, e["claim"]
        assert e["type"] in TYPES
        assert e["verdict"] in VERDICTS
        assert e["conversation_id"] in convs
        turns = convs[e["conversation_id"]]
        if e["verdict"] == "not_mentioned":
            assert e["evidence_turn"] is None
        else:
            idx = e["evidence_turn"]
            assert isinstance(idx, int) and 0 <= idx < len(turns), (e["claim"], idx, len(turns))
            assert turns[idx][1] == "rep", (e["claim"], e["conversation_id"], idx, turns[idx])
        seen[(e["copy_id"], e["claim"], e["conversation_id"])] += 1

    assert all(n == 1 for n in seen.values()), [k for k, n in seen.items() if n > 1]
    claims = {(k[0], k[1]) for k in seen}
    for copy_id, claim in claims:
        for conv_id in convs:
            assert (copy_id, claim, conv_id) in seen, (claim, conv_id)

    for u in case.get("expected_unbacked", []):
        assert set(u) == {"conversation_id", "turn", "note"}
        turns = convs[u["conversation_id"]]
        assert 0 <= u["turn"] < len(turns) and turns[u["turn"]][1] == "rep"


def test_raw_parser_merges_same_speaker():
    raw = "Ann: hi\nAnn: still me\nBob: hello\n"
    assert parse_raw("text", raw) == [("Ann", "hi still me"), ("Bob", "hello")]
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>hi\n\n00:00:02.500 --> 00:00:03.000\nBob: yo\n"
    assert parse_raw("vtt", vtt) == [("Ann", "hi"), ("Bob", "yo")]


def test_plain_text_strips_markup():
    assert plain_text("# Title\n\n- **Bold** item [link](http://x)", "markdown") == "Title Bold item link"
    assert plain_text("<p>One <b>two</b></p><li>three</li>", "html") == "One two three"


# --------------------------------------------------------------------------- demo


def _demo_config() -> dict:
    return yaml.safe_load((DEMO / "consistency.yaml").read_text(encoding="utf-8"))


def test_demo_config():
    cfg = _demo_config()
    assert set(cfg) == {"rep_names", "rep_domains"}
    assert cfg["rep_names"] and all(isinstance(n, str) for n in cfg["rep_names"])
    assert cfg["rep_domains"] and all("." in d and "@" not in d for d in cfg["rep_domains"])
    assert (DEMO / "EXPECTED.md").read_text(encoding="utf-8").count("|") > 20


def test_demo_copy():
    copy = DEMO / "copy"
    for name in ("ad.txt", "landing.md", "promo_email.html"):
        assert (copy / name).is_file(), name
        assert (copy / name).read_text(encoding="utf-8").strip()
    md = (copy / "landing.md").read_text(encoding="utf-8")
    assert re.search(r"^#{1,3} ", md, re.M) and re.search(r"^\s*[-*] ", md, re.M)
    html = (copy / "promo_email.html").read_text(encoding="utf-8").lower()
    assert "<html" in html and "</html>" in html


def _demo_calls() -> dict[str, list[tuple[str, str]]]:
    """Call id -> (speaker, text) turns, all three formats."""
    out = {}
    for p in sorted((DEMO / "calls").iterdir()):
        raw = p.read_text(encoding="utf-8")
        if p.suffix == ".json":
            d = json.loads(raw)
            out[p.name] = [(t["speaker"], t["text"]) for t in d["turns"]]
        elif p.suffix in {".txt", ".vtt"}:
            out[p.name] = parse_raw("text" if p.suffix == ".txt" else "vtt", raw)
        else:
            raise AssertionError(f"unexpected file in calls/: {p.name}")
    return out


def test_demo_calls():
    calls = _demo_calls()
    assert len(calls) >= 12
    suffixes = Counter(Path(n).suffix for n in calls)
    assert suffixes[".txt"] >= 2 and suffixes[".vtt"] >= 2 and suffixes[".json"] >= 2, suffixes
    reps = set(_demo_config()["rep_names"])
    for name, turns in calls.items():
        assert 20 <= len(turns), (name, len(turns))
        speakers = {s for s, _ in turns}
        if not name.endswith(".json"):
            assert speakers & reps, (name, speakers)
        assert len(speakers) >= 2, name
    assert max(len(t) for t in calls.values()) >= 150
    vtts = [(DEMO / "calls" / n).read_text(encoding="utf-8") for n in calls if n.endswith(".vtt")]
    assert any("<v " in v for v in vtts) and any(re.search(r"^\w[^:\n<]*: ", v, re.M) for v in vtts)


def test_demo_json_transcripts():
    for p in sorted((DEMO / "calls").glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        assert set(d) >= {"id", "channel", "turns"}
        assert d["channel"] == "call"
        assert d["id"] == p.stem
        last = -1.0
        for t in d["turns"]:
            assert set(t) == {"speaker", "role", "text", "start", "end"}
            assert t["role"] in ROLES and t["text"].strip()
            assert t["start"] >= last and t["end"] >= t["start"]
            last = t["start"]
        assert {t["role"] for t in d["turns"]} == ROLES


def test_demo_emails():
    paths = sorted((DEMO / "emails").glob("*.eml"))
    assert len(paths) >= 6
    cfg = _demo_config()
    domains = {d.lower() for d in cfg["rep_domains"]}
    kinds: Counter = Counter()
    for p in paths:
        msg = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for h in ("From", "To", "Subject", "Date", "Message-ID", "Content-Type"):
            assert msg[h], (p.name, h)
        assert email.utils.parseaddr(str(msg["From"]))[0], (p.name, "From needs a display name")
        assert msg["Date"].datetime is not None
        body = msg.get_body(preferencelist=("plain", "html"))
        assert body is not None, p.name
        text = body.get_content()
        assert text.strip()
        if msg.get_content_type() == "multipart/alternative":
            kinds["multipart"] += 1
        for part in msg.walk():
            if part.get("Content-Transfer-Encoding", "").lower() == "quoted-printable":
                kinds["qp"] += 1
        if re.search(r"^On .+wrote:\s*$", text, re.M) and re.search(r"^> ", text, re.M):
            kinds["quoted"] += 1
        if re.search(r"^-- $", text, re.M):
            kinds["signature"] += 1
        senders = {_domain(str(msg["From"])), _domain(str(msg["To"]))}
        assert senders & domains, (p.name, "a rep of the company must be on the thread")
        assert senders - domains, (p.name, "and a customer from another domain")
    assert (
        kinds["multipart"] >= 1 and kinds["qp"] >= 1 and kinds["quoted"] >= 1 and kinds["signature"] >= 1
    ), kinds


# --------------------------------------------------------------------------- summaries set

SUMMARIES = ROOT / "corpora" / "summaries" / "summaries.jsonl"
SUMMARY_EDITS = {
    "consistent": {"none", "paraphrase", "meaning_preserving"},
    "inconsistent": {"number", "entity", "role", "negation", "invented", "condition", "cause", "time"},
}


def test_summaries_set_is_well_formed_and_uses_only_dev_and_demo_conversations():
    from consistency.summary import load_source

    rows = [json.loads(line) for line in SUMMARIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 250
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows)
    splits = {c["id"]: c["split"] for _, c in CASES}
    for r in rows:
        assert set(r) == {"id", "source", "summary", "label", "edit", "base", "note"}, r["id"]
        assert r["edit"] in SUMMARY_EDITS[r["label"]], r["id"]
        assert r["summary"].strip() and r["note"].strip()
        assert (r["base"] is None) == (r["edit"] == "none"), r["id"]
        if r["base"] is not None:
            base = by_id[r["base"]]
            assert base["label"] == "consistent" and base["source"] == r["source"] and base["summary"] != r["summary"]
        if r["source"].startswith("labeled/"):  # never a held-out test case
            assert splits[r["source"].split("/")[1].split(".")[0]] == "dev", r["id"]
    labels = Counter(r["label"] for r in rows)
    assert 0.3 < labels["consistent"] / len(rows) < 0.6
    for source in {r["source"] for r in rows}:
        assert load_source(source).strip(), source
