"""Render a Report as text, json, jsonl, csv or one self-contained HTML page."""

from __future__ import annotations

import csv
import html
import io
import json

from .types import Report, Verdict, to_dict

FORMATS = ("text", "json", "jsonl", "csv", "html")


def render(report: Report, fmt: str) -> str:
    try:
        return {"text": to_text, "json": to_json, "jsonl": to_jsonl, "csv": to_csv, "html": to_html}[fmt](report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def _claims_by_id(report: Report) -> dict:
    return {c.id: c for c in report.claims}


def _finding_row(report: Report, f) -> dict:
    claim = _claims_by_id(report)[f.claim_id]
    ev = f.evidence[0] if f.evidence else None
    return {
        "claim_id": f.claim_id,
        "copy_id": claim.copy_id,
        "claim": claim.text,
        "type": claim.type.value,
        "conversation_id": f.conversation_id,
        "verdict": f.verdict.value,
        "confidence": round(f.confidence, 4),
        "severity": f.severity.value,
        "evidence_turn": ev.turn if ev else None,
        "evidence_speaker": ev.speaker if ev else None,
        "evidence_start": ev.start if ev else None,
        "evidence_text": ev.text if ev else None,
        "explanation": f.explanation,
    }


def to_jsonl(report: Report) -> str:
    lines = [json.dumps({"kind": "finding", **_finding_row(report, f)}, ensure_ascii=False) for f in report.findings]
    lines += [json.dumps({"kind": "unbacked", **to_dict(u)}, ensure_ascii=False) for u in report.unbacked]
    return "\n".join(lines) + ("\n" if lines else "")


def to_csv(report: Report) -> str:
    buf = io.StringIO()
    fields = [
        "claim_id", "copy_id", "claim", "type", "conversation_id", "verdict", "confidence", "severity",
        "evidence_turn", "evidence_speaker", "evidence_start", "evidence_text", "explanation",
    ]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for f in report.findings:
        writer.writerow(_finding_row(report, f))
    return buf.getvalue()


def _ts(seconds) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def to_text(report: Report) -> str:
    s = report.summary
    v = s["verdicts"]
    out = [
        f"{s['claims']} claims x {s['conversations']} conversations: "
        f"{v['contradicted']} contradicted, {v['consistent']} consistent, {v['not_mentioned']} not mentioned; "
        f"{s['unbacked']} unbacked rep promises",
        "",
    ]
    claims = _claims_by_id(report)
    for c in report.claims:
        pc = s["per_claim"][c.id]
        out.append(f"[{c.id}] ({c.type.value}) {c.text}")
        out.append(f"    confirmed {pc['consistent']}, contradicted {pc['contradicted']}, "
                   f"not mentioned {pc['not_mentioned']}")
    contradictions = [f for f in report.findings if f.verdict is Verdict.CONTRADICTED]
    if contradictions:
        out += ["", "Contradictions:"]
        for f in sorted(contradictions, key=lambda f: (f.severity.value != "high", -f.confidence)):
            ev = f.evidence[0] if f.evidence else None
            where = f"{f.conversation_id} turn {ev.turn} {_ts(ev.start)} {ev.speaker}" if ev else f.conversation_id
            out.append(f"  {f.severity.value.upper():6} {f.confidence:.2f}  {claims[f.claim_id].text}")
            out.append(f"         rep ({where}): {ev.text if ev else ''}")
            out.append(f"         {f.explanation}")
    if report.unbacked:
        out += ["", "Unbacked rep promises:"]
        for u in report.unbacked:
            out.append(f"  {u.conversation_id} turn {u.evidence.turn} {u.evidence.speaker} ({u.type.value}): "
                       f"{u.evidence.text}")
    return "\n".join(out) + "\n"


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #dde;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f5fa}.n{text-align:right;font-variant-numeric:tabular-nums}
.contradicted{color:#a3161c;font-weight:600}.consistent{color:#1b6e2e}.not_mentioned{color:#667}
.high{background:#fde8e8}.medium{background:#fff6e0}.pill{display:inline-block;border-radius:1rem;padding:0 .5rem;background:#eef}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.box{border:1px solid #dde;border-radius:.4rem;padding:.6rem}
.box h4{margin:.1rem 0 .4rem;font-size:.8rem;text-transform:uppercase;color:#667}.why{color:#445;font-size:.9rem}
"""


def to_html(report: Report) -> str:
    e = html.escape
    s = report.summary
    v = s["verdicts"]
    claims = _claims_by_id(report)
    rows = []
    for c in report.claims:
        pc = s["per_claim"][c.id]
        rows.append(
            f"<tr><td>{e(c.id)}</td><td><span class='pill'>{e(c.type.value)}</span></td><td>{e(c.text)}</td>"
            f"<td class='n consistent'>{pc['consistent']}</td><td class='n contradicted'>{pc['contradicted']}</td>"
            f"<td class='n not_mentioned'>{pc['not_mentioned']}</td></tr>"
        )
    blocks = []
    contradictions = sorted(
        (f for f in report.findings if f.verdict is Verdict.CONTRADICTED),
        key=lambda f: (f.severity.value != "high", -f.confidence),
    )
    for f in contradictions:
        c = claims[f.claim_id]
        ev = f.evidence[0] if f.evidence else None
        rep = (
            f"<h4>Rep &middot; {e(f.conversation_id)} &middot; turn {ev.turn} {e(_ts(ev.start))} &middot; "
            f"{e(ev.speaker)}</h4><p>{e(ev.text)}</p>" if ev else "<h4>Rep</h4><p>(no evidence)</p>"
        )
        blocks.append(
            f"<div class='{e(f.severity.value)}' style='padding:.6rem;margin:.8rem 0;border-radius:.4rem'>"
            f"<div><b>{e(f.severity.value.upper())}</b> &middot; confidence {f.confidence:.2f} &middot; "
            f"{e(c.type.value)}</div><div class='side'><div class='box'><h4>Copy &middot; {e(c.copy_id)}</h4>"
            f"<p>{e(c.text)}</p></div><div class='box'>{rep}</div></div>"
            f"<p class='why'>{e(f.explanation)}</p></div>"
        )
    unbacked = "".join(
        f"<tr><td>{e(u.conversation_id)}</td><td class='n'>{u.evidence.turn}</td><td>{e(u.evidence.speaker)}</td>"
        f"<td>{e(u.type.value)}</td><td>{e(u.evidence.text)}</td></tr>"
        for u in report.unbacked
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>consistency report</title><style>{_CSS}</style></head><body>
<h1>Copy vs. what reps said</h1>
<p>{s['claims']} claims &times; {s['conversations']} conversations:
<span class="contradicted">{v['contradicted']} contradicted</span>,
<span class="consistent">{v['consistent']} consistent</span>,
<span class="not_mentioned">{v['not_mentioned']} not mentioned</span>;
{s['unbacked']} unbacked rep promises. Engine {e(str(report.engine.get('version', '')))}.</p>
<h2>Claims</h2>
<table><tr><th>id</th><th>type</th><th>claim</th><th>confirm</th><th>contradict</th><th>never mention</th></tr>
{''.join(rows)}</table>
<h2>Contradictions ({len(contradictions)})</h2>
{''.join(blocks) or '<p>None found.</p>'}
<h2>Unbacked rep promises ({len(report.unbacked)})</h2>
<table><tr><th>conversation</th><th>turn</th><th>speaker</th><th>type</th><th>what the rep said</th></tr>
{unbacked}</table>
</body></html>
"""
