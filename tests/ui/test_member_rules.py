"""The 会员规则 tab on the real window: card types, bonus rules and the points and stored-value
settings made in forms after a manager's approval, each bad input refused next to its field with
nothing saved; and a paid card type's fee taken at enrolment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QWidget

from app.members.settings import PointsExpiry
from app.storage.member_models import BonusRuleRow, CardTypeRow, CouponTemplateRow, MemberRow
from app.storage.models import AuditRow, OrderKind, OrderRow
from tests.ui.driving import (
    SILVER_CARD,
    answer_prompt,
    approval_in,
    approve,
    child,
    choose_member,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    member_row,
    open_dialog,
    open_members_screen,
    printed_text,
    save_form,
)


def _rules(screen: Any) -> Any:
    return child(screen, QWidget, "memberRules")


def _press(qtbot: Any, screen: Any, button: str) -> None:
    """A rules button, approved by the manager (the logged-in cashier cannot approve)."""
    click(qtbot, child(_rules(screen), QPushButton, button))
    approve(qtbot, approval_in(screen))


def _form(qtbot: Any, screen: Any, button: str, form: str) -> Any:
    _press(qtbot, screen, button)
    return open_dialog(screen, form)


def _table_rows(screen: Any, name: str) -> list[list[str]]:
    table = child(screen, QTableWidget, name)
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _select(screen: Any, table_name: str, first_cell: str) -> None:
    table = child(screen, QTableWidget, table_name)
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == first_cell:
            table.selectRow(row)
            return
    raise AssertionError(f"no row {first_cell!r} in {table_name}")


def _card_type(counter: Any, name: str) -> CardTypeRow | None:
    with counter.db.reading() as session:
        row = session.scalar(select(CardTypeRow).where(CardTypeRow.name == name))
        if row is not None:
            session.expunge(row)
        return row


DIAMOND = {
    "cardTypeName": "钻石卡",
    "cardTypeRank": "3",
    "cardTypeDiscount": "8.5",
    "cardTypePointsPerYuan": "3",
    "cardTypePointsValue": "50",
    "cardTypePassword": True,
    "cardTypeUpgradeMetric": "spend",
    "cardTypeUpgradeThreshold": "8000",
    "cardTypeUpgradePeriod": "365",
    "cardTypeDowngrade": True,
    "cardTypeValidity": "",
    "cardTypeFee": "",
    "cardTypeGiftPoints": "500",
    "cardTypeGiftBonus": "80",
}


def test_a_card_type_with_every_rule_is_made_in_the_form_and_shown_in_words(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addCardType", "cardTypeForm")
    with counter.db.reading() as session:
        coupon = session.scalars(
            select(CouponTemplateRow.id).where(CouponTemplateRow.name == "满100减10")
        ).one()
    fill_form(qtbot, form, DIAMOND | {"cardTypeGiftCoupon": coupon})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    row = _card_type(counter, "钻石卡")
    assert row is not None
    assert (row.rank, row.discount_bp, row.points_num, row.points_den) == (3, 8500, 3, 1)
    assert (row.value_num, row.value_den) == (2, 1)  # 50 points a yuan: a point is 2 fen
    assert row.needs_password and row.downgrade and row.validity_days is None
    assert (row.upgrade_metric, row.upgrade_threshold, row.upgrade_period_days) == (
        "spend",
        8000_00,
        365,
    )
    assert (row.gift_points, row.gift_bonus_fen, row.fee_fen) == (500, 80_00, 0)
    assert row.gift_coupon_template_id == coupon
    words = next(r for r in _table_rows(screen, "cardTypesTable") if r[0] == "钻石卡")
    assert words[2:7] == [
        "8.5 折",
        "每元 3 分",
        "50 积分抵 1 元",
        "需要",
        "近 365 天消费满 ￥8000.00",
    ]
    assert words[8:11] == ["永久", "免费", "500 积分、储值 ￥80.00、优惠券 满100减10"]
    with counter.db.reading() as session:
        audit = session.scalars(
            select(AuditRow).where(
                AuditRow.action == "card_type.created", AuditRow.subject_id == row.id
            )
        ).one()
    assert audit.approver_id is not None and audit.approver_id != sale.session.staff.id


def test_a_bad_card_type_is_refused_next_to_its_field_and_nothing_is_saved(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addCardType", "cardTypeForm")
    before = count_rows(counter, CardTypeRow)
    fill_form(qtbot, form, DIAMOND)
    for values, field, words in (
        ({"cardTypeDiscount": "12"}, "cardTypeDiscount", "0.1 到 10 折"),
        (
            {"cardTypeDiscount": "8.5", "cardTypeName": "银卡"},
            "cardTypeName",
            "卡类型名称已存在：银卡",
        ),
        ({"cardTypeName": "钻石卡", "cardTypeRank": "2"}, "cardTypeRank", "等级序号已被使用：2"),
        # the demo's 金卡 (rank 2) needs 5,000 yuan spent in 365 days: a higher rank needs more
        (
            {"cardTypeRank": "3", "cardTypeUpgradeThreshold": "4000"},
            "cardTypeUpgradeThreshold",
            "升级门槛须高于低一级的“金卡”",
        ),
        (
            {"cardTypeUpgradeThreshold": "8000", "cardTypeUpgradePeriod": "0"},
            "cardTypeUpgradePeriod",
            "统计周期",
        ),
        (
            {"cardTypeUpgradePeriod": "365", "cardTypeFee": "99"},
            "cardTypeUpgradeMetric",
            "付费卡类型不能设置升级条件",
        ),
        ({"cardTypeFee": "", "cardTypeValidity": "0"}, "cardTypeValidity", "有效天数必须大于零"),
        ({"cardTypeValidity": "", "cardTypePointsValue": "0"}, "cardTypePointsValue", "须大于零"),
        (
            {"cardTypePointsValue": "50", "cardTypeGiftPoints": "-5"},
            "cardTypeGiftPoints",
            "不能小于 0",
        ),
        (
            {"cardTypeGiftPoints": "", "cardTypePointsPerYuan": "abc"},
            "cardTypePointsPerYuan",
            "不是数字",
        ),
    ):
        fill_form(qtbot, form, values)
        save_form(qtbot, form)
        assert words in field_error(form, field), (
            field,
            field_error(form, field),
            error_text(form),
        )
        assert form.isVisible() and count_rows(counter, CardTypeRow) == before
    fill_form(
        qtbot,
        form,
        {"cardTypePointsPerYuan": "1.5", "cardTypeUpgradeMetric": None, "cardTypeDowngrade": False},
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    row = _card_type(counter, "钻石卡")
    assert row is not None and (row.points_num, row.points_den, row.upgrade_metric) == (3, 2, None)


def test_a_card_type_is_edited_from_its_row_and_a_type_members_hold_is_not_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    click(qtbot, child(_rules(screen), QPushButton, "editCardType"))
    assert "请先在卡类型表中选择一行" in error_text(screen)
    _select(screen, "cardTypesTable", "银卡")
    form = _form(qtbot, screen, "editCardType", "cardTypeForm")
    assert child(form, QWidget, "cardTypeName").property("text") == "银卡"
    assert child(form, QWidget, "cardTypeDiscount").property("text") == "9.5"
    assert child(form, QWidget, "cardTypeUpgradeThreshold").property("text") == "2000.00"
    fill_form(qtbot, form, {"cardTypeDiscount": "9", "cardTypeUpgradeThreshold": "6000"})
    save_form(qtbot, form)  # above 金卡's 5,000: refused, nothing changes
    assert "升级门槛须低于高一级的“金卡”" in field_error(form, "cardTypeUpgradeThreshold")
    silver = _card_type(counter, "银卡")
    assert silver is not None and silver.discount_bp == 9500
    fill_form(qtbot, form, {"cardTypeUpgradeThreshold": "1500"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    silver = _card_type(counter, "银卡")
    assert silver is not None and (silver.discount_bp, silver.upgrade_threshold) == (9000, 1500_00)

    with counter.db.reading() as session:
        holders = session.scalar(
            select(MemberRow.id).where(MemberRow.card_type_id == silver.id).limit(1)
        )
    assert holders is not None
    _select(screen, "cardTypesTable", "银卡")
    _press(qtbot, screen, "retireCardType")
    assert "位会员使用该卡类型，不能停用" in error_text(screen)
    assert _card_type(counter, "银卡").active  # type: ignore[union-attr]


def test_an_unheld_card_type_is_retired_and_leaves_the_table(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addCardType", "cardTypeForm")
    fill_form(qtbot, form, DIAMOND)
    save_form(qtbot, form)
    _select(screen, "cardTypesTable", "钻石卡")
    _press(qtbot, screen, "retireCardType")
    row = _card_type(counter, "钻石卡")
    assert row is not None and not row.active
    assert "钻石卡" not in [r[0] for r in _table_rows(screen, "cardTypesTable")]


def test_bonus_rules_with_a_window_and_a_type_are_made_refused_and_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addBonusRule", "bonusRuleForm")
    gold = _card_type(counter, "金卡")
    assert gold is not None
    before = count_rows(counter, BonusRuleRow)
    for values, field, words in (
        (
            {"bonusRuleMinTopUp": "300", "bonusRuleBonus": "400"},
            "bonusRuleBonus",
            "赠送金额不能超过充值门槛",
        ),
        ({"bonusRuleBonus": "0"}, "bonusRuleBonus", "赠送金额必须大于零"),
        (
            {"bonusRuleBonus": "60", "bonusRuleFrom": "2026-12-31", "bonusRuleTo": "2026-12-01"},
            "bonusRuleTo",
            "结束日期不能早于开始日期",
        ),
        ({"bonusRuleTo": "12/31"}, "bonusRuleTo", "日期格式"),
        (
            {"bonusRuleMinTopUp": "500", "bonusRuleFrom": "", "bonusRuleTo": ""},
            "bonusRuleMinTopUp",
            "已有同样门槛",
        ),
    ):
        fill_form(qtbot, form, values)
        save_form(qtbot, form)
        assert words in field_error(form, field), (
            field,
            field_error(form, field),
            error_text(form),
        )
        assert form.isVisible() and count_rows(counter, BonusRuleRow) == before
    fill_form(
        qtbot,
        form,
        {
            "bonusRuleMinTopUp": "300",
            "bonusRuleFrom": "2026-12-01",
            "bonusRuleTo": "2026-12-31",
            "bonusRuleCardType": gold.id,
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    rows = _table_rows(screen, "bonusRulesTable")
    assert ["充 ￥300.00 送 ￥60.00", "2026-12-01 至 2026-12-31", "金卡"] in rows
    _select(screen, "bonusRulesTable", "充 ￥300.00 送 ￥60.00")
    _press(qtbot, screen, "retireBonusRule")
    with counter.db.reading() as session:
        made = session.scalars(
            select(BonusRuleRow).where(BonusRuleRow.min_top_up_fen == 300_00)
        ).one()
    assert not made.active and len(_table_rows(screen, "bonusRulesTable")) == len(rows) - 1


def test_member_settings_are_changed_in_their_form_and_shown_in_words(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    summary = child(screen, QLabel, "memberSettingsSummary")
    assert "积分永不过期" in summary.text() and "￥50000.00" in summary.text()
    form = _form(qtbot, screen, "memberSettingsButton", "memberSettingsForm")
    for values, field, words in (
        ({"settingsTopUpCap": "0"}, "settingsTopUpCap", "充值上限必须大于零"),
        (
            {"settingsTopUpCap": "2000", "settingsPointsExpiryMonths": "0"},
            "settingsPointsExpiryMonths",
            "积分有效月数",
        ),
        (
            {"settingsPointsExpiryMonths": "6", "settingsPasswordFailures": "0"},
            "settingsPasswordFailures",
            "密码锁定",
        ),
        (
            {"settingsPasswordFailures": "3", "settingsPasswordLockMinutes": "x"},
            "settingsPasswordLockMinutes",
            "不是整数",
        ),
    ):
        fill_form(qtbot, form, values)
        save_form(qtbot, form)
        assert words in field_error(form, field), (field, field_error(form, field))
        assert counter.members.coupons_and_rules.member_settings().top_up_cap_fen == 50_000_00
    fill_form(
        qtbot,
        form,
        {
            "settingsPasswordLockMinutes": "30",
            "settingsSpendOrder": "bonus_first",
            "settingsPointsOnBonus": True,
            "settingsPointsExpiry": "months",
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    saved = counter.members.coupons_and_rules.member_settings()
    assert (saved.top_up_cap_fen, saved.points_expiry, saved.points_expiry_months) == (
        2000_00,
        PointsExpiry.MONTHS,
        6,
    )
    assert (saved.password_max_failures, saved.password_lock_minutes, saved.points_on_bonus) == (
        3,
        30,
        True,
    )
    assert "积分获得后 6 个月过期" in summary.text() and "先扣赠送金" in summary.text()
    with counter.db.reading() as session:
        assert session.scalars(
            select(AuditRow).where(AuditRow.action == "member.settings_changed")
        ).all()


def test_enrolling_into_a_paid_card_type_takes_its_fee_in_cash_with_change_and_a_receipt(
    sale: Any, qtbot: Any, counter: Any, printer_file: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addCardType", "cardTypeForm")
    fill_form(
        qtbot,
        form,
        {
            "cardTypeName": "PLUS会员",
            "cardTypeRank": "9",
            "cardTypeDiscount": "8",
            "cardTypeFee": "199",
            "cardTypeValidity": "365",
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    click(qtbot, child(screen, QPushButton, "membersClose"))

    click(qtbot, child(sale, QPushButton, "enrollButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "enrolDialog"
    fee_method = child(dialog, QWidget, "enrolFeeMethod")
    assert not fee_method.isVisibleTo(dialog)  # the default type is free
    fill_form(
        qtbot,
        dialog,
        {
            "enrolCardNo": "66009999",
            "enrolPhone": "13955550000",
            "enrolName": "周杰",
            "enrolCardType": "PLUS会员",
        },
    )
    assert fee_method.isVisibleTo(dialog)
    fill_form(qtbot, dialog, {"enrolFeeMethod": "cash", "enrolFeeTendered": "100"})
    before = (count_rows(counter, MemberRow), count_rows(counter, OrderRow))
    click(qtbot, child(dialog, QPushButton, "enrolDone"))  # 100 yuan for a 199 yuan fee
    assert sale.dialog is dialog and error_text(dialog)
    assert (count_rows(counter, MemberRow), count_rows(counter, OrderRow)) == before
    fill_form(qtbot, dialog, {"enrolFeeTendered": "200"})
    click(qtbot, child(dialog, QPushButton, "enrolDone"))
    assert sale.dialog is None, error_text(dialog)
    with counter.db.reading() as session:
        member = session.scalars(select(MemberRow).where(MemberRow.card_no == "66009999")).one()
        order = session.scalars(select(OrderRow).where(OrderRow.member_id == member.id)).one()
    assert (order.kind, order.total_fen, order.change_fen, order.shift_id) == (
        OrderKind.MEMBERSHIP_FEE,
        199_00,
        1_00,
        sale.session.shift_id,
    )
    slip = printed_text(printer_file)
    assert "办卡费" in slip and "199.00" in slip and order.receipt_no in slip


def test_a_manager_changing_a_member_to_a_paid_type_takes_its_fee_by_e_wallet(
    sale: Any, qtbot: Any, counter: Any, printer_file: Any
) -> None:
    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addCardType", "cardTypeForm")
    fill_form(qtbot, form, {"cardTypeName": "PLUS会员", "cardTypeRank": "9", "cardTypeFee": "99"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    choose_member(screen, qtbot, SILVER_CARD)
    click(qtbot, child(screen, QPushButton, "changeLevelButton"))
    answer_prompt(qtbot, screen, "levelInput", "PLUS会员")
    approve(qtbot, approval_in(screen))
    dialog = open_dialog(screen, "levelFeeDialog")
    orders = count_rows(counter, OrderRow)
    click(qtbot, child(dialog, QPushButton, "levelFeeCancel"))  # cancelled: nothing changes
    assert member_row(counter, SILVER_CARD).card_type_id != _card_type(counter, "PLUS会员").id  # type: ignore[union-attr]
    assert count_rows(counter, OrderRow) == orders
    click(qtbot, child(screen, QPushButton, "changeLevelButton"))
    answer_prompt(qtbot, screen, "levelInput", "PLUS会员")
    approve(qtbot, approval_in(screen))
    dialog = open_dialog(screen, "levelFeeDialog")
    fill_form(qtbot, dialog, {"levelFeeMethod": "wechat"})
    click(qtbot, child(dialog, QPushButton, "levelFeeConfirm"))
    assert not dialog.isVisible(), error_text(dialog)
    plus = _card_type(counter, "PLUS会员")
    member = member_row(counter, SILVER_CARD)
    assert plus is not None and member.card_type_id == plus.id
    with counter.db.reading() as session:
        order = session.scalars(
            select(OrderRow).where(
                OrderRow.member_id == member.id, OrderRow.kind == OrderKind.MEMBERSHIP_FEE
            )
        ).one()
    assert order.total_fen == 99_00 and order.shift_id == sale.session.shift_id
    slip = printed_text(printer_file)
    assert "会员卡费凭条" in slip and "微信支付" in slip and "办卡费" in slip


def test_an_automatic_tag_is_made_in_its_form_found_by_its_tag_and_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from app.storage.member_models import AutoTagRuleRow, MemberAutoTagRow

    screen = open_members_screen(sale)
    form = _form(qtbot, screen, "addAutoTag", "autoTagForm")
    for values, field, words in (
        ({"autoTagTag": ""}, "autoTagTag", "请填写此项"),
        ({"autoTagTag": "女士"}, "autoTagSex", "至少设一个条件"),
        ({"autoTagHourFrom": "18"}, "autoTagHourFrom", "同时填"),
        ({"autoTagHourTo": "22", "autoTagWindow": "0"}, "autoTagWindow", "不能小于 1"),
    ):
        fill_form(qtbot, form, values)
        save_form(qtbot, form)
        assert words in field_error(form, field), (field, field_error(form, field))
        assert form.isVisible() and count_rows(counter, AutoTagRuleRow) == 0
    fill_form(
        qtbot,
        form,
        {"autoTagSex": "女", "autoTagHourFrom": "", "autoTagHourTo": "", "autoTagWindow": "90"},
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    with counter.db.reading() as session:
        women = set(session.scalars(select(MemberRow.card_no).where(MemberRow.sex == "女")))
    assert women, "the demo store has women members"
    assert _table_rows(screen, "autoTagsTable") == [["女士", "女", str(len(women))]]
    search = child(screen, QLineEdit, "membersSearch")
    search.setText("#女士")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    listed = child(screen, QTableWidget, "membersTable")
    assert {listed.item(r, 0).text() for r in range(listed.rowCount())} == women
    listed.selectRow(0)
    assert child(screen, QLabel, "memberAutoTags").text() == "女士"
    assert "女士" not in child(screen, QLineEdit, "memberTags").text(), "hand tags stay apart"
    _select(screen, "autoTagsTable", "女士")
    _press(qtbot, screen, "retireAutoTag")
    assert _table_rows(screen, "autoTagsTable") == []
    assert count_rows(counter, MemberAutoTagRow) == 0
