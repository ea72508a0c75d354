"""What every store has from its first start, made when missing each time the counter opens."""

from __future__ import annotations

from app.config import Config
from app.members.card_types import ensure_default_card_type
from app.storage.database import Database


def open_store(config: Config, *, quick_check: bool = True) -> Database:
    """The store's database, made and migrated if new, with what a store cannot do without.

    The window and every command open the store through here, so a fresh data directory can
    enrol and import members at once (a member without a card type gets the default, 普通卡).
    Each step is idempotent: a store that has it already is left as it is. A damaged database
    is refused (``quick_check``: every page; otherwise its header and schema only).
    """
    db = Database.for_config(config, quick_check=quick_check)
    try:
        with db.transaction() as session:
            ensure_default_card_type(session)
    except BaseException:
        db.dispose()
        raise
    return db
