"""The reports as the back office asks for them: plain values in, frozen views out, each read in
one reading session (a report never waits for a sale, and a sale never waits for a report)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from app.config import Config
from app.pos import reports
from app.pos.business_day import business_today
from app.pos.report_files import export_table
from app.pos.reports import MemberStatement, Period, Preset, ReportTable, SalesSummary
from app.storage.database import Database

#: The profit-per-order tab shows the newest sales; an export holds every one.
ORDER_PROFIT_SHOWN = 1000


class ReportService:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config

    def today(self) -> dt.date:
        return business_today(self.config)

    def preset(self, preset: Preset) -> Period:
        return reports.preset_period(preset, self.today())

    def period(self, first: dt.date, last: dt.date) -> Period:
        return reports.period(first, last, today=self.today())

    def summary(self, span: Period) -> SalesSummary:
        with self.db.reading() as session:
            return reports.summary(session, span)

    def table(self, key: str, span: Period, *, whole: bool = False) -> ReportTable:
        """The report ``key`` (one of ``reports.REPORTS``); ``whole``: no row left out."""
        with self.db.reading() as session:
            if key == "by_tender":
                return reports.tender_table(reports.summary(session, span))
            if key == "by_hour":
                return reports.by_hour(session, span, self.config.timezone)
            if key == "order_profit":
                return reports.order_profit(session, span, None if whole else ORDER_PROFIT_SHOWN)
            if key == "stored_value":
                return reports.stored_value_moves(session, span)
            return getattr(reports, key)(session, span)  # type: ignore[no-any-return]

    def export(
        self,
        key: str,
        span: Period,
        path: Path,
        headers: Sequence[str],
        words: Mapping[str, str] | None = None,
    ) -> int:
        """The report ``key`` with every row to ``path``; ``words``: codes (``cash``) as the
        screen says them."""
        table = self.table(key, span, whole=True)
        if words:
            table = ReportTable(
                table.key,
                table.columns,
                tuple(
                    tuple(words.get(cell, cell) if isinstance(cell, str) else cell for cell in row)
                    for row in table.rows
                ),
            )
        return export_table(path, headers, table)

    def member_statement(self, card_no: str, span: Period) -> MemberStatement:
        with self.db.reading() as session:
            return reports.member_statement(session, card_no, span)
