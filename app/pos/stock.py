"""Stock in the back room: goods received from a supplier (进货), returned to one (退货), counted
(盘点), the low-stock list and a product's moves.

Each document is one user action and one transaction: the document row, one stock move per line
(append-only, each with its quantity and its change of the stock's value at cost), the cached
stock and value on the product rows and the audit entry, all or nothing. Every line is checked
before anything is written, so a bad line leaves the database as it was. The value rules (the
moving weighted average, whole fen, each division rounded once half away from zero) are in
:mod:`app.pos.stock_cost`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.pos.cart import qty_text
from app.pos.catalog import CatalogError, adjust_stock, check_amount
from app.pos.stock_cost import line_cost, value_at_average
from app.storage import audit
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import (
    OrderRow,
    ProductRow,
    StaffRow,
    StockDocumentKind,
    StockDocumentRow,
    StockMoveRow,
)

MAX_SUPPLIER_LENGTH = 80
MAX_NOTE_LENGTH = 80
#: How many rows the low-stock list and a product's moves show at most.
LIST_LIMIT = 500
RECEIVE_REASON = "receive"
SUPPLIER_RETURN_REASON = "supplier_return"


class CountReason:
    """Why a count differs from the stock on hand (the move's reason, the screen's words)."""

    GAIN_OR_LOSS = "count"  # 盘盈/盘亏
    WASTAGE = "wastage"  # 损耗
    EXPIRED = "expired"  # 过期
    OTHER = "other"  # 其他

    ALL = (GAIN_OR_LOSS, WASTAGE, EXPIRED, OTHER)


class StockError(KnownError):
    """A receiving, return or count the counter refuses; nothing was written."""


@dataclasses.dataclass(frozen=True)
class StockLine:
    """One line of a receiving or a supplier return: a quantity and its cost, given per unit or
    for the whole line (neither: a return at the average cost; a receiving needs one)."""

    product_id: str
    qty_milli: int
    unit_cost_fen: int | None = None
    line_cost_fen: int | None = None


@dataclasses.dataclass(frozen=True)
class CountLine:
    """One product counted: what is on the shelf, and why it differs from the books."""

    product_id: str
    counted_milli: int
    reason: str = CountReason.GAIN_OR_LOSS


@dataclasses.dataclass(frozen=True)
class StockDocumentView:
    id: str
    kind: StockDocumentKind
    supplier: str | None
    lines: int
    value_fen: int
    created_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class LowStockView:
    product_id: str
    code: str
    name: str
    unit: str
    stock_milli: int
    reorder_point_milli: int | None


@dataclasses.dataclass(frozen=True)
class StockMoveView:
    at: dt.datetime
    delta_milli: int
    value_fen: int
    reason: str
    actor: str | None
    receipt_no: str | None
    supplier: str | None


# --- checks (shared with the screen, which checks a line as it is added) ----------------------


def _product(session: Session, product_id: str) -> ProductRow:
    row = session.get(ProductRow, product_id) if product_id else None
    if row is None:
        raise StockError("未找到该商品，请重新选择", field="product")
    if not row.track_stock:
        raise StockError("“%1”不计库存", row.name, field="product")
    return row


def check_quantity(qty_milli: int, field: str = "qty_milli") -> None:
    if qty_milli <= 0:
        raise StockError("数量须大于零", field=field)


def check_line(session: Session, line: StockLine, max_fen: int, *, receiving: bool) -> int:
    """The line's cost in fen (a return without one: None is given back as the average)."""
    row = _product(session, line.product_id)
    check_quantity(line.qty_milli)
    _check_amount("进价", line.unit_cost_fen, max_fen, "unit_cost_fen")
    _check_amount("金额", line.line_cost_fen, max_fen, "line_cost_fen")
    if line.line_cost_fen is not None:
        cost = line.line_cost_fen
    elif line.unit_cost_fen is not None:
        cost = line_cost(line.unit_cost_fen, line.qty_milli)
        _check_amount("金额", cost, max_fen, "unit_cost_fen")
    elif receiving:
        raise StockError("请输入进价或金额", field="unit_cost_fen")
    else:
        cost = value_at_average(line.qty_milli, row.stock_milli, row.stock_value_fen, row.cost_fen)
    if not receiving and line.qty_milli > row.stock_milli:
        raise StockError(
            "“%1”库存只有 %2，不能退 %3",
            row.name,
            qty_text(row.stock_milli),
            qty_text(line.qty_milli),
            field="qty_milli",
        )
    return cost


def _check_amount(label: str, fen: int | None, max_fen: int, field: str) -> None:
    """The catalogue's rule for an amount (not negative, not over the counter's limit)."""
    try:
        check_amount(label, fen, max_fen, field)
    except CatalogError as exc:
        raise StockError(exc.template, *exc.values, field=exc.field) from exc


