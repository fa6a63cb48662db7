"""WSGI entry point for any WSGI server, configured by ``CONSISTENCY_*`` environment variables:

    gunicorn --preload -k gthread --threads 4 -b 127.0.0.1:8000 api.wsgi:app
    waitress-serve --listen=127.0.0.1:8000 api.wsgi:app

With ``--preload`` set ``CONSISTENCY_LOAD_MODELS_IN_BACKGROUND=false`` so the models load in the
master before the fork (a loader thread would not survive it). ``api.serve`` does this for you.
"""

from __future__ import annotations

from . import create_app

app = create_app()
