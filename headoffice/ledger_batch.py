"""What a push batch's events write to the ledgers, gathered and written together at its end.

What it guarantees: inside one batch transaction, an entry id is taken once (the batch asks the
database once which of its entry ids are taken, then remembers what it takes itself); the rows of
the entries taken, the change-log notes and the holds to settle are written when the batch ends,
a statement each, in the same transaction; an event rolled back to its savepoint takes its
share back with it (:meth:`LedgerBatch.mark` and :meth:`LedgerBatch.undo`).

Why: applying a member's sale row by row cost a dozen round trips (a lookup per entry, an ORM
flush per row, a change-log insert, a hold query); a week's backlog is 100,000 of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, literal, select, text, tuple_, update
from sqlalchemy.orm import Session

from headoffice.models import Base, ChangeRow, HoldRow, PointsEntryRow, StoredValueEntryRow

_KEY = "headoffice.ledger_batch"
#: A ledger's name in an entry, and the table its entries go to.
LEDGER_TABLES: dict[str, Any] = {"stored_value": StoredValueEntryRow, "points": PointsEntryRow}


@dataclasses.dataclass(frozen=True)
class Mark:
    """Where each of the batch's lists stood when an event began."""

    rows: int
    changes: int
    settles: int


@dataclasses.dataclass
class LedgerBatch:
    known: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    checked: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    rows: list[tuple[str, dict[str, Any]]] = dataclasses.field(default_factory=list)
    changes: list[tuple[str, str, str | None]] = dataclasses.field(default_factory=list)
    noted: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    settles: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)

    def prefetch(self, session: Session, entry_ids: Iterable[tuple[str, str]]) -> None:
        """Ask the database once which of these (ledger, entry id) are already taken."""
        wanted: dict[str, list[str]] = {}
        for ledger, entry_id in entry_ids:
            if ledger in LEDGER_TABLES and (ledger, entry_id) not in self.checked:
                wanted.setdefault(ledger, []).append(entry_id)
        for ledger, ids in wanted.items():
            table = LEDGER_TABLES[ledger]
            self.known.update(
                (ledger, i) for i in session.scalars(select(table.id).where(table.id.in_(ids)))
            )
            self.checked.update((ledger, i) for i in ids)

    def taken(self, session: Session, ledger: str, entry_id: str) -> bool:
        """Whether the entry was taken before (in the database or earlier in this batch)."""
        if (ledger, entry_id) not in self.checked:
            self.prefetch(session, [(ledger, entry_id)])
        return (ledger, entry_id) in self.known

    def take(self, ledger: str, row: dict[str, Any]) -> None:
        self.known.add((ledger, row["id"]))
        self.rows.append((ledger, row))

    def note(self, kind: str, key: str, store_code: str | None) -> None:
        if (kind, key) not in self.noted:
            self.noted.add((kind, key))
            self.changes.append((kind, key, store_code))

    def settle(self, ledger: str, member_id: str, order_id: str) -> None:
        self.settles.append((ledger, member_id, order_id))

    def mark(self) -> Mark:
        return Mark(len(self.rows), len(self.changes), len(self.settles))

    def undo(self, mark: Mark) -> None:
        """An event rolled back to its savepoint: what it took, noted and settled is not."""
        for ledger, row in self.rows[mark.rows :]:
            self.known.discard((ledger, row["id"]))
        for kind, key, _ in self.changes[mark.changes :]:
            self.noted.discard((kind, key))
        del self.rows[mark.rows :]
        del self.changes[mark.changes :]
        del self.settles[mark.settles :]

    def write(self, session: Session) -> None:
        """The entries, the change-log notes and the holds' settling, a statement each."""
        session.flush()  # members made during the batch exist before their entries
        for ledger, table in LEDGER_TABLES.items():
            rows = [row for name, row in self.rows if name == ledger]
            if rows:
                session.execute(insert(table.__table__), rows)
        if self.changes:
            session.execute(
                insert(Base.metadata.tables[ChangeRow.__tablename__]).values(
                    txid=txid_expression(session)
                ),
                [{"kind": k, "key": key, "store_code": s} for k, key, s in self.changes],
            )
        if self.settles:
            session.execute(
                update(HoldRow)
                .where(
                    HoldRow.state == "active",
                    tuple_(HoldRow.ledger, HoldRow.member_id, HoldRow.order_id).in_(self.settles),
                )
                .values(state="settled")
                .execution_options(synchronize_session=False)
            )
        self.rows.clear()
        self.changes.clear()
        self.settles.clear()


def txid_expression(session: Session) -> Any:
    """The writing transaction's id on PostgreSQL (``headoffice.pull`` orders by it), else 0."""
    if session.get_bind().dialect.name == "postgresql":
        return text("pg_current_xact_id()::text::bigint")
    return literal(0)


def begin(session: Session) -> LedgerBatch:
    """A batch for this transaction: from now on ledger writes gather until :func:`finish`."""
    batch = LedgerBatch()
    session.info[_KEY] = batch
    return batch


def current(session: Session) -> LedgerBatch | None:
    found: LedgerBatch | None = session.info.get(_KEY)
    return found


def finish(session: Session) -> None:
    """Write what the batch gathered; ledger writes are immediate again."""
    batch = session.info.pop(_KEY, None)
    if batch is not None:
        batch.write(session)
