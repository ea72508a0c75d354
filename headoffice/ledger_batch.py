"""What a push batch's events write to the ledgers, gathered and written together at its end.

What it guarantees: inside one batch transaction, an entry id is taken once (the batch asks the
database once which of its entry ids are taken, then remembers what it takes itself); the rows of
the entries taken, the change-log notes, the holds to settle and the members' balances are written
when the batch ends, a statement each, in the same transaction; an event rolled back to its
savepoint takes its share back with it (:meth:`LedgerBatch.mark` and :meth:`LedgerBatch.undo`).

Balances move in memory on the members the batch has locked (so an overdraft is seen at the entry
that makes it) and reach the database as one relative ``UPDATE`` of every member moved: before
each savepoint (whose rollback reloads the members from the database) and when the batch ends.

Why: applying a member's sale row by row cost a dozen round trips (a lookup per entry, an ORM
flush per row, a change-log insert, a hold query); a week's backlog is 100,000 of them. The ORM's
own flush of the members moved was an ``UPDATE`` per member, a third of a batch's time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import (
    Text,
    bindparam,
    cast,
    func,
    insert,
    literal,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.storage.base import UTCDateTime, utcnow
from headoffice.models import (
    Base,
    ChangeRow,
    HoldRow,
    PointsEntryRow,
    StoredValueEntryRow,
)

_KEY = "headoffice.ledger_batch"
#: A ledger's name in an entry, and the table its entries go to.
LEDGER_TABLES: dict[str, Any] = {"stored_value": StoredValueEntryRow, "points": PointsEntryRow}


class Mark(NamedTuple):
    """Where each of the batch's lists stood when an event began (a tuple: one is made for
    every event of a batch)."""

    rows: int
    changes: int
    settles: int
    moves: int


#: A member's balances moved by one entry: (member id, principal, bonus, points).
Move = tuple[str, int, int, int]


@dataclasses.dataclass(slots=True)
class Balance:
    """A member locked by the batch: their balances with the batch's moves so far."""

    principal: int
    bonus: int
    points: int


