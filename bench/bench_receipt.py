"""How long a 30-line receipt takes from sale data to printer bytes (layout, then ESC/POS)."""

from __future__ import annotations

from app.config import RECEIPT_WIDTH_58MM
from app.devices.escpos_render import render
from app.pos.receipts import (
    ReceiptLine,
    ReceiptPayment,
    SaleReceiptData,
    document_from_json,
    document_to_json,
    preview_lines,
    sale_receipt,
)
from bench.figures import Figure, median, p99, timings_ms

RUNS = 200
LINES = 30
TARGET_MS = 5.0


def thirty_line_sale() -> SaleReceiptData:
    lines = tuple(
        ReceiptLine(
            name=f"农夫山泉天然矿泉水 Nongfu Spring 550ml 第{n}号",
            qty_milli=1000 + 250 * (n % 3),
            unit="瓶",
            unit_price_fen=199 + n,
            gross_fen=(199 + n) * 2,
            discount_fen=20 if n % 4 == 0 else 0,
            net_fen=(199 + n) * 2 - (20 if n % 4 == 0 else 0),
            discount_label="会员九折" if n % 4 == 0 else None,
        )
        for n in range(LINES)
    )
    subtotal = sum(line.gross_fen for line in lines)
    discount = sum(line.discount_fen for line in lines)
    return SaleReceiptData(
        store_name="示范便利店",
        header="人民路 1 号",
        footer="谢谢惠顾，欢迎再来",
        receipt_no="S001-01-20261123-0042",
        kind="sale",
        cashier_name="小王",
        printed_at="2026-11-23 14:05",
        lines=lines,
        subtotal_fen=subtotal,
        discount_fen=discount,
        rounding_fen=0,
        total_fen=subtotal - discount,
        payments=(ReceiptPayment("现金", subtotal - discount, subtotal),),
        change_fen=discount,
    )


def run() -> list[Figure]:
    data = thirty_line_sale()
    width = RECEIPT_WIDTH_58MM

    def full() -> bytes:
        return render(sale_receipt(data, width), width=width, open_drawer=True)

    def from_queue() -> bytes:
        # what the print queue does: read the stored JSON back, then render
        return render(document_from_json(stored), width=width)

    def baseline() -> bytes:
        # the least any renderer must do: encode the finished lines
        return "\n".join(preview_lines(document, width)).encode("gb18030")

    document = sale_receipt(data, width)
    stored = document_to_json(document)
    for action in (full, from_queue, baseline):  # warm up imports and caches
        action()
    full_ms = timings_ms(full, RUNS)
    queue_ms = timings_ms(from_queue, RUNS)
    base_ms = median(timings_ms(baseline, RUNS))
    target = f"<= {TARGET_MS:g} ms median"
    return [
        Figure("receipt_render_30_lines", median(full_ms), "ms", target, median(full_ms) / base_ms),
        Figure("receipt_render_30_lines_p99", p99(full_ms), "ms", "<= 20 ms"),
        Figure("receipt_render_from_stored_json", median(queue_ms), "ms", target),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
