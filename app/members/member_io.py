"""Members from and to CSV and XLSX files: an import checked whole before anything is written
(each bad row reported by line and reason), then written beside selling in short transactions
that a killed import resumes, opening balances as ledger entries; export (a manager's action,
audited) with current balances.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import decimal
import functools
import hashlib
import json
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.accounts import (
    PointsLine,
    StoredValueLine,
    driver_connection,
    mask_phone,
    require_approver,
)
from app.members.calendar import MemberDate, parse_member_date
from app.members.card_numbers import mask_card
from app.members.card_types import card_type_by_name, default_card_type
from app.members.enrolment import clean_card_no, clean_name, clean_phone, clean_sex
from app.members.errors import DuplicateCard, DuplicatePhone, MemberError
from app.members.member_status import MemberStatus
from app.members.points import PointsKind
from app.money import MoneyError, format_fen, parse_amount
from app.storage import audit, ledger_rows
from app.storage.base import sql_moment, utcnow
from app.storage.database import Database
from app.storage.db import make_engine
from app.storage.ids import new_ids
from app.storage.member_models import CardTypeRow, MemberCardRow, MemberRow
from app.storage.models import CounterStateRow
from app.storage.outbox import add_event_rows, event_rows
from app.storage.spreadsheet_cells import read_back, safe_row
from app.storage.text_files import MAX_RECORD_CHARS, TextFileError, csv_records, decode_strictly
from app.storage.whole_files import whole_file

COLUMNS = (
    "card_no",
    "name",
    "phone",
    "sex",
    "birthday",
    "birthday_calendar",
    "birthday_leap",
    "card_type",
    "balance",
    "bonus_balance",
    "points",
)
#: What an export adds after the importable columns: the member's history, for the owner's own
#: analysis. An import ignores them (spend and visits come from sales, never from a file).
EXPORT_ONLY_COLUMNS = ("total_spend", "visits", "last_visit", "tags", "joined_on")
EXPORT_COLUMNS = COLUMNS + EXPORT_ONLY_COLUMNS
#: ``birthday_leap``: blank for a date in a regular month; ``leap`` for one in the leap month,
#: falling on the regular month in other years; ``leap-prefer`` for one kept on the leap month
#: in the years that have it. What a person may type instead of these.
LEAP_WORDS = {
    "": (False, False),
    "0": (False, False),
    "否": (False, False),
    "no": (False, False),
    "false": (False, False),
    "leap": (True, False),
    "1": (True, False),
    "是": (True, False),
    "闰": (True, False),
    "闰月": (True, False),
    "yes": (True, False),
    "true": (True, False),
    "leap-prefer": (True, True),
    "按闰月": (True, True),
    "闰月按闰月过": (True, True),
}
CHINESE_HEADERS = {
    "卡号": "card_no",
    "会员卡号": "card_no",
    "姓名": "name",
    "手机": "phone",
    "手机号": "phone",
    "性别": "sex",
    "生日": "birthday",
    "历法": "birthday_calendar",
    "闰月": "birthday_leap",
    "卡类型": "card_type",
    "会员等级": "card_type",
    "余额": "balance",
    "储值余额": "balance",
    "赠送余额": "bonus_balance",
    "积分": "points",
}
OPENING_KIND = "opening"
MAX_IMPORT_AMOUNT_FEN = 1_000_000_00


#: Rows written per short transaction; the batch shrinks when one takes longer than
#: ``BATCH_HOLD_S`` (a slow disk), so a sale waiting for the lock is never kept long.
BATCH_ROWS = 500
#: How long one batch may hold the write lock, and how long the import then lets go of it: a
#: sale that asked for the lock meanwhile gets it in the pause (SQLite's busy wait looks again
#: within 15 ms during its first 33 ms), so it never waits much longer than one batch.
BATCH_HOLD_S = 0.035
BATCH_PAUSE_S = 0.025
#: The first batch's size: small, until the import has seen how fast this machine writes.
FIRST_BATCH_ROWS = 50
#: The most points a file may give one member: far above any real balance, far below SQLite's
#: 64-bit integers (a bigger number used to end the import with an overflow traceback).
MAX_IMPORT_POINTS = 100_000_000
#: counter_state key of a file's import: which rows of it are in, so a re-run resumes.
PROGRESS_KEY_PREFIX = "members.import."
_PROGRESS_HASH_CHARS = 24  # the key column holds 40 characters
#: The member and card tables as the ledger writes its own: one plain insert, run for many rows.
_MEMBERS = ledger_rows.LedgerTable.of(MemberRow)
_CARDS = ledger_rows.LedgerTable.of(MemberCardRow)


@dataclasses.dataclass(frozen=True)
class RowProblem:
    """A bad row: its line, the reason in Chinese, and the refusal itself (for the screen's
    language)."""

    line: int
    reason: str
    error: KnownError | None = dataclasses.field(default=None, compare=False)


@dataclasses.dataclass(frozen=True)
class ImportReport:
    """``imported``: members this run wrote; ``already``: rows of the same file an earlier
    (interrupted) run wrote, skipped now; ``problems``: with any, nothing was written."""

    imported: int
    problems: tuple[RowProblem, ...]
    already: int = 0


@dataclasses.dataclass(frozen=True)
class ImportProgress:
    written: int
    total: int


class ImportStopped(MemberError):
    """The import stopped between batches; the batches before it are in, a re-run resumes."""


@dataclasses.dataclass(frozen=True)
class _Member:
    """One good row of the file, checked, ready to write."""

    line: int
    card_no: str
    name: str
    phone: str | None
    sex: str | None
    birthday: MemberDate | None
    card_type: CardTypeRow
    principal: int
    bonus: int
    points: int


def _header(text: str) -> str | None:
    cleaned = text.strip().lstrip("\ufeff")
    if cleaned.lower() in COLUMNS:
        return cleaned.lower()
    return CHINESE_HEADERS.get(cleaned)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):  # a spreadsheet's number: exact through its shortest text
        return format(decimal.Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise MemberError(
            "无法打开 Excel 文件：%1，文件可能已损坏或不是 Excel 文件", path.name
        ) from exc
    try:
        if not book.worksheets:
            return []
        rows = []
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
            cells = [_cell(v) for v in values]
            if sum(len(cell) for cell in cells) > MAX_RECORD_CHARS:
                raise MemberError(
                    "第 %1 行过长（超过 %2 个字），不像是一条记录：请检查文件",
                    number,
                    MAX_RECORD_CHARS,
                )
            rows.append((number, [read_back(cell) for cell in cells]))
        return rows
    finally:
        book.close()


def _rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    """Every record of the file with its line: all read before anything is checked or written."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if data.startswith(b"PK\x03\x04"):
        raise MemberError("这是一个 Excel 文件，请把扩展名改为 .xlsx 后再导入")
    return [
        (number, [read_back(v.strip()) for v in values])
        for number, values in csv_records(decode_strictly(data))
    ]


