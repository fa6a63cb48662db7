"""The OpenAPI 3.1 document, generated from the routes and pydantic models, and the offline docs.

Regenerate the committed copy after changing routes or schemas::

    python -m api.openapi > api/openapi.json

(``tests/test_api_openapi.py`` fails while the two differ.)
"""

from __future__ import annotations

import html
import json
import re
import sys
from typing import Any

from flask import Flask

from .auth import SECURITY_SCHEMES
from .errors import PROBLEM_MIMETYPE
from .schemas import Problem

DESCRIPTION = """\
Extract claims from marketing copy, find what sales reps said about each in calls, emails and
chats, and flag contradictions with evidence.

Every error is an RFC 9457 `application/problem+json` document with a stable `code`
(`invalid_json`, `validation_error`, `E103`, `models_loading`, ...) and, for input errors,
`errors[].loc` giving the JSON path of the failing field. Write endpoints need an API key
(`Authorization: Bearer <key>` or `X-API-Key`) when the server is configured with `API_KEYS`.
"""

_REF = "#/components/schemas/"


def configure_spec(app: Flask) -> None:
    app.config["SECURITY_SCHEMES"] = SECURITY_SCHEMES
    app.config["DESCRIPTION"] = DESCRIPTION
    app.config["TAGS"] = [{"name": "v1", "description": "Claims, checks and verification."}]
    app.config["LICENSE"] = {"name": "Apache-2.0", "identifier": "Apache-2.0"}
    app.spec_processor(postprocess)  # type: ignore[attr-defined]


def get_spec(app: Flask) -> dict[str, Any]:
    """The app's spec (generated once, then cached by APIFlask)."""
    return app._get_spec("json")  # type: ignore[attr-defined]


def generate_spec() -> dict[str, Any]:
    """The spec of a default app (no engine is loaded)."""
    from . import create_app

    class _NoEngine:  # the spec does not depend on the engine; avoid loading models
        ready = False

    app = create_app({"API_KEYS": [], "LOAD_MODELS_IN_BACKGROUND": False}, engine=_NoEngine())
    return get_spec(app)


def dumps(spec: dict[str, Any]) -> str:
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- post-processing
def postprocess(spec: dict[str, Any]) -> dict[str, Any]:
    """Make APIFlask's output say what the API does: problem+json errors, required bodies,
    flat component names."""
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=_REF + "{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    problem_content = {PROBLEM_MIMETYPE: {"schema": {"$ref": _REF + "Problem"}}}
    for ops in spec.get("paths", {}).values():
        for op in ops.values():
            if not isinstance(op, dict):
                continue
            for code, resp in op.get("responses", {}).items():
                if str(code)[0] in "45":
                    resp["content"] = json.loads(json.dumps(problem_content))
            if "requestBody" in op:
                op["requestBody"]["required"] = True
            if op.get("parameters") == []:
                del op["parameters"]
    for unused in ("HTTPError", "ValidationError"):
        if unused in schemas and _REF + unused not in json.dumps(spec):
            del schemas[unused]
    _flatten_names(spec)
    return spec


def _flatten_names(spec: dict[str, Any]) -> None:
    """APIFlask names nested pydantic models ``Parent.Child``; use ``Child`` where unambiguous."""
    schemas = spec["components"]["schemas"]
    by_short: dict[str, list[str]] = {}
    for name in schemas:
        if "." in name:
            by_short.setdefault(name.rsplit(".", 1)[1], []).append(name)

    def normal(schema: Any) -> str:  # refs compared by their short names
        return re.sub(
            r'"#/components/schemas/[^"]*\.([^".]+)"',
            r'"#/components/schemas/\1"',
            json.dumps(schema, sort_keys=True),
        )

    renames: dict[str, str] = {}
    for short, names in by_short.items():
        bodies = {normal(schemas[n]) for n in names}
        if short in schemas:
            bodies.add(normal(schemas[short]))
        if len(bodies) == 1:
            renames.update({n: short for n in names})
    if not renames:
        return

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "$ref" and isinstance(v, str) and v.startswith(_REF) and v[len(_REF) :] in renames:
                    out[k] = _REF + renames[v[len(_REF) :]]
                else:
                    out[k] = fix(v)
            return out
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
    fixed = fix(spec)
    spec.clear()
    spec.update(fixed)


# ---------------------------------------------------------------- offline docs
_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:0}code,pre{font:13px ui-monospace,monospace;background:#f5f5f5}
pre{padding:.6em;overflow:auto;max-height:30em}
.op{border:1px solid #ddd;border-radius:6px;padding:.2em 1em 1em;margin:1.2em 0}
.m{font-weight:bold;padding:.1em .5em;border-radius:4px;color:#fff;background:#2a7}
.m.post{background:#27c}table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;
padding:.2em .6em;text-align:left;vertical-align:top}details{margin:.4em 0}
"""


def _schema_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref", "")
    return ref[len(_REF) :] if ref.startswith(_REF) else "object"


def _schema_link(schema: dict[str, Any]) -> str:
    name = _schema_name(schema)
    return f'<a href="#schema-{html.escape(name)}"><code>{html.escape(name)}</code></a>'


def docs_html(spec: dict[str, Any]) -> str:
    """A self-contained page (no scripts, no CDN) listing endpoints and schemas."""
    e = html.escape
    info = spec.get("info", {})
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{e(info.get('title', 'API'))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(info.get('title', 'API'))} <small>{e(str(info.get('version', '')))}</small></h1>",
        f"<p>OpenAPI {e(spec.get('openapi', ''))} document: <a href='openapi.json'>openapi.json</a></p>",
        f"<pre>{e(info.get('description', ''))}</pre>",
        "<h2>Endpoints</h2>",
    ]
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            if not isinstance(op, dict):
                continue
            parts.append(
                f"<div class='op'><h3><span class='m {e(method)}'>{e(method.upper())}</span> "
                f"<code>{e(path)}</code> — {e(op.get('summary', ''))}</h3>"
                f"<p>{e(op.get('description', ''))}</p>"
            )
            if op.get("security"):
                parts.append(
                    "<p>Auth: <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-API-Key</code> when the server has API keys.</p>"
                )
            body = op.get("requestBody", {}).get("content", {})
            for ctype, media in body.items():
                parts.append(
                    f"<p>Request body (<code>{e(ctype)}</code>): {_schema_link(media.get('schema', {}))}</p>"
                )
                if "example" in media:
                    parts.append(
                        f"<details><summary>Example</summary><pre>{e(json.dumps(media['example'], indent=2))}</pre></details>"
                    )
            parts.append("<table><tr><th>Status</th><th>Meaning</th><th>Body</th></tr>")
            for code, resp in op.get("responses", {}).items():
                bodies = ", ".join(
                    f"<code>{e(ct)}</code> {_schema_link(m.get('schema', {}))}"
                    for ct, m in resp.get("content", {}).items()
                )
                parts.append(
                    f"<tr><td>{e(str(code))}</td><td>{e(resp.get('description', ''))}</td><td>{bodies}</td></tr>"
                )
            parts.append("</table></div>")
    parts.append("<h2>Schemas</h2>")
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        parts.append(
            f"<details id='schema-{e(name)}'><summary><code>{e(name)}</code> {e(schema.get('description', '').splitlines()[0] if schema.get('description') else '')}</summary>"
            f"<pre>{e(json.dumps(schema, indent=2))}</pre></details>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    sys.stdout.write(dumps(generate_spec()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
