"""The promotion rule form, driven in the real window: every kind offers goods (products or
categories, and their exclusions), buyers (everyone, all members, ticked card types), dates,
weekdays and hours, a per-member limit and stacking; a rule keeps them all when changed; a rule
of the head office opens read-only; the blacklist by rule shows who it keeps out and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QTableWidget

from app.members.tags import set_tags
from app.pos.promotion_rules import Audience, PromotionKind
from app.storage.member_models import MemberRow
from app.storage.models import AuditRow
from app.sync.promotions import apply_promotions
from app.sync.protocol import PromotionDoc
from tests.ui.driving import (
    SILVER_CARD,
    child,
    click,
    error_text,
    field_error,
    fill_form,
    open_dialog,
    save_form,
)
from tests.ui.test_promotions_screen import _open

#: What the issue asks each rule to offer, whatever its kind.
COMMON_FIELDS = (
    (QCheckBox, "promotionAllProducts"),
    (QLineEdit, "promotionProducts"),
    (QLineEdit, "promotionCategories"),
    (QLineEdit, "promotionExcluded"),
    (QLineEdit, "promotionExcludedCategories"),
    (QComboBox, "promotionAudience"),
    (QCheckBox, "promotionCardType0"),
    (QLineEdit, "promotionStarts"),
    (QLineEdit, "promotionEnds"),
    (QLineEdit, "promotionWeekdays"),
    (QLineEdit, "promotionFrom"),
    (QLineEdit, "promotionTo"),
    (QLineEdit, "promotionLimit"),
    (QCheckBox, "promotionStacks"),
)


def _rule(sale: Any, name: str) -> Any:
    views = sale.session.service.list_promotions()
    return next(v for v in views if v.rule.name == name)


def _row(table: QTableWidget, name: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def test_every_kind_offers_goods_buyers_times_limit_and_stacking(sale: Any, qtbot: Any) -> None:
    screen = _open(sale, qtbot)
    click(qtbot, child(screen, QPushButton, "promotionAdd"))
    form = open_dialog(screen, "promotionForm")
    kinds = child(form, QComboBox, "promotionKind")
    for kind in PromotionKind:
        kinds.setCurrentIndex(kinds.findData(kind.value))
        for widget_type, name in COMMON_FIELDS:
            assert child(form, widget_type, name).isEnabled(), (kind, name)
    audience = child(form, QComboBox, "promotionAudience")
    assert [audience.itemData(i) for i in range(audience.count())] == [a.value for a in Audience]


def test_a_rule_by_category_for_card_types_at_hours_keeps_all_when_changed(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    service = sale.session.service
    drinks, snacks = (c.name for c in service.categories()[:2])
    screen = _open(sale, qtbot)
    click(qtbot, child(screen, QPushButton, "promotionAdd"))
    form = open_dialog(screen, "promotionForm")
    fill_form(
        qtbot,
        form,
        {
            "promotionName": "银卡饮料早市",
            "promotionKind": PromotionKind.PERCENT_OFF.value,
            "promotionCategories": "没有的分类",
            "promotionPercent": "10",
        },
    )
    save_form(qtbot, form)
    assert "没有这个分类" in field_error(form, "promotionCategories")
    fill_form(
        qtbot,
        form,
        {
            "promotionCategories": drinks,
            "promotionExcludedCategories": snacks,
            "promotionAudience": Audience.CARD_TYPES.value,
        },
    )
    save_form(qtbot, form)  # no card type ticked: said next to the buyers
    assert "请勾选" in field_error(form, "promotionAudience")
    fill_form(
        qtbot,
        form,
        {
            "promotionCardType0": True,
            "promotionCardType1": True,
            "promotionWeekdays": "3,6",
            "promotionFrom": "09:00",
            "promotionTo": "11:30",
            "promotionLimit": "2",
            "promotionStacks": True,
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    rule = _rule(sale, "银卡饮料早市").rule
    names = {c.id: c.name for c in service.categories()}
    assert {names[i] for i in rule.category_ids} == {drinks}
    assert {names[i] for i in rule.excluded_category_ids} == {snacks}
    assert rule.audience is Audience.CARD_TYPES and len(rule.card_type_ids) == 2
    assert (rule.weekdays, rule.from_minute, rule.to_minute) == (frozenset({3, 6}), 540, 690)
    assert (rule.per_member_limit, rule.stacks) == (2, True)

    table = child(screen, QTableWidget, "promotionsTable")
    table.selectRow(_row(table, "银卡饮料早市"))
    click(qtbot, child(screen, QPushButton, "promotionEdit"))
    form = open_dialog(screen, "promotionForm")
    assert child(form, QLineEdit, "promotionFrom").text() == "09:00"
    assert child(form, QLineEdit, "promotionCategories").text() == drinks
    assert child(form, QCheckBox, "promotionCardType1").isChecked()
    fill_form(qtbot, form, {"promotionPercent": "15"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    changed = _rule(sale, "银卡饮料早市").rule
    assert changed.percent_bp == 1500
    assert (changed.category_ids, changed.card_type_ids, changed.to_minute) == (
        rule.category_ids,
        rule.card_type_ids,
        690,
    )


def test_a_head_office_rule_is_shown_read_only_beside_the_stores_own(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    today = sale.session.service.today()
    doc = PromotionDoc(
        "0190a000-0000-7000-8000-00000000f001",
        "总部周年庆",
        PromotionKind.PERCENT_OFF.value,
        {
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=9)).isoformat(),
            "all_products": True,
            "percent_bp": 500,
            "stacks": True,
        },
    )
    with counter.db.transaction() as session:
        assert apply_promotions(session, [doc], {}) == 1
    screen = _open(sale, qtbot)
    table = child(screen, QTableWidget, "promotionsTable")
    row = _row(table, "总部周年庆")
    assert table.item(row, 6).text() == "总部"
    table.selectRow(row)
    click(qtbot, child(screen, QPushButton, "promotionEdit"))
    form = open_dialog(screen, "promotionForm")
    assert child(form, QLineEdit, "promotionPercent").text() == "5"
    assert not child(form, QLineEdit, "promotionPercent").isEnabled()
    assert not child(form, QPushButton, "promotionFormSave").isEnabled()
    form.reject()
    table.selectRow(row)
    click(qtbot, child(screen, QPushButton, "promotionRetire"))
    assert "由总部设定" in error_text(screen)
    assert not _rule(sale, "总部周年庆").retired


def test_the_blacklist_by_rule_lists_tagged_members_with_the_reason(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    with counter.db.transaction() as session:
        member = session.scalar(select(MemberRow).where(MemberRow.card_no == SILVER_CARD))
        assert member is not None
        set_tags(session, member, ["羊毛党"])
    screen = _open(sale, qtbot)
    blacklist = child(screen, QTableWidget, "blacklistTable")
    assert blacklist.rowCount() == 0
    child(screen, QLineEdit, "blacklistRuleDays").setText("0")
    click(qtbot, child(screen, QPushButton, "blacklistRulesSave"))
    assert "统计天数" in error_text(screen)
    child(screen, QLineEdit, "blacklistRuleDays").setText("30")
    child(screen, QLineEdit, "blacklistRuleTags").setText("羊毛党")
    click(qtbot, child(screen, QPushButton, "blacklistRulesSave"))
    assert blacklist.rowCount() == 1, error_text(screen)
    assert blacklist.item(0, 1).text() == SILVER_CARD
    assert "标签“羊毛党”" in blacklist.item(0, 2).text()
    assert blacklist.item(0, 3).text() == "规则"
    with counter.db.reading() as session:
        actions = session.scalars(select(AuditRow.action)).all()
    assert "promotion.blacklist_rules" in actions
    blacklist.selectRow(0)
    click(qtbot, child(screen, QPushButton, "blacklistRemove"))
    assert "按黑名单规则列入" in error_text(screen)
    assert blacklist.rowCount() == 1
