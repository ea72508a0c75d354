"""What every store has from its first start, made when missing each time the counter opens."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.config import DATABASE_FILE_NAME, Config, save_settings
from app.errors import KnownError
from app.members.card_types import ensure_default_card_type
from app.pos.staff import STAFF_NAME_MAX_LENGTH, StaffError, add_staff, validate_pin
from app.storage import integrity
from app.storage.database import Database
from app.storage.models import Role


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


class StoreExists(KnownError):
    """First-run set-up refused: the data directory has a store already; nothing was changed."""


def needs_first_run(data_dir: Path) -> bool:
    """A data directory with no database and no good backup: a new store, set up by its owner.

    With a backup beside it the database was lost, not new: the window says to restore instead.
    """
    from app.storage.backup import latest_good_backup

    return (
        integrity.is_blank(data_dir / DATABASE_FILE_NAME) and latest_good_backup(data_dir) is None
    )


def set_up_store(
    data_dir: Path, settings: Mapping[str, Any], owner_name: str, owner_pin: str
) -> Config:
    """A new store from its owner's answers: ``settings`` saved to config.toml, the store made,
    its owner added, in that order, once every answer is checked.

    Refused answers raise a KnownError naming their field (``owner_name``, ``owner_pin``, or a
    config key) and write nothing; a data directory that has a store already is refused too.
    """
    name = owner_name.strip()
    if not name or len(name) > STAFF_NAME_MAX_LENGTH:
        raise StaffError("员工姓名须为 1 到 %1 个字", STAFF_NAME_MAX_LENGTH, field="owner_name")
    try:
        validate_pin(owner_pin)
    except StaffError as exc:
        raise StaffError(exc.template, *exc.values, field="owner_pin") from None
    if not integrity.is_blank(data_dir / DATABASE_FILE_NAME):
        raise StoreExists("数据目录 %1 里已经有收银数据，不能再新开店", data_dir)
    config = save_settings(data_dir, settings)  # checked whole first: a bad key writes nothing
    db = open_store(config)
    try:
        with db.transaction() as session:
            add_staff(session, name, Role.OWNER, owner_pin)
    finally:
        db.dispose()
    return config
