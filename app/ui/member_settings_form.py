"""积分与储值设置: the store's spend order, top-up cap, points on bonus money, points expiry and
the member password lock, as a form over ``MemberSettings`` (which refuses what cannot hold)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.members.ledger import SpendOrder
from app.members.settings import MemberSettings, PointsExpiry
from app.money import format_fen, format_yuan
from app.ui.forms import FormDialog

#: What saving the form does with the settings it read (the screen calls its service).
SaveSettings = Callable[[MemberSettings], object]


def spend_order_label(order: SpendOrder) -> str:
    return {
        SpendOrder.PRINCIPAL_FIRST: QCoreApplication.translate("MemberSettingsForm", "先扣本金"),
        SpendOrder.BONUS_FIRST: QCoreApplication.translate("MemberSettingsForm", "先扣赠送金"),
        SpendOrder.PROPORTIONAL: QCoreApplication.translate(
            "MemberSettingsForm", "本金与赠送金按比例扣"
        ),
    }[order]


def expiry_label(expiry: PointsExpiry) -> str:
    return {
        PointsExpiry.NEVER: QCoreApplication.translate("MemberSettingsForm", "永不过期"),
        PointsExpiry.YEAR_END: QCoreApplication.translate("MemberSettingsForm", "当年年底过期"),
        PointsExpiry.MONTHS: QCoreApplication.translate("MemberSettingsForm", "获得后若干个月过期"),
    }[expiry]


def settings_words(settings: MemberSettings) -> str:
    """The settings in a sentence, for the rules tab."""
    if settings.points_expiry is PointsExpiry.MONTHS:
        expiry = QCoreApplication.translate("MemberSettingsForm", "积分获得后 %1 个月过期").replace(
            "%1", str(settings.points_expiry_months)
        )
    else:
        expiry = QCoreApplication.translate("MemberSettingsForm", "积分%1").replace(
            "%1", expiry_label(settings.points_expiry)
        )
    on_bonus = (
        QCoreApplication.translate("MemberSettingsForm", "赠送金消费也积分")
        if settings.points_on_bonus
        else QCoreApplication.translate("MemberSettingsForm", "赠送金消费不积分")
    )
    return (
        QCoreApplication.translate(
            "MemberSettingsForm",
            "储值付款%1；单次充值最多 %2；%3；%4；会员密码连错 %5 次锁定 %6 分钟",
        )
        .replace("%1", spend_order_label(settings.spend_order))
        .replace("%2", format_yuan(settings.top_up_cap_fen))
        .replace("%3", on_bonus)
        .replace("%4", expiry)
        .replace("%5", str(settings.password_max_failures))
        .replace("%6", str(settings.password_lock_minutes))
    )


def read_settings(form: FormDialog) -> MemberSettings:
    cap = form.yuan("top_up_cap_fen")
    months = form.whole("points_expiry_months")
    failures = form.whole("password_max_failures")
    minutes = form.whole("password_lock_minutes")
    assert cap is not None and months is not None  # required
    assert failures is not None and minutes is not None
    return MemberSettings(
        spend_order=SpendOrder(str(form.chosen("spend_order"))),
        top_up_cap_fen=cap,
        points_on_bonus=form.checked("points_on_bonus"),
        points_expiry=PointsExpiry(str(form.chosen("points_expiry"))),
        points_expiry_months=months,
        password_max_failures=failures,
        password_lock_minutes=minutes,
    )


class MemberSettingsForm(FormDialog):
    """One form for the store's member settings, shown as they are now."""

    def __init__(self, parent: QWidget | None, current: MemberSettings, save: SaveSettings) -> None:
        super().__init__(
            parent,
            self.tr("积分与储值设置"),
            "memberSettingsForm",
            lambda form: save(read_settings(form)),
        )
        self.section(self.tr("储值"))
        self.choice(
            "spend_order",
            self.tr("储值付款先扣"),
            "settingsSpendOrder",
            [(spend_order_label(o), o.value) for o in SpendOrder],
            current.spend_order.value,
        )
        self.line(
            "top_up_cap_fen",
            self.tr("单次充值上限（元）"),
            "settingsTopUpCap",
            format_fen(current.top_up_cap_fen),
        )
        self.section(self.tr("积分"))
        self.check(
            "points_on_bonus",
            self.tr("用赠送金付的部分也积分"),
            "settingsPointsOnBonus",
            current.points_on_bonus,
        )
        self.choice(
            "points_expiry",
            self.tr("积分有效期"),
            "settingsPointsExpiry",
            [(expiry_label(e), e.value) for e in PointsExpiry],
            current.points_expiry.value,
        )
        self.line(
            "points_expiry_months",
            self.tr("积分有效月数"),
            "settingsPointsExpiryMonths",
            str(current.points_expiry_months),
            hint=self.tr("选“获得后若干个月过期”时用"),
        )
        self.section(self.tr("会员密码"))
        self.line(
            "password_max_failures",
            self.tr("连续输错几次锁定"),
            "settingsPasswordFailures",
            str(current.password_max_failures),
        )
        self.line(
            "password_lock_minutes",
            self.tr("锁定分钟数"),
            "settingsPasswordLockMinutes",
            str(current.password_lock_minutes),
        )


__all__ = ["MemberSettingsForm", "expiry_label", "settings_words", "spend_order_label"]
