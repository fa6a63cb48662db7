"""Property-based fuzzing of the live API from its own OpenAPI spec, with schemathesis.

A real HTTP server (werkzeug, threaded, 127.0.0.1 only) runs the app with the fake engine; the
schemathesis CLI generates valid and invalid requests for every operation (bounded: 30 per
operation, fixed seed) and checks every response: no 5xx, status codes / content types / bodies
as documented, invalid data rejected. Schema-valid requests may only be refused for reasons a
JSON Schema cannot express (see :func:`valid_data_rejected_only_for_semantic_reasons`).

This module is also the schemathesis hooks module (``SCHEMATHESIS_HOOKS=tests.test_api_fuzz``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

ROOT = Path(__file__).resolve().parents[1]
API_KEY = "fuzz-key"

# Cross-field rules of the request models that JSON Schema cannot state.
SEMANTIC_RULES = ("`end` must not be before `start`", "Duplicate ")


@schemathesis.check
def valid_data_rejected_only_for_semantic_reasons(ctx, response, case):
    """Stricter than schemathesis' ``positive_data_acceptance`` (which is excluded): a
    schema-valid request may get 422 only with an engine input code (``E1xx``: e.g. an ``eml``
    transcript that is not an e-mail) or for a cross-field rule in :data:`SEMANTIC_RULES`."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status == 413:  # 413: a generated body may exceed MAX_CONTENT_LENGTH
        return None
    if status == 422:
        body = response.json()
        code = body.get("code", "")
        if code.startswith("E1"):
            return None
        if code == "validation_error" and all(
            any(rule in e.get("msg", "") for rule in SEMANTIC_RULES) for e in body.get("errors", [])
        ):
            return None
    raise AssertionError(f"Schema-valid request rejected with {status}: {response.text[:400]}")


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    from werkzeug.serving import make_server

    from api import create_app
    from tests.test_api import FakeEngine

    app = create_app({"API_KEYS": [API_KEY]}, engine=FakeEngine())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


# 413 is a proper rejection too: a string within its maxLength can still exceed the byte limit
# once JSON-escaped (a lone-surrogate pair is 12 bytes as "\\udXXX\\udXXX").
CONFIG = """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
"""


def run_schemathesis(base: str, tmp_path: Path, phases: str, timeout: int) -> subprocess.CompletedProcess:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    cmd = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        f"{base}/v1/openapi.json",
        "--phases",
        phases,
        "--max-examples",
        "30",
        "--seed",
        "20261129",
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--header",
        f"Authorization: Bearer {API_KEY}",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.test_api_fuzz",
        "NO_COLOR": "1",
        "PYTHONPATH": str(ROOT),
    }
    # cwd: schemathesis keeps a .schemathesis/ cache in its working directory
    return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout)


def _assert_clean(result: subprocess.CompletedProcess) -> None:
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-6000:]
    assert "Operations:       4 selected / 4 total" in out or "4 selected" in out, out[-3000:]
    assert "failed" not in out.split("SUMMARY")[-1].lower() or "0 failed" in out, out[-6000:]


def test_fuzz_examples_and_generated(live_server, tmp_path):
    """Spec examples plus 30 generated (valid and invalid) requests per operation."""
    _assert_clean(run_schemathesis(live_server, tmp_path, "examples,fuzzing", timeout=300))


@pytest.mark.slow
def test_fuzz_coverage_phase(live_server, tmp_path):
    """schemathesis' deterministic boundary cases (min/max lengths, every enum, each missing or
    wrong-typed field); slower because of the multi-megabyte boundary strings."""
    _assert_clean(run_schemathesis(live_server, tmp_path, "coverage", timeout=600))
