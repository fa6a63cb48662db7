"""HTTP API v1 for consistency.

    from api import create_app
    app = create_app({"API_KEYS": ["secret"]})          # engine loaded in the background
    app = create_app(engine=my_engine)                  # tests: any object with the Engine API

Configuration comes from the ``config`` dict, else from ``CONSISTENCY_<KEY>`` environment
variables, else defaults:

``API_KEYS``                   keys accepted on write endpoints (list, or comma-separated in env);
                               empty = no auth
``MAX_CONTENT_LENGTH``         request body limit in bytes (default 5 MiB) -> 413
``CONSISTENCY_CONFIG``         engine config path for ``consistency.engine.load_engine``
                               (env: ``CONSISTENCY_CONFIG``)
``LOAD_MODELS_IN_BACKGROUND``  load the engine in a thread so the server answers at once
                               (``/v1/health`` is 503 until loaded); default true
``ENGINE_CONCURRENCY``         engine calls allowed at once per process (default 1)

The engine is built once per process and shared by all requests
(``app.extensions["consistency"]`` is the :class:`EngineState`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Mapping
from typing import Any

from apiflask import APIFlask
from flask import Flask, Request

from consistency import __version__
from consistency.errors import ConfigError, ConsistencyError, ModelError

from .errors import ApiError, register_error_handlers

__all__ = ["create_app", "EngineState", "API_VERSION", "__version__"]

log = logging.getLogger("api")

API_VERSION = "1"
SPEC_VERSION = "1.0.0"  # info.version of the OpenAPI document: the v1 contract, not the package
MIB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    "API_KEYS": (),
    "MAX_CONTENT_LENGTH": 5 * MIB,
    "CONSISTENCY_CONFIG": None,
    "LOAD_MODELS_IN_BACKGROUND": True,
    "ENGINE_CONCURRENCY": 1,
}
ENV_PREFIX = "CONSISTENCY_"


# ---------------------------------------------------------------- configuration
def _env_name(key: str) -> str:
    return key if key.startswith(ENV_PREFIX) else ENV_PREFIX + key


def _as_bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{key} must be true or false, not {value!r}", location=key, code="E302")


def _as_int(key: str, value: Any, minimum: int) -> int:
    try:
        number = int(value)
        if isinstance(value, bool) or number < minimum:
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(
            f"{key} must be an integer >= {minimum}, not {value!r}", location=key, code="E302"
        ) from None
    return number


def resolve_config(
    config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Merge ``config`` over ``CONSISTENCY_*`` environment variables over :data:`DEFAULTS`."""
    from .auth import normalise_keys

    environ = os.environ if environ is None else environ
    config = dict(config or {})
    out: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        if key in config:
            out[key] = config.pop(key)
        elif _env_name(key) in environ:
            out[key] = environ[_env_name(key)]
        else:
            out[key] = default
    try:
        out["API_KEYS"] = normalise_keys(out["API_KEYS"])
    except TypeError as exc:
        raise ConfigError(str(exc), location="API_KEYS", code="E302") from None
    out["MAX_CONTENT_LENGTH"] = _as_int("MAX_CONTENT_LENGTH", out["MAX_CONTENT_LENGTH"], 1)
    out["LOAD_MODELS_IN_BACKGROUND"] = _as_bool("LOAD_MODELS_IN_BACKGROUND", out["LOAD_MODELS_IN_BACKGROUND"])
    out["ENGINE_CONCURRENCY"] = _as_int("ENGINE_CONCURRENCY", out["ENGINE_CONCURRENCY"], 1)
    if out["CONSISTENCY_CONFIG"] in ("", None):
        out["CONSISTENCY_CONFIG"] = None
    out.update(config)  # any other Flask / APIFlask setting passes through
    return out


# ---------------------------------------------------------------- engine
def _engine_ready(engine: Any) -> bool:
    try:
        return bool(engine.ready)
    except Exception:  # an engine that cannot say is treated as not ready
        log.exception("engine.ready raised")
        return False


