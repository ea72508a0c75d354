"""Device settings in config.toml: read with plain Chinese errors, saved whole or not at all."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from app.config import (
    CONFIG_FILE_NAME,
    CardReaderConfig,
    ConfigError,
    CustomerScreenConfig,
    PoleDisplayConfig,
    WedgeConfig,
    load_config,
    save_settings,
)

_HO = (
    '[headoffice]\nurl = "http://ho.example:8700"\nstore_code = "S001"\n'
    'device_id = "dev-1"\nsecret = "0123456789abcdef0123"\n'
)


def _write(directory: Path, text: str) -> Path:
    path = directory / CONFIG_FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_without_device_tables_the_defaults_are_a_wedge_reader_and_no_displays(
    tmp_path: Path,
) -> None:
    config = load_config(tmp_path)
    assert config.card_reader == CardReaderConfig(kind="wedge")
    assert config.wedge == WedgeConfig(max_interval_ms=30, min_length=4)
    assert not config.pole_display.enabled
    assert config.customer_screen == CustomerScreenConfig(enabled=False, screen=1)
    assert config.printer_encoding == "gb18030"


def test_device_tables_are_read(tmp_path: Path) -> None:
    _write(
        tmp_path,
        """
printer_encoding = "gbk"
[card_reader]
kind = "serial"
port = "/dev/ttyUSB0"
baudrate = 19200
framing = "stx_etx"
check_byte = true
prefix = "M"
min_length = 8
max_length = 16
[wedge]
max_interval_ms = 50
min_length = 6
[pole_display]
port = "COM4"
width = 16
encoding = "GBK"
command_set = "cd5220"
[customer_screen]
enabled = true
screen = 2
""",
    )
    config = load_config(tmp_path)
    assert config.printer_encoding == "gbk"
    assert config.card_reader == CardReaderConfig(
        kind="serial",
        port="/dev/ttyUSB0",
        baudrate=19200,
        framing="stx_etx",
        check_byte=True,
        prefix="M",
        min_length=8,
        max_length=16,
    )
    assert config.wedge == WedgeConfig(50, 6)
    assert config.pole_display == PoleDisplayConfig("COM4", 9600, 16, "gbk", "cd5220")
    assert config.pole_display.enabled
    assert config.customer_screen == CustomerScreenConfig(True, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[card_reader]\nkind = "usb"', "card_reader.kind 应为 wedge、serial、none 之一"),
        ('[card_reader]\nkind = "serial"', "串口读卡器须设置 card_reader.port"),
        ("[card_reader]\nbaudrate = 9601", "card_reader.baudrate 应为"),
        ('[card_reader]\nframing = "lf"', "card_reader.framing 应为 cr、crlf、stx_etx 之一"),
        ("[card_reader]\ncheck_byte = true", "只用于 stx_etx"),
        ("[card_reader]\nmin_length = 10\nmax_length = 8", "不能小于"),
        ("[card_reader]\nmin_length = 0", "card_reader.min_length 应为 1 到 64 之间的整数"),
        ("[card_reader]\nallow_letters = 1", "card_reader.allow_letters 应为 true 或 false"),
        ('[card_reader]\nprefix = "TOO-LONG-PREFIX"', "card_reader.prefix 应为不超过 8 个字"),
        ("[card_reader]\nspeed = 1", "未知的设置项：card_reader.speed"),
        ("[wedge]\nmax_interval_ms = 1000", "wedge.max_interval_ms 应为 5 到 200 之间的整数"),
        ("[wedge]\nmin_length = true", "wedge.min_length 应为 1 到 64 之间的整数"),
        ("[pole_display]\nwidth = 4", "pole_display.width 应为 8 到 40 之间的整数"),
        ('[pole_display]\nencoding = "klingon"', "pole_display.encoding 不是可用的编码"),
        ('[pole_display]\ncommand_set = "vfd"', "pole_display.command_set 应为 escpos、cd5220"),
        ('[customer_screen]\nenabled = "yes"', "customer_screen.enabled 应为 true 或 false"),
        ('printer_encoding = "utf-8"', "printer_encoding 应为 gb18030 或 gbk"),
        ('card_reader = "serial"', "card_reader 应为一节设置"),
        ('timezone = "Asia/Shanghia"', "timezone 不是可用的时区名称：Asia/Shanghia"),
        ('timezone = "asia/shanghai"', "timezone 不是可用的时区名称"),
        ('timezone = ""', "timezone 不是可用的时区名称"),
        ('timezone = "Asia"', "timezone 不是可用的时区名称"),
        ('[headoffice]\nurl = "http://ho"', "\\[headoffice\\] 缺少 store_code"),
        (_HO.replace("http://ho.example:8700", "ftp://ho"), "headoffice.url 应为 http://"),
        (_HO.replace('"S001"', "1"), "headoffice.store_code 应为不超过"),
        (_HO.replace("0123456789abcdef0123", "short"), "headoffice.secret 应至少 16 个字符"),
        (_HO + "offline_per_sale_fen = -1\n", "headoffice.offline_per_sale_fen 应为 0 到"),
        (_HO + "port = 8700\n", "未知的设置项：headoffice.port"),
    ],
)
def test_bad_device_settings_are_refused_naming_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    _write(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)


def test_saving_merges_tables_key_by_key_and_reads_back(tmp_path: Path) -> None:
    _write(tmp_path, 'store_name = "西湖店"\n[card_reader]\nprefix = "M"\n')
    saved = save_settings(
        tmp_path,
        {"receipt_footer": "多谢\n再来", "card_reader": {"min_length": 6}, "wedge": {}},
    )
    raw = tomllib.loads((tmp_path / CONFIG_FILE_NAME).read_text(encoding="utf-8"))
    assert raw == {
        "store_name": "西湖店",
        "receipt_footer": "多谢\n再来",
        "card_reader": {"prefix": "M", "min_length": 6},
        "wedge": {},
    }
    assert saved == load_config(tmp_path)
    assert saved.store_name == "西湖店" and saved.card_reader.prefix == "M"
    assert saved.card_reader.min_length == 6


def test_saving_into_a_directory_without_a_config_file_creates_it(tmp_path: Path) -> None:
    saved = save_settings(tmp_path / "new", {"pole_display": {"port": "COM4"}})
    assert saved.pole_display.port == "COM4"
    assert (tmp_path / "new" / CONFIG_FILE_NAME).exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"card_reader": {"kind": "serial"}},
        {"wedge": {"max_interval_ms": 0}},
        {"receipt_width": 40},
        {"no_such_key": 1},
        {"pole_display": {"width": "wide"}},
    ],
)
def test_bad_settings_are_not_saved_and_the_file_stays_as_it_was(
    tmp_path: Path, changes: dict[str, Any]
) -> None:
    path = _write(tmp_path, '# the owner\'s comment\nstore_name = "西湖店"\n')
    before = path.read_bytes()
    with pytest.raises(ConfigError):
        save_settings(tmp_path, changes)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_FILE_NAME]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, 'store_name = "西湖店"\n')
    before = path.read_bytes()

    def no_space(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", no_space)
    with pytest.raises(OSError, match="No space"):
        save_settings(tmp_path, {"receipt_footer": "新"})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_FILE_NAME]


def test_the_readme_example_config_is_valid(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert example is not None
    (tmp_path / "config.toml").write_text(example.group(1), encoding="utf-8")
    loaded = load_config(tmp_path)
    assert loaded.card_reader.kind == "serial"
    assert loaded.receipt_width == 32
    assert loaded.headoffice is not None and loaded.headoffice.store_code == "S001"


def test_a_mistyped_timezone_is_refused_when_saved_and_the_file_kept(tmp_path: Path) -> None:
    _write(tmp_path, 'timezone = "Asia/Urumqi"\n')
    with pytest.raises(ConfigError, match="timezone 不是可用的时区名称"):
        save_settings(tmp_path, {"timezone": "Asia/Shangai"})
    assert load_config(tmp_path).timezone == "Asia/Urumqi"


def test_without_headoffice_the_counter_works_alone(tmp_path: Path) -> None:
    _write(tmp_path, 'store_name = "西湖店"\n')
    assert load_config(tmp_path).headoffice is None


def test_the_headoffice_table_is_read_and_its_secret_never_shown(tmp_path: Path) -> None:
    _write(tmp_path, _HO.replace(":8700", ":8700/"))
    office = load_config(tmp_path).headoffice
    assert office is not None
    assert (office.url, office.store_code, office.device_id) == (
        "http://ho.example:8700",
        "S001",
        "dev-1",
    )
    assert office.secret == "0123456789abcdef0123"
    assert "0123456789abcdef0123" not in repr(office)
    assert office.masked_secret.endswith("0123") and "89ab" not in office.masked_secret
