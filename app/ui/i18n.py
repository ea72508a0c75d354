"""Which language the screens speak (Chinese source strings, an English translation) and why."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from app.members.member_status import STATUS_LABELS, MemberStatus
from app.pos.tenders import TenderMethod

if TYPE_CHECKING:
    from app.pos.staff import Sensitive

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (CHINESE, ENGLISH)
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
TRANSLATION_BASENAME = "store_counter"
UI_SETTINGS_FILE = "ui.ini"
LANGUAGE_KEY = "language"

_installed: QTranslator | None = None


def normalize(language: str | None) -> str:
    text = (language or "").strip().lower().replace("-", "_")
    return ENGLISH if text.startswith("en") else CHINESE


def _settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / UI_SETTINGS_FILE), QSettings.Format.IniFormat)


def chosen_language(config_language: str, data_dir: Path | None) -> str:
    """``POS_LANGUAGE`` wins, then the cashier's last choice on this counter, then the config."""
    env = os.environ.get("POS_LANGUAGE")
    if env:
        return normalize(env)
    if data_dir is not None and (data_dir / UI_SETTINGS_FILE).exists():
        saved = _settings(data_dir).value(LANGUAGE_KEY)
        if isinstance(saved, str) and saved:
            return normalize(saved)
    return normalize(config_language)


def remember_language(language: str, data_dir: Path) -> None:
    settings = _settings(data_dir)
    settings.setValue(LANGUAGE_KEY, normalize(language))
    settings.sync()


def install(language: str) -> bool:
    """Install the translator for ``language`` (Chinese needs none: it is the source)."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None
    if normalize(language) == CHINESE:
        return True
    translator = QTranslator(app)
    if not translator.load(f"{TRANSLATION_BASENAME}_{ENGLISH}", str(TRANSLATIONS_DIR)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed = translator
    return True


def current() -> str:
    return ENGLISH if _installed is not None else CHINESE


def method_label(method: TenderMethod) -> str:
    """A payment method in the screen's language (the service's label is Chinese only)."""
    labels = {
        TenderMethod.CASH: QCoreApplication.translate("PaymentDialog", "现金"),
        TenderMethod.BANK_CARD: QCoreApplication.translate("PaymentDialog", "银行卡"),
        TenderMethod.WECHAT: QCoreApplication.translate("PaymentDialog", "微信支付"),
        TenderMethod.ALIPAY: QCoreApplication.translate("PaymentDialog", "支付宝"),
        TenderMethod.ON_ACCOUNT: QCoreApplication.translate("PaymentDialog", "挂账"),
        TenderMethod.STORED_VALUE: QCoreApplication.translate("PaymentDialog", "储值"),
        TenderMethod.POINTS: QCoreApplication.translate("PaymentDialog", "积分抵现"),
    }
    return labels[method]


def member_status_label(status: str) -> str:
    """A member's status (正常, 已冻结…) in the screen's language."""
    labels: dict[str, str] = {
        MemberStatus.ACTIVE: QCoreApplication.translate("MemberStatus", "正常"),
        MemberStatus.FROZEN: QCoreApplication.translate("MemberStatus", "已冻结"),
        MemberStatus.LOST: QCoreApplication.translate("MemberStatus", "已挂失"),
        MemberStatus.EXPIRED: QCoreApplication.translate("MemberStatus", "已过期"),
    }
    return labels.get(status) or STATUS_LABELS.get(status, status)


def sensitive_label(action: Sensitive) -> str:
    """What a manager is asked to approve, in the screen's language."""
    from app.pos.staff import Sensitive  # the login window comes before the staff's tables

    labels = {
        Sensitive.VOID: QCoreApplication.translate("ApprovalDialog", "作废订单"),
        Sensitive.REFUND: QCoreApplication.translate("ApprovalDialog", "退货退款"),
        Sensitive.PRICE_OVERRIDE: QCoreApplication.translate("ApprovalDialog", "修改售价"),
        Sensitive.DISCOUNT_OVER_LIMIT: QCoreApplication.translate(
            "ApprovalDialog", "超出权限的折扣"
        ),
        Sensitive.OPEN_DRAWER: QCoreApplication.translate("ApprovalDialog", "无销售开钱箱"),
        Sensitive.CASH_MOVE: QCoreApplication.translate("ApprovalDialog", "钱箱存取现金"),
        Sensitive.DEVICE_SETTINGS: QCoreApplication.translate("ApprovalDialog", "修改设备设置"),
        Sensitive.MEMBER_CARD: QCoreApplication.translate("ApprovalDialog", "会员卡操作"),
        Sensitive.MEMBER_PRIVACY: QCoreApplication.translate(
            "ApprovalDialog", "查看或导出会员完整资料"
        ),
        Sensitive.MEMBER_RULES: QCoreApplication.translate("ApprovalDialog", "修改会员规则"),
        Sensitive.STAFF: QCoreApplication.translate("ApprovalDialog", "员工管理"),
        Sensitive.PRODUCTS: QCoreApplication.translate("ApprovalDialog", "商品管理"),
        Sensitive.MEMBER_IMPORT: QCoreApplication.translate("ApprovalDialog", "导入会员"),
        Sensitive.STOCK: QCoreApplication.translate("ApprovalDialog", "库存管理"),
        Sensitive.REPORTS: QCoreApplication.translate("ApprovalDialog", "查看经营报表"),
        Sensitive.PROMOTIONS: QCoreApplication.translate("ApprovalDialog", "促销管理"),
        Sensitive.RESTORE: QCoreApplication.translate("ApprovalDialog", "恢复备份"),
    }
    return labels[action]