def _check_supplier(supplier: str) -> str:
    clean = " ".join(supplier.split())
    if not clean:
        raise StockError("请输入供应商", field="supplier")
    if len(clean) > MAX_SUPPLIER_LENGTH:
        raise StockError("供应商名称过长（最多 %1 个字）", MAX_SUPPLIER_LENGTH, field="supplier")
    return clean


def _check_note(note: str) -> str | None:
    clean = " ".join(note.split())
    if len(clean) > MAX_NOTE_LENGTH:
        raise StockError("备注过长（最多 %1 个字）", MAX_NOTE_LENGTH, field="note")
    return clean or None


# --- documents ----------------------------------------------------------------------------------


def _supplier_document(
    session: Session,
    kind: StockDocumentKind,
    supplier: str,
    lines: Sequence[StockLine],
    *,
    actor_id: str | None,
    approver_id: str | None,
    note: str,
    max_fen: int,
    at: dt.datetime | None,
) -> StockDocumentView:
    receiving = kind is StockDocumentKind.RECEIVE
    name = _check_supplier(supplier)
    clean_note = _check_note(note)
    if not lines:
        raise StockError("请至少添加一行商品", field="lines")
    # A product on two lines of a return must not take out more than is on hand in all.
    wanted: dict[str, int] = {}
    costs = []
    for line in lines:
        costs.append(check_line(session, line, max_fen, receiving=receiving))
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.qty_milli
    if not receiving:
        for product_id, qty in wanted.items():
            row = _product(session, product_id)
            if qty > row.stock_milli:
                raise StockError(
                    "“%1”库存只有 %2，不能退 %3",
                    row.name,
                    qty_text(row.stock_milli),
                    qty_text(qty),
                    field="qty_milli",
                )
    moment = at or utcnow()
    sign = 1 if receiving else -1
    document = StockDocumentRow(
        id=new_id(),
        kind=kind,
        supplier=name,
        note=clean_note,
        actor_id=actor_id,
        approver_id=approver_id,
        value_fen=0,
        created_at=moment,
    )
    session.add(document)
    session.flush()
    total = 0
    for line, cost in zip(lines, costs, strict=True):
        if not receiving and sum(1 for x in lines if x.product_id == line.product_id) > 1:
            # Later lines of the same product: at the average left by the earlier ones.
            cost = check_line(session, line, max_fen, receiving=False)
        adjust_stock(
            session,
            line.product_id,
            sign * line.qty_milli,
            RECEIVE_REASON if receiving else SUPPLIER_RETURN_REASON,
            value_fen=sign * cost,
            document_id=document.id,
            actor_id=actor_id,
            at=moment,
        )
        total += cost
    document.value_fen = total
    audit.record(
        session,
        "stock.received" if receiving else "stock.returned",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=document.id,
        detail={"supplier": name, "lines": len(lines), "value_fen": total},
        at=moment,
    )
    return StockDocumentView(document.id, kind, name, len(lines), total, moment)


def receive_goods(
    session: Session,
    supplier: str,
    lines: Sequence[StockLine],
    *,
    actor_id: str | None,
    approver_id: str | None = None,
    note: str = "",
    max_fen: int,
    at: dt.datetime | None = None,
) -> StockDocumentView:
    """进货: each line adds its quantity and what it cost (per unit times the quantity, rounded
    half up to the fen, or the line's amount as given) to the product's stock and value."""
    return _supplier_document(
        session,
        StockDocumentKind.RECEIVE,
        supplier,
        lines,
        actor_id=actor_id,
        approver_id=approver_id,
        note=note,
        max_fen=max_fen,
        at=at,
    )


def return_to_supplier(
    session: Session,
    supplier: str,
    lines: Sequence[StockLine],
    *,
    actor_id: str | None,
    approver_id: str | None = None,
    note: str = "",
    max_fen: int,
    at: dt.datetime | None = None,
) -> StockDocumentView:
    """退货给供应商: each line takes its quantity out of stock, never more than is on hand, and
    its cost out of the value: as given, else at the moving average."""
    return _supplier_document(
        session,
        StockDocumentKind.SUPPLIER_RETURN,
        supplier,
        lines,
        actor_id=actor_id,
        approver_id=approver_id,
        note=note,
        max_fen=max_fen,
        at=at,
    )