@dataclasses.dataclass
class LedgerBatch:
    """One push batch's ledger work: the entry ids known taken (``checked`` ones were asked of
    the database), the rows and notes to write, the holds to settle, the members locked and
    their balances (the only ones a push reads or moves: the ORM's copies of them may be
    stale), the moves (``moves[:written]`` are in the database already). ``now`` is the batch's
    moment, the ``applied_at`` and ``updated_at`` of all it writes."""

    now: dt.datetime = dataclasses.field(default_factory=utcnow)
    known: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    checked: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    rows: list[tuple[str, dict[str, Any]]] = dataclasses.field(default_factory=list)
    changes: list[tuple[str, str, str | None]] = dataclasses.field(default_factory=list)
    noted: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    settles: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    balances: dict[str, Balance] = dataclasses.field(default_factory=dict)
    moves: list[Move] = dataclasses.field(default_factory=list)
    written: int = 0

    def prefetch(self, session: Session, entry_ids: Iterable[tuple[str, str]]) -> None:
        """Ask the database once which of these (ledger, entry id) are already taken."""
        wanted: dict[str, list[str]] = {}
        for ledger, entry_id in entry_ids:
            if ledger in LEDGER_TABLES and (ledger, entry_id) not in self.checked:
                wanted.setdefault(ledger, []).append(entry_id)
        for ledger, ids in wanted.items():
            table = LEDGER_TABLES[ledger]
            self.known.update(
                (ledger, i)
                for i in session.scalars(select(table.id).where(among(session, table.id, ids)))
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

    def move(self, member_id: str, principal: int, bonus: int, points: int) -> Balance:
        """Move a member in :attr:`balances` (locked by this transaction) in memory; the
        database follows at :meth:`write_moves`."""
        balance = self.balances[member_id]
        balance.principal += principal
        balance.bonus += bonus
        balance.points += points
        self.moves.append((member_id, principal, bonus, points))
        return balance

    def mark(self) -> Mark:
        return Mark(len(self.rows), len(self.changes), len(self.settles), len(self.moves))

    def undo(self, mark: Mark) -> None:
        """An event failed: what it took, noted, settled and moved is not (rolled back to its
        savepoint, it had :meth:`forget` the members)."""
        for ledger, row in self.rows[mark.rows :]:
            self.known.discard((ledger, row["id"]))
        for kind, key, _ in self.changes[mark.changes :]:
            self.noted.discard((kind, key))
        del self.rows[mark.rows :]
        del self.changes[mark.changes :]
        del self.settles[mark.settles :]
        del self.moves[mark.moves :]
        self.written = min(self.written, mark.moves)

    def forget(self) -> None:
        """After a savepoint's rollback: the members locked in it may be unlocked again, so
        every member is locked and read afresh when next moved (the database holds every move
        made before the savepoint: :meth:`write_moves` ran before it)."""
        self.balances.clear()

    def write_moves(self, session: Session) -> None:
        """The balances moved since the last call, one relative UPDATE of every member."""
        totals: dict[str, list[int]] = {}
        for member_id, principal, bonus, points in self.moves[self.written :]:
            total = totals.setdefault(member_id, [0, 0, 0])
            total[0] += principal
            total[1] += bonus
            total[2] += points
        self.written = len(self.moves)
        if not totals:
            return
        ids = sorted(totals)  # the rows are locked already; id order all the same
        if session.get_bind().dialect.name == "postgresql":
            session.execute(
                _MOVE_MEMBERS_PG,
                {
                    "ids": pg_array(ids),
                    "principal": pg_array(totals[i][0] for i in ids),
                    "bonus": pg_array(totals[i][1] for i in ids),
                    "points": pg_array(totals[i][2] for i in ids),
                    "now": self.now,
                },
            )
            return
        session.execute(
            _MOVE_MEMBER,
            [
                {"id": i, "principal": t[0], "bonus": t[1], "points": t[2], "now": self.now}
                for i, t in ((i, totals[i]) for i in ids)
            ],
        )

    def write(self, session: Session) -> None:
        """The entries, the change-log notes, the holds' settling and the balances, a
        statement each."""
        session.flush()  # members made during the batch exist before their entries
        for ledger, table in LEDGER_TABLES.items():
            insert_rows(session, table, [row for name, row in self.rows if name == ledger])
        if self.changes:
            txid = session.scalar(select(txid_expression(session)))
            insert_rows(
                session,
                ChangeRow,
                [
                    {"txid": txid, "kind": kind, "key": key, "store_code": store}
                    for kind, key, store in self.changes
                ],
            )
        if self.settles:
            self._settle(session)
        self.write_moves(session)
        self.rows.clear()
        self.changes.clear()
        self.settles.clear()

    def _settle(self, session: Session) -> None:
        if session.get_bind().dialect.name == "postgresql":
            # Three arrays, not a row-value IN of 600 parameters that psycopg parses each time.
            session.execute(
                _SETTLE_HOLDS_PG,
                {
                    "ledgers": pg_array(ledger for ledger, _, _ in self.settles),
                    "members": pg_array(member for _, member, _ in self.settles),
                    "orders": pg_array(order for _, _, order in self.settles),
                },
            )
            return
        session.execute(
            update(HoldRow)
            .where(
                HoldRow.state == "active",
                tuple_(HoldRow.ledger, HoldRow.member_id, HoldRow.order_id).in_(self.settles),
            )
            .values(state="settled")
            .execution_options(synchronize_session=False)
        )


_MOVE_MEMBERS_PG = text(
    "UPDATE ho_members AS m SET principal_fen = m.principal_fen + d.principal,"
    " bonus_fen = m.bonus_fen + d.bonus, points = m.points + d.points, updated_at = :now"
    " FROM unnest(CAST(:ids AS varchar[]), CAST(:principal AS bigint[]),"
    " CAST(:bonus AS bigint[]), CAST(:points AS bigint[])) AS d(id, principal, bonus, points)"
    " WHERE m.id = d.id"
).bindparams(bindparam("now", type_=UTCDateTime()))
_MOVE_MEMBER = text(
    "UPDATE ho_members SET principal_fen = principal_fen + :principal,"
    " bonus_fen = bonus_fen + :bonus, points = points + :points, updated_at = :now"
    " WHERE id = :id"
).bindparams(bindparam("now", type_=UTCDateTime()))
_SETTLE_HOLDS_PG = text(
    "UPDATE ho_holds AS h SET state = 'settled'"
    " FROM unnest(CAST(:ledgers AS varchar[]), CAST(:members AS varchar[]),"
    " CAST(:orders AS varchar[])) AS s(ledger, member_id, order_id)"
    " WHERE h.state = 'active' AND h.order_id = s.order_id AND h.member_id = s.member_id"
    " AND h.ledger = s.ledger"
)


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """``rows`` (dicts with the same keys) into ``model``'s table in this transaction: on
    PostgreSQL by COPY, else one executemany. Row by row (psycopg's executemany) or as one
    giant multi-row INSERT (which psycopg parses on every call), a batch's rows took most of
    its time on PostgreSQL."""
    if not rows:
        return
    table = Base.metadata.tables[model.__tablename__]
    dialect = session.get_bind().dialect
    if dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    driver = session.connection().connection.driver_connection
    assert driver is not None
    names = list(rows[0])
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for values in copy_values(table, dialect, names, rows):
            copy.write_row(values)


def copy_values(
    table: Any, dialect: Any, names: list[str], rows: list[dict[str, Any]]
) -> Iterable[Sequence[Any]]:
    """Each row's values in the order of ``names``, through their columns' bind processors
    (a UTC timestamp's), each distinct value processed once: a batch's rows share its moment.
    The values are picked by one ``itemgetter`` a row, where a list built name by name cost
    more than the COPY itself."""
    processors = [
        (index, process)
        for index, name in enumerate(names)
        if (process := table.c[name].type.bind_processor(dialect)) is not None
    ]
    pick: Callable[[dict[str, Any]], Sequence[Any]]
    if len(names) == 1:  # itemgetter of one name gives the value, not a tuple of it
        (name,) = names
        pick = lambda row: (row[name],)  # noqa: E731
    else:
        pick = operator.itemgetter(*names)
    if not processors:
        return [pick(row) for row in rows]
    done: list[dict[Any, Any]] = [{} for _ in processors]
    picked = []
    for row in rows:
        values = list(pick(row))
        for (index, process), seen in zip(processors, done, strict=True):
            value = values[index]
            try:
                values[index] = seen[value]
            except KeyError:
                values[index] = seen[value] = process(value)
            except TypeError:  # a value no dict can hold (unhashable): processed as it comes
                values[index] = process(value)
        picked.append(values)
    return picked


def among(session: Session, column: Any, values: list[str]) -> Any:
    """``column IN values``; on PostgreSQL ``IN (SELECT unnest(array))``, one parameter instead
    of hundreds (psycopg parses a long statement afresh on every call), sent as an array's text
    (:func:`pg_array`). Not ``= ANY(array)``: before a table's first ANALYZE the planner scans
    it and compares every row with every value (1.4 s for a batch's 500 ids against 5,500
    events, under the database's collation), where the semi-join hashes the values or probes
    the key's index (3 ms)."""
    if session.get_bind().dialect.name == "postgresql":
        wanted = cast(bindparam(None, pg_array(values), type_=Text), ARRAY(Text))
        return column.in_(select(func.unnest(wanted)))
    return column.in_(values)


def pg_array(values: Iterable[str | int]) -> str:
    """PostgreSQL's text of an array of ``values``, each quoted: built at once, where psycopg's
    own array dumper takes a few milliseconds for a batch's 500 ids."""
    return (
        "{"
        + ",".join(
            str(value)
            if isinstance(value, int)
            else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )


def txid_expression(session: Session) -> Any:
    """The writing transaction's id on PostgreSQL (``headoffice.pull`` orders by it).

    On SQLite (one writer at a time) a number that only grows, taken from the clock in
    microseconds: rows written after the database is restored from an older backup sort after
    every cursor handed out before it (the ids alone are used again and would sort before).
    Computed in the statement itself (SQLite's two-argument ``max``): no statement more."""
    if session.get_bind().dialect.name == "postgresql":
        return text("pg_current_xact_id()::text::bigint")
    last = select(func.coalesce(func.max(ChangeRow.txid), 0) + 1).scalar_subquery()
    return func.max(literal(time.time_ns() // 1000), last)


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
