"""Receipt data used by several tests: one ordinary sale with the awkward cases in it, and one
sample of every template (fixed times and numbers, no generated ids) for the golden files."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from app.pos.receipts import (
    CountCardSlipData,
    Document,
    EnrolmentSlipData,
    ReceiptLine,
    ReceiptPayment,
    RedemptionSlipData,
    SaleReceiptData,
    ShiftMethodRow,
    ShiftReportData,
    StoredValueSlipData,
    StoredValueSlipKind,
    count_card_slip,
    enrolment_slip,
    redemption_slip,
    sale_receipt,
    shift_report,
    stored_value_slip,
)
from app.pos.slip_context import SlipContext

#: The store and cashier of most samples; each sample says when it was printed, under what.
STORE = SlipContext("示范便利店", "小王", "")
HEADER = "人民路 1 号 · 电话 0571-8888 6666"

SALE = SaleReceiptData(
    slip=dataclasses.replace(
        STORE,
        printed_at="2026-11-23 14:05",
        header=HEADER,
        footer="谢谢惠顾，欢迎再来\n凭小票七日内可退换",
    ),
    receipt_no="S001-01-20261123-0042",
    kind="sale",
    lines=(
        ReceiptLine(
            name="可口可乐 330ml",
            qty_milli=2000,
            unit="瓶",
            unit_price_fen=350,
            gross_fen=700,
            discount_fen=70,
            net_fen=630,
            discount_label="会员九折",
        ),
        ReceiptLine(
            name="农夫山泉天然矿泉水 Nongfu Spring 550ml 大瓶装整箱特惠",
            qty_milli=1000,
            unit="箱",
            unit_price_fen=3990,
            gross_fen=3990,
            discount_fen=0,
            net_fen=3990,
        ),
        ReceiptLine(
            name="红富士苹果",
            qty_milli=355,
            unit="kg",
            unit_price_fen=1200,
            gross_fen=426,
            discount_fen=0,
            net_fen=426,
        ),
    ),
    subtotal_fen=5116,
    discount_fen=70,
    rounding_fen=6,
    total_fen=5040,
    payments=(
        ReceiptPayment(label="微信支付", amount_fen=2000, tendered_fen=2000, reference="4200001"),
        ReceiptPayment(label="现金", amount_fen=3040, tendered_fen=5000),
    ),
    change_fen=1960,
)

SHIFT = ShiftReportData(
    slip=STORE,
    shift_id="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    opened_at="2026-11-23 08:00",
    closed_at="2026-11-23 16:00",
    opening_float_fen=20000,
    sales_count=42,
    refunds_count=1,
    gross_sales_fen=1234500,
    refunds_fen=1250,
    methods=(
        ShiftMethodRow("现金", expected_fen=523400, counted_fen=523000, variance_fen=-400),
        ShiftMethodRow("微信支付", expected_fen=600000, counted_fen=600000, variance_fen=0),
        ShiftMethodRow("支付宝", expected_fen=89850),
    ),
    cash_in_fen=10000,
    cash_out_fen=5000,
    is_final=True,
)


# -- one sample of every template, for the golden files -------------------------------------------

REFUND = dataclasses.replace(
    SALE,
    kind="refund",
    receipt_no="S001-01-20261123-0051",
    original_receipt_no="S001-01-20261123-0042",
    slip=dataclasses.replace(SALE.slip, printed_at="2026-11-23 15:20"),
    lines=SALE.lines[:1],
    subtotal_fen=700,
    discount_fen=70,
    rounding_fen=0,
    total_fen=630,
    payments=(ReceiptPayment(label="现金", amount_fen=630, tendered_fen=630),),
    change_fen=0,
)

MEMBER_SALE = dataclasses.replace(
    SALE,
    member_name="张三",
    member_card_masked="6222000012345678",  # masked again by the layout: ****5678
    member_level="金卡会员",
    points_earned=50,
    points_balance=1290,
    stored_value_paid_fen=2000,
    stored_value_balance_fen=43000,
    payments=(
        ReceiptPayment(label="储值", amount_fen=2000, tendered_fen=2000),
        ReceiptPayment(label="现金", amount_fen=3040, tendered_fen=5000),
    ),
)

SHIFT_FINAL = dataclasses.replace(
    SHIFT,
    slip=dataclasses.replace(STORE, printed_at="2026-11-23 16:01"),
    shift_id="S001-01-20261123-B1",
    voids_count=2,
)

SHIFT_X = dataclasses.replace(
    SHIFT,
    shift_id="S001-01-20261123-B1",
    closed_at=None,
    is_final=False,
    slip=dataclasses.replace(STORE, printed_at="2026-11-23 12:30"),
    methods=(
        ShiftMethodRow("现金", expected_fen=263400),
        ShiftMethodRow("微信支付", expected_fen=300000),
    ),
)

TOP_UP = StoredValueSlipData(
    slip=dataclasses.replace(
        STORE, printed_at="2026-11-23 10:15", header=HEADER, footer="储值卡余额不找零、不兑现"
    ),
    kind=StoredValueSlipKind.TOP_UP,
    member_name="张三",
    card_no_masked="6222000012345678",
    principal_fen=50000,
    bonus_fen=5000,
    balance_before_fen=2300,
    balance_after_fen=57300,
    principal_after_fen=51800,
    bonus_after_fen=5500,
    entry_no="SV-20261123-0007",
)

SPEND = dataclasses.replace(
    TOP_UP,
    kind=StoredValueSlipKind.SPEND,
    principal_fen=1800,
    bonus_fen=200,
    balance_before_fen=57300,
    balance_after_fen=55300,
    principal_after_fen=50000,
    bonus_after_fen=5300,
    slip=dataclasses.replace(TOP_UP.slip, printed_at="2026-11-23 14:05"),
    entry_no="SV-20261123-0008",
    receipt_no="S001-01-20261123-0042",
)

REDEMPTION = RedemptionSlipData(
    slip=dataclasses.replace(STORE, printed_at="2026-11-23 14:20", footer="礼品一经兑换，恕不退换"),
    member_name="张三",
    card_no_masked="6222000012345678",
    gift_name="不锈钢保温杯 500ml（颜色随机）",
    quantity=2,
    points_spent=600,
    points_before=1290,
    points_after=690,
    entry_no="PT-20261123-0012",
)

COUNT_CARD = CountCardSlipData(
    slip=SlipContext("美丽人生美容院", "小王", "2026-11-23 15:00"),
    member_name="李四",
    card_no_masked="8800000000009527",
    card_name="面部护理十次卡",
    service="深层清洁面部护理",
    uses_now=1,
    uses_left=7,
    valid_until="2027-11-23",
    entry_no="CC-20261123-0003",
)

ENROLMENT = EnrolmentSlipData(
    slip=dataclasses.replace(
        STORE, printed_at="2026-11-23 09:30", footer="会员积分每消费 1 元积 1 分"
    ),
    member_name="王小明",
    card_no_masked="6222000087654321",
    level="普通会员",
    joined_on="2026-11-23",
    expires_on="2028-11-22",
)

#: Template samples by golden-file name, with whether the slip opens the drawer.
TEMPLATES: dict[str, tuple[Callable[[int], Document], bool]] = {
    "sale": (lambda width: sale_receipt(SALE, width), True),
    "refund": (lambda width: sale_receipt(REFUND, width), True),
    "sale_member": (lambda width: sale_receipt(MEMBER_SALE, width), True),
    "shift_x": (lambda width: shift_report(SHIFT_X, width), False),
    "shift_final": (lambda width: shift_report(SHIFT_FINAL, width), False),
    "stored_value_top_up": (lambda width: stored_value_slip(TOP_UP, width), False),
    "stored_value_spend": (lambda width: stored_value_slip(SPEND, width), False),
    "redemption": (lambda width: redemption_slip(REDEMPTION, width), False),
    "count_card": (lambda width: count_card_slip(COUNT_CARD, width), False),
    "enrolment": (lambda width: enrolment_slip(ENROLMENT, width), False),
}
