"""What a pull brings besides members: card types, bonus and points rules, the catalogue with a
store's own prices, and the offline limits, as the office sets them from its command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.sync.protocol import PullPage, from_json
from headoffice.cli import EXIT_FAILED, EXIT_OK, main
from headoffice.db import Database
from headoffice.models import ChangeRow, ReferenceRow
from tests.headoffice.conftest import Counter

GOLD = "0190a000-0000-7000-8000-0000000000c1"


def card_type(type_id: str = GOLD, name: str = "金卡", rank: int = 2) -> dict[str, Any]:
    return {
        "id": type_id,
        "name": name,
        "rank": rank,
        "discount_bp": 9500,
        "points_num": 2,
        "points_den": 100,
        "value_num": 1,
        "value_den": 1,
        "needs_password": False,
        "upgrade_metric": None,
        "upgrade_threshold": None,
        "upgrade_period_days": None,
        "downgrade": False,
        "gift_points": 0,
        "gift_bonus_fen": 0,
        "fee_fen": 0,
        "validity_days": None,
        "is_default": False,
        "active": True,
    }


def rules_file(tmp_path: Path, **changes: Any) -> Path:
    data = {
        "card_types": [card_type()],
        "bonus_rules": [
            {
                "id": "0190a000-0000-7000-8000-0000000000b1",
                "min_top_up_fen": 500_00,
                "bonus_fen": 50_00,
                "valid_from": "2026-12-01",
                "valid_to": None,
                "card_type_id": GOLD,
                "active": True,
            }
        ],
        "points_rules": {
            "points_on_bonus": True,
            "points_expiry": "year_end",
            "points_expiry_months": 12,
        },
        **changes,
    }
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def office(ho_db: Database, *argv: str) -> int:
    return main([*argv, "--db", ho_db.url])


def page(counter: Counter, cursor: str = "") -> PullPage:
    reply = counter.get(f"/v1/sync/pull?cursor={cursor}")
    assert reply.status_code == 200, reply.text
    return from_json(PullPage, reply.json())


def counts(ho_db: Database) -> tuple[int, int]:
    with ho_db.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(ReferenceRow)) or 0,
            session.scalar(select(func.count()).select_from(ChangeRow)) or 0,
        )


def test_imported_rules_reach_every_store_once(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    assert office(ho_db, "import-rules", str(rules_file(tmp_path))) == EXIT_OK
    for counter in (store_a, store_b):
        first = page(counter)
        assert [(t.id, t.name, t.points_num) for t in first.card_types] == [(GOLD, "金卡", 2)]
        assert [(r.bonus_fen, r.card_type_id) for r in first.bonus_rules] == [(50_00, GOLD)]
        assert first.points_rules is not None
        assert first.points_rules.points_expiry == "year_end"
        again = page(counter, first.next_cursor)
        assert (again.card_types, again.bonus_rules, again.points_rules) == ([], [], None)
    # the same file again changes nothing: no store is sent it again
    before = counts(ho_db)
    assert office(ho_db, "import-rules", str(rules_file(tmp_path))) == EXIT_OK
    assert counts(ho_db) == before


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"card_types": [{**card_type(), "points_den": 0}]}, "分母必须大于零"),
        ({"card_types": [card_type(), card_type(name="银卡")]}, "不能重复"),
        ({"card_types": [{"id": GOLD}]}, "is missing"),
        ({"points_rules": {"points_on_bonus": True}}, "points_rules"),
    ],
)
def test_a_bad_rules_file_writes_nothing_and_says_why(
    ho_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, Any],
    said: str,
) -> None:
    before = counts(ho_db)
    assert office(ho_db, "import-rules", str(rules_file(tmp_path, **changes))) == EXIT_FAILED
    assert said in capsys.readouterr().err
    assert counts(ho_db) == before


def test_a_bonus_rule_for_an_unknown_card_type_is_refused(
    ho_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = json.loads(rules_file(tmp_path).read_text(encoding="utf-8"))
    rules["card_types"] = []
    path = tmp_path / "orphan.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    assert office(ho_db, "import-rules", str(path)) == EXIT_FAILED
    assert "没有这个卡类型" in capsys.readouterr().err
    assert counts(ho_db) == (0, 0)


CATALOGUE = """barcode,name,category,price,cost,unit,member_price,code
6901234567892,可乐 330ml,饮料,3.50,2.00,罐,3.00,P001
6901234567893,可乐 330ml,饮料,3.50,2.00,罐,3.00,P001
,散装花生,零食,12.80,,kg,,P002
"""


def test_a_store_gets_the_chain_catalogue_with_its_own_prices(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    chain = tmp_path / "chain.csv"
    chain.write_text(CATALOGUE, encoding="utf-8")
    own = tmp_path / "s001.csv"
    own.write_text("code,name,price,member_price\nP001,可乐 330ml,3.80,\n", encoding="utf-8")
    assert office(ho_db, "import-products", str(chain)) == EXIT_OK
    assert office(ho_db, "import-products", str(own), "--store", "S001") == EXIT_OK
    prices = {c: {p.code: (p.price_fen, p.member_price_fen) for p in page(c).products}
              for c in (store_a, store_b)}  # fmt: skip
    assert prices[store_a] == {"P001": (3_80, None), "P002": (12_80, None)}
    assert prices[store_b] == {"P001": (3_50, 3_00), "P002": (12_80, None)}
    (cola,) = [p for p in page(store_b).products if p.code == "P001"]
    assert (cola.barcodes, cola.unit, cola.category) == (
        ["6901234567892", "6901234567893"],
        "罐",
        "饮料",
    )


def test_a_store_price_for_a_product_the_chain_lacks_or_a_bad_price_writes_nothing(
    ho_db: Database, store_a: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "s001.csv"
    own.write_text("code,name,price\nP009,不存在,1.00\n", encoding="utf-8")
    assert office(ho_db, "import-products", str(own), "--store", "S001") == EXIT_FAILED
    assert "P009" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,price\nP001,可乐,3.50\nP002,花生,十二元\n", encoding="utf-8")
    assert office(ho_db, "import-products", str(bad)) == EXIT_FAILED
    assert "第 3 行" in capsys.readouterr().err
    assert office(ho_db, "import-products", str(bad), "--store", "S999") == EXIT_FAILED
    assert "S999" in capsys.readouterr().err
    assert counts(ho_db) == (0, 0)


def test_a_catalogue_saved_by_excel_in_gbk_arrives_with_its_names(
    ho_db: Database, store_a: Counter, tmp_path: Path
) -> None:
    excel = tmp_path / "商品.csv"
    excel.write_bytes(CATALOGUE.encode("gbk"))
    assert office(ho_db, "import-products", str(excel)) == EXIT_OK
    names = {p.code: p.name for p in page(store_a).products}
    assert names == {"P001": "可乐 330ml", "P002": "散装花生"}


@pytest.mark.parametrize(
    ("command", "content", "words"),
    [
        ("import-products", b"\x89PNG\r\n\x1a\n\x00\x00", "不是文本格式的 CSV"),
        (
            "import-products",
            "code,name,price\nP001,可乐,3.50\n".encode() + "花生".encode("gbk"),
            "编码",
        ),
        ("import-rules", b"\xff\xfe{}", "不是 UTF-8 文本"),
        ("import-promotions", b'{"promotions": [', "不是有效的 JSON"),
    ],
)
def test_a_wrong_file_is_refused_plainly_and_nothing_imported(
    ho_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    content: bytes,
    words: str,
) -> None:
    wrong = tmp_path / "wrong.file"
    wrong.write_bytes(content)
    assert office(ho_db, command, str(wrong)) == EXIT_FAILED
    said = capsys.readouterr().err
    assert words in said and "codec" not in said and "Traceback" not in said
    assert counts(ho_db) == (0, 0)


def test_offline_limits_the_chains_then_a_stores_own(
    ho_db: Database, store_a: Counter, store_b: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert page(store_a).limits is None  # none set: the counter keeps its own
    assert office(ho_db, "set-limits", "--per-sale", "100", "--store-budget", "2000") == EXIT_OK
    assert office(ho_db, "set-limits", "--store", "S002", "--per-day", "50") == EXIT_OK
    a, b = page(store_a).limits, page(store_b).limits
    assert a is not None and b is not None
    assert (a.per_sale_fen, a.per_day_fen, a.store_budget_fen) == (100_00, 500_00, 2_000_00)
    assert (b.per_sale_fen, b.per_day_fen, b.store_budget_fen) == (100_00, 50_00, 2_000_00)
    capsys.readouterr()
    assert office(ho_db, "set-limits", "--per-sale", "abc") == EXIT_FAILED
    assert "金额不正确" in capsys.readouterr().err
    assert office(ho_db, "set-limits", "--store", "S999", "--per-day", "1") == EXIT_FAILED
    assert "S999" in capsys.readouterr().err
