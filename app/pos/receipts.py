"""Receipts and slips as plain data: what is printed, before any printer command."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class ReceiptLine:
    name: str
    qty_milli: int
    unit: str
    unit_price_fen: int
    gross_fen: int
    discount_fen: int
    net_fen: int
    discount_label: str | None = None


@dataclasses.dataclass(frozen=True)
class ReceiptPayment:
    label: str  # 现金, 银行卡, 微信支付, 支付宝, 挂账 ...
    amount_fen: int
    tendered_fen: int
    reference: str | None = None


@dataclasses.dataclass(frozen=True)
class SaleReceiptData:
    """Everything a sale or refund receipt shows; made by checkout, stored with the print job."""

    store_name: str
    header: str
    footer: str
    receipt_no: str
    kind: str  # "sale" or "refund"
    cashier_name: str
    printed_at: str  # local time, "2026-11-23 14:05"
    lines: tuple[ReceiptLine, ...]
    subtotal_fen: int
    discount_fen: int
    rounding_fen: int
    total_fen: int
    payments: tuple[ReceiptPayment, ...]
    change_fen: int
    original_receipt_no: str | None = None
    customer_name: str | None = None  # on-account (挂账) customer
    reprint: bool = False
