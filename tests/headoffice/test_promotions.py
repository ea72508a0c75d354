"""Promotions the office sets: a chain rule is pulled by every store, a store's own only by that
store, a retirement reaches them, and a bad file writes nothing and says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from headoffice.cli import EXIT_FAILED, EXIT_OK
from headoffice.db import Database
from headoffice.models import ChangeRow, PromotionRow
from tests.headoffice.conftest import Counter
from tests.headoffice.test_pull_content import office, page

CHAIN_RULE = "0190a000-0000-7000-8000-0000000000a1"
STORE_RULE = "0190a000-0000-7000-8000-0000000000a2"


def promotion(promotion_id: str, name: str, **terms: Any) -> dict[str, Any]:
    """A rule as a counter's export-promotions writes it: goods by product code."""
    return {
        "id": promotion_id,
        "name": name,
        "kind": "percent_off",
        "retired": False,
        "terms": {
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-31",
            "product_ids": ["P001"],
            "percent_bp": 1000,
            **terms,
        },
    }


def promotions_file(tmp_path: Path, *rules: dict[str, Any], name: str = "promos.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"promotions": list(rules)}, ensure_ascii=False), encoding="utf-8")
    return path


def counts(ho_db: Database) -> tuple[int, int]:
    with ho_db.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(PromotionRow)) or 0,
            session.scalar(select(func.count()).select_from(ChangeRow)) or 0,
        )


def test_a_chain_rule_reaches_every_store_and_a_store_rule_only_its_own(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    chain = promotions_file(tmp_path, promotion(CHAIN_RULE, "可乐九折"))
    own = promotions_file(
        tmp_path,
        promotion(STORE_RULE, "二号店花生立减", product_ids=["P002"], percent_bp=0, amount_fen=100)
        | {"kind": "amount_off"},
        name="s002.json",
    )
    assert office(ho_db, "import-promotions", str(chain)) == EXIT_OK
    assert office(ho_db, "import-promotions", str(own), "--store", "S002") == EXIT_OK
    first_a, first_b = page(store_a), page(store_b)
    assert [p.name for p in first_a.promotions] == ["可乐九折"]
    assert sorted(p.name for p in first_b.promotions) == ["二号店花生立减", "可乐九折"]
    for counter, first in ((store_a, first_a), (store_b, first_b)):
        assert page(counter, first.next_cursor).promotions == []
    # the same files again change nothing: no store is sent them again
    before = counts(ho_db)
    assert office(ho_db, "import-promotions", str(chain)) == EXIT_OK
    assert office(ho_db, "import-promotions", str(own), "--store", "S002") == EXIT_OK
    assert counts(ho_db) == before

    assert office(ho_db, "retire-promotion", CHAIN_RULE) == EXIT_OK
    for counter, first in ((store_a, first_a), (store_b, first_b)):
        (retired,) = page(counter, first.next_cursor).promotions
        assert (retired.id, retired.retired) == (CHAIN_RULE, True)
    assert office(ho_db, "retire-promotion", CHAIN_RULE) == EXIT_FAILED  # already retired
    assert office(ho_db, "import-promotions", str(chain)) == EXIT_FAILED  # cannot come back


def test_a_rule_keeps_its_scope(
    ho_db: Database, store_a: Counter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = promotions_file(tmp_path, promotion(CHAIN_RULE, "可乐九折"))
    assert office(ho_db, "import-promotions", str(path)) == EXIT_OK
    before = counts(ho_db)
    assert office(ho_db, "import-promotions", str(path), "--store", "S001") == EXIT_FAILED
    assert "已是全连锁的促销" in capsys.readouterr().err
    assert counts(ho_db) == before


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        ([promotion(CHAIN_RULE, "可乐九折", percent_bp=12_000)], "折扣不能超过 100%"),
        ([promotion(CHAIN_RULE, "可乐九折", product_ids=[])], "没有适用的商品"),
        ([promotion(CHAIN_RULE, "可乐九折") | {"kind": "half_price"}], "条款不正确"),
        ([promotion(CHAIN_RULE, "可乐九折", starts_on="12/01/2026")], "条款不正确"),
        ([{"id": CHAIN_RULE, "name": "可乐九折"}], "is missing"),
        ([promotion(CHAIN_RULE, "一"), promotion(CHAIN_RULE, "二")], "出现了两次"),
    ],
)
def test_a_bad_promotions_file_writes_nothing_and_says_why(
    ho_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rules: list[dict[str, Any]],
    said: str,
) -> None:
    good = promotion(STORE_RULE, "花生立减", product_ids=["P002"])  # a good rule first: not kept
    before = counts(ho_db)
    path = promotions_file(tmp_path, good, *rules)
    assert office(ho_db, "import-promotions", str(path)) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith("错误：") and said in err, err
    assert counts(ho_db) == before


def test_a_file_that_is_no_json_or_an_unknown_store_is_refused(
    ho_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{promotions: ", encoding="utf-8")
    assert office(ho_db, "import-promotions", str(broken)) == EXIT_FAILED
    assert "不是有效的 JSON：第 1 行" in capsys.readouterr().err
    path = promotions_file(tmp_path, promotion(CHAIN_RULE, "可乐九折"))
    assert office(ho_db, "import-promotions", str(path), "--store", "S999") == EXIT_FAILED
    assert "没有这个门店：S999" in capsys.readouterr().err
    assert office(ho_db, "retire-promotion", "no-such-rule") == EXIT_FAILED
    assert "没有这个促销" in capsys.readouterr().err
    assert counts(ho_db) == (0, 0)
