"""CLI behaviour and exit codes, with the engine's models faked."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import consistency.engine as engine_module
from consistency.cli import main
from consistency.config import load_config
from consistency.verdict import Calibrator
from tests.fakes import FakeEmbedder, FakeScorer


@pytest.fixture(autouse=True)
def fake_models(monkeypatch):
    def fake_load_engine(config_path=None, **_):
        return engine_module.Engine(load_config(config_path), embedder=FakeEmbedder(), scorer=FakeScorer(),
                                    calibrator=Calibrator())

    monkeypatch.setattr(engine_module, "load_engine", fake_load_engine)


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "ad.md").write_text("# Pro\n\nThe Pro plan costs $49 per month.\n")
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "c1.txt").write_text("Dana: The Pro plan is $59 per month.\nSam: Ok.\n")
    (tmp_path / "calls" / "c2.txt").write_text("Dana: The Pro plan is $49 per month.\nSam: Great.\n")
    (tmp_path / "cfg.yaml").write_text("rep_names: [Dana]\n")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_lists_commands():
    out = run("--help").output
    for cmd in ("claims", "check", "verify", "train", "evaluate", "serve"):
        assert cmd in out


def test_claims_json(files):
    res = run("claims", str(files / "copy" / "ad.md"), "--format", "json")
    assert res.exit_code == 0
    claims = json.loads(res.output)["claims"]
    assert claims and claims[0]["type"] == "price"


@pytest.mark.parametrize("fail_on, code", [("none", 0), ("contradicted", 1), ("high", 1)])
def test_check_exit_codes(files, fail_on, code):
    res = run("check", "--copy", str(files / "copy"), "--conversations", str(files / "calls"),
              "--config", str(files / "cfg.yaml"), "--format", "json", "--fail-on", fail_on)
    assert res.exit_code == code, res.output
    if code == 0:
        data = json.loads(res.output)
        verdicts = {f["conversation_id"]: f["verdict"] for f in data["findings"]}
        assert verdicts == {"c1": "contradicted", "c2": "consistent"}


def test_check_html_to_file(files):
    out = files / "r.html"
    res = run("check", "--copy", str(files / "copy"), "--conversations", str(files / "calls"),
              "--config", str(files / "cfg.yaml"), "--format", "html", "-o", str(out))
    assert res.exit_code == 0 and out.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("args", [
    ["check", "--copy", "nope", "--conversations", "nope"],
    ["check", "--conversations", "x"],
    ["check", "--copy", ".", "--conversations", ".", "--format", "pdf"],
    ["verify", "--claim", "x"],
])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_input_errors_exit_2_with_code(files):
    (files / "calls" / "bad.vtt").write_bytes(b"WEBVTT\n\n00:01 --> \nhello\n")
    res = CliRunner().invoke(main, ["check", "--copy", str(files / "copy"), "--conversations",
                                    str(files / "calls" / "bad.vtt")])
    assert res.exit_code == 2
    assert "E103" in res.output


def test_bad_config_exit_2(files):
    (files / "bad.yaml").write_text("retrival: {}\n")
    res = CliRunner().invoke(main, ["check", "--copy", str(files / "copy"), "--conversations",
                                    str(files / "calls"), "--config", str(files / "bad.yaml")])
    assert res.exit_code == 2 and "E301" in res.output


def test_verify_prints_json():
    res = run("verify", "--claim", "The Pro plan costs $49 per month.", "--evidence", "Pro plan is $59 per month.")
    assert res.exit_code == 0
    assert json.loads(res.output)["verdict"] == "contradicted"
