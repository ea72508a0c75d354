"""Receipt data used by several tests: one ordinary sale with the awkward cases in it."""

from __future__ import annotations

from app.pos.receipts import (
    ReceiptLine,
    ReceiptPayment,
    SaleReceiptData,
    ShiftMethodRow,
    ShiftReportData,
)

SALE = SaleReceiptData(
    store_name="示范便利店",
    header="人民路 1 号 · 电话 0571-8888 6666",
    footer="谢谢惠顾，欢迎再来\n凭小票七日内可退换",
    receipt_no="S001-01-20261123-0042",
    kind="sale",
    cashier_name="小王",
    printed_at="2026-11-23 14:05",
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
    shift_id="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    cashier_name="小王",
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
    store_name="示范便利店",
)