def _amount(values: dict[str, str], key: str, label: str) -> int:
    text = values.get(key, "")
    if not text:
        return 0
    try:
        return parse_amount(text, max_fen=MAX_IMPORT_AMOUNT_FEN)
    except MoneyError as exc:
        raise MemberError("%1：%2", label, exc) from None


def _points(values: dict[str, str]) -> int:
    text = values.get("points", "")
    if not text:
        return 0
    if not text.isdigit():
        raise MemberError("积分须为非负整数：%1", text)
    if len(text) > 12 or int(text) > MAX_IMPORT_POINTS:
        raise MemberError("积分过大：%1（上限 %2）", text[:20], MAX_IMPORT_POINTS)
    return int(text)


class _Checker:
    """Checks rows against the store (cards and phones taken, card types) and the file itself,
    all in memory: the store is read once, before the first row."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cards = set(session.scalars(select(MemberRow.card_no)))
        self.cards.update(session.scalars(select(MemberCardRow.card_no)))
        self.phones = {p for p in session.scalars(select(MemberRow.phone)) if p}
        self.card_types: dict[str, CardTypeRow | MemberError] = {}

    def card_type(self, name: str) -> CardTypeRow:
        if name not in self.card_types:
            try:
                self.card_types[name] = (
                    card_type_by_name(self.session, name)
                    if name
                    else default_card_type(self.session)
                )
            except MemberError as exc:
                self.card_types[name] = exc
        found = self.card_types[name]
        if isinstance(found, MemberError):
            raise found
        return found

    def check(self, line: int, values: dict[str, str], *, written: bool) -> _Member:
        """The row as a member to write; ``written``: an earlier run of this file wrote it, so
        its card and phone are in the store already (as its own)."""
        card = clean_card_no(values.get("card_no", ""))
        phone_text = values.get("phone", "")
        phone = clean_phone(phone_text) if phone_text.strip() else None
        name = clean_name(values.get("name", ""))
        sex = clean_sex(values.get("sex") or None)
        birthday = None
        if values.get("birthday"):
            leap_text = values.get("birthday_leap", "").strip().lower()
            if leap_text not in LEAP_WORDS:
                raise MemberError("闰月一栏请填 leap、leap-prefer 或留空：%1", leap_text)
            leap, prefer_leap = LEAP_WORDS[leap_text]
            birthday = parse_member_date(
                values["birthday"], values.get("birthday_calendar") or "solar", leap, prefer_leap
            )
        kind = self.card_type(values.get("card_type", "").strip())
        principal = _amount(values, "balance", "余额")
        bonus = _amount(values, "bonus_balance", "赠送余额")
        points = _points(values)
        if card in self.cards and not written:
            raise DuplicateCard(card)
        if phone is not None and phone in self.phones and not written:
            raise DuplicatePhone()
        return _Member(line, card, name, phone, sex, birthday, kind, principal, bonus, points)


def _file_key(data: bytes) -> str:
    return PROGRESS_KEY_PREFIX + hashlib.sha256(data).hexdigest()[:_PROGRESS_HASH_CHARS]


def _rows_done(session: Session, key: str) -> int:
    row = session.get(CounterStateRow, key)
    return int(json.loads(row.value)["rows_done"]) if row is not None else 0


def read_and_check(db: Database, path: Path) -> tuple[list[_Member], list[RowProblem], int, str]:
    """The whole file read and every row checked, nothing written: the good rows in file order,
    every bad row with its line, how many rows an earlier run of this same file wrote, and the
    file's progress key."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MemberError("无法读取文件：%1（%2）", path.name, exc.strerror or exc) from exc
    try:
        rows = _rows(path, data)
    except TextFileError as exc:
        raise MemberError(exc.template, *exc.values) from None
    key = _file_key(data)
    header: list[str | None] | None = None
    members: list[_Member] = []
    problems: list[RowProblem] = []
    seen_cards: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    with db.reading() as session:
        done = _rows_done(session, key)
        checker = _Checker(session)
        for line, values in rows:
            if not any(values):
                continue
            if header is None:
                header = [_header(v) for v in values]
                if {"card_no", "name"} - {h for h in header if h}:
                    raise MemberError("文件缺少必需的列：卡号、姓名（card_no, name）")
                continue
            record = {key: value for key, value in zip(header, values, strict=False) if key}
            try:
                member = checker.check(line, record, written=len(members) < done)
                if member.card_no in seen_cards:
                    raise MemberError(
                        "卡号与第 %1 行重复：%2",
                        seen_cards[member.card_no],
                        mask_card(member.card_no),
                    )
                if member.phone is not None and member.phone in seen_phones:
                    raise MemberError("手机号与第 %1 行重复", seen_phones[member.phone])
            except KnownError as exc:  # the row's own fault; anything else is a bug and stops
                problems.append(RowProblem(line, str(exc), exc))
                continue
            seen_cards[member.card_no] = line
            if member.phone is not None:
                seen_phones[member.phone] = line
            members.append(member)
    if header is None:
        raise MemberError("文件是空的")
    return members, problems, min(done, len(members)), key


