"""Raster printing (``printer_render = "raster"``): the text drawn with a CJK font and sent as
``GS v 0`` bit images, for printers without a Chinese font; read back with the test decoder.

The text is drawn with the font the program ships (a subset of WenQuanYi Micro Hei under
resources/fonts), never one of this computer's: the tests look at sizes, where the ink is, and
what is never sent, and pass on a machine with no Chinese font installed.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from types import ModuleType

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageFont

from app.config import (
    CONFIG_FILE_NAME,
    RECEIPT_WIDTH_58MM,
    RECEIPT_WIDTH_80MM,
    Config,
    ConfigError,
    load_config,
    save_settings,
)
from app.devices import escpos_render
from app.devices.escpos_render import (
    CHINESE_ON,
    DOTS_PER_COLUMN,
    MSG_BAD_FONT,
    RASTER_BAND_MAX_HEIGHT,
    RASTER_FONT_SIZE,
    RASTER_LINE_HEIGHT,
    RECEIPT_FONT,
    ChineseFontMissing,
    dot_width,
    raster_image_command,
    render,
    render_mode,
)
from app.devices.print_queue import PrintQueue
from app.devices.printers import (
    PAPER_STATUS_QUERY,
    DummyPrinter,
    PrinterConfigError,
    open_printer,
)
from app.pos.print_jobs import enqueue
from app.pos.receipts import QR, Cut, Feed, PrintJobKind, Rule, Text, sale_receipt
from app.storage.database import Database
from app.storage.models import PrintJobRow, PrintStatus
from tests.devices.escpos_decoder import Decoded, DecodeError, RasterImage, decode
from tests.devices.network_printer import NetworkPrinter
from tests.devices.receipt_samples import SALE, TEMPLATES

WIDTHS = [RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM]
#: The printer commands that are the same whether text or images are printed.
PAPER_COMMANDS = {"init", "drawer", "qr_model", "qr_size", "qr_ec", "qr", "feed", "cut"}


def raster(*blocks: Text | Rule | QR | Feed | Cut, width: int = RECEIPT_WIDTH_58MM) -> Decoded:
    return decode(render(tuple(blocks), width=width, mode="raster"))


def only_image(decoded: Decoded) -> RasterImage:
    assert len(decoded.images) == 1, decoded.commands
    return decoded.images[0]


def box(image: RasterImage) -> tuple[int, int, int, int]:
    found = image.ink_box()
    assert found is not None, "the image is blank"
    return found


def test_dot_widths_are_those_of_58_and_80_mm_paper() -> None:
    assert dot_width(RECEIPT_WIDTH_58MM) == 384
    assert dot_width(RECEIPT_WIDTH_80MM) == 576


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_prints_as_images_of_the_paper_width_with_no_text(
    template: str, width: int
) -> None:
    layout, open_drawer = TEMPLATES[template]
    data = render(layout(width), width=width, open_drawer=open_drawer, mode="raster")
    decoded = decode(data)  # strict: any byte outside a known command fails here
    assert decoded.images
    assert {image.width for image in decoded.images} == {dot_width(width)}
    assert all(0 < image.height <= RASTER_BAND_MAX_HEIGHT for image in decoded.images)
    assert all(image.ink > 0 for image in decoded.images)
    # No text at all: no Chinese mode, no line of characters (the QR's own line feed aside).
    assert CHINESE_ON not in data
    assert ("chinese", "on") not in decoded.commands
    assert all(not line.strip() for line in decoded.lines)
    # Every line the text mode prints is one line of dots, double lines twice as high.
    text_mode = decode(render(layout(width), width=width, open_drawer=open_drawer))
    printed = [line for line in text_mode.styled if line.text]
    expected = sum(RASTER_LINE_HEIGHT * (2 if line.double else 1) for line in printed)
    assert sum(image.height for image in decoded.images) == expected


@pytest.mark.parametrize("width", WIDTHS)
def test_qr_cut_feed_and_drawer_kick_are_the_same_commands_as_in_text_mode(width: int) -> None:
    document = sale_receipt(SALE, width)
    text_mode = decode(render(document, width=width, open_drawer=True))
    raster_mode = decode(render(document, width=width, open_drawer=True, mode="raster"))

    def paper(decoded: Decoded) -> list[tuple[str, ...]]:
        return [command for command in decoded.commands if command[0] in PAPER_COMMANDS]

    assert paper(raster_mode) == paper(text_mode)
    assert ("qr", SALE.receipt_no) in raster_mode.commands
    assert raster_mode.commands[1] == ("drawer", "2", "25", "250")
    assert raster_mode.commands[-2:] == [("feed", "6"), ("cut", "full")]
    # The images before the QR code hold everything above it; the ones after it, the footer.
    names = [command[0] for command in raster_mode.commands]
    assert "raster" in names[: names.index("qr")]
    assert "raster" in names[names.index("qr") :]


def test_no_chinese_text_bytes_are_sent_in_raster_mode() -> None:
    data = render((Text("可口可乐 ￥3.50"), Text("合计", double=True)), width=32, mode="raster")
    decoded = decode(data)
    commands = data
    for image in decoded.images:
        commands = commands.replace(image.bits, b"", 1)
    assert commands.isascii()  # besides the dots, only printer commands
    assert "可口可乐".encode("gb18030") not in data
    assert decoded.lines == []
    assert ("chinese", "on") not in decoded.commands


def test_raster_image_command_is_gs_v_0_with_the_size_in_bytes_and_dots() -> None:
    image = Image.new("1", (384, 2), 0)
    image.putpixel((0, 0), 255)
    image.putpixel((383, 1), 255)
    data = raster_image_command(image)
    assert data[:8] == b"\x1dv0\x00" + bytes([48, 0, 2, 0])
    decoded = decode(data)
    assert decoded.commands == [("raster", "384", "2")]
    picture = only_image(decoded)
    assert picture.dot(0, 0) and picture.dot(383, 1)
    assert picture.ink == 2
    with pytest.raises(ValueError, match="one-bit"):  # a caller's bug, not the printer's
        raster_image_command(Image.new("L", (8, 8)))


def test_double_size_text_is_twice_as_tall_and_wide() -> None:
    normal = only_image(raster(Text("合计")))
    double = only_image(raster(Text("合计", double=True)))
    assert normal.height == RASTER_LINE_HEIGHT
    assert double.height == 2 * RASTER_LINE_HEIGHT
    left, top, right, bottom = box(normal)
    d_left, d_top, d_right, d_bottom = box(double)
    assert 1.7 <= (d_bottom - d_top) / (bottom - top) <= 2.3
    assert 1.7 <= (d_right - d_left) / (right - left) <= 2.3


def test_bold_text_has_more_ink_in_the_same_place() -> None:
    normal = only_image(raster(Text("合计 TOTAL")))
    bold = only_image(raster(Text("合计 TOTAL", bold=True)))
    assert bold.ink > normal.ink * 1.2
    assert abs(box(bold)[0] - box(normal)[0]) <= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_alignment_puts_the_ink_left_centre_or_right(width: int) -> None:
    dots = dot_width(width)
    left = box(only_image(raster(Text("合计"), width=width)))
    centre = box(only_image(raster(Text("合计", align="center"), width=width)))
    right = box(only_image(raster(Text("合计", align="right"), width=width)))
    assert left[0] < DOTS_PER_COLUMN
    assert abs((centre[0] + centre[2]) / 2 - dots / 2) <= DOTS_PER_COLUMN
    assert dots - right[2] < DOTS_PER_COLUMN
    double_right = box(only_image(raster(Text("合计", align="right", double=True), width=width)))
    assert dots - double_right[2] < 2 * DOTS_PER_COLUMN


def test_columns_stay_aligned_with_mixed_chinese_and_ascii() -> None:
    # Amounts flush right after names of different widths: their right edges line up.
    lines = [
        "  2瓶 x 3.50                7.00",
        "  会员九折                 -0.70",
        "小计 Subtotal              51.16",
    ]
    images = [only_image(raster(Text(line))) for line in lines]
    rights = {box(image)[2] for image in images}
    assert max(rights) - min(rights) <= 2
    # A Chinese character takes exactly two columns: 可 at column 2 starts where "ab" ends.
    chinese = box(only_image(raster(Text("ab可"))))
    only_chinese = box(only_image(raster(Text("  可"))))
    assert chinese[2] == only_chinese[2]


def test_a_line_too_wide_is_wrapped_into_two_lines_of_the_band() -> None:
    image = only_image(raster(Text("可" * 20)))
    assert image.height == 2 * RASTER_LINE_HEIGHT
    first, second = image.crop_rows(0, 30), image.crop_rows(30, 60)
    assert box(first)[2] > 15 * 2 * DOTS_PER_COLUMN  # 16 characters on the first line
    assert box(second)[2] < 5 * 2 * DOTS_PER_COLUMN  # 4 on the second


def test_rules_span_the_paper() -> None:
    image = only_image(raster(Rule("-"), width=RECEIPT_WIDTH_80MM))
    left, _, right, _ = box(image)
    assert left < DOTS_PER_COLUMN and dot_width(RECEIPT_WIDTH_80MM) - right < DOTS_PER_COLUMN


def test_many_lines_are_sent_in_bands_no_taller_than_the_limit() -> None:
    decoded = raster(*[Text(f"第{n}行 line {n}") for n in range(30)])
    assert len(decoded.images) > 1
    assert all(image.height <= RASTER_BAND_MAX_HEIGHT for image in decoded.images)
    assert sum(image.height for image in decoded.images) == 30 * RASTER_LINE_HEIGHT


def test_blank_lines_keep_their_height() -> None:
    image = only_image(raster(Text("上"), Text(""), Text("下")))
    assert image.height == 3 * RASTER_LINE_HEIGHT
    assert image.crop_rows(30, 60).ink == 0


def test_yen_sign_is_drawn_full_width() -> None:
    assert raster(Text("¥12.50")).images == raster(Text("￥12.50")).images


def test_characters_the_font_lacks_are_drawn_as_marks_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        marked = raster(Text("苹果\U0010fffd汁"))
    # A private-use character takes two columns, so two marks keep the columns aligned.
    assert marked.images == raster(Text("苹果??汁")).images
    assert "U+10FFFD" in caplog.text


def test_control_characters_are_drawn_as_marks_never_sent_as_commands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        decoded = raster(Text("可乐\x1bp\x00\x19"))
    assert "drawer" not in [command[0] for command in decoded.commands]
    assert decoded.images == raster(Text("可乐?p??")).images
    assert "U+001B" in caplog.text


def test_raster_mode_is_refused_when_unknown() -> None:
    with pytest.raises(ValueError, match="unsupported render mode"):  # a caller's bug
        render((), width=32, mode="bitmap")  # type: ignore[arg-type]
    assert render_mode("raster") == "raster"
    assert render_mode("text") == render_mode("anything else") == "text"


# -- the shipped font -------------------------------------------------------------------------

REPOSITORY = Path(__file__).resolve().parents[2]
FONT_DIR = REPOSITORY / "resources" / "fonts"


def _make_subset_module() -> ModuleType:
    """resources/fonts/make_subset.py, which is a script, not a package's module."""
    spec = importlib.util.spec_from_file_location("make_subset", FONT_DIR / "make_subset.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _missing_font(tmp_path: Path) -> Path:
    return tmp_path / "fonts" / "wqy-microhei-receipt.ttf"


def test_the_receipt_font_is_the_one_shipped_with_its_licence_beside_it() -> None:
    assert RECEIPT_FONT.parent == FONT_DIR
    assert RECEIPT_FONT.is_file()
    assert RECEIPT_FONT.stat().st_size < 3_000_000  # a subset, not the whole 5 MB font
    licence = (FONT_DIR / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "WenQuanYi" in licence and "Apache License" in licence


def test_raster_receipts_use_only_the_shipped_font_never_one_of_this_computer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No Chinese font for fontconfig to find: the receipt is drawn all the same.
    empty = tmp_path / "fonts.conf"
    empty.write_text("<?xml version='1.0'?><fontconfig></fontconfig>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    document = (Text("可口可乐 ￥3.50"),)
    drawn = render(document, width=32, mode="raster")
    assert drawn == render(document, width=32, mode="raster", font=RECEIPT_FONT)
    assert only_image(decode(drawn)).ink > 0
    # Without the shipped file there is no other font to fall back on: the same receipt fails.
    monkeypatch.setattr(escpos_render, "RECEIPT_FONT", _missing_font(tmp_path))
    with pytest.raises(ChineseFontMissing):
        render(document, width=32, mode="raster")


def test_the_shipped_font_draws_hanzi_not_the_missing_box() -> None:
    font = ImageFont.truetype(str(RECEIPT_FONT), RASTER_FONT_SIZE)
    missing = bytes(font.getmask("͸"))  # a code point Unicode leaves unassigned
    for char in "可口可乐合计￥，。":
        glyph = font.getmask(char)
        assert glyph.getbbox() is not None, f"{char} is blank"
        assert bytes(glyph) != missing, f"{char} is the missing box"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_the_shipped_font_draws_every_character_of_the_sample_receipts(
    template: str, width: int, caplog: pytest.LogCaptureFixture
) -> None:
    layout, _ = TEMPLATES[template]
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        render(layout(width), width=width, mode="raster")
    assert "cannot draw" not in caplog.text


def test_the_shipped_font_holds_the_characters_make_subset_lists() -> None:
    make_subset = _make_subset_module()
    wanted = {ord(char) for char in make_subset.receipt_characters()}
    with TTFont(RECEIPT_FONT) as font:
        held = set(font.getBestCmap())
    everyday = {ord(char) for char in make_subset.gb2312_characters()} | set(range(0x20, 0x7F))
    assert len(everyday) > 7000 and everyday <= held  # all of GB2312, ASCII
    assert {ord(char) for char in "·×￥“”…—"} <= held  # what receipts print besides
    # Little else: code points drawn with a kept glyph (as ∼ with ～) stay mapped to it.
    assert len(held - wanted) < 10


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").is_file(),
    reason="needs the source font, Debian's fonts-wqy-microhei (CI installs it)",
)
def test_make_subset_remakes_the_shipped_font_byte_for_byte(tmp_path: Path) -> None:
    made = _make_subset_module().make_subset(output=tmp_path / "again.ttf")
    assert made.read_bytes() == RECEIPT_FONT.read_bytes()


def test_a_missing_shipped_font_is_a_plain_printer_setup_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = _missing_font(tmp_path)
    monkeypatch.setattr(escpos_render, "RECEIPT_FONT", missing)
    with pytest.raises(ChineseFontMissing) as caught:
        render((Text("可乐"),), width=32, mode="raster")
    assert str(caught.value) == MSG_BAD_FONT.replace("%1", str(missing))
    assert isinstance(caught.value, PrinterConfigError)
    # Text mode needs no font at all.
    assert decode(render((Text("可乐"),), width=32)).lines == ["可乐"]


def test_an_unreadable_font_file_says_which(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(ChineseFontMissing, match=r"broken\.ttf"):
        render((Text("可乐"),), width=32, mode="raster", font=bad)


# -- the decoder's side ------------------------------------------------------------------------


def test_decoder_refuses_raster_images_it_does_not_expect() -> None:
    with pytest.raises(DecodeError):
        decode(b"\x1dv0\x03\x01\x00\x01\x00\xff")  # quadruple size
    with pytest.raises(DecodeError):
        decode(b"\x1dv1\x00\x01\x00\x01\x00\xff")  # not GS v 0
    with pytest.raises(DecodeError):
        decode(b"\x1dv0\x00\x02\x00\x02\x00\xff")  # cut short
    with pytest.raises(DecodeError):
        decode(b"abc\x1dv0\x00\x01\x00\x01\x00\xff")  # inside a text line
    with pytest.raises(DecodeError):
        decode(b"\x1dv0\x00\x00\x00\x01\x00")  # empty


def test_decoder_paper_view_marks_the_images() -> None:
    decoded = raster(Text("合计"), Cut())
    assert decoded.paper(32)[:1] == [f"[IMAGE {dot_width(32)}x{RASTER_LINE_HEIGHT}]"]
    assert "#" in only_image(raster(Text("合计"))).ascii()


# -- the setting -------------------------------------------------------------------------------


def test_printer_render_setting_is_read_validated_and_saved(tmp_path: Path) -> None:
    assert load_config(tmp_path).printer_render == "text"
    (tmp_path / CONFIG_FILE_NAME).write_text('printer_render = "raster"\n', encoding="utf-8")
    assert load_config(tmp_path).printer_render == "raster"
    (tmp_path / CONFIG_FILE_NAME).write_text('printer_render = "image"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="printer_render 应为 text（文字打印）或 raster"):
        load_config(tmp_path)
    (tmp_path / CONFIG_FILE_NAME).unlink()
    assert save_settings(tmp_path, {"printer_render": "raster"}).printer_render == "raster"
    before = (tmp_path / CONFIG_FILE_NAME).read_bytes()
    with pytest.raises(ConfigError):
        save_settings(tmp_path, {"printer_render": 1})
    assert (tmp_path / CONFIG_FILE_NAME).read_bytes() == before


def test_the_print_queue_prints_as_the_setting_says(db: Database) -> None:
    printer = DummyPrinter()
    config = Config(data_dir=Path("."), receipt_width=RECEIPT_WIDTH_80MM, printer_render="raster")
    queue = PrintQueue(db, lambda: printer, config)
    outcome = queue.print_document("test", (Text("测试打印", align="center"), Cut()))
    assert outcome.ok
    decoded = decode(printer.output)
    assert {image.width for image in decoded.images} == {576}
    assert decoded.lines == []
    # Saved settings reach a running queue through its config, as apply_settings sets it.
    queue.config = Config(data_dir=Path("."), receipt_width=RECEIPT_WIDTH_80MM)
    printer.clear()
    assert queue.print_document("test", (Text("测试打印"),)).ok
    assert decode(printer.output).lines == ["测试打印"]


def test_a_raster_receipt_reaches_a_network_printer_whole() -> None:
    data = render(sale_receipt(SALE, RECEIPT_WIDTH_80MM), width=RECEIPT_WIDTH_80MM, mode="raster")
    assert len(data) > 50_000  # far more than a text receipt: the send time grows with it
    with NetworkPrinter() as listener:
        delivery = open_printer(listener.uri, 0.5).send(data)
        (job,) = listener.wait_for_jobs(1)
    assert delivery.confirmed  # the printer answered after reading all of it
    assert job == PAPER_STATUS_QUERY + data + PAPER_STATUS_QUERY
    decoded = decode(job)
    assert decoded.commands[0] == ("status_query", "4")
    assert {image.width for image in decoded.images} == {576}


def test_no_font_fails_the_job_with_the_message_and_stops_the_queue(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = _missing_font(tmp_path)
    monkeypatch.setattr(escpos_render, "RECEIPT_FONT", missing)
    printer = DummyPrinter()
    config = Config(data_dir=Path("."), printer_render="raster")
    queue = PrintQueue(db, lambda: printer, config)
    with db.transaction() as session:
        first = enqueue(session, PrintJobKind.TEST, (Text("一"),))
        enqueue(session, PrintJobKind.TEST, (Text("二"),))
    outcomes = queue.print_pending()
    assert [outcome.job_id for outcome in outcomes] == [first]  # stopped after the first
    assert outcomes[0].error == MSG_BAD_FONT.replace("%1", str(missing))
    with db.reading() as session:
        row = session.get(PrintJobRow, first)
        assert row is not None and row.status is PrintStatus.FAILED
        assert row.last_error == outcomes[0].error
