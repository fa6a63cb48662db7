"""Run the API: gunicorn (POSIX) or waitress (where gunicorn is unavailable, e.g. Windows).

    from api.serve import serve
    serve(port=8000, workers=2, config_path="consistency.yaml")     # `consistency serve`

or ``python -m api.serve --port 8000 --workers 2``.

gunicorn runs with ``preload_app``: the master builds the app and loads the models once,
before forking, so every worker starts with them loaded and shares their memory
copy-on-write. ``preload=False`` instead has each worker load its own copy in a background
thread (``/v1/health`` answers 503 ``models_loading`` meanwhile). Workers are ``gthread`` so
health checks are answered while a long ``/v1/checks`` runs; engine calls are serialised per
process (``ENGINE_CONCURRENCY``), so add workers, not threads, for throughput.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

log = logging.getLogger("api")

DEFAULT_TIMEOUT = 600  # seconds a worker may spend on one request (a large check is slow on CPU)


def _app_factory(
    config_path: str | None, background: bool, extra: Mapping[str, Any] | None
) -> Callable[[], Any]:
    def factory():
        from . import create_app

        config: dict[str, Any] = {"LOAD_MODELS_IN_BACKGROUND": background}
        if config_path is not None:
            config["CONSISTENCY_CONFIG"] = config_path
        config.update(extra or {})
        return create_app(config)

    return factory


def have_gunicorn() -> bool:
    if sys.platform == "win32":
        return False
    try:
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return False
    return True


def gunicorn_application(factory: Callable[[], Any], options: Mapping[str, Any]):
    """A ``gunicorn.app.base.BaseApplication`` serving ``factory()`` with ``options``."""
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def __init__(self) -> None:
            self._options = dict(options)
            super().__init__()

        def load_config(self) -> None:
            for key, value in self._options.items():
                if key in self.cfg.settings and value is not None:
                    self.cfg.set(key.lower(), value)

        def load(self):
            return factory()

    return Application()


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    config_path: str | None = None,
    *,
    threads: int = 4,
    preload: bool = True,
    timeout: int = DEFAULT_TIMEOUT,
    server: str = "auto",
    config: Mapping[str, Any] | None = None,
    log_level: str = "info",
) -> None:
    """Serve the API until interrupted.

    ``server``: ``auto`` (gunicorn if importable, else waitress), ``gunicorn`` or ``waitress``.
    ``config``: extra ``create_app`` settings (e.g. ``{"API_KEYS": [...]}``); ``CONSISTENCY_*``
    environment variables apply as usual.
    """
    if server == "auto":
        server = "gunicorn" if have_gunicorn() else "waitress"
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if server == "gunicorn":
        factory = _app_factory(config_path, background=not preload, extra=config)
        options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "preload_app": preload,
            "timeout": timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": log_level,
            "proc_name": "consistency-api",
            "control_socket_disable": True,  # gunicorn>=25: no ~/.gunicorn/gunicorn.ctl shared by instances
        }
        gunicorn_application(factory, options).run()
    elif server == "waitress":
        import waitress

        if workers != 1:
            log.warning("waitress runs one process; ignoring workers=%d (use threads)", workers)
        app = _app_factory(config_path, background=True, extra=config)()
        waitress.serve(
            app, host=host, port=port, threads=threads, channel_timeout=timeout, ident="consistency"
        )
    else:
        raise ValueError(f"server must be 'auto', 'gunicorn' or 'waitress', not {server!r}")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m api.serve", description="Serve the consistency HTTP API.")
    p.add_argument("--host", default=os.environ.get("CONSISTENCY_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("CONSISTENCY_PORT", "8000")))
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--config", dest="config_path", default=None, help="engine config (YAML/TOML)")
    p.add_argument(
        "--no-preload", dest="preload", action="store_false", help="each worker loads its own models"
    )
    p.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT)
    p.add_argument("--server", choices=("auto", "gunicorn", "waitress"), default="auto")
    args = p.parse_args(argv)
    serve(
        args.host,
        args.port,
        args.workers,
        args.config_path,
        threads=args.threads,
        preload=args.preload,
        timeout=args.timeout,
        server=args.server,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
