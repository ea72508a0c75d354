"""The ASGI entry of ``headoffice serve --workers N``: each worker process builds the API on the
database URL its parent put in the environment (the parent has upgraded the database once)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from headoffice.api import create_app
from headoffice.db import Database

#: Set by ``serve`` for its worker processes; not a setting for people.
URL_ENV = "POS_HEADOFFICE_WORKER_DB_URL"


def app() -> FastAPI:
    return create_app(Database(os.environ[URL_ENV]))
