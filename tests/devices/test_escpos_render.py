"""ESC/POS rendering: what the printer receives, read back with the test decoder.

The golden files under ``golden/`` are one sample of every template (``receipt_samples.TEMPLATES``:
sale, refund, sale with a member, X and final shift reports, stored-value top-up and spend,
redemption, count card, enrolment) at 58 mm and 80 mm, as the slip reads (``.txt``) and as raw
bytes (``.bin``), printed as text. Regenerate them only on purpose, after reading the difference:
``REGENERATE_GOLDEN=1 .venv/bin/pytest tests/devices/test_escpos_render.py``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM
from app.devices.escpos_render import CHINESE_OFF, CHINESE_ON, encode_text, render
from app.pos.receipts import (
    QR,
    Cut,
    Feed,
    Rule,
    Text,
    display_width,
    sale_receipt,
    shift_report,
)
from tests.devices.escpos_decoder import decode
from tests.devices.receipt_samples import SALE, SHIFT, TEMPLATES

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("REGENERATE_GOLDEN") == "1"


PAPERS = {"58mm": RECEIPT_WIDTH_58MM, "80mm": RECEIPT_WIDTH_80MM}


@pytest.mark.parametrize("paper_name", PAPERS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_matches_its_golden_slip(template: str, paper_name: str) -> None:
    width = PAPERS[paper_name]
    layout, open_drawer = TEMPLATES[template]
    data = render(layout(width), width=width, open_drawer=open_drawer)
    decoded = decode(data)
    paper = "\n".join(decoded.paper(width)) + "\n"
    stem = f"{template}_{paper_name}"
    text_file, bytes_file = GOLDEN / f"{stem}.txt", GOLDEN / f"{stem}.bin"
    if REGENERATE:
        text_file.write_text(paper, encoding="utf-8")
        bytes_file.write_bytes(data)
    assert paper == text_file.read_text(encoding="utf-8")
    assert data == bytes_file.read_bytes()
    assert "?" not in decoded.text  # nothing replaced: every character of the samples prints
    for line in decoded.styled:  # nothing wider than the paper
        assert display_width(line.text) <= (width // 2 if line.double else width), line
    assert decoded.commands[-1][0] == "cut"


def test_every_golden_file_belongs_to_a_template() -> None:
    expected = {
        f"{t}_{p}{suffix}" for t in TEMPLATES for p in PAPERS for suffix in (".txt", ".bin")
    }
    assert {path.name for path in GOLDEN.iterdir()} == expected


def test_golden_slips_hold_what_each_template_is_for() -> None:
    def paper(template: str) -> str:
        return (GOLDEN / f"{template}_58mm.txt").read_text(encoding="utf-8")

    assert "退货单" in paper("refund") and "原单号：S001-01-20261123-0042" in paper("refund")
    member = paper("sale_member")
    assert "卡号：****5678" in member and "6222000012345678" not in member
    assert "积分余额" in member and "储值余额" in member
    assert "X 报表" in paper("shift_x") and "签字" not in paper("shift_x")
    assert "交班报表" in paper("shift_final") and "店长签字：" in paper("shift_final")
    assert "充值" in paper("stored_value_top_up") and "赠送金额" in paper("stored_value_top_up")
    assert "消费" in paper("stored_value_spend") and "本金" in paper("stored_value_spend")
    assert "积分兑换凭条" in paper("redemption") and "兑换后积分" in paper("redemption")
    assert "次卡消费凭条" in paper("count_card") and "剩余次数" in paper("count_card")
    assert "会员入会凭条" in paper("enrolment") and "****4321" in paper("enrolment")


@pytest.mark.parametrize("width", [RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM])
def test_render_and_decode_give_back_the_lines(width: int) -> None:
    document = sale_receipt(SALE, width)
    decoded = decode(render(document, width=width))
    texts = [block.text for block in document if isinstance(block, Text)]
    printed = [line for line in decoded.lines if line and set(line) != {"-"}]
    assert printed == texts
    assert "可口可乐 330ml" in decoded.text
    assert "￥50.40" in decoded.text


def test_commands_come_in_order_init_text_qr_cut() -> None:
    decoded = decode(render(sale_receipt(SALE, RECEIPT_WIDTH_58MM), width=RECEIPT_WIDTH_58MM))
    names = [command[0] for command in decoded.commands]
    assert names[0] == "init"
    assert ("qr", SALE.receipt_no) in decoded.commands
    assert ("qr_size", "6") in decoded.commands
    assert decoded.commands[-2:] == [("feed", "6"), ("cut", "full")]
    assert "drawer" not in names


def test_drawer_kick_is_esc_p_pin_2_for_50_ms_right_after_init() -> None:
    data = render((Text("x"),), width=RECEIPT_WIDTH_58MM, open_drawer=True)
    assert data.startswith(b"\x1b@\x1bp\x00\x19\xfa")
    assert decode(data).commands[1] == ("drawer", "2", "25", "250")


def test_chinese_text_goes_out_as_gb18030_inside_chinese_mode() -> None:
    data = render((Text("可口可乐"),), width=RECEIPT_WIDTH_58MM)
    assert CHINESE_ON + "可口可乐".encode("gb18030") + CHINESE_OFF + b"\n" in data
    decoded = decode(data)
    assert decoded.lines == ["可口可乐"]
    assert ("chinese", "on") in decoded.commands


def test_plain_ascii_lines_stay_outside_chinese_mode() -> None:
    data = render((Text("TOTAL 12.50"),), width=RECEIPT_WIDTH_58MM)
    assert b"TOTAL 12.50\n" in data
    assert CHINESE_ON not in data


def test_yen_sign_is_always_printed_full_width() -> None:
    data = render((Text("¥12.50 ￥3.00"),), width=RECEIPT_WIDTH_58MM)
    decoded = decode(data)
    assert decoded.lines == ["￥12.50 ￥3.00"]
    assert "¥" not in decoded.text
    assert "¥".encode("gb18030") not in data


def test_double_size_uses_gs_exclamation_so_chinese_grows_too() -> None:
    data = render((Text("合计", double=True), Text("x")), width=RECEIPT_WIDTH_58MM)
    assert b"\x1d!\x11" in data
    assert b"\x1d!\x00" in data
    decoded = decode(data)
    assert decoded.line_with("合计").double
    assert not decoded.line_with("x").double


def test_styles_are_sent_only_when_they_change() -> None:
    document = (Text("a", bold=True), Text("b", bold=True), Text("c"))
    commands = decode(render(document, width=RECEIPT_WIDTH_58MM)).commands
    assert commands.count(("bold", "on")) == 1
    assert commands.count(("bold", "off")) == 1


def test_alignment_and_bold_reach_the_lines() -> None:
    document = (Text("店名", align="center", bold=True), Text("right", align="right"))
    decoded = decode(render(document, width=RECEIPT_WIDTH_58MM))
    assert decoded.line_with("店名").align == "center"
    assert decoded.line_with("店名").bold
    assert decoded.line_with("right").align == "right"
    assert not decoded.line_with("right").bold


def test_a_line_too_wide_for_the_paper_is_wrapped_by_the_renderer() -> None:
    decoded = decode(render((Text("可" * 20),), width=RECEIPT_WIDTH_58MM))
    assert decoded.lines == ["可" * 16, "可" * 4]


def test_rules_span_the_paper_and_are_never_double() -> None:
    document = (Text("大", double=True), Rule("="), Rule("＝"))
    decoded = decode(render(document, width=RECEIPT_WIDTH_80MM))
    assert decoded.lines[1:] == ["=" * 48, "＝" * 24]
    assert not decoded.line_with("=").double


def test_feed_and_partial_cut() -> None:
    decoded = decode(render((Feed(2), Feed(0), Cut(partial=True)), width=RECEIPT_WIDTH_58MM))
    assert decoded.commands == [("init",), ("feed", "2"), ("feed", "6"), ("cut", "partial")]


def test_unencodable_character_is_shown_as_a_mark_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        data = render((Text("苹果\ud800汁"),), width=RECEIPT_WIDTH_58MM)
    assert decode(data).lines == ["苹果?汁"]
    assert "U+D800" in caplog.text


def test_gbk_printers_get_a_mark_for_characters_beyond_gbk(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        data = render((Text("𠮷野家 牛丼"),), width=RECEIPT_WIDTH_58MM, encoding="gbk")
    assert decode(data).lines == ["??野家 牛丼"]  # the wide character keeps its two columns
    assert "U+20BB7" in caplog.text
    assert render((Text("𠮷"),), width=RECEIPT_WIDTH_58MM).count("𠮷".encode("gb18030")) == 1


def test_control_characters_in_text_never_reach_the_printer_as_commands(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.devices.escpos_render"):
        data = render((Text("可乐\x1bp\x00\x19\x1d"),), width=RECEIPT_WIDTH_58MM)
    decoded = decode(data)  # would raise on a stray command
    assert decoded.lines == ["可乐?p???"]
    assert "drawer" not in [c[0] for c in decoded.commands]
    assert "U+001B" in caplog.text


def test_ideographic_space_is_printed_not_marked() -> None:
    assert encode_text("可\u3000乐") == "可\u3000乐".encode("gb18030")


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported printer encoding"):  # a caller's bug
        render((), width=32, encoding="big5")  # type: ignore[arg-type]


def test_shift_report_renders_and_decodes() -> None:
    decoded = decode(render(shift_report(SHIFT, RECEIPT_WIDTH_58MM), width=RECEIPT_WIDTH_58MM))
    assert decoded.line_with("交班报表").double
    assert "5230.00" in decoded.text
    assert decoded.commands[-1] == ("cut", "full")


def test_qr_block_sends_native_qr_commands() -> None:
    decoded = decode(render((QR("S001-01-20261123-0042", size=4),), width=RECEIPT_WIDTH_80MM))
    assert ("align", "center") in decoded.commands
    assert ("qr_size", "4") in decoded.commands
    assert ("qr", "S001-01-20261123-0042") in decoded.commands


printable = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(text=printable, double=st.booleans(), width=st.sampled_from([32, 48]))
def test_any_printable_text_round_trips_through_the_printer_bytes(
    text: str, double: bool, width: int
) -> None:
    decoded = decode(render((Text(text, double=double),), width=width))
    columns = width // 2 if double else width
    assert "".join(decoded.lines).replace(" ", "") == text.replace("¥", "￥").replace(" ", "")
    assert all(display_width(line) <= columns for line in decoded.lines)
