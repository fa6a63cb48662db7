from __future__ import annotations

import pytest

from consistency.config import config_from_dict, load_config
from consistency.errors import ConfigError
from consistency.types import ClaimType, Severity, Verdict


def test_defaults_and_overrides(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("rep_names: [Dana]\nretrieval:\n  top_k: 3\nseverity:\n  feature:\n    contradicted: high\n")
    cfg = load_config(p)
    assert cfg.rep_names == ("Dana",) and cfg.retrieval.top_k == 3
    assert cfg.severity_for(ClaimType.FEATURE, Verdict.CONTRADICTED) is Severity.HIGH
    assert cfg.severity_for(ClaimType.PRICE, Verdict.CONTRADICTED) is Severity.HIGH
    assert cfg.severity_for(ClaimType.OTHER, Verdict.CONTRADICTED) is Severity.MEDIUM


def test_toml(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('rep_domains = ["acme.com"]\n[verdict]\ncontradiction_threshold = 0.6\n')
    assert load_config(p).verdict.contradiction_threshold == 0.6


@pytest.mark.parametrize("data, code, key", [
    ({"retrival": {}}, "E301", "retrival"),
    ({"retrieval": {"topk": 1}}, "E301", "retrieval.topk"),
    ({"retrieval": {"top_k": 0}}, "E302", "retrieval.top_k"),
    ({"judge": {"kind": "magic"}}, "E302", "judge.kind"),
    ({"severity": {"price": {"contradicted": "urgent"}}}, "E302", "severity.price.contradicted"),
    ({"rep_names": "Dana"}, "E302", "rep_names"),
])
def test_errors_name_the_bad_key(data, code, key):
    with pytest.raises(ConfigError) as err:
        config_from_dict(data)
    assert err.value.code == code and key in err.value.location


@pytest.mark.parametrize("content", ["a: [unclosed", "- just\n- a list\n", b"\xff\xfe"])
def test_unreadable_files(tmp_path, content):
    p = tmp_path / "c.yaml"
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ConfigError) as err:
        load_config(p)
    assert err.value.code in {"E302", "E303"}


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "nope.yaml")
    assert err.value.code == "E303"
