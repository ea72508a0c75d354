"""A child process that sells without pause until it is killed (used by test_crash_safety)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.bootstrap import build
from app.pos.tenders import Tender, TenderMethod


def main(data_dir: str) -> None:
    counter = build(Path(data_dir))
    service = counter.service
    cashier = service.login("小王", "1234")
    shift = service.current_shift()
    products = [service.scan(code).product for code in sys.argv[2:]]
    while True:
        cart = service.new_cart()
        for product in products:
            cart.add(product)
        total = cart.totals().total_fen
        tenders = [Tender(TenderMethod.WECHAT, 100), Tender(TenderMethod.CASH, total)]
        result = service.pay(cart, tenders, cashier=cashier, shift_id=shift.id if shift else None)
        print(result.receipt_no, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
