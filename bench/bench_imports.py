"""Importing 100,000 members beside selling: how long the import takes, and the longest a sale
made every 50 ms on another connection meanwhile took (its wait for the write lock included).

The import runs as the store owner runs it, ``main.py import-members`` in its own process; the
sales run in a thread of this process, as the window's would: each a member's sale paid by card
as checkout writes it (the stored-value payment, the visit and spend, the points), committed on
its own connection of the same database file. The import's time includes the command's start.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from app.config import Config
from app.members.enrolment import enrol
from app.members.sales import member_sale
from app.members.stored_value import spend_stored_value, top_up
from app.pos.store_start import open_store
from bench.figures import Figure, median

ROOT = Path(__file__).resolve().parents[1]
#: BENCH_IMPORT_MEMBERS=10000 for a quicker look.
MEMBERS = int(os.environ.get("BENCH_IMPORT_MEMBERS", "100000"))
SALE_EVERY_S = 0.05
SALE_FEN = 1_00
TODAY = dt.date(2026, 11, 23)
IMPORT_TARGET = "<= 60 s"
WAIT_TARGET = "<= 100 ms"
BASELINE_SALES = 100


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

        alone: list[float] = []  # the same sales with no import: this machine's own pace now
        for _ in range(BASELINE_SALES):
            start = time.perf_counter()
            sale()
            alone.append(time.perf_counter() - start)
            time.sleep(SALE_EVERY_S)
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
        command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)]
        start = time.perf_counter()
        try:
            finished = subprocess.run(
                [*command, "import-members", str(source)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        finally:
            import_s = time.perf_counter() - start
            done.set()
            seller_thread.join()
            seller.dispose()
        assert finished.returncode == 0, finished.stderr[-2000:]
        assert f"新增会员 {MEMBERS}" in finished.stdout, finished.stdout[-2000:]
        print(f"  ({len(waits)} sales during the import)", flush=True)
        return [
            Figure(f"import {MEMBERS:,} members", import_s, "s", IMPORT_TARGET),
            Figure(
                "longest sale during the import",
                max(waits) * 1000,
                "ms",
                WAIT_TARGET,
                ratio=max(waits) / max(alone),
            ),
            Figure("longest sale, no import (baseline)", max(alone) * 1000, "ms", "-"),
            Figure("median sale during the import", median(waits) * 1000, "ms", "-"),
        ]
