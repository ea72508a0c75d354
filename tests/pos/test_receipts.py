"""Receipt layout as data: widths, wrapping, the JSON the print queue stores."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config import RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM
from app.members.card_numbers import mask_card
from app.pos.receipts import (
    QR,
    REPRINT_MARK,
    STORED_VALUE_KINDS,
    CountCardSlipData,
    Cut,
    Document,
    EnrolmentSlipData,
    Feed,
    ReceiptFormatError,
    ReceiptLine,
    ReceiptPayment,
    RedemptionSlipData,
    Rule,
    SaleReceiptData,
    ShiftMethodRow,
    ShiftReportData,
    StoredValueSlipData,
    StoredValueSlipKind,
    Text,
    char_width,
    count_card_slip,
    display_width,
    document_from_json,
    document_to_json,
    enrolment_slip,
    mark_reprint,
    pad_between,
    preview_lines,
    redemption_slip,
    sale_receipt,
    shift_report,
    stored_value_slip,
    wrap,
)
from app.pos.slip_context import SlipContext
from tests.devices.receipt_samples import SALE, SHIFT

WIDTHS = (RECEIPT_WIDTH_58MM, RECEIPT_WIDTH_80MM)


def texts(document: tuple[object, ...]) -> list[str]:
    return [block.text for block in document if isinstance(block, Text)]


def assert_fits(document: tuple[object, ...], width: int) -> None:
    for block in document:
        if isinstance(block, Text):
            columns = width // 2 if block.double else width
            assert display_width(block.text) <= columns, (block, width)


def test_chinese_and_full_width_characters_take_two_columns() -> None:
    assert display_width("可口可乐") == 8
    assert display_width("Cola") == 4
    assert display_width("￥12.50") == 7
    assert display_width("¥12.50") == 7  # printed as ￥
    assert char_width("，") == 2
    assert char_width("×") == 2  # GBK prints it as a double-byte glyph


def test_wrap_breaks_chinese_anywhere_and_latin_words_at_spaces() -> None:
    assert wrap("可口可乐可口可乐", 6) == ["可口可", "乐可口", "可乐"]
    assert wrap("Nongfu Spring Water", 10) == ["Nongfu", "Spring", "Water"]
    assert wrap("ABCDEFGHIJKL", 5) == ["ABCDE", "FGHIJ", "KL"]
    assert wrap("", 10) == [""]
    assert wrap("第一行\n第二行", 20) == ["第一行", "第二行"]


def test_wide_character_never_split_across_the_edge() -> None:
    assert wrap("a可口", 4) == ["a可", "口"]


def test_pad_between_puts_the_amount_flush_right() -> None:
    assert pad_between("小计", "12.50", 16) == ["小计       12.50"]
    assert display_width(pad_between("小计", "12.50", 16)[0]) == 16


def test_pad_between_moves_the_amount_down_when_the_label_fills_the_line() -> None:
    lines = pad_between("很长很长很长的名字", "12.50", 18)
    assert lines == ["很长很长很长的名字", "             12.50"]


@pytest.mark.parametrize("width", WIDTHS)
def test_sale_receipt_shows_every_part_of_the_sale(width: int) -> None:
    document = sale_receipt(SALE, width)
    joined = "\n".join(texts(document))
    for expected in (
        "示范便利店",
        "单号：S001-01-20261123-0042",
        "收银员：小王",
        "时间：2026-11-23 14:05",
        "可口可乐 330ml",
        "会员九折",
        "-0.70",
        "2瓶 x 3.50",
        "0.355kg x 12.00",
        "小计",
        "51.16",
        "抹零",
        "-0.06",
        "￥50.40",
        "微信支付",
        "参考号：4200001",
        "实收",
        "50.00",
        "找零",
        "19.60",
        "谢谢惠顾，欢迎再来",
    ):
        assert expected in joined, expected
    assert REPRINT_MARK not in joined
    assert "退货单" not in joined
    assert QR("S001-01-20261123-0042") in document
    assert isinstance(document[-1], Cut)
    assert isinstance(document[-2], Feed)


@pytest.mark.parametrize("width", WIDTHS)
def test_amount_columns_end_at_the_right_edge(width: int) -> None:
    document = sale_receipt(SALE, width)
    for block in document:
        if isinstance(block, Text) and block.text.endswith(("7.00", "-0.70", "51.16", "19.60")):
            assert display_width(block.text) == width, block


@pytest.mark.parametrize("width", WIDTHS)
def test_store_name_and_total_are_double_size(width: int) -> None:
    document = sale_receipt(SALE, width)
    doubles = [b for b in document if isinstance(b, Text) and b.double]
    assert doubles[0] == Text("示范便利店", align="center", double=True)
    total = next(b for b in doubles if "合计" in b.text)
    assert total.bold
    assert total.text.endswith("￥50.40")
    assert display_width(total.text) == width // 2


def test_long_item_name_wraps_on_its_own_lines() -> None:
    document = sale_receipt(SALE, RECEIPT_WIDTH_58MM)
    lines = texts(document)
    start = lines.index("农夫山泉天然矿泉水 Nongfu Spring")
    assert lines[start + 1] == "550ml 大瓶装整箱特惠"
    assert lines[start + 2].startswith("  1箱 x 39.90")


def test_refund_receipt_says_so_and_names_the_original() -> None:
    refund = dataclasses.replace(
        SALE, kind="refund", original_receipt_no="S001-01-20261120-0007", change_fen=0
    )
    joined = "\n".join(texts(sale_receipt(refund, RECEIPT_WIDTH_58MM)))
    assert "退货单" in joined
    assert "原单号：S001-01-20261120-0007" in joined
    assert "退款合计" in joined
    assert "找零" not in joined


def test_on_account_sale_names_the_customer_with_a_signature_line() -> None:
    on_account = dataclasses.replace(
        SALE,
        payments=(ReceiptPayment("挂账", 5040, 5040),),
        change_fen=0,
        customer_name="张三（幸福小区）",
    )
    joined = "\n".join(texts(sale_receipt(on_account, RECEIPT_WIDTH_80MM)))
    assert "挂账客户：张三（幸福小区）" in joined
    assert "客户签字：" in joined


def test_reprint_is_marked_on_top() -> None:
    document = sale_receipt(dataclasses.replace(SALE, reprint=True), RECEIPT_WIDTH_58MM)
    assert document[0] == Text(REPRINT_MARK, align="center", bold=True)
    assert mark_reprint(sale_receipt(SALE, RECEIPT_WIDTH_58MM)) == document


def test_marking_a_reprint_twice_marks_it_once() -> None:
    document = mark_reprint(mark_reprint(sale_receipt(SALE, RECEIPT_WIDTH_58MM)))
    assert texts(document).count(REPRINT_MARK) == 1


def test_rounding_up_prints_as_an_addition() -> None:
    document = sale_receipt(dataclasses.replace(SALE, rounding_fen=-4), RECEIPT_WIDTH_58MM)
    rounding = next(t for t in texts(document) if t.startswith("抹零"))
    assert rounding.endswith("+0.04")


def test_tabs_and_line_breaks_in_names_become_spaces() -> None:
    line = dataclasses.replace(SALE.lines[0], name="可口\t可乐\n330ml")
    document = sale_receipt(dataclasses.replace(SALE, lines=(line,)), RECEIPT_WIDTH_58MM)
    assert "可口 可乐 330ml" in texts(document)


@pytest.mark.parametrize("width", WIDTHS)
def test_document_survives_json_exactly(width: int) -> None:
    for document in (sale_receipt(SALE, width), shift_report(SHIFT, width)):
        text = document_to_json(document)
        assert document_from_json(text) == document
        assert json.loads(text)["version"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"version": 2, "blocks": []}',
        '{"version": 1}',
        '{"version": 1, "blocks": [{"type": "picture"}]}',
        '{"version": 1, "blocks": [{"type": "text", "text": "a", "align": "middle"}]}',
        '{"version": 1, "blocks": [{"type": "text", "text": 5}]}',
        '{"version": 1, "blocks": [{"type": "feed", "lines": true}]}',
        '{"version": 1, "blocks": [{"type": "feed", "lines": 999}]}',
        '{"version": 1, "blocks": [{"type": "qr", "data": ""}]}',
        '{"version": 1, "blocks": [{"type": "rule", "char": "--"}]}',
        '{"version": 1, "blocks": [{"type": "cut", "speed": 3}]}',
        '{"version": 1, "blocks": ["text"]}',
    ],
)
def test_broken_stored_documents_are_refused_plainly(text: str) -> None:
    with pytest.raises(ReceiptFormatError):
        document_from_json(text)


@pytest.mark.parametrize("width", WIDTHS)
def test_shift_report_final_lists_methods_with_variance(width: int) -> None:
    document = shift_report(SHIFT, width)
    joined = "\n".join(texts(document))
    assert "交班报表" in joined
    assert "X 报表" not in joined
    for expected in ("备用金", "200.00", "销售笔数", "42", "退货笔数", "退款额", "-12.50"):
        assert expected in joined, expected
    assert "￥12332.50" in joined  # net sales
    assert "存入现金" in joined
    assert "取出现金" in joined
    lines = texts(document)
    cash = lines.index("现金")
    assert lines[cash + 1].split() == ["应收", "5234.00"]
    assert lines[cash + 2].split() == ["实点", "5230.00"]
    assert lines[cash + 3].split() == ["差额", "-4.00"]
    alipay = lines.index("支付宝")
    assert lines[alipay + 1].split() == ["应收", "898.50"]
    assert "实点" not in lines[alipay + 2]
    assert "收银员签字：" in joined
    assert_fits(document, width)


def test_x_report_is_titled_so_and_has_no_signatures() -> None:
    report = dataclasses.replace(SHIFT, is_final=False, closed_at=None)
    joined = "\n".join(texts(shift_report(report, RECEIPT_WIDTH_58MM)))
    assert "X 报表" in joined
    assert "交班报表" not in joined
    assert "交班：" not in joined
    assert "签字" not in joined


def test_preview_centres_and_keeps_within_the_paper() -> None:
    lines = preview_lines(sale_receipt(SALE, RECEIPT_WIDTH_58MM), RECEIPT_WIDTH_58MM)
    assert lines[0] == "   示范便利店"  # double size: centred on 16 double-width columns
    assert all(display_width(line) <= RECEIPT_WIDTH_58MM for line in lines)
    assert "-" * RECEIPT_WIDTH_58MM in lines


def test_blocks_refuse_impossible_values() -> None:
    with pytest.raises(ReceiptFormatError):
        Feed(-1)
    with pytest.raises(ReceiptFormatError):
        QR("x", size=17)
    with pytest.raises(ReceiptFormatError):
        Rule("")
    assert Rule("=").char == "="


# -- whatever the names and amounts, nothing runs past the paper's edge ----------------------------

names = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from("可口可乐农夫山泉￥¥，。（）×·① "),
    ),
    max_size=60,
)
amounts = st.integers(min_value=-(10**11), max_value=10**11)


@st.composite
def receipt_lines(draw: st.DrawFn) -> ReceiptLine:
    return ReceiptLine(
        name=draw(names),
        qty_milli=draw(st.integers(min_value=-(10**7), max_value=10**7)),
        unit=draw(st.text(max_size=6)),
        unit_price_fen=draw(amounts),
        gross_fen=draw(amounts),
        discount_fen=draw(amounts),
        net_fen=draw(amounts),
        discount_label=draw(st.none() | names),
    )


@st.composite
def sales(draw: st.DrawFn) -> SaleReceiptData:
    return SaleReceiptData(
        slip=SlipContext(
            store_name=draw(names),
            header=draw(names),
            footer=draw(names),
            cashier_name=draw(names),
            printed_at="2026-11-23 14:05",
        ),
        receipt_no=draw(st.from_regex(r"S\d{3}-\d{2}-\d{8}-\d{4}", fullmatch=True)),
        kind=draw(st.sampled_from(["sale", "refund"])),
        lines=tuple(draw(st.lists(receipt_lines(), max_size=4))),
        subtotal_fen=draw(amounts),
        discount_fen=draw(amounts),
        rounding_fen=draw(amounts),
        total_fen=draw(amounts),
        payments=tuple(
            draw(
                st.lists(
                    st.builds(
                        ReceiptPayment,
                        label=names,
                        amount_fen=amounts,
                        tendered_fen=amounts,
                        reference=st.none() | names,
                    ),
                    max_size=3,
                )
            )
        ),
        change_fen=draw(amounts),
        original_receipt_no=draw(st.none() | names),
        customer_name=draw(st.none() | names),
        reprint=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None)
@given(data=sales(), width=st.sampled_from(WIDTHS))
def test_no_sale_receipt_line_is_wider_than_the_paper(data: SaleReceiptData, width: int) -> None:
    document = sale_receipt(data, width)
    assert_fits(document, width)
    assert document_from_json(document_to_json(document)) == document


@settings(max_examples=100, deadline=None)
@given(
    data=st.builds(
        ShiftReportData,
        slip=st.builds(SlipContext, store_name=names, cashier_name=names, printed_at=st.just("")),
        shift_id=names,
        opened_at=names,
        closed_at=st.none() | names,
        opening_float_fen=amounts,
        sales_count=st.integers(min_value=0, max_value=10**9),
        refunds_count=st.integers(min_value=0, max_value=10**9),
        gross_sales_fen=amounts,
        refunds_fen=amounts,
        methods=st.lists(
            st.builds(
                ShiftMethodRow,
                label=names,
                expected_fen=amounts,
                counted_fen=st.none() | amounts,
                variance_fen=st.none() | amounts,
            ),
            max_size=5,
        ).map(tuple),
        cash_in_fen=amounts,
        cash_out_fen=amounts,
        is_final=st.booleans(),
    ),
    width=st.sampled_from(WIDTHS),
)
def test_no_shift_report_line_is_wider_than_the_paper(data: ShiftReportData, width: int) -> None:
    assert_fits(shift_report(data, width), width)


@given(text=names, columns=st.integers(min_value=2, max_value=60))
def test_wrap_keeps_every_character_but_spaces_at_breaks(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(display_width(line) <= columns for line in lines)
    flat = re.sub(r"\r\n|\r|\n| ", "", text)
    assert "".join(lines).replace(" ", "") == flat


# -- member section and member slips ------------------------------------------------------------

MEMBER_SALE = dataclasses.replace(
    SALE,
    member_name="张三",
    member_card_masked="****5678",
    member_level="金卡",
    points_earned=12,
    points_balance=340,
    stored_value_balance_fen=123_00,
    stored_value_paid_fen=30_00,
)


#: Who printed the member slips below, where and when.
SLIP = SlipContext("好邻居便利店", "小王", "2026-11-23 14:05")


def top_up_slip(card: str = "****5678", **changes: object) -> StoredValueSlipData:
    data = StoredValueSlipData(
        slip=SLIP,
        kind=StoredValueSlipKind.TOP_UP,
        member_name="张三",
        card_no_masked=card,
        principal_fen=500_00,
        bonus_fen=100_00,
        balance_before_fen=23_00,
        balance_after_fen=623_00,
        principal_after_fen=523_00,
        bonus_after_fen=100_00,
        entry_no="0192f0c4-7c1e-7d3a-9b1e-1234567890ab",
        receipt_no="S001-01-20261123-0042",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def redemption(card: str = "****5678") -> RedemptionSlipData:
    return RedemptionSlipData(
        slip=SLIP,
        member_name="张三",
        card_no_masked=card,
        gift_name="保温杯（大号）",
        quantity=1,
        points_spent=300,
        points_before=640,
        points_after=340,
        entry_no="0192f0c4-7c1e-7d3a-9b1e-1234567890ac",
    )


def count_card_use(card: str = "****5678") -> CountCardSlipData:
    return CountCardSlipData(
        slip=dataclasses.replace(SLIP, store_name="美丽人生美容院"),
        member_name="张三",
        card_no_masked=card,
        card_name="面部护理十次卡",
        service="面部护理",
        uses_now=1,
        uses_left=7,
        valid_until="2027-11-23",
        entry_no="0192f0c4-7c1e-7d3a-9b1e-1234567890ad",
    )


def enrolment(card: str = "****5678") -> EnrolmentSlipData:
    return EnrolmentSlipData(
        slip=SLIP,
        member_name="张三",
        card_no_masked=card,
        level="普通卡",
        joined_on="2026-11-23",
    )


def every_slip(card: str, width: int) -> list[Document]:
    spend = top_up_slip(card, kind=StoredValueSlipKind.SPEND, principal_fen=20_00, bonus_fen=10_00)
    return [
        sale_receipt(dataclasses.replace(MEMBER_SALE, member_card_masked=card), width),
        stored_value_slip(top_up_slip(card), width),
        stored_value_slip(spend, width),
        redemption_slip(redemption(card), width),
        count_card_slip(count_card_use(card), width),
        enrolment_slip(enrolment(card), width),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_sale_receipt_of_a_member_shows_card_points_and_balance(width: int) -> None:
    lines = texts(sale_receipt(MEMBER_SALE, width))
    joined = "\n".join(lines)
    assert "会员：张三" in lines
    assert "卡号：****5678" in lines
    assert "等级：金卡" in lines
    assert any(line.startswith("本单积分") and line.endswith("+12") for line in lines)
    assert any(line.startswith("积分余额") and line.endswith("340") for line in lines)
    assert any(line.startswith("储值支付") and line.endswith("￥30.00") for line in lines)
    assert any(line.startswith("储值余额") and line.endswith("￥123.00") for line in lines)
    assert joined.index("储值余额") < joined.index(SALE.slip.footer.splitlines()[0].strip())
    assert_fits(sale_receipt(MEMBER_SALE, width), width)


def test_sale_receipt_without_a_member_has_no_member_section() -> None:
    lines = texts(sale_receipt(SALE, 32))
    assert not any(line.startswith(("会员：", "卡号：", "本单积分", "储值余额")) for line in lines)


def test_refund_of_a_member_sale_prints_the_points_taken_back() -> None:
    refund = dataclasses.replace(MEMBER_SALE, kind="refund", points_earned=-12)
    lines = texts(sale_receipt(refund, 32))
    assert any(line.startswith("本单积分") and line.endswith("-12") for line in lines)
    assert "退货单" in lines


@pytest.mark.parametrize("width", WIDTHS)
def test_top_up_slip_shows_amount_bonus_and_both_balances_with_parts(width: int) -> None:
    document = stored_value_slip(top_up_slip(), width)
    lines = texts(document)
    assert_fits(document, width)
    assert "储值凭条" in lines and "充值" in lines
    for label, amount in [
        ("充值金额", "￥500.00"),
        ("赠送金额", "￥100.00"),
        ("到账合计", "￥600.00"),
        ("充值前余额", "￥23.00"),
        ("充值后余额", "￥623.00"),
        ("  其中本金", "￥523.00"),
        ("  其中赠送", "￥100.00"),
    ]:
        assert any(line.startswith(label) and line.endswith(amount) for line in lines), label
    assert "卡号：****5678" in lines
    assert "收银员：小王" in lines and "时间：2026-11-23 14:05" in lines
    assert "单号：S001-01-20261123-0042" in lines
    assert isinstance(document[-1], Cut)


@pytest.mark.parametrize("width", WIDTHS)
def test_spend_slip_shows_what_each_part_paid_and_the_balance_before_and_after(
    width: int,
) -> None:
    data = top_up_slip(
        kind=StoredValueSlipKind.SPEND,
        principal_fen=20_00,
        bonus_fen=10_00,
        balance_before_fen=653_00,
        balance_after_fen=623_00,
    )
    lines = texts(stored_value_slip(data, width))
    assert "消费" in lines
    for label, amount in [
        ("消费金额", "￥30.00"),
        ("  本金", "￥20.00"),
        ("  赠送金", "￥10.00"),
        ("消费前余额", "￥653.00"),
        ("消费后余额", "￥623.00"),
    ]:
        assert any(line.startswith(label) and line.endswith(amount) for line in lines), label
    assert not any(line.startswith("赠送金额") for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_redemption_count_card_and_enrolment_slips(width: int) -> None:
    gift = texts(redemption_slip(redemption(), width))
    assert "积分兑换凭条" in gift and "保温杯（大号）" in gift
    assert any(line.startswith("消耗积分") and line.endswith("300") for line in gift)
    assert any(line.startswith("兑换前积分") and line.endswith("640") for line in gift)
    assert any(line.startswith("兑换后积分") and line.endswith("340") for line in gift)
    uses = texts(count_card_slip(count_card_use(), width))
    assert "次卡消费凭条" in uses and "项目：面部护理" in uses
    assert any(line.startswith("本次使用") and line.endswith("1 次") for line in uses)
    assert any(line.startswith("剩余次数") and line.endswith("7 次") for line in uses)
    assert any(line.startswith("有效期至") and line.endswith("2027-11-23") for line in uses)
    welcome = texts(enrolment_slip(enrolment(), width))
    assert "会员入会凭条" in welcome and "欢迎您成为本店会员！" in welcome
    assert "等级：普通卡" in welcome and "卡号：****5678" in welcome
    for document in every_slip("****5678", width):
        assert_fits(document, width)
        assert document_from_json(document_to_json(document)) == document


@settings(max_examples=60, deadline=None)
@given(
    card=st.from_regex(r"88\d{4,18}", fullmatch=True),
    width=st.sampled_from(WIDTHS),
    premasked=st.booleans(),
)
def test_no_slip_ever_prints_the_card_number_in_clear(
    card: str, width: int, premasked: bool
) -> None:
    given_card = mask_card(card) if premasked else card
    for number, document in enumerate(every_slip(given_card, width)):
        lines = texts(document)
        assert card not in "\n".join(lines) and card not in "".join(lines)
        assert any(line.startswith("卡号：*") for line in lines)
        assert_fits(document, width)
        assert "会员" in "".join(lines)
        if number < 3:  # the sale and the stored-value slips carry amounts
            assert "￥" in "".join(lines)


def test_every_stored_value_slip_kind_has_its_words() -> None:
    assert set(STORED_VALUE_KINDS) == set(StoredValueSlipKind)
    assert [kind.value for kind in StoredValueSlipKind] == ["top_up", "spend", "refund", "change"]


@settings(max_examples=80, deadline=None)
@given(
    name=names,
    amount=amounts,
    kind=st.sampled_from(StoredValueSlipKind),
    width=st.sampled_from(WIDTHS),
)
def test_no_member_slip_line_is_wider_than_the_paper(
    name: str, amount: int, kind: StoredValueSlipKind, width: int
) -> None:
    slips = [
        stored_value_slip(
            top_up_slip(
                kind=kind,
                member_name=name,
                slip=SlipContext(name, name, "2026-11-23 14:05", header=name, footer=name),
                principal_fen=amount,
                bonus_fen=amount,
                balance_after_fen=amount,
            ),
            width,
        ),
        redemption_slip(
            dataclasses.replace(redemption(), gift_name=name, points_spent=amount), width
        ),
        count_card_slip(dataclasses.replace(count_card_use(), card_name=name, service=name), width),
        enrolment_slip(dataclasses.replace(enrolment(), level=name, welcome=name), width),
        sale_receipt(dataclasses.replace(MEMBER_SALE, member_name=name, member_level=name), width),
    ]
    for document in slips:
        assert_fits(document, width)
