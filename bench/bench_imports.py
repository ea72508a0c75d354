"""Importing 100,000 members beside selling: how long the import takes, and the longest a sale
made every 50 ms on another connection meanwhile took (its wait for the write lock included).

The sale is a member's sale paid by card as checkout writes it (the stored-value payment, the
visit and spend, the points), committed on its own connection of the same database file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
import time
import uuid
from pathlib import Path

from app.config import Config
from app.members.enrolment import enrol
from app.members.member_io import import_members
from app.members.sales import member_sale
from app.members.stored_value import spend_stored_value, top_up
from app.pos.store_start import open_store
from bench.figures import Figure

MEMBERS = int(__import__("os").environ.get("BENCH_IMPORT_MEMBERS", "100000"))
SALE_EVERY_S = 0.05
SALE_FEN = 1_00
TODAY = dt.date(2026, 11, 23)
IMPORT_TARGET = "<= 60 s"
WAIT_TARGET = "<= 100 ms"


def write_members_csv(path: Path, count: int, *, first: int = 0) -> None:
    """``count`` members as a shop's old system exports them (UTF-8, Chinese headers)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("卡号,姓名,手机,性别,生日,历法,余额,赠送余额,积分\n")
        for n in range(first, first + count):
            calendar = "lunar" if n % 5 == 0 else "solar"
            birthday = f"{1950 + n % 55}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            sex = "男" if n % 2 else "女"
            out.write(f"6{n:09d},会员{n},13{n:09d},{sex},{birthday},{calendar},")
            out.write(f"{n % 500}.50,{n % 7},{n % 1000}\n")


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as directory:
        data_dir = Path(directory)
        source = data_dir / "members.csv"
        write_members_csv(source, MEMBERS)
        seller = open_store(Config(data_dir=data_dir))
        importer = open_store(Config(data_dir=data_dir))
        with seller.transaction() as session:
            buyer = enrol(
                session, card_no="1", phone="", name="顾客", on=TODAY, actor_id="bench"
            ).id
            top_up(session, buyer, 10_000_00, on=TODAY, actor_id="bench", with_bonus=False)

        def sale() -> None:
            with seller.transaction() as session:
                order_id = str(uuid.uuid4())
                line = spend_stored_value(
                    session, buyer, SALE_FEN, on=TODAY, actor_id="bench", order_id=order_id
                )
                member_sale(
                    session,
                    buyer,
                    paid_fen=SALE_FEN,
                    bonus_paid_fen=-line.bonus_delta,
                    on=TODAY,
                    order_id=order_id,
                    actor_id="bench",
                )

        waits: list[float] = []
        done = threading.Event()

        def sell() -> None:
            while not done.is_set():
                start = time.perf_counter()
                sale()
                waits.append(time.perf_counter() - start)
                done.wait(SALE_EVERY_S)

        seller_thread = threading.Thread(target=sell)
        seller_thread.start()
        start = time.perf_counter()
        try:
            report = import_members(importer, source, on=TODAY, actor_id="bench")
        finally:
            import_s = time.perf_counter() - start
            done.set()
            seller_thread.join()
            seller.dispose()
            importer.dispose()
        assert report.imported == MEMBERS and not report.problems, report.problems[:3]
        print(f"  ({len(waits)} sales during the import)", flush=True)
        return [
            Figure(f"import {MEMBERS:,} members", import_s, "s", IMPORT_TARGET),
            Figure("longest sale during the import", max(waits) * 1000, "ms", WAIT_TARGET),
        ]
