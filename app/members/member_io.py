"""Members from and to CSV and XLSX files: import with opening balances as ledger entries, each
bad row reported by line and reason; export (a manager's action, audited) with current balances.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import decimal
import io
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.accounts import (
    PointsLine,
    StoredValueLine,
    append_points,
    append_stored_value,
    emit,
    load_member,
    require_approver,
)
from app.members.calendar import parse_member_date
from app.members.card_types import card_type_by_name
from app.members.enrolment import enrol
from app.members.errors import MemberError
from app.members.points import PointsKind
from app.money import MoneyError, format_fen, parse_amount
from app.storage import audit
from app.storage.member_models import CardTypeRow, MemberRow
from app.storage.spreadsheet_cells import read_back, safe_row

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
EXPORT_ONLY_COLUMNS = ("total_spend", "visits", "last_visit", "tags")
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


@dataclasses.dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


@dataclasses.dataclass(frozen=True)
class ImportReport:
    imported: int
    problems: tuple[RowProblem, ...]


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


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [read_back(_cell(v)) for v in values]
        finally:
            book.close()
        return
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise MemberError("文件编码无法识别（请用 UTF-8 或 GBK 保存）")
    for number, values in enumerate(csv.reader(io.StringIO(text)), 1):
        yield number, [read_back(v.strip()) for v in values]


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
    return int(text)


def import_members(session: Session, path: Path, *, on: dt.date, actor_id: str) -> ImportReport:
    """Every good row enrolled (in the caller's one transaction), every bad one reported."""
    rows = _rows(path)
    header: list[str | None] | None = None
    imported = 0
    problems: list[RowProblem] = []
    for line, values in rows:
        if not any(values):
            continue
        if header is None:
            header = [_header(v) for v in values]
            missing = {"card_no", "name"} - {h for h in header if h}
            if missing:
                raise MemberError("文件缺少必需的列：卡号、姓名（card_no, name）")
            continue
        record = {key: value for key, value in zip(header, values, strict=False) if key}
        try:
            with session.begin_nested():
                _import_row(session, record, on=on, actor_id=actor_id)
            imported += 1
        except KnownError as exc:  # the row's own fault; anything else is a bug and stops
            problems.append(RowProblem(line, str(exc)))
    if header is None:
        raise MemberError("文件是空的")
    audit.record(
        session,
        "member.imported",
        actor_id=actor_id,
        detail={"file": path.name, "imported": imported, "problems": len(problems)},
    )
    return ImportReport(imported, tuple(problems))


def _import_row(session: Session, values: dict[str, str], *, on: dt.date, actor_id: str) -> None:
    birthday = None
    if values.get("birthday"):
        leap_text = values.get("birthday_leap", "").strip().lower()
        if leap_text not in LEAP_WORDS:
            raise MemberError("闰月一栏请填 leap、leap-prefer 或留空：%1", leap_text)
        leap, prefer_leap = LEAP_WORDS[leap_text]
        birthday = parse_member_date(
            values["birthday"], values.get("birthday_calendar") or "solar", leap, prefer_leap
        )
    card_type_id = None
    if values.get("card_type"):
        card_type_id = card_type_by_name(session, values["card_type"]).id
    principal = _amount(values, "balance", "余额")
    bonus = _amount(values, "bonus_balance", "赠送余额")
    points = _points(values)
    view = enrol(
        session,
        card_no=values.get("card_no", ""),
        phone=values.get("phone", ""),
        name=values.get("name", ""),
        on=on,
        actor_id=actor_id,
        card_type_id=card_type_id,
        sex=values.get("sex") or None,
        birthday=birthday,
    )
    member = load_member(session, view.id)
    lines: list[StoredValueLine | PointsLine] = []
    if principal or bonus:
        lines.append(
            append_stored_value(
                session,
                member,
                OPENING_KIND,
                principal,
                bonus,
                on=on,
                reason="导入期初余额",
                actor_id=actor_id,
            )
        )
    if points:
        lines.append(
            append_points(
                session,
                member,
                PointsKind.OPENING.value,
                points,
                on=on,
                reason="导入期初积分",
                actor_id=actor_id,
            )
        )
    if lines:
        emit(
            session, "OpeningBalancesImported", member, action=None, actor_id=actor_id, lines=lines
        )


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
        ]


def export_members(session: Session, path: Path, *, actor_id: str, approver_id: str | None) -> int:
    """All members with full phones and current balances (manager, audited); CSV or XLSX."""
    require_approver(approver_id)
    rows = list(export_rows(session))
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("会员")
        sheet.append(list(EXPORT_COLUMNS))
        for row in rows:
            sheet.append(safe_row(row))
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
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
