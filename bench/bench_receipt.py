"""How long a 30-line receipt takes from sale data to printer bytes (layout, then ESC/POS).

The 5 ms target is the issue's, for the text path (the printer's own Chinese font). Raster mode
(``printer_render = "raster"``, for printers without one) draws every character with Pillow and
sends about 170 KB of dots for this 58 mm receipt (3.6 KB as text), so it is slower and has a
looser target of its own. Its figure is with the font loaded and the glyph cache warm, the way
every receipt after the first one prints (the first one also loads the font: tens of ms).
"""

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
from app.pos.slip_context import SlipContext
from bench.figures import Figure, median, p99, timings_ms

RUNS = 200
LINES = 30
TARGET_MS = 5.0
#: Raster mode: not the issue's target (that one is for text); far under the time the printer
#: takes to feed this slip's ~40 cm of paper (seconds at 150 mm/s).
RASTER_TARGET_MS = 30.0


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
        slip=SlipContext(
            "示范便利店",
            "小王",
            "2026-11-23 14:05",
            header="人民路 1 号",
            footer="谢谢惠顾，欢迎再来",
        ),
        receipt_no="S001-01-20261123-0042",
        kind="sale",
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

    def raster() -> bytes:
        return render(sale_receipt(data, width), width=width, open_drawer=True, mode="raster")

    def baseline() -> bytes:
        # the least any renderer must do: encode the finished lines
        return "\n".join(preview_lines(document, width)).encode("gb18030")

    document = sale_receipt(data, width)
    stored = document_to_json(document)
    for action in (full, from_queue, raster, baseline):  # warm up imports, font, glyph cache
        action()
    full_ms = timings_ms(full, RUNS)
    queue_ms = timings_ms(from_queue, RUNS)
    raster_ms = timings_ms(raster, RUNS)
    base_ms = median(timings_ms(baseline, RUNS))
    target = f"<= {TARGET_MS:g} ms median"
    return [
        Figure("receipt_render_30_lines", median(full_ms), "ms", target, median(full_ms) / base_ms),
        Figure("receipt_render_30_lines_p99", p99(full_ms), "ms", "<= 20 ms"),
        Figure("receipt_render_from_stored_json", median(queue_ms), "ms", target),
        Figure(
            "receipt_render_30_lines_raster",
            median(raster_ms),
            "ms",
            f"<= {RASTER_TARGET_MS:g} ms median (raster; the 5 ms target is for text)",
            median(raster_ms) / median(full_ms),
        ),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
