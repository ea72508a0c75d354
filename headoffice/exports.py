"""The office's CSV files: sales, members with balances, cases.

Column names are a contract (spreadsheets and scripts read them): exactly :data:`SALES_COLUMNS`,
:data:`MEMBERS_COLUMNS` and :data:`CASES_COLUMNS`. Amounts are yuan with two decimals, as the
counter's exports write them; a balance an overdraft took below zero is shown negative. Written
UTF-8 with a byte-order mark, as the counter's exports, so Excel reads the Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import select

from app.money import format_fen
from app.storage.whole_files import whole_file
from headoffice.db import Database
from headoffice.models import CaseRow, MemberRow, SaleRow

SALES_COLUMNS = ("store_code", "counter_no", "receipt_no", "business_day", "kind", "total")
MEMBERS_COLUMNS = ("card_no", "name", "phone", "home_store", "balance", "bonus_balance", "points")
CASES_COLUMNS = ("case_id", "kind", "card_no", "store_code", "amount", "opened_at", "state")
ENCODING = "utf-8-sig"


def _write(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with whole_file(path) as partial, partial.open("w", encoding=ENCODING, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def export_sales(
    db: Database, path: Path, *, first: dt.date | None = None, last: dt.date | None = None
) -> int:
    """Every money record whose business day is within ``first``..``last`` (both included)."""
    query = select(SaleRow).order_by(
        SaleRow.business_day, SaleRow.store_code, SaleRow.counter_no, SaleRow.receipt_no
    )
    if first is not None:
        query = query.where(SaleRow.business_day >= first.isoformat())
    if last is not None:
        query = query.where(SaleRow.business_day <= last.isoformat())
    with db.transaction() as session:
        rows = [
            (
                s.store_code,
                f"{s.counter_no:02d}",
                s.receipt_no,
                s.business_day,
                s.kind,
                format_fen(s.total_fen),
            )
            for s in session.scalars(query)
        ]
    return _write(path, SALES_COLUMNS, rows)


def export_members(db: Database, path: Path) -> int:
    """``balance`` is the principal and ``bonus_balance`` the bonus, as the counter's member
    export and import read them; ``phone`` the masked number: the head office never holds a full
    one."""
    with db.transaction() as session:
        rows = [
            (
                m.card_no,
                m.name,
                m.phone_masked,
                m.home_store,
                format_fen(m.principal_fen),
                format_fen(m.bonus_fen),
                m.points,
            )
            for m in session.scalars(select(MemberRow).order_by(MemberRow.card_no))
        ]
    return _write(path, MEMBERS_COLUMNS, rows)


def export_cases(db: Database, path: Path) -> int:
    with db.transaction() as session:
        rows = [
            (
                c.id,
                c.kind,
                c.card_no,
                c.store_code,
                format_fen(c.amount_fen) if c.kind != "points_overdraft" else str(c.amount_fen),
                c.opened_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
                c.state,
            )
            for c in session.scalars(select(CaseRow).order_by(CaseRow.opened_at, CaseRow.id))
        ]
    return _write(path, CASES_COLUMNS, rows)
