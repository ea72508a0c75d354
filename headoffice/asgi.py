"""The ASGI entry of ``headoffice serve --workers N``: each worker process builds the API on the
database URL its parent put in the environment (the parent has upgraded the database once)."""

from __future__ import annotations

import gc
import os

from fastapi import FastAPI

from headoffice.api import create_app
from headoffice.db import Database

#: Set by ``serve`` for its worker processes; not a setting for people.
URL_ENV = "POS_HEADOFFICE_WORKER_DB_URL"
#: The collector's first threshold in a server process: allocations (less deallocations)
#: between two young collections. Python's default of 700 runs one every few events of a push.
GC_YOUNG_THRESHOLD = 50_000


def app() -> FastAPI:
    api = create_app(Database(os.environ[URL_ENV]))
    settle_collector()
    return api


def settle_collector() -> None:
    """Once the server's modules and app are built: move every object alive now out of the
    cyclic collector's reach (``gc.freeze``: they live as long as the process) and collect the
    young generation less often. A push parses and writes tens of thousands of objects; with
    the defaults the collector ran dozens of times a push and every so often walked the whole
    heap of SQLAlchemy's and FastAPI's objects, a tenth of a worker's time. Cycles are still
    collected, later and cheaper. (No full collection first: on a busy machine it held a new
    worker back for half a second, for the little garbage an import leaves.)"""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
