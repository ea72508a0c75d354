"""The counter's settings: where its data lives, who it is in the chain, and its devices.

Read from ``config.toml`` in the data directory; ``POS_DATA_DIR`` and ``POS_PRINTER_URI``
override. Nothing here imports the rest of the application.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import tempfile
import tomllib
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.errors import KnownError
from app.money import Rounding

APP_NAME = "StoreCounter"
CONFIG_FILE_NAME = "config.toml"
DATABASE_FILE_NAME = "counter.db"
RECEIPT_WIDTH_58MM = 32
RECEIPT_WIDTH_80MM = 48


class ConfigError(KnownError):
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
            raise ConfigError("条码格式须为 13 位并以两位数字开头：%1", self.pattern)
        if self.pattern[-1] != "C" or "I" not in self.pattern:
            raise ConfigError("条码格式须含商品码 I 并以校验位 C 结尾：%1", self.pattern)
        if ("P" in self.pattern) == ("W" in self.pattern):
            raise ConfigError("条码格式须含价格 P 或重量 W 之一：%1", self.pattern)

    @property
    def prefix(self) -> str:
        return self.pattern[: len(self.pattern) - len(self.pattern.lstrip("0123456789"))]


DEFAULT_WEIGHED_LAYOUTS = (
    WeighedBarcodeLayout("22IIIIIPPPPPC"),
    WeighedBarcodeLayout("23IIIIIWWWWWC"),
)

# -- devices --------------------------------------------------------------------------------------
# Plain strings here (the ground floor imports nothing of app.devices); the composition root turns
# them into the devices' own enums.

CARD_READER_KINDS = ("wedge", "serial", "none")
SERIAL_FRAMINGS = ("cr", "crlf", "stx_etx")
PRINTER_ENCODINGS = ("gb18030", "gbk")
#: How receipt text reaches the printer: ``text`` for its own Chinese font, ``raster`` drawn as
#: an image here (for printers without a Chinese font; drawn with the font the program ships).
PRINTER_RENDER_MODES = ("text", "raster")
DISPLAY_COMMAND_SETS = ("escpos", "cd5220")
SERIAL_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
CARD_NUMBER_MAX_LENGTH = 64
DISPLAY_MIN_WIDTH = 8
DISPLAY_MAX_WIDTH = 40
WEDGE_INTERVAL_RANGE_MS = (5, 200)
WEDGE_MIN_LENGTH_RANGE = (1, 64)
AFFIX_MAX_LENGTH = 8


@dataclasses.dataclass(frozen=True)
class CardReaderConfig:
    """The member-card reader: ``wedge`` types into the scan field, ``serial`` sends frames on a
    serial port (``framing`` cr, crlf or stx_etx, ``check_byte`` after ETX), ``none`` has none.
    ``prefix``/``suffix`` are what the reader adds around a swipe; a card number has
    ``min_length`` to ``max_length`` characters, digits only unless ``allow_letters``."""

    kind: str = "wedge"
    port: str = ""
    baudrate: int = 9600
    framing: str = "cr"
    check_byte: bool = False
    prefix: str = ""
    suffix: str = ""
    min_length: int = 4
    max_length: int = 24
    allow_letters: bool = False


@dataclasses.dataclass(frozen=True)
class WedgeConfig:
    """Keyboard-wedge scanners and readers: keys closer than ``max_interval_ms`` and at least
    ``min_length`` of them before Enter are a device, not a person."""

    max_interval_ms: int = 30
    min_length: int = 4


@dataclasses.dataclass(frozen=True)
class PoleDisplayConfig:
    """The customer pole display on a serial port; an empty ``port`` means there is none."""

    port: str = ""
    baudrate: int = 9600
    width: int = 20
    encoding: str = "gb18030"
    command_set: str = "escpos"

    @property
    def enabled(self) -> bool:
        return bool(self.port)


@dataclasses.dataclass(frozen=True)
class CustomerScreenConfig:
    """A window for a customer-facing monitor; ``screen`` counts from 0 (1 = the second one)."""

    enabled: bool = False
    screen: int = 1


@dataclasses.dataclass(frozen=True)
class BackupConfig:
    """``[backup]``: ``second_folder`` also receives a copy of every good backup (a USB stick or
    a network share), so a dead disk does not take the backups with it; empty = none."""

    second_folder: str = ""

    @property
    def second_path(self) -> Path | None:
        return Path(self.second_folder).expanduser() if self.second_folder else None


HEADOFFICE_URL_SCHEMES = ("http://", "https://")
HEADOFFICE_SECRET_MIN_LENGTH = 16
HEADOFFICE_ID_MAX_LENGTH = 64


@dataclasses.dataclass(frozen=True)
class HeadOfficeConfig:
    """Who this counter is to the head office (``[headoffice]``, printed once by
    ``python main.py headoffice add-store``), and the offline spending limits for members'
    stored value and points while the head office does not answer.

    ``offline_per_sale_fen``: the most stored value one payment may spend offline;
    ``offline_per_day_fen``: the most one member may spend offline in a business day at this
    counter; ``offline_snapshot_hours``: how old the member's last snapshot from the head office
    may be (0 = no offline spending of a member the head office knows);
    ``offline_store_budget_fen``: the most this counter may spend of members' stored value in all
    since its last sync that left nothing waiting. The head office's ``set-limits``, once
    pulled, replaces all four (``app.sync.reference``)."""

    url: str
    store_code: str
    device_id: str
    secret: str = dataclasses.field(repr=False)
    offline_per_sale_fen: int = 200_00
    offline_per_day_fen: int = 500_00
    offline_snapshot_hours: int = 72
    offline_store_budget_fen: int = 5_000_00

    @property
    def masked_secret(self) -> str:
        """What a screen may show of the secret: its last four characters."""
        return "•" * 8 + self.secret[-4:]


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
    #: 挂账 credit limit: the most one member or named customer may owe at once; 0 = no limit.
    on_account_limit_fen: int = 0
    pin_lockout_failures: int = 5
    pin_lockout_minutes: int = 15
    weighed_layouts: tuple[WeighedBarcodeLayout, ...] = DEFAULT_WEIGHED_LAYOUTS
    language: str = "zh_CN"
    printer_encoding: str = "gb18030"
    printer_render: str = "text"
    card_reader: CardReaderConfig = CardReaderConfig()
    wedge: WedgeConfig = WedgeConfig()
    pole_display: PoleDisplayConfig = PoleDisplayConfig()
    customer_screen: CustomerScreenConfig = CustomerScreenConfig()
    backup: BackupConfig = BackupConfig()
    #: None: the counter works alone (nothing is sent, nothing pulled).
    headoffice: HeadOfficeConfig | None = None

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
    "on_account_limit_fen": (0, 10_000_000_00),
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
            raise ConfigError("%1 无法读取：%2", path, exc) from exc
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
                raise ConfigError("%1 应为文字", key)
            if key == "timezone":
                _check_timezone(value)
            elif key == "store_code":
                check_store_code(value)
            elif key == "store_name":
                check_store_name(value)
            values[key] = value
        elif key in _INT_KEYS:
            low, high = _INT_KEYS[key]
            if not isinstance(value, int) or not low <= value <= high:
                raise ConfigError("%1 应为 %2 到 %3 之间的整数", key, low, high)
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
                raise ConfigError("rounding 应为 %1 之一", choices) from exc
        elif key == "weighed_layouts":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("weighed_layouts 应为条码格式列表")
            values[key] = tuple(WeighedBarcodeLayout(v) for v in value)
        elif key == "printer_encoding":
            if value not in PRINTER_ENCODINGS:
                raise ConfigError("printer_encoding 应为 gb18030 或 gbk")
            values[key] = value
        elif key == "printer_render":
            if value not in PRINTER_RENDER_MODES:
                raise ConfigError("printer_render 应为 text（文字打印）或 raster（图像打印）")
            values[key] = value
        elif key in _TABLES:
            if not isinstance(value, dict):
                raise ConfigError("%1 应为一节设置（[%2]）", key, key)
            values[key] = _TABLES[key](value)
        else:
            raise ConfigError("未知的设置项：%1", key)
    return values


#: A store code names the store in every receipt number (``S001-01-20261123-0042``).
STORE_CODE_PATTERN = re.compile(r"[A-Za-z0-9]{1,8}")
STORE_NAME_MAX_LENGTH = 40


def check_store_code(code: str) -> str:
    """Letters and digits only, at most 8: a ``-`` would split the receipt number."""
    if not STORE_CODE_PATTERN.fullmatch(code):
        raise ConfigError("门店编码应为 1 到 8 位字母或数字，如 S001：%1", code, field="store_code")
    return code


def check_store_name(name: str) -> str:
    """What the receipt's first line and the login window say."""
    if not name.strip() or len(name) > STORE_NAME_MAX_LENGTH or not name.isprintable():
        raise ConfigError("门店名称应为 1 到 %1 个字", STORE_NAME_MAX_LENGTH, field="store_name")
    return name


