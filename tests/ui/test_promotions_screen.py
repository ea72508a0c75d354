"""促销管理 in the sale window: opened on a manager's approval, a rule made, refused and retired,
a member put on the blacklist; each change audited in the manager's name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget

from app.pos.promotion_rules import PromotionKind
from app.storage.models import AuditRow, StaffRow
from tests.ui.driving import (
    MANAGER,
    SILVER_CARD,
    action,
    approval_in,
    approve,
    child,
    click,
    error_text,
    open_dialog,
)


def _open(sale: Any, qtbot: Any) -> Any:
    action(sale, "promotionsAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "promotionsScreen"
    return screen


def _audited(counter: Any, what: str) -> list[str]:
    with counter.db.reading() as session:
        rows = session.execute(
            select(StaffRow.name)
            .join(AuditRow, AuditRow.approver_id == StaffRow.id)
            .where(AuditRow.action == what)
        ).all()
    return [row[0] for row in rows]


def test_a_manager_makes_refuses_and_retires_a_rule_and_blacklists_a_member(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = _open(sale, qtbot)
    table = child(screen, QTableWidget, "promotionsTable")
    before = table.rowCount()
    created = len(_audited(counter, "promotion.created"))  # the demo's own rules

    click(qtbot, child(screen, QPushButton, "promotionAdd"))
    form = open_dialog(screen, "promotionForm")
    child(form, QLineEdit, "promotionName").setText("周末九折")
    kind = child(form, QComboBox, "promotionKind")
    kind.setCurrentIndex(kind.findData(PromotionKind.PERCENT_OFF.value))
    child(form, QLineEdit, "promotionPercent").setText("10")
    click(qtbot, child(form, QPushButton, "promotionFormSave"))
    # No products chosen: said under the products field, nothing saved.
    assert "没有适用的商品" in child(form, QLabel, "promotionProductsError").text()
    assert table.rowCount() == before
    child(form, QCheckBox, "promotionAllProducts").setChecked(True)
    child(form, QLineEdit, "promotionPercent").setText("120")
    click(qtbot, child(form, QPushButton, "promotionFormSave"))
    assert "100%" in child(form, QLabel, "promotionPercentError").text()
    child(form, QLineEdit, "promotionPercent").setText("10")
    click(qtbot, child(form, QPushButton, "promotionFormSave"))
    assert not form.isVisible()
    assert table.rowCount() == before + 1
    assert _audited(counter, "promotion.created")[created:] == [MANAGER]
    assert sale.session.service.list_promotions(include_retired=False)[-1].rule.name == "周末九折"

    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "周末九折")
    table.selectRow(row)
    click(qtbot, child(screen, QPushButton, "promotionRetire"))
    assert table.item(row, 5).text() == "已停用"
    assert _audited(counter, "promotion.retired")[-1:] == [MANAGER]

    child(screen, QLineEdit, "blacklistCard").setText(SILVER_CARD)
    child(screen, QLineEdit, "blacklistReason").setText("职业羊毛党")
    click(qtbot, child(screen, QPushButton, "blacklistAdd"))
    assert child(screen, QTableWidget, "blacklistTable").rowCount() == 1, error_text(screen)
    click(qtbot, child(screen, QPushButton, "blacklistAdd"))
    child(screen, QLineEdit, "blacklistCard").setText(SILVER_CARD)
    click(qtbot, child(screen, QPushButton, "blacklistAdd"))
    assert "已在促销黑名单中" in error_text(screen)
    assert _audited(counter, "promotion.blacklisted") == [MANAGER]
