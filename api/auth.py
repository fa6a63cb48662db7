"""API-key auth for write endpoints.

When ``API_KEYS`` is configured, every POST needs ``Authorization: Bearer <key>`` or
``X-API-Key: <key>``: none -> 401 ``unauthorized``, a wrong one -> 403 ``forbidden``.
GET endpoints (health, spec, docs) stay open. Keys are compared in constant time.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from flask import Request

from .errors import ApiError

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "description": "`Authorization: Bearer <key>`"},
    "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}
# Auth is only enforced when the server has API_KEYS set, hence the empty alternative.
WRITE_SECURITY = [{"bearerAuth": []}, {"apiKeyHeader": []}, {}]


def normalise_keys(value: object) -> tuple[str, ...]:
    """``"a,b"`` / ``["a", "b"]`` / None -> ``("a", "b")``; blanks dropped."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Sequence[object] = value.split(",")
    elif isinstance(value, (list, tuple, set, frozenset)):
        parts = list(value)
    else:
        raise TypeError(
            f"API_KEYS must be a list of strings or a comma-separated string, not {type(value).__name__}"
        )
    return tuple(str(p).strip() for p in parts if str(p).strip())


def presented_key(request: Request) -> str | None:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    key = request.headers.get("X-API-Key", "").strip()
    return key or None


def check_api_key(request: Request, keys: Sequence[str]) -> None:
    """Raise 401/403 unless ``request`` carries one of ``keys`` (no-op when ``keys`` is empty)."""
    if not keys or request.method not in WRITE_METHODS:
        return
    key = presented_key(request)
    if key is None:
        raise ApiError(
            401,
            "unauthorized",
            "This endpoint needs an API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`.",
            headers={"WWW-Authenticate": 'Bearer realm="consistency"'},
        )
    given = key.encode("utf-8", "surrogateescape")
    # Compare against every key (no early exit) so timing does not reveal which matched.
    ok = False
    for candidate in keys:
        ok |= hmac.compare_digest(given, candidate.encode("utf-8", "surrogateescape"))
    if not ok:
        raise ApiError(403, "forbidden", "The API key is not valid.")
