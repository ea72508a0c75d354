"""The counter's settings: where its data lives, who it is in the chain, and its devices.

Read from ``config.toml`` in the data directory; ``POS_DATA_DIR`` and ``POS_PRINTER_URI``
override. Nothing here imports the rest of the application.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path
from typing import Any

from app.money import Rounding

APP_NAME = "StoreCounter"
CONFIG_FILE_NAME = "config.toml"
DATABASE_FILE_NAME = "counter.db"
RECEIPT_WIDTH_58MM = 32
RECEIPT_WIDTH_80MM = 48


class ConfigError(ValueError):
    """The config file says something the counter cannot use; the message names the key."""


@dataclasses.dataclass(frozen=True)
class WeighedBarcodeLayout:
    """An in-store label: ``22IIIIIPPPPPC`` (price) or ``23IIIIIWWWWWC`` (weight in grams).

    ``I`` is the item code looked up in the catalog, ``P`` the price in fen, ``W`` the weight in
    grams, ``C`` the EAN-13 check digit; the leading digits are the prefix.
    """

    pattern: str

    def __post_init__(self) -> None:
        if len(self.pattern) != 13 or not self.pattern[:2].isdigit():
            raise ConfigError(f"条码格式须为 13 位并以两位数字开头：{self.pattern}")
        if self.pattern[-1] != "C" or "I" not in self.pattern:
            raise ConfigError(f"条码格式须含商品码 I 并以校验位 C 结尾：{self.pattern}")
        if ("P" in self.pattern) == ("W" in self.pattern):
            raise ConfigError(f"条码格式须含价格 P 或重量 W 之一：{self.pattern}")

    @property
    def prefix(self) -> str:
        return self.pattern[: len(self.pattern) - len(self.pattern.lstrip("0123456789"))]


DEFAULT_WEIGHED_LAYOUTS = (
    WeighedBarcodeLayout("22IIIIIPPPPPC"),
    WeighedBarcodeLayout("23IIIIIWWWWWC"),
)


@dataclasses.dataclass(frozen=True)
class Config:
    data_dir: Path
    store_code: str = "S001"
    store_name: str = "示范便利店"
    counter_no: str = "01"
    timezone: str = "Asia/Shanghai"
    business_day_cutoff_hour: int = 4
    rounding: Rounding = Rounding.NONE
    printer_uri: str = "dummy:"
    receipt_width: int = RECEIPT_WIDTH_58MM
    receipt_header: str = ""
    receipt_footer: str = "谢谢惠顾，欢迎再来"
    printer_timeout_seconds: float = 2.0
    cashier_discount_limit_percent: int = 10
    max_quantity: int = 9999
    max_amount_fen: int = 1_000_000_00
    pin_lockout_failures: int = 5
    pin_lockout_minutes: int = 15
    weighed_layouts: tuple[WeighedBarcodeLayout, ...] = DEFAULT_WEIGHED_LAYOUTS
    language: str = "zh_CN"

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database_path}"


def default_data_dir() -> Path:
    """``POS_DATA_DIR`` if set, else the platform's user data directory."""
    env = os.environ.get("POS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # late: the only third-party import of the ground floor, and optional here

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


_INT_KEYS = {
    "business_day_cutoff_hour": (0, 12),
    "receipt_width": (RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM),
    "cashier_discount_limit_percent": (0, 100),
    "max_quantity": (1, 1_000_000),
    "max_amount_fen": (1, 10_000_000_00),
    "pin_lockout_failures": (1, 100),
    "pin_lockout_minutes": (1, 24 * 60),
}
_STR_KEYS = (
    "store_code",
    "store_name",
    "counter_no",
    "timezone",
    "printer_uri",
    "receipt_header",
    "receipt_footer",
    "language",
)


def load_config(data_dir: Path | None = None) -> Config:
    """Settings from ``config.toml`` (optional) with environment overrides applied."""
    directory = data_dir if data_dir is not None else default_data_dir()
    values: dict[str, Any] = {}
    path = directory / CONFIG_FILE_NAME
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path} 无法读取：{exc}") from exc
        values = _validated(raw)
    printer_override = os.environ.get("POS_PRINTER_URI")
    if printer_override:
        values["printer_uri"] = printer_override
    return Config(data_dir=directory, **values)


def _validated(raw: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _STR_KEYS:
            if not isinstance(value, str):
                raise ConfigError(f"{key} 应为文字")
            values[key] = value
        elif key in _INT_KEYS:
            low, high = _INT_KEYS[key]
            if not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(f"{key} 应为 {low} 到 {high} 之间的整数")
            if key == "receipt_width" and value not in (RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM):
                raise ConfigError("receipt_width 应为 32（58mm）或 48（80mm）")
            values[key] = value
        elif key == "printer_timeout_seconds":
            if not isinstance(value, int | float) or not 0 < value <= 60:
                raise ConfigError("printer_timeout_seconds 应在 0 到 60 秒之间")
            values[key] = value
        elif key == "rounding":
            try:
                values[key] = Rounding(value)
            except ValueError as exc:
                choices = ", ".join(r.value for r in Rounding)
                raise ConfigError(f"rounding 应为 {choices} 之一") from exc
        elif key == "weighed_layouts":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("weighed_layouts 应为条码格式列表")
            values[key] = tuple(WeighedBarcodeLayout(v) for v in value)
        else:
            raise ConfigError(f"未知的设置项：{key}")
    return values