class EngineState:
    """The process's engine: loading, ready, or failed to load.

    Engine calls go through :meth:`call`, which limits them to ``concurrency`` at a time
    (threaded servers share one engine; models are not assumed to be thread-safe).
    """

    def __init__(self, engine: Any = None, *, config_path: str | None = None, concurrency: int = 1):
        self.engine = engine
        self.config_path = config_path
        self.error: ConsistencyError | None = None
        self.thread: threading.Thread | None = None
        self.loaded_in: float | None = None
        self._concurrency = concurrency
        self._loading = False
        self._slots = threading.BoundedSemaphore(concurrency)
        self._load_lock = threading.Lock()
        if hasattr(os, "register_at_fork"):
            ref = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: (s := ref()) is not None and s._after_fork())

    def _after_fork(self) -> None:
        """A fork (e.g. gunicorn --preload) while the loader thread ran: the child has no such
        thread and may inherit held locks, so start over in the child."""
        loading = self._loading  # (thread.is_alive() is already False in the child)
        self._slots = threading.BoundedSemaphore(self._concurrency)
        self._load_lock = threading.Lock()
        if loading and self.engine is None and self.error is None:
            self.load_in_background()

    # loading -------------------------------------------------------------
    def load(self) -> None:
        """Build the engine with ``consistency.engine.load_engine`` (blocking). Errors are kept
        in :attr:`error` (and reported by health / 503s), not raised."""
        with self._load_lock:
            if self.engine is not None:
                return
            t0 = time.perf_counter()
            try:
                from consistency.engine import load_engine

                engine = load_engine(self.config_path)
                if not _engine_ready(engine):
                    # An engine that loads its models lazily may offer an explicit hook.
                    for hook in ("load", "warm_up", "warmup"):
                        if callable(getattr(engine, hook, None)):
                            getattr(engine, hook)()
                            break
                self.engine = engine
                self.loaded_in = time.perf_counter() - t0
                log.info("engine loaded in %.1fs", self.loaded_in)
            except ConsistencyError as exc:
                self.error = exc
                log.error("engine failed to load: %s", exc)
            except Exception as exc:
                self.error = ModelError("The engine failed to load; see the server log", code="E200")
                log.exception("engine failed to load: %s", exc)

    def load_in_background(self) -> threading.Thread:
        self._loading = True
        self.thread = threading.Thread(
            target=self._load_then_clear, name="consistency-engine-loader", daemon=True
        )
        self.thread.start()
        return self.thread

    def _load_then_clear(self) -> None:
        try:
            self.load()
        finally:
            self._loading = False

    # state ---------------------------------------------------------------
    @property
    def status(self) -> str:
        """``ready`` | ``loading`` | ``error``."""
        if self.engine is not None and _engine_ready(self.engine):
            return "ready"
        if self.error is not None:
            return "error"
        return "loading"

    def require(self) -> Any:
        """The engine, or a 503 problem (``models_loading`` or the load error's code)."""
        status = self.status
        if status == "ready":
            return self.engine
        if status == "error":
            from .errors import models_unavailable

            err = models_unavailable(self.error)  # type: ignore[arg-type]
            err.extra["state"] = "error"
            raise err
        raise ApiError(
            503,
            "models_loading",
            "The models are still loading; retry shortly.",
            title="Models loading",
            headers={"Retry-After": "5"},
            extra={"state": "loading"},
        )

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with self._slots:
            return fn(*args, **kwargs)


# ---------------------------------------------------------------- app
class ApiRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        limit = self.max_content_length
        if self.content_length is None and limit is not None and len(self.get_data(cache=True)) >= limit:
            # A chunked body is cut at the limit rather than refused: that is why it failed.
            raise ApiError(413, "payload_too_large", f"Request body too large (limit {limit} bytes).")
        if e is None:
            raise ApiError(
                415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json)."
            )
        raise ApiError(400, "invalid_json", f"The request body is not valid JSON: {e}", title="Invalid JSON")


def create_app(config: Mapping[str, Any] | None = None, engine: Any = None) -> Flask:
    """Build the WSGI app. With ``engine=None`` the engine is built once for this process via
    ``consistency.engine.load_engine(CONSISTENCY_CONFIG)`` — in a background thread when
    ``LOAD_MODELS_IN_BACKGROUND`` (default), else before this returns."""
    from .openapi import configure_spec
    from .routes import v1

    settings = resolve_config(config)
    app = APIFlask(
        __name__,
        title="consistency API",
        version=SPEC_VERSION,
        spec_path=None,  # served by the v1 blueprint instead, at /v1/openapi.json
        docs_path=None,  # /v1/docs is an offline page (api.openapi.docs_html)
        json_errors=False,  # api.errors renders every error as problem+json
    )
    app.request_class = ApiRequest
    app.config.update(settings)
    app.config.update(
        AUTO_SERVERS=False,
        AUTO_OPERATION_ID=False,
        AUTO_404_RESPONSE=False,
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]

    state = EngineState(
        engine, config_path=settings["CONSISTENCY_CONFIG"], concurrency=settings["ENGINE_CONCURRENCY"]
    )
    app.extensions["consistency"] = state

    register_error_handlers(app)
    app.register_blueprint(v1)
    # Later blueprints (store, batch review, pre-launch check) register here too, under their
    # own prefix; api.errors and api.auth apply to them unchanged.
    configure_spec(app)

    if engine is None:
        if settings["LOAD_MODELS_IN_BACKGROUND"]:
            state.load_in_background()
        else:
            state.load()
    return app
