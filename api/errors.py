"""RFC 9457 problem details for every error the API returns.

Body: ``{"type", "title", "status", "detail", "code", "errors": [{"loc", "msg"}]}`` with
``Content-Type: application/problem+json``. ``code`` is stable:

=====  ==========================  ==============================================
400    ``invalid_json``            body is not JSON
401    ``unauthorized``            API keys configured, none given
403    ``forbidden``               wrong API key
404    ``not_found``               unknown route
405    ``method_not_allowed``      known route, wrong method (``Allow`` header set)
413    ``payload_too_large``       body over ``MAX_CONTENT_LENGTH``
415    ``unsupported_media_type``  POST body not ``application/json``
422    ``validation_error``        body fails the schema; ``loc`` is a JSON path
422    ``E1xx``                    the engine rejected an input (:class:`InputError`)
503    ``models_loading``          models not loaded yet (``Retry-After`` set)
503    ``E2xx`` / ``E3xx``         models or engine configuration broken
500    ``internal_error``          a bug; the body says nothing more, the log does
=====  ==========================  ==============================================
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from consistency.errors import ConfigError, ConsistencyError, InputError, ModelError

log = logging.getLogger("api")

PROBLEM_MIMETYPE = "application/problem+json"
TYPE_BASE = "urn:consistency:problem:"  # problem ``type`` = TYPE_BASE + code

_WERKZEUG_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    408: "request_timeout",
    411: "length_required",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    431: "request_header_fields_too_large",
}


class ApiError(Exception):
    """An error the API answers with a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        errors: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title
        self.errors = list(errors)
        self.headers = headers or {}
        self.extra = extra or {}


def _title(status: int) -> str:
    from werkzeug.http import HTTP_STATUS_CODES

    return HTTP_STATUS_CODES.get(status, "Error")


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    errors: Iterable[dict[str, Any]] = (),
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title or _title(status),
        "status": status,
        "detail": detail,
        "code": code,
        "errors": list(errors),
    }
    if extra:
        body.update({k: v for k, v in extra.items() if k not in body})
    resp = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIMETYPE)
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp


# ---------------------------------------------------------------- locations
def json_path(loc: Iterable[Any], root: str = "") -> str:
    """``("conversations", 0, "turns", 2, "role")`` -> ``conversations[0].turns[2].role``."""
    out = root
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


_PATHLIKE = re.compile(r"^(\[\d+\]|[A-Za-z_][\w-]*)(\.[A-Za-z_][\w-]*|\[\d+\])*$")


def engine_loc(prefix: str, location: str | None) -> str:
    """Where an engine :class:`InputError` points, under the request field it came from.

    ``("conversations[0]", "turns[2].text")`` -> ``conversations[0].turns[2].text``;
    ``("conversations[0].transcript", "line 12")`` -> ``conversations[0].transcript (line 12)``.
    """
    if not location:
        return prefix or "body"
    if not prefix:
        return location
    if _PATHLIKE.match(location):
        return prefix + location if location.startswith("[") else f"{prefix}.{location}"
    return f"{prefix} ({location})"


def pydantic_errors(exc: Any) -> list[dict[str, Any]]:
    """pydantic ``ValidationError`` -> problem ``errors`` items."""
    items = []
    for err in exc.errors(include_url=False, include_input=False):
        msg = err.get("msg", "Invalid value")
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        items.append({"loc": json_path(err.get("loc", ())), "msg": msg, "type": err.get("type", "")})
    return items


def validation_problem(exc: Any) -> Response:
    errors = pydantic_errors(exc)
    n = len(errors)
    detail = f"The request body failed validation ({n} error{'s' if n != 1 else ''})."
    if n:
        detail = f"{errors[0]['loc']}: {errors[0]['msg']}" + (f" (and {n - 1} more)" if n > 1 else "")
    return problem(422, "validation_error", detail, title="Validation error", errors=errors)


_IO_SELF_NAME = re.compile(r"^(conversation|copy) '.*'$")  # io's default location: the id itself
_LINE = re.compile(r"^line (\d+):")


def input_error(exc: InputError, prefix: str = "") -> ApiError:
    """Engine/IO :class:`InputError` -> 422 with the engine's code (``E103``, ...).

    ``loc`` is the request field (``prefix``) refined by the error's location, e.g.
    ``conversations[0].transcript (line 12)`` or ``conversations[0].turns[2].role``."""
    location = exc.location
    if location and prefix and _IO_SELF_NAME.match(location):
        location = None  # names the conversation/copy that ``prefix`` already points at
    loc = engine_loc(prefix, location)
    line = _LINE.match(exc.message or "")
    if line and "line" not in loc:
        loc += f" (line {line.group(1)})"
    return ApiError(
        422,
        exc.code,
        exc.message,
        title="Invalid input",
        errors=[{"loc": loc, "msg": exc.message}],
        extra={"hint": exc.hint or None, "location": exc.location},
    )


def models_unavailable(exc: ConsistencyError) -> ApiError:
    """ModelError / ConfigError (server side) -> 503 with the engine's code."""
    return ApiError(
        503,
        exc.code,
        exc.message,
        title="Models unavailable" if isinstance(exc, ModelError) else "Engine misconfigured",
        extra={"hint": exc.hint or None},
    )


# ---------------------------------------------------------------- handlers
def register_error_handlers(app: Flask) -> None:
    from apiflask.exceptions import HTTPError
    from pydantic import ValidationError

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return problem(
            exc.status,
            exc.code,
            exc.detail,
            title=exc.title,
            errors=exc.errors,
            headers=exc.headers,
            extra=exc.extra,
        )

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError):
        return validation_problem(exc)

    @app.errorhandler(InputError)
    def _input(exc: InputError):
        return _api_error(input_error(exc))

    @app.errorhandler(ModelError)
    @app.errorhandler(ConfigError)
    def _models(exc: ConsistencyError):
        log.error("engine unavailable: %s", exc)
        return _api_error(models_unavailable(exc))

    @app.errorhandler(ConsistencyError)
    def _other_consistency(exc: ConsistencyError):
        log.error("engine error: %s", exc, exc_info=exc)
        return _internal()

    @app.errorhandler(HTTPError)
    def _apiflask_error(exc: HTTPError):
        # APIFlask raises its _ValidationError "from" the pydantic error: keep the structure.
        cause = exc.__cause__
        if isinstance(cause, ValidationError):
            return validation_problem(cause)
        detail = exc.message or _title(exc.status_code)
        code = _WERKZEUG_CODES.get(exc.status_code, "error")
        return problem(exc.status_code, code, detail, headers=dict(exc.headers or {}))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if status >= 500:
            return _internal()
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        code = _WERKZEUG_CODES.get(status, "error")
        detail = {
            404: "No such endpoint. See /v1/openapi.json for the API.",
            405: "Method not allowed on this endpoint.",
            413: f"Request body too large (limit {app.config.get('MAX_CONTENT_LENGTH')} bytes).",
        }.get(status) or (exc.description or _title(status))
        return problem(status, code, detail, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.error("unhandled error", exc_info=exc)
        return _internal()


def _internal() -> Response:
    return problem(
        500, "internal_error", "The server failed to handle this request; the error has been logged."
    )
