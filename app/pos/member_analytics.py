"""The member analytics as the back office's 会员分析 screen asks for them: plain values in,
frozen views and plain rows out, each read in its own reading session (a long query never holds
up a sale). The numbers are those of ``app.members.segments`` and ``app.members.metrics``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.config import Config
from app.members import metrics as member_metrics
from app.members.segment_rules import Thresholds, load_thresholds, save_thresholds
from app.members.segments import Membership, groups_and_segments_at_once, member_lines
from app.pos.business_day import business_today
from app.pos.report_files import export_table
from app.pos.reports import CellKind, Column, ReportTable
from app.pos.staff import StaffView
from app.storage.approvals import APPROVING_ROLES, ApprovalRefused, Sensitive
from app.storage.database import Database
from app.storage.models import StaffRow

#: The columns of a group's member list (the screen names them; the export keeps the order).
MEMBER_LIST_COLUMNS = (
    Column("card_no", CellKind.TEXT),
    Column("name", CellKind.TEXT),
    Column("level", CellKind.TEXT),
    Column("joined_on", CellKind.TEXT),
    Column("last_purchase", CellKind.TEXT),
    Column("purchases", CellKind.COUNT),
    Column("year_spend_fen", CellKind.MONEY),
    Column("spend_fen", CellKind.MONEY),
)


@dataclasses.dataclass(frozen=True)
class Memberships:
    """The groups and segments on a day, with the thresholds they were computed with."""

    on: dt.date
    rules: Thresholds
    groups: Membership
    segments: Membership

    def cards(self, key: str) -> tuple[str, ...]:
        found = self.groups.members.get(key)
        return found if found is not None else tuple(self.segments.members[key])


@dataclasses.dataclass(frozen=True)
class Cohort:
    """The members who joined in one calendar month, and the share of them who bought in the
    joining month (month 0) and in each month after it, up to the range's last month."""

    month: str
    members: int
    shares: tuple[float, ...]


@dataclasses.dataclass(frozen=True)
class MetricsView:
    """The metrics of ``first`` to ``last`` as ``python main.py metrics`` prints them, typed:
    ``figures`` holds the single numbers by key (None where there was nothing to divide by)."""

    first: dt.date
    last: dt.date
    rules: Thresholds
    figures: Mapping[str, int | float | None]
    recency: Mapping[str, int]
    visit_gaps: Mapping[str, int]
    mix_month: str
    mix: Mapping[str, int]
    cohorts: tuple[Cohort, ...]

    def buckets(self, key: str) -> Mapping[str, int]:
        """``recency`` or ``visit_gap_days`` by its metrics key."""
        return self.recency if key == "recency" else self.visit_gaps


def _cohorts(rows: Sequence[Mapping[str, Any]]) -> tuple[Cohort, ...]:
    return tuple(Cohort(row["cohort"], row["members"], tuple(row["months"])) for row in rows)


#: The keys of :func:`app.members.metrics.metrics` that are not single numbers.
_NESTED = frozenset({"from", "to", "recency", "visit_gap_days", "member_mix", "retention"})


class MemberAnalyticsService:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config

    def today(self) -> dt.date:
        return business_today(self.config)

    def thresholds(self) -> Thresholds:
        with self.db.reading() as session:
            return load_thresholds(session)

    def save_thresholds(
        self, rules: Thresholds, *, actor: StaffView, approver: StaffView
    ) -> Thresholds:
        """The groups' and segments' new thresholds (``rules`` was checked when it was made), in
        one transaction, audited in the name of ``actor`` and ``approver``: refused unless the
        approver is an active manager or owner as stored now (the form stays open while the
        manager types, so their role is read again here)."""
        with self.db.transaction() as session:
            row = session.get(StaffRow, approver.id)
            allowed = APPROVING_ROLES[Sensitive.MEMBER_RULES]
            if row is None or not row.active or row.role not in allowed:
                raise ApprovalRefused(
                    "“%1”没有授权“%2”的权限", approver.name, Sensitive.MEMBER_RULES.label
                )
            save_thresholds(session, rules, actor_id=actor.id, approver_id=row.id)
            return load_thresholds(session)

    def check(self, first: dt.date, last: dt.date) -> None:
        """Refuse a range that is empty, ends after today, or of a store with no sale yet
        (``AnalyticsError``): what every tab would refuse, said once."""
        with self.db.reading() as session:
            member_metrics.check_range(session, first, last, self.today())

    def memberships(self, on: dt.date) -> Memberships:
        """Every group and segment on ``on``; refused for a day to come or a store that has
        sold nothing yet (``AnalyticsError``)."""
        with self.db.reading() as session:
            member_metrics.check_day(session, on, self.today())
            rules = load_thresholds(session)
        return Memberships(on, rules, *groups_and_segments_at_once(self.db, on, rules))

    def member_list(self, on: dt.date, cards: Sequence[str], rules: Thresholds) -> ReportTable:
        """The members ``cards`` as a table, every one of them (the screen shows the first)."""
        with self.db.reading() as session:
            lines = member_lines(session, on, cards, rules)
        return ReportTable(
            "members",
            MEMBER_LIST_COLUMNS,
            tuple(
                (
                    line.card_no,
                    line.name,
                    line.level,
                    line.joined_on,
                    line.last_purchase,
                    line.purchases,
                    line.year_spend_fen,
                    line.spend_fen,
                )
                for line in lines
            ),
        )

    def metrics(
        self, first: dt.date, last: dt.date, known: Memberships | None = None
    ) -> MetricsView:
        """Every metric of the range (both days included); ``known``: the groups and segments
        the screen already has, used when they are those of ``last`` under today's rules."""
        with self.db.reading() as session:
            rules = load_thresholds(session)
            reuse = (
                (known.groups, known.segments)
                if known is not None and known.on == last and known.rules == rules
                else None
            )
            found = member_metrics.metrics(session, first, last, rules, self.today(), known=reuse)
        mix = dict(found["member_mix"])
        mix_month = str(mix.pop("month"))
        return MetricsView(
            first,
            last,
            rules,
            {key: value for key, value in found.items() if key not in _NESTED},
            found["recency"],
            found["visit_gap_days"],
            mix_month,
            mix,
            _cohorts(found["retention"]),
        )

    def retention(self, first: dt.date, last: dt.date) -> tuple[Cohort, ...]:
        """The cohorts of the members who joined from ``first`` to ``last``."""
        with self.db.reading() as session:
            return _cohorts(member_metrics.cohort_retention(session, first, last, self.today()))

    def visit_gaps(self, first: dt.date, last: dt.date) -> dict[str, int]:
        with self.db.reading() as session:
            return member_metrics.visit_gaps(session, first, last, self.today())

    def export(self, path: Path, headers: Sequence[str], table: ReportTable) -> int:
        """A table the screen holds, every row, to ``path`` (.xlsx or .csv)."""
        return export_table(path, headers, table)