def _check_timezone(name: str) -> None:
    """Refuse a time zone the counter cannot use: every sale would fail on its business day."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError(
            "timezone 不是可用的时区名称：%1（应为如 Asia/Shanghai 的名称）", name
        ) from None


# -- device tables ---------------------------------------------------------------------------------


def _text(table: str, raw: dict[str, Any], key: str, default: str, max_length: int = 200) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
        raise ConfigError("%1.%2 应为不超过 %3 个字的文字", table, key, max_length)
    return value


def _number(table: str, raw: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError("%1.%2 应为 %3 到 %4 之间的整数", table, key, low, high)
    return value


def _switch(table: str, raw: dict[str, Any], key: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError("%1.%2 应为 true 或 false", table, key)
    return value


def _choice(
    table: str, raw: dict[str, Any], key: str, default: str, choices: tuple[str, ...]
) -> str:
    value = raw.get(key, default)
    if value not in choices:
        raise ConfigError("%1.%2 应为 %3 之一", table, key, "、".join(choices))
    return str(value)


def _baudrate(table: str, raw: dict[str, Any], default: int) -> int:
    value = raw.get("baudrate", default)
    if value not in SERIAL_BAUDRATES:
        allowed = "、".join(str(b) for b in SERIAL_BAUDRATES)
        raise ConfigError("%1.baudrate 应为 %2 之一", table, allowed)
    return int(value)


def _only_known(table: str, raw: dict[str, Any], cls: type[Any]) -> None:
    known = {field.name for field in dataclasses.fields(cls)}
    for key in raw:
        if key not in known:
            raise ConfigError("未知的设置项：%1.%2", table, key)


def _card_reader(raw: dict[str, Any]) -> CardReaderConfig:
    t, d = "card_reader", CardReaderConfig()
    _only_known(t, raw, CardReaderConfig)
    config = CardReaderConfig(
        kind=_choice(t, raw, "kind", d.kind, CARD_READER_KINDS),
        port=_text(t, raw, "port", d.port).strip(),
        baudrate=_baudrate(t, raw, d.baudrate),
        framing=_choice(t, raw, "framing", d.framing, SERIAL_FRAMINGS),
        check_byte=_switch(t, raw, "check_byte", d.check_byte),
        prefix=_text(t, raw, "prefix", d.prefix, AFFIX_MAX_LENGTH),
        suffix=_text(t, raw, "suffix", d.suffix, AFFIX_MAX_LENGTH),
        min_length=_number(t, raw, "min_length", d.min_length, 1, CARD_NUMBER_MAX_LENGTH),
        max_length=_number(t, raw, "max_length", d.max_length, 1, CARD_NUMBER_MAX_LENGTH),
        allow_letters=_switch(t, raw, "allow_letters", d.allow_letters),
    )
    if config.max_length < config.min_length:
        raise ConfigError("card_reader.max_length（卡号最长位数）不能小于 min_length（最短位数）")
    if config.kind == "serial" and not config.port:
        raise ConfigError("串口读卡器须设置 card_reader.port（如 /dev/ttyUSB0 或 COM3）")
    if config.check_byte and config.framing != "stx_etx":
        raise ConfigError("card_reader.check_byte（校验字节）只用于 stx_etx 格式的读卡器")
    return config


def _wedge(raw: dict[str, Any]) -> WedgeConfig:
    t, d = "wedge", WedgeConfig()
    _only_known(t, raw, WedgeConfig)
    return WedgeConfig(
        max_interval_ms=_number(
            t, raw, "max_interval_ms", d.max_interval_ms, *WEDGE_INTERVAL_RANGE_MS
        ),
        min_length=_number(t, raw, "min_length", d.min_length, *WEDGE_MIN_LENGTH_RANGE),
    )


def _pole_display(raw: dict[str, Any]) -> PoleDisplayConfig:
    t, d = "pole_display", PoleDisplayConfig()
    _only_known(t, raw, PoleDisplayConfig)
    encoding = _text(t, raw, "encoding", d.encoding, 20).strip().lower()
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ConfigError("pole_display.encoding 不是可用的编码：%1", encoding) from None
    return PoleDisplayConfig(
        port=_text(t, raw, "port", d.port).strip(),
        baudrate=_baudrate(t, raw, d.baudrate),
        width=_number(t, raw, "width", d.width, DISPLAY_MIN_WIDTH, DISPLAY_MAX_WIDTH),
        encoding=encoding,
        command_set=_choice(t, raw, "command_set", d.command_set, DISPLAY_COMMAND_SETS),
    )


def _customer_screen(raw: dict[str, Any]) -> CustomerScreenConfig:
    t, d = "customer_screen", CustomerScreenConfig()
    _only_known(t, raw, CustomerScreenConfig)
    return CustomerScreenConfig(
        enabled=_switch(t, raw, "enabled", d.enabled),
        screen=_number(t, raw, "screen", d.screen, 0, 8),
    )


def _backup(raw: dict[str, Any]) -> BackupConfig:
    t = "backup"
    _only_known(t, raw, BackupConfig)
    return BackupConfig(second_folder=_text(t, raw, "second_folder", "", 500).strip())


def _headoffice(raw: dict[str, Any]) -> HeadOfficeConfig:
    t = "headoffice"
    _only_known(t, raw, HeadOfficeConfig)
    for key in ("url", "store_code", "device_id", "secret"):
        if key not in raw:
            raise ConfigError("[headoffice] 缺少 %1（请粘贴总部 add-store 给出的整节设置）", key)
    url = _text(t, raw, "url", "").strip().rstrip("/")
    if not url.startswith(HEADOFFICE_URL_SCHEMES) or len(url) <= len("https://") or " " in url:
        raise ConfigError("headoffice.url 应为 http:// 或 https:// 开头的地址：%1", url)
    store_code = _text(t, raw, "store_code", "", 16).strip()
    device_id = _text(t, raw, "device_id", "", HEADOFFICE_ID_MAX_LENGTH).strip()
    secret = _text(t, raw, "secret", "", 200).strip()
    for key, value in (("store_code", store_code), ("device_id", device_id)):
        if not value or not value.isprintable():
            raise ConfigError("%1.%2 应为不超过 %3 个字的文字", t, key, HEADOFFICE_ID_MAX_LENGTH)
    if len(secret) < HEADOFFICE_SECRET_MIN_LENGTH or not secret.isprintable():
        raise ConfigError(
            "headoffice.secret 应至少 %1 个字符（请粘贴总部给出的密钥）",
            HEADOFFICE_SECRET_MIN_LENGTH,
        )
    d = HeadOfficeConfig(url, store_code, device_id, secret)
    return HeadOfficeConfig(
        url=url,
        store_code=store_code,
        device_id=device_id,
        secret=secret,
        offline_per_sale_fen=_number(
            t, raw, "offline_per_sale_fen", d.offline_per_sale_fen, 0, 10_000_000_00
        ),
        offline_per_day_fen=_number(
            t, raw, "offline_per_day_fen", d.offline_per_day_fen, 0, 10_000_000_00
        ),
        offline_snapshot_hours=_number(
            t, raw, "offline_snapshot_hours", d.offline_snapshot_hours, 0, 24 * 365
        ),
        offline_store_budget_fen=_number(
            t, raw, "offline_store_budget_fen", d.offline_store_budget_fen, 0, 10_000_000_00
        ),
    )


_TABLES: dict[str, Any] = {
    "headoffice": _headoffice,
    "card_reader": _card_reader,
    "wedge": _wedge,
    "pole_display": _pole_display,
    "customer_screen": _customer_screen,
    "backup": _backup,
}


# -- saving ----------------------------------------------------------------------------------------


def read_raw_config(data_dir: Path) -> dict[str, Any]:
    """What ``config.toml`` says, as TOML values (an empty dict when there is no file)."""
    path = data_dir / CONFIG_FILE_NAME
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("%1 无法读取：%2", path, exc) from exc


def save_settings(data_dir: Path, changes: Mapping[str, Any]) -> Config:
    """Merge ``changes`` into ``config.toml`` and return the settings now in force.

    ``changes`` holds TOML values: top-level keys, and tables (``card_reader``...) merged key by
    key. The merged whole is validated first, so a bad value raises ConfigError naming it and
    leaves the file as it was; the new file is written beside the old one and then replaces it,
    so a power cut leaves one or the other, never half of each.
    """
    import tomli_w  # late: only the settings screen saves

    merged = read_raw_config(data_dir)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = dict(value) if isinstance(value, Mapping) else value
    _validated(merged)
    text = tomli_w.dumps(merged)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CONFIG_FILE_NAME
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=data_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return load_config(data_dir)
