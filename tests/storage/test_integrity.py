"""A damaged database refuses to start, naming the last good backup; a full disk and damage met
while selling are said plainly, with nothing half-written; each store knows its own id."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.config import Config
from app.pos.store_start import open_store
from app.storage import database
from app.storage import db as db_module
from app.storage.backup import make_backup
from app.storage.database import Database
from app.storage.integrity import STORE_ID_KEY
from app.storage.models import CounterStateRow, ProductRow
from tests.storage.store_files import damage_page_of, row_count


def test_a_damaged_database_refuses_to_start_naming_the_last_good_backup(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = make_backup(store, store.parent)
    damage_page_of(store, "products")
    assert main(["--data-dir", str(store.parent), "verify-audit"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "已损坏" in err and str(good) in err and "python main.py restore" in err
    assert "Traceback" not in err
    with pytest.raises(database.DatabaseDamaged):
        open_store(Config(data_dir=store.parent))
    # The way back it names works, and the store starts again.
    assert main(["--data-dir", str(store.parent), "restore", str(good)]) == EXIT_OK
    assert main(["--data-dir", str(store.parent), "verify-audit"]) == EXIT_OK


def test_without_a_good_backup_the_refusal_says_to_keep_the_file(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_page_of(store, "products")
    assert main(["--data-dir", str(store.parent), "verify-audit"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "没有找到完好的备份" in err and "请保留这个文件" in err


def test_a_file_that_is_not_a_database_is_refused_at_start(tmp_path: Path) -> None:
    (tmp_path / "counter.db").write_bytes(b"PK\x03\x04 a zip, not the store" * 100)
    with pytest.raises(database.DatabaseDamaged, match="不是 SQLite 数据库文件"):
        open_store(Config(data_dir=tmp_path))


def test_a_database_from_a_newer_program_is_refused_at_start(store: Path) -> None:
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(database.DatabaseDamaged, match="更新版本"):
        open_store(Config(data_dir=store.parent))


def test_damage_met_while_selling_is_said_plainly(store: Path) -> None:
    config = Config(data_dir=store.parent)
    db = open_store(config)
    db.dispose()
    damage_page_of(store, "products")
    db = Database.open(config.database_url, upgrade=False)  # past the start's check
    try:
        with pytest.raises(database.DatabaseDamaged, match="已损坏"), db.reading() as session:
            session.scalars(select(ProductRow)).all()
        with pytest.raises(database.DatabaseDamaged), db.transaction() as session:
            session.scalars(select(ProductRow)).all()
    finally:
        db.dispose()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new connection may not grow the file: SQLite answers SQLITE_FULL, as on a full disk."""
    pragmas = db_module.SQLITE_PRAGMAS
    monkeypatch.setattr(
        db_module, "SQLITE_PRAGMAS", (*pragmas[:-1], "PRAGMA max_page_count = 1", pragmas[-1])
    )


def _products_csv(path: Path, count: int) -> Path:
    lines = ["barcode,name,price"]
    lines += [f"69{n:011d},满盘测试商品{n},{n % 90 + 1}.50" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_full_disk_is_said_plainly_on_the_command_line_and_nothing_is_written(
    store: Path, tmp_path: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = row_count(store, "products")
    csv = _products_csv(tmp_path / "many.csv", 3000)
    assert main(["--data-dir", str(store.parent), "import-products", str(csv)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "Traceback" not in err
    assert row_count(store, "products") == before


def test_a_full_disk_rolls_the_action_back(store: Path, full_disk: None) -> None:
    db = Database.open(Config(data_dir=store.parent).database_url, upgrade=False)
    try:
        with pytest.raises(database.StorageFull, match="磁盘空间已满"), db.transaction() as session:
            for n in range(300):
                session.add(CounterStateRow(key=f"filler-{n}", value="x" * 4000))
    finally:
        db.dispose()
    assert row_count(store, "counter_state") < 10


def test_a_store_gets_its_own_id_once(tmp_path: Path) -> None:
    config = Config(data_dir=tmp_path)
    ids = []
    for _ in range(2):
        db = Database.for_config(config)
        with db.reading() as session:
            ids.append(session.get(CounterStateRow, STORE_ID_KEY).value)  # type: ignore[union-attr]
        db.dispose()
    assert ids[0] == ids[1] and len(ids[0]) == 36
    other = Database.for_config(Config(data_dir=tmp_path / "other"))
    with other.reading() as session:
        assert session.get(CounterStateRow, STORE_ID_KEY).value != ids[0]  # type: ignore[union-attr]
    other.dispose()


def test_damage_met_while_migrating_is_said_plainly(store: Path) -> None:
    damage_page_of(store, "alembic_version")
    with pytest.raises(database.DatabaseDamaged, match="已损坏"):
        Database.open(Config(data_dir=store.parent).database_url)
