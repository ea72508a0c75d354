"""A counter process that ``test_failures`` kills with SIGKILL at a chosen point.

``sell DATA_DIR BARCODE``: sells the product without pause, printing ``sold RECEIPT`` after each
sale's commit, until killed.
``sync DATA_DIR``: runs ``python main.py sync``; when the head office has answered a push and the
counter is about to record the acknowledgement, prints ``acknowledging FIRST LAST`` and waits to
be killed (the acknowledgement is never written).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from app.bootstrap import build
from app.cli import main as counter_main
from app.pos.tenders import Tender, TenderMethod
from app.sync import queue


def sell(data_dir: str, barcode: str) -> None:
    service = build(Path(data_dir)).service
    cashier = service.login("小王", "1234")
    shift = service.current_shift()
    product = service.scan(barcode).product
    while True:
        cart = service.new_cart()
        cart.add(product)
        tenders = [Tender(TenderMethod.CASH, cart.totals().total_fen)]
        result = service.pay(cart, tenders, cashier=cashier, shift_id=shift.id if shift else None)
        print("sold", result.receipt_no, flush=True)


def sync_until_acknowledging(data_dir: str) -> None:
    def acknowledge(db: Any, first_seq: int, last_seq: int, **kwargs: Any) -> int:
        print("acknowledging", first_seq, last_seq, flush=True)
        threading.Event().wait()  # until killed
        raise AssertionError("not reached")

    queue.acknowledge = acknowledge
    counter_main(["--data-dir", data_dir, "sync"])
    print("finished without acknowledging", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "sell":
        sell(sys.argv[2], sys.argv[3])
    else:
        sync_until_acknowledging(sys.argv[2])