def count_stock(
    session: Session,
    counts: Sequence[CountLine],
    *,
    actor_id: str | None,
    approver_id: str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> StockDocumentView:
    """盘点: each product counted is set to what is on the shelf by one move of the difference,
    valued at the moving average (a count of zero takes out the whole value); a product whose
    count matches the books gets no move."""
    clean_note = _check_note(note)
    if not counts:
        raise StockError("请至少盘点一个商品", field="lines")
    seen: set[str] = set()
    for line in counts:
        _product(session, line.product_id)
        if line.counted_milli < 0:
            raise StockError("盘点数量不能为负数", field="counted_milli")
        if line.reason not in CountReason.ALL:
            raise StockError("请选择盘点差异原因", field="reason")
        if line.product_id in seen:
            raise StockError("同一商品只能盘点一次", field="product")
        seen.add(line.product_id)
    moment = at or utcnow()
    document = StockDocumentRow(
        id=new_id(),
        kind=StockDocumentKind.COUNT,
        supplier=None,
        note=clean_note,
        actor_id=actor_id,
        approver_id=approver_id,
        value_fen=0,
        created_at=moment,
    )
    session.add(document)
    session.flush()
    total = moved = 0
    for line in counts:
        row = _product(session, line.product_id)
        difference = line.counted_milli - row.stock_milli
        if difference == 0:
            continue
        before = row.stock_value_fen
        adjust_stock(
            session,
            line.product_id,
            difference,
            line.reason,
            document_id=document.id,
            actor_id=actor_id,
            at=moment,
        )
        total += row.stock_value_fen - before
        moved += 1
    document.value_fen = total
    audit.record(
        session,
        "stock.counted",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=document.id,
        detail={"products": len(counts), "adjusted": moved, "value_fen": total},
        at=moment,
    )
    return StockDocumentView(document.id, StockDocumentKind.COUNT, None, moved, total, moment)


# --- reading ------------------------------------------------------------------------------------


def low_stock(session: Session, limit: int | None = LIST_LIMIT) -> list[LowStockView]:
    """Active products that keep stock and are at or below their reorder point, or at or below
    zero when they have none; the emptiest first."""
    rows = session.execute(
        select(
            ProductRow.id,
            ProductRow.code,
            ProductRow.name,
            ProductRow.unit,
            ProductRow.stock_milli,
            ProductRow.reorder_point_milli,
        )
        .where(
            ProductRow.active.is_(True),
            ProductRow.track_stock.is_(True),
            or_(
                ProductRow.stock_milli <= 0,
                ProductRow.stock_milli <= ProductRow.reorder_point_milli,
            ),
        )
        .order_by(ProductRow.stock_milli, ProductRow.code)
        .limit(limit)
    ).all()
    return [LowStockView(*row) for row in rows]


def product_moves(
    session: Session, product_id: str, limit: int = LIST_LIMIT
) -> list[StockMoveView]:
    """A product's stock moves, newest first, with who made each and for what."""
    rows = session.execute(
        select(
            StockMoveRow.created_at,
            StockMoveRow.delta_milli,
            StockMoveRow.value_fen,
            StockMoveRow.reason,
            StaffRow.name,
            OrderRow.receipt_no,
            StockDocumentRow.supplier,
        )
        .outerjoin(OrderRow, OrderRow.id == StockMoveRow.order_id)
        # A sale's moves are written without an actor, line by line: its cashier made them.
        .outerjoin(
            StaffRow, StaffRow.id == func.coalesce(StockMoveRow.actor_id, OrderRow.cashier_id)
        )
        .outerjoin(StockDocumentRow, StockDocumentRow.id == StockMoveRow.document_id)
        .where(StockMoveRow.product_id == product_id)
        .order_by(StockMoveRow.created_at.desc(), StockMoveRow.id.desc())
        .limit(limit)
    ).all()
    return [StockMoveView(*row) for row in rows]


@dataclasses.dataclass(frozen=True)
class StockMismatch:
    product_id: str
    what: str  # "stock_milli" or "stock_value_fen"
    cached: int
    from_moves: int


def check_stock(session: Session) -> list[StockMismatch]:
    """Every product whose cached stock or value differs from the sum of its moves."""
    summed = {
        row[0]: (int(row[1]), int(row[2]))
        for row in session.execute(
            select(
                StockMoveRow.product_id,
                func.sum(StockMoveRow.delta_milli),
                func.sum(StockMoveRow.value_fen),
            ).group_by(StockMoveRow.product_id)
        )
    }
    found: list[StockMismatch] = []
    for product_id, stock, value in session.execute(
        select(ProductRow.id, ProductRow.stock_milli, ProductRow.stock_value_fen)
    ):
        moved_stock, moved_value = summed.get(product_id, (0, 0))
        if stock != moved_stock:
            found.append(StockMismatch(product_id, "stock_milli", stock, moved_stock))
        if value != moved_value:
            found.append(StockMismatch(product_id, "stock_value_fen", value, moved_value))
    return found


def stock_totals(session: Session, product_id: str) -> tuple[int, int]:
    """The product's stock and value recomputed from its moves (what a check compares)."""
    row = session.execute(
        select(
            func.coalesce(func.sum(StockMoveRow.delta_milli), 0),
            func.coalesce(func.sum(StockMoveRow.value_fen), 0),
        ).where(StockMoveRow.product_id == product_id)
    ).one()
    return int(row[0]), int(row[1])