def import_members(
    db: Database,
    path: Path,
    *,
    on: dt.date,
    actor_id: str,
    progress: Callable[[ImportProgress], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ImportReport:
    """Members from a file, beside selling.

    The whole file is read and every row checked first; a file with any bad row is refused with
    every bad row's line and nothing is written. A good file is written in short transactions
    of at most ``batch_rows`` members, the write lock let go between them, so a sale waits at
    most about one batch. Each batch records, in its own transaction, how many rows of this file
    (known by its SHA-256) are in: a re-run of the same file after a crash or a kill resumes
    after them, and a re-run of a finished file writes nothing. ``progress`` hears after each
    batch.
    """
    members, problems, done, key = read_and_check(db, path)
    if problems:
        return ImportReport(0, tuple(problems), done)
    writer = _batch_writer(db)
    try:
        return _write_batches(writer, members, done, key, path, on, actor_id, progress, batch_rows)
    finally:
        writer.dispose()


def _batch_writer(db: Database) -> Database:
    """The import's own connection to the store, whose commits wait for no fsync (SQLite's
    ``synchronous=NORMAL`` in WAL mode): a power cut may lose the last batches, never corrupt
    the store, and takes each batch's progress record with it, so the re-run writes them again.
    Sales keep their own connections and their fsync (a sale's commit makes the import's
    earlier batches durable too). Closed with the import: no other action ever uses it."""
    engine = make_engine(db.engine.url.render_as_string(hide_password=False))

    @event.listens_for(engine, "connect")
    def _no_fsync_per_batch(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return Database(engine)


def _write_batches(
    db: Database,
    members: list[_Member],
    done: int,
    key: str,
    path: Path,
    on: dt.date,
    actor_id: str,
    progress: Callable[[ImportProgress], None] | None,
    batch_rows: int,
) -> ImportReport:
    total = len(members)
    written = done
    size = min(FIRST_BATCH_ROWS, batch_rows)
    if progress is not None:
        progress(ImportProgress(written, total))
    batch = members[written : written + size]
    if batch:
        rows = _prepare_batch(batch, file_name=path.name, on=on, actor_id=actor_id)
    while batch:
        with db.transaction() as session:
            session.connection()  # BEGIN IMMEDIATE: the write lock is this batch's from here
            started = time.perf_counter()
            _check_still_free(session, batch)
            _write_batch(session, rows, actor_id=actor_id)
            _record_progress(session, key, path.name, written + len(batch), total, actor_id)
        released = time.perf_counter()
        written += len(batch)
        if progress is not None:
            progress(ImportProgress(written, total))
        # The next batch sized to hold the lock about BATCH_HOLD_S on this machine, now, and
        # made while the lock is let go: a sale waiting for it takes it in this pause.
        held = released - started
        size = max(10, min(batch_rows, int(len(batch) * BATCH_HOLD_S / max(held, 1e-3))))
        batch = members[written : written + size]
        if batch:
            rows = _prepare_batch(batch, file_name=path.name, on=on, actor_id=actor_id)
            time.sleep(max(0.0, BATCH_PAUSE_S - (time.perf_counter() - released)))
    return ImportReport(written - done, (), done)


def _check_still_free(session: Session, batch: Sequence[_Member]) -> None:
    """A card or phone given to a member at the counter since the file was checked stops the
    import before this batch (the ones before stay in; fix the file and run it again)."""
    cards = [m.card_no for m in batch]
    phones = [m.phone for m in batch if m.phone]
    taken_cards = set(
        session.scalars(select(MemberRow.card_no).where(MemberRow.card_no.in_(cards)))
    )
    taken_cards.update(
        session.scalars(select(MemberCardRow.card_no).where(MemberCardRow.card_no.in_(cards)))
    )
    taken_phones = set(session.scalars(select(MemberRow.phone).where(MemberRow.phone.in_(phones))))
    for member in batch:
        if member.card_no in taken_cards or member.phone in taken_phones:
            raise ImportStopped(
                "第 %1 行的卡号或手机号刚在收银台被使用：这一行之前的会员已导入，这一行起没有导入",
                member.line,
            )


def _record_progress(
    session: Session, key: str, name: str, rows_done: int, total: int, actor_id: str
) -> None:
    value = json.dumps({"file": name, "rows_done": rows_done, "rows": total})
    row = session.get(CounterStateRow, key)
    if row is None:
        session.add(CounterStateRow(key=key, value=value))
    else:
        row.value = value
    if rows_done == total:
        audit.record(
            session,
            "member.imported",
            actor_id=actor_id,
            detail={"file": name, "imported": total, "problems": 0},
        )


@dataclasses.dataclass(frozen=True)
class _Batch:
    """A batch's rows, all made before the write lock is taken: under it, only inserts run."""

    members: list[dict[str, Any]]
    cards: list[dict[str, Any]]
    #: ledger entries by their insert statement
    entries: dict[str, list[dict[str, Any]]]
    events: list[tuple[str, str, int, str, str]]
    audit_detail: dict[str, Any]


def _write_batch(session: Session, batch: _Batch, *, actor_id: str) -> None:
    connection = driver_connection(session)
    connection.executemany(_named_insert(_MEMBERS), batch.members)
    connection.executemany(_named_insert(_CARDS), batch.cards)
    for statement, params in batch.entries.items():
        connection.executemany(statement, params)
    add_event_rows(session, batch.events)
    audit.record(session, "member.import_batch", actor_id=actor_id, detail=batch.audit_detail)


def _prepare_batch(
    batch: Sequence[_Member], *, file_name: str, on: dt.date, actor_id: str
) -> _Batch:
    """Checked members as enrolment writes each (member, card, MemberEnrolled event), with
    opening balances as ledger entries whose balance-after is the member's sum; one audit line
    for the batch names the file's lines and cards it holds."""
    at = utcnow()
    fresh_ids = iter(new_ids(4 * len(batch)))  # member, card, two ledger entries at most
    # Dates and moments as the ORM stores them (ISO text, naive UTC text), made once a batch.
    at_text, on_text = sql_moment(at), on.isoformat()
    rows: list[dict[str, Any]] = []
    for member in batch:
        kind = member.card_type
        birthday = member.birthday
        rows.append(
            {
                "id": next(fresh_ids),
                "card_no": member.card_no,
                "name": member.name,
                "phone": member.phone,
                "sex": member.sex,
                # as enrolment's set_birthday writes them
                "birthday_calendar": birthday.calendar if birthday else None,
                "birthday_year": birthday.year if birthday else None,
                "birthday_month": birthday.month if birthday else None,
                "birthday_day": birthday.day if birthday else None,
                "birthday_leap": birthday.leap_month if birthday else False,
                "birthday_prefer_leap": birthday.prefer_leap if birthday else False,
                "birthday_key": birthday.key.code if birthday else None,
                "tags": "",
                "note": "",
                "home_store": "",
                "joined_on": on_text,
                "card_type_id": kind.id,
                "level_since": on_text,
                "expires_on": _expiry(kind, on),
                "status": MemberStatus.ACTIVE.value,
                "password_hash": None,
                "password_failures": 0,
                "password_locked_until": None,
                "principal_fen": member.principal,
                "bonus_fen": member.bonus,
                "points": member.points,
                "total_spend_fen": 0,
                "visit_count": 0,
                "last_visit_on": None,
                "created_at": at_text,
            }
        )
    cards = [
        {
            "id": next(fresh_ids),
            "member_id": row["id"],
            "card_no": row["card_no"],
            "status": "active",
            "issued_on": on_text,
            "closed_on": None,
            "reason": "",
        }
        for row in rows
    ]
    entries: dict[str, list[dict[str, Any]]] = {}
    events: list[tuple[str, dict[str, Any]]] = []
    for member, row in zip(batch, rows, strict=True):
        kind = member.card_type
        member_id = row["id"]
        events.append(
            (
                "MemberEnrolled",
                {  # as enrolment words it
                    "member_id": member_id,
                    "card_no": member.card_no,
                    "name": member.name,
                    "phone_masked": mask_phone(member.phone),
                    "sex": member.sex,
                    "birthday": _date_payload(member.birthday),
                    "card_type_id": kind.id,
                    "joined_on": on.isoformat(),
                    "expires_on": row["expires_on"],
                    "home_store": "",
                    "actor_id": actor_id,
                },
            )
        )
        lines: list[StoredValueLine | PointsLine] = []
        if member.principal or member.bonus:
            lines.append(
                StoredValueLine(
                    next(fresh_ids),
                    member_id,
                    OPENING_KIND,
                    member.principal,
                    member.bonus,
                    member.principal,
                    member.bonus,
                    None,
                    None,
                    "导入期初余额",
                    on,
                )
            )
        if member.points:
            lines.append(
                PointsLine(
                    next(fresh_ids),
                    member_id,
                    PointsKind.OPENING.value,
                    member.points,
                    member.points,
                    0,
                    None,
                    None,
                    None,
                    "导入期初积分",
                    on,
                )
            )
        for line in lines:
            table = (
                ledger_rows.STORED_VALUE
                if isinstance(line, StoredValueLine)
                else ledger_rows.POINTS
            )
            entry = line.row(actor_id=actor_id, approver_id=None, at=at)
            entry.update(business_day=on_text, created_at=at_text)
            entries.setdefault(_named_insert(table), []).append(entry)
        if lines:
            events.append(
                (
                    "OpeningBalancesImported",
                    {  # as accounts.emit words a member's event
                        "member_id": member_id,
                        "card_no": member.card_no,
                        "entries": [line.payload() for line in lines],
                        "principal_fen": member.principal,
                        "bonus_fen": member.bonus,
                        "points": member.points,
                        "actor_id": actor_id,
                        "approver_id": None,
                    },
                )
            )
    return _Batch(
        members=rows,
        cards=cards,
        entries=entries,
        events=event_rows(events, at=at),
        audit_detail={
            "file": file_name,
            "lines": f"{batch[0].line}-{batch[-1].line}",
            "members": len(batch),
            "first_card": mask_card(batch[0].card_no),
            "last_card": mask_card(batch[-1].card_no),
        },
    )


@functools.cache
def _named_insert(table: ledger_rows.LedgerTable) -> str:
    """``table``'s insert with named parameters: rows go in as dicts of stored values."""
    marks = ", ".join(f":{column}" for column in table.columns)
    return f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({marks})"


def _expiry(kind: CardTypeRow, on: dt.date) -> str | None:
    """When a card of ``kind`` taken ``on`` expires, as enrolment reckons it (ISO text)."""
    if not kind.validity_days:
        return None
    return (on + dt.timedelta(days=kind.validity_days - 1)).isoformat()


@functools.lru_cache(maxsize=100_000)
def _date_payload_of(day: MemberDate) -> dict[str, Any]:
    return dataclasses.asdict(day)


def _date_payload(day: MemberDate | None) -> dict[str, Any] | None:
    """A birthday as enrolment's event carries it (the same dates recur: made once each)."""
    return None if day is None else _date_payload_of(day)


def _birthday_text(member: MemberRow) -> tuple[str, str, str]:
    if member.birthday_month is None or member.birthday_day is None:
        return "", "", ""
    day = f"{member.birthday_month:02d}-{member.birthday_day:02d}"
    if member.birthday_year is not None:
        day = f"{member.birthday_year:04d}-{day}"
    leap = ""
    if member.birthday_leap:
        leap = "leap-prefer" if member.birthday_prefer_leap else "leap"
    return day, member.birthday_calendar or "solar", leap


def export_rows(session: Session) -> Iterator[list[str]]:
    names = dict(session.execute(select(CardTypeRow.id, CardTypeRow.name)).tuples().all())
    for member in session.scalars(select(MemberRow).order_by(MemberRow.card_no)):
        birthday, calendar, leap = _birthday_text(member)
        yield [
            member.card_no,
            member.name,
            member.phone or "",
            member.sex or "",
            birthday,
            calendar,
            leap,
            names.get(member.card_type_id, ""),
            format_fen(member.principal_fen),
            format_fen(member.bonus_fen),
            str(member.points),
            format_fen(member.total_spend_fen),
            str(member.visit_count),
            member.last_visit_on.isoformat() if member.last_visit_on else "",
            member.tags or "",
            member.joined_on.isoformat(),
        ]


def export_members(session: Session, path: Path, *, actor_id: str, approver_id: str | None) -> int:
    """All members with full phones and current balances (manager, audited); CSV or XLSX."""
    require_approver(approver_id)
    rows = list(export_rows(session))
    with whole_file(path) as partial:
        if path.suffix.lower() == ".xlsx":
            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("会员")
            sheet.append(list(EXPORT_COLUMNS))
            for row in rows:
                sheet.append(safe_row(row))
            book.save(partial)
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(EXPORT_COLUMNS)
                writer.writerows(safe_row(row) for row in rows)
    audit.record(
        session,
        "member.exported",
        actor_id=actor_id,
        approver_id=approver_id,
        detail={"file": path.name, "rows": len(rows)},
    )
    return len(rows)
