"""The OpenAPI document: generated from code, committed as api/openapi.json, served and valid."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from api import create_app
from api.openapi import dumps, generate_spec
from tests.test_api import FakeEngine, checks_body

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "api" / "openapi.json"
REGENERATE = "python -m api.openapi > api/openapi.json"


@pytest.fixture(scope="module")
def spec() -> dict:
    return generate_spec()


@pytest.fixture
def client():
    return create_app(engine=FakeEngine()).test_client()


def test_committed_spec_is_current(spec):
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == spec, f"api/openapi.json is stale; regenerate it with `{REGENERATE}`"
    assert COMMITTED.read_text(encoding="utf-8") == dumps(spec), f"formatting differs; run `{REGENERATE}`"


def test_module_cli_prints_the_spec(spec):
    out = subprocess.run(
        [sys.executable, "-m", "api.openapi"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == spec


def test_served_spec_equals_generated(client, spec):
    r = client.get("/v1/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.get_json() == spec


def test_spec_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    from jsonschema_rs import validator_for  # installed with schemathesis

    # every $ref resolves
    text = json.dumps(spec)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', text)):
        assert ref in spec["components"]["schemas"], ref
    # every component schema is a valid JSON Schema (2020-12, as OpenAPI 3.1 uses)
    for name, schema in spec["components"]["schemas"].items():
        validator_for({**schema, "components": spec["components"]})  # raises if invalid
        assert isinstance(schema, dict), name


def test_spec_operations(spec):
    paths = spec["paths"]
    assert set(paths) == {"/v1/health", "/v1/claims", "/v1/checks", "/v1/verify"}
    assert set(paths["/v1/health"]) == {"get"}
    for path in ("/v1/claims", "/v1/checks", "/v1/verify"):
        op = paths[path]["post"]
        assert op["requestBody"]["required"] is True
        assert set(op["responses"]) >= {"200", "400", "401", "403", "413", "415", "422", "500", "503"}
        for code, resp in op["responses"].items():
            ctype = "application/json" if code == "200" else "application/problem+json"
            assert list(resp["content"]) == [ctype], (path, code)
        assert {"bearerAuth": []} in op["security"] and {"apiKeyHeader": []} in op["security"]
    assert paths["/v1/health"]["get"]["responses"]["503"]["content"]["application/problem+json"]
    assert set(spec["components"]["securitySchemes"]) == {"bearerAuth", "apiKeyHeader"}
    assert len({op["operationId"] for p in paths.values() for op in p.values()}) == 4


def test_spec_schemas_match_the_contract(spec):
    s = spec["components"]["schemas"]
    assert s["ChecksRequest"]["additionalProperties"] is False
    assert set(s["ChecksRequest"]["required"]) == {"copy", "conversations"}
    assert s["TurnIn"]["properties"]["role"]["enum"] == ["rep", "customer", "unknown"]
    assert s["ConversationIn"]["properties"]["format"]["enum"] == ["text", "vtt", "srt", "eml", "mbox"]
    assert s["CopyIn"]["properties"]["format"]["enum"] == ["text", "markdown", "html"]
    assert s["CheckOptions"]["properties"]["top_k"]["anyOf"][0] == {
        "maximum": 50,
        "minimum": 1,
        "type": "integer",
    }
    assert set(s["FindingOut"]["properties"]) >= {
        "claim_id",
        "conversation_id",
        "verdict",
        "confidence",
        "severity",
        "evidence",
        "explanation",
        "slot_diffs",
    }
    assert set(s["ClaimOut"]["properties"]) >= {"id", "copy_id", "text", "start", "end", "type", "slots"}
    assert set(s["Problem"]["required"]) >= {"type", "title", "status", "detail", "code"}
    assert len(s["ConversationIn"]["oneOf"]) == 2 and len(s["VerifyRequest"]["oneOf"]) == 2


def test_examples_in_spec_are_accepted(client, spec):
    """The request examples shown in the docs are valid requests."""
    for path in ("/v1/claims", "/v1/checks", "/v1/verify"):
        example = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"]
        r = client.post(path, json=example)
        assert r.status_code == 200, (path, r.get_json())


def test_responses_validate_against_spec(client, spec):
    """Real responses (success and errors) conform to the documented schemas."""
    from jsonschema_rs import validator_for

    def check(schema_name: str, body: dict) -> None:
        schema = {**spec["components"]["schemas"][schema_name], "components": spec["components"]}
        validator_for(schema).validate(body)

    check("ChecksResponse", client.post("/v1/checks", json=checks_body()).get_json())
    check(
        "ClaimsResponse",
        client.post("/v1/claims", json={"copy": {"id": "a", "text": "Only $5. Free trial."}}).get_json(),
    )
    check("VerifyResponse", client.post("/v1/verify", json={"claim": "x $5", "evidence": "$6"}).get_json())
    check("HealthResponse", client.get("/v1/health").get_json())
    check("Problem", client.post("/v1/checks", json={"copy": []}).get_json())
    check("Problem", client.get("/v1/nope").get_json())


def test_docs_page_is_offline(client):
    r = client.get("/v1/docs")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "/v1/checks" in html and "ChecksRequest" in html and "application/problem+json" in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "docs must not load remote assets"
