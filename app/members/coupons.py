"""Coupons (优惠券): templates, issue to members, the pure check the checkout calls, use once,
and give back on refund.

``evaluate_coupon`` is pure: given a coupon's terms and the cart's lines as plain values it says
how much it takes off, or why it cannot be used; the checkout then calls ``redeem_coupon`` in the
sale's transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.accounts import (
    BULK_CHUNK,
    driver_connection,
    emit,
    load_member,
    require_approver,
)
from app.members.errors import CouponRefused, MemberError
from app.money import div_round_half_up, format_fen, format_yuan
from app.storage import audit
from app.storage.base import sql_moment, utcnow
from app.storage.ids import new_id, new_ids
from app.storage.member_models import CardTypeRow, CouponRow, CouponTemplateRow, MemberRow
from app.storage.models import BarcodeRow, ProductRow
from app.storage.outbox import add_event_rows, event_rows

FULL_BP = 10_000
#: The longest template name: its column's width.
NAME_LENGTH = 40
CODE_DIGITS = 12


class CouponKind(enum.StrEnum):
    AMOUNT_OFF = "amount_off"  # 满减: amount off when the cart reaches a threshold
    PERCENT_OFF = "percent_off"  # 折扣券
    FREE_ITEM = "free_item"  # 赠品券: one unit of a product free


class CouponStatus(enum.StrEnum):
    ISSUED = "issued"  # leaves by redeem_coupon (-> used) or void_coupon
    USED = "used"  # leaves by restore_coupons_of_order (-> issued) on a refund
    VOID = "void"


@dataclasses.dataclass(frozen=True)
class CouponTerms:
    """What a coupon promises; the fields that do not apply to its kind are zero or None.

    ``product_name`` only words the label of a free-item coupon (read with the template)."""

    kind: CouponKind
    amount_off_fen: int = 0
    threshold_fen: int = 0
    percent_off_bp: int = 0
    max_discount_fen: int | None = None
    product_id: str | None = None
    product_name: str | None = dataclasses.field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.threshold_fen < 0:
            raise MemberError("使用门槛不能为负数", field="threshold_fen")
        if self.amount_off_fen < 0:
            raise MemberError("金额不能为负数", field="amount_off_fen")
        if self.kind is CouponKind.AMOUNT_OFF and self.amount_off_fen <= 0:
            raise MemberError("满减券的减免金额必须大于零", field="amount_off_fen")
        if self.kind is CouponKind.PERCENT_OFF and not 0 < self.percent_off_bp < FULL_BP:
            raise MemberError(
                "折扣须大于 0 折、小于 10 折（如 8.5 表示八五折）", field="percent_off_bp"
            )
        if self.kind is CouponKind.FREE_ITEM and not self.product_id:
            raise MemberError("赠品券须指定商品", field="product_id")
        if self.max_discount_fen is not None and self.max_discount_fen <= 0:
            raise MemberError("最高优惠金额必须大于零", field="max_discount_fen")

    @property
    def label(self) -> str:
        """How a store owner says it: 满100减20, 八五折, 满50 赠 可乐 1 件."""
        if self.kind is CouponKind.AMOUNT_OFF:
            if self.threshold_fen:
                return f"满{short_yuan(self.threshold_fen)}减{short_yuan(self.amount_off_fen)}"
            return f"立减{short_yuan(self.amount_off_fen)}"
        minimum = f"满{short_yuan(self.threshold_fen)} " if self.threshold_fen else ""
        if self.kind is CouponKind.PERCENT_OFF:
            fold = fold_words(FULL_BP - self.percent_off_bp)
            if self.max_discount_fen is None:
                return f"{minimum}{fold}"
            return f"{minimum}{fold}（最多减{short_yuan(self.max_discount_fen)}）"
        return f"{minimum}赠 {self.product_name or '指定商品'} 1 件"


_CHINESE_DIGITS = "零一二三四五六七八九"
#: 10 折 is full price: 8.5 折 (八五折) is 8,500 basis points paid.
BP_PER_FOLD = 1_000


def fold_words(paid_bp: int) -> str:
    """The fold a customer pays, as a shop sign says it: 8,500 bp -> 八五折, 9,000 -> 九折;
    a fold below one or finer than a hundredth keeps its figures (0.5折)."""
    if paid_bp >= BP_PER_FOLD and paid_bp % 10 == 0:
        figures = str(paid_bp // 10).rstrip("0")
        return "".join(_CHINESE_DIGITS[int(d)] for d in figures) + "折"
    return f"{paid_bp / BP_PER_FOLD:g}折"


def short_yuan(fen: int) -> str:
    """An amount as a price tag says it: 10000 -> 100, 1250 -> 12.5, 1205 -> 12.05."""
    return format_fen(fen).rstrip("0").rstrip(".")


@dataclasses.dataclass(frozen=True)
class CartLineFacts:
    """One cart line as the checkout sees it: ``net_fen`` after line discounts."""

    product_id: str
    unit_price_fen: int
    qty_milli: int
    net_fen: int


@dataclasses.dataclass(frozen=True)
class CouponView:
    id: str
    code: str
    member_id: str
    template_id: str
    name: str
    terms: CouponTerms
    status: CouponStatus
    valid_from: dt.date
    valid_to: dt.date
    used_order_id: str | None
    discount_fen: int


@dataclasses.dataclass(frozen=True)
class CouponCheck:
    """A coupon's discount on a cart, or why it gives none (a refusal, not raised)."""

    discount_fen: int
    refusal: CouponRefused | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def evaluate_coupon(
    coupon: CouponView,
    lines: Sequence[CartLineFacts],
    *,
    on: dt.date,
    member_id: str | None,
) -> CouponCheck:
    """The discount a coupon gives on a cart (never more than the cart's total), or a refusal."""
    if coupon.status is CouponStatus.USED:
        return CouponCheck(0, CouponRefused("该优惠券已使用"))
    if coupon.status is not CouponStatus.ISSUED:
        return CouponCheck(0, CouponRefused("该优惠券已作废"))
    if member_id != coupon.member_id:
        return CouponCheck(0, CouponRefused("该优惠券不属于当前会员"))
    if on < coupon.valid_from:
        return CouponCheck(0, CouponRefused("该优惠券 %1 起可用", coupon.valid_from.isoformat()))
    if on > coupon.valid_to:
        expired = CouponRefused("该优惠券已过期（%1 到期）", coupon.valid_to.isoformat())
        return CouponCheck(0, expired)
    total = sum(line.net_fen for line in lines)
    terms = coupon.terms
    if total <= 0:
        return CouponCheck(0, CouponRefused("购物车为空"))
    if total < terms.threshold_fen:
        short = CouponRefused(
            "未满使用门槛：需满 %1，当前 %2", format_yuan(terms.threshold_fen), format_yuan(total)
        )
        return CouponCheck(0, short)
    if terms.kind is CouponKind.AMOUNT_OFF:
        discount = terms.amount_off_fen
    elif terms.kind is CouponKind.PERCENT_OFF:
        discount = div_round_half_up(total * terms.percent_off_bp, FULL_BP)
    else:
        matching = [line for line in lines if line.product_id == terms.product_id]
        if not matching:
            return CouponCheck(0, CouponRefused("购物车中没有该赠品券的商品"))
        # One unit free, never more than that line is actually sold for (weighed goods sell less
        # than a unit; a line discount already took its part).
        discount = max(
            min(
                div_round_half_up(line.unit_price_fen * min(line.qty_milli, 1000), 1000),
                line.net_fen,
            )
            for line in matching
        )
    if terms.max_discount_fen is not None:
        discount = min(discount, terms.max_discount_fen)
    return CouponCheck(min(discount, total))


# --- templates and issue ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TemplateView:
    id: str
    name: str
    terms: CouponTerms
    valid_days: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    active: bool

    @property
    def validity_label(self) -> str:
        """有效 30 天 (from the day it is issued), or the dates it may be used between."""
        if self.valid_days:
            return f"有效 {self.valid_days} 天"
        start = f"{self.valid_from.isoformat()} " if self.valid_from else ""
        end = self.valid_to.isoformat() if self.valid_to else "-"
        return f"{start}至 {end}"


def _terms(session: Session, row: CouponTemplateRow) -> CouponTerms:
    product = session.get(ProductRow, row.product_id) if row.product_id else None
    return CouponTerms(
        CouponKind(row.kind),
        row.amount_off_fen,
        row.threshold_fen,
        row.percent_off_bp,
        row.max_discount_fen,
        row.product_id,
        product.name if product is not None else None,
    )


def _template(session: Session, row: CouponTemplateRow) -> TemplateView:
    return TemplateView(
        row.id,
        row.name,
        _terms(session, row),
        row.valid_days,
        row.valid_from,
        row.valid_to,
        row.active,
    )


def find_product_id(session: Session, code: str) -> str:
    """The product a free-item coupon gives, typed as its code or one of its barcodes."""
    typed = code.strip()
    if not typed:
        raise MemberError("请填写赠送商品的编码或条码", field="product_code")
    product_id = session.scalar(
        select(ProductRow.id).where(ProductRow.code == typed, ProductRow.active)
    ) or session.scalar(
        select(ProductRow.id)
        .join(BarcodeRow, BarcodeRow.product_id == ProductRow.id)
        .where(BarcodeRow.barcode == typed, ProductRow.active)
    )
    if product_id is None:
        raise MemberError("未找到商品：%1", typed, field="product_code")
    return str(product_id)


def _check_terms(session: Session, terms: CouponTerms) -> None:
    """What a new template must make sense of beyond its terms' own checks."""
    if (
        terms.kind is CouponKind.AMOUNT_OFF
        and terms.threshold_fen
        and terms.amount_off_fen >= terms.threshold_fen
    ):
        raise MemberError(
            "减免金额须低于使用门槛 %1，否则满额即免单",
            short_yuan(terms.threshold_fen),
            field="amount_off_fen",
        )
    if terms.kind is not CouponKind.PERCENT_OFF and terms.max_discount_fen is not None:
        raise MemberError("只有折扣券可设最高优惠金额", field="max_discount_fen")
    if terms.kind is CouponKind.FREE_ITEM:
        product = session.get(ProductRow, terms.product_id)
        if product is None or not product.active:
            raise MemberError("未找到商品：%1", terms.product_id or "", field="product_id")


def create_template(
    session: Session,
    name: str,
    terms: CouponTerms,
    *,
    valid_days: int | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    actor_id: str,
    approver_id: str | None,
) -> TemplateView:
    """A template is valid either ``valid_days`` from issue, or between two dates."""
    require_approver(approver_id)
    clean = name.strip()
    if not clean or len(clean) > NAME_LENGTH:
        raise MemberError("优惠券名称须为 1–%1 个字", NAME_LENGTH, field="name")
    _check_terms(session, terms)
    if valid_days is None and valid_to is None:
        raise MemberError("请设置有效天数或截止日期", field="valid_days")
    if valid_days is not None and valid_to is not None:
        raise MemberError("有效天数和截止日期只能设一个", field="valid_days")
    if valid_days is not None and valid_days < 1:
        raise MemberError("有效天数至少为 1 天", field="valid_days")
    if valid_from and valid_to and valid_from > valid_to:
        raise MemberError("开始日期不能晚于截止日期", field="valid_to")
    if session.scalar(select(CouponTemplateRow.id).where(CouponTemplateRow.name == clean)):
        raise MemberError("优惠券已存在：%1", clean, field="name")
    row = CouponTemplateRow(
        id=new_id(),
        name=clean,
        kind=terms.kind.value,
        amount_off_fen=terms.amount_off_fen,
        threshold_fen=terms.threshold_fen,
        percent_off_bp=terms.percent_off_bp,
        max_discount_fen=terms.max_discount_fen,
        product_id=terms.product_id,
        valid_days=valid_days,
        valid_from=valid_from,
        valid_to=valid_to,
        active=True,
    )
    session.add(row)
    view = _template(session, row)
    audit.record(
        session,
        "coupon_template.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": clean, "terms": view.terms.label, "validity": view.validity_label},
    )
    return view


@dataclasses.dataclass(frozen=True)
class TemplateInput:
    """A template as a manager sets it; the attribute names are the form's field keys. A
    free-item coupon's product is typed as its code or a barcode."""

    name: str
    kind: CouponKind
    amount_off_fen: int = 0
    threshold_fen: int = 0
    percent_off_bp: int = 0
    max_discount_fen: int | None = None
    product_code: str = ""
    valid_days: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


def add_template(
    session: Session,
    data: TemplateInput,
    *,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> TemplateView:
    """``create_template`` from what the form gives on business day ``on``: the product found
    by its code first, and an end date already past refused (nothing could be issued)."""
    require_approver(approver_id)
    if data.valid_to is not None and data.valid_to < on:
        raise MemberError("截止日期已过：%1", data.valid_to.isoformat(), field="valid_to")
    product_id = None
    if data.kind is CouponKind.FREE_ITEM:
        product_id = find_product_id(session, data.product_code)
    terms = CouponTerms(
        data.kind,
        data.amount_off_fen,
        data.threshold_fen,
        data.percent_off_bp,
        data.max_discount_fen,
        product_id,
    )
    return create_template(
        session,
        data.name,
        terms,
        valid_days=data.valid_days,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        actor_id=actor_id,
        approver_id=approver_id,
    )


def retire_template(
    session: Session, template_id: str, *, actor_id: str, approver_id: str | None
) -> TemplateView:
    """停发: no more coupons are issued from it; those already issued stay usable until they
    expire."""
    require_approver(approver_id)
    row = session.get(CouponTemplateRow, template_id)
    if row is None:
        raise MemberError("未找到该优惠券模板")
    if not row.active:
        raise MemberError("该优惠券模板已停发：%1", row.name)
    gift_of = session.scalar(
        select(CardTypeRow.name).where(
            CardTypeRow.gift_coupon_template_id == row.id, CardTypeRow.active
        )
    )
    if gift_of is not None:  # the daily upkeep would have nothing to give on an upgrade
        raise MemberError("该优惠券是“%1”的升级礼包，请先在卡类型中更换礼包再停发", gift_of)
    row.active = False
    audit.record(
        session,
        "coupon_template.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": row.name},
    )
    return _template(session, row)


def list_templates(session: Session, *, include_retired: bool = False) -> list[TemplateView]:
    """Templates that may be issued, by name; with ``include_retired``, the retired after them."""
    query = select(CouponTemplateRow).order_by(
        CouponTemplateRow.active.desc(), CouponTemplateRow.name
    )
    if not include_retired:
        query = query.where(CouponTemplateRow.active)
    return [_template(session, r) for r in session.scalars(query)]


def _coupon(session: Session, row: CouponRow, template: CouponTemplateRow) -> CouponView:
    return CouponView(
        row.id,
        row.code,
        row.member_id,
        row.template_id,
        template.name,
        _terms(session, template),
        CouponStatus(row.status),
        row.valid_from,
        row.valid_to,
        row.used_order_id,
        row.discount_fen,
    )


def _new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        if session.scalar(select(CouponRow.id).where(CouponRow.code == code)) is None:
            return code


def coupon_dates(template: CouponTemplateRow, on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a coupon issued on ``on`` may be used; refused when the template
    has already expired."""
    start = max(on, template.valid_from) if template.valid_from else on
    end = (
        on + dt.timedelta(days=template.valid_days - 1)
        if template.valid_days
        else template.valid_to
    )
    assert end is not None
    if end < start:
        raise MemberError("该优惠券模板已过期")
    return start, end


def usable_template(session: Session, template_id: str | None) -> CouponTemplateRow:
    """A template coupons may be issued from now, or a plain refusal."""
    template = session.get(CouponTemplateRow, template_id) if template_id else None
    if template is None:
        raise MemberError("未找到该优惠券模板")
    if not template.active:
        raise MemberError("该优惠券模板已停发：%1", template.name)
    return template


def _new_codes(session: Session, count: int) -> list[str]:
    """``count`` distinct codes no coupon holds yet, checked against the table a chunk at a
    time (a second draw only for the rare code already taken)."""
    codes: set[str] = set()
    while len(codes) < count:
        draw = {
            f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
            for _ in range(count - len(codes))
        } - codes
        drawn = list(draw)
        for start in range(0, len(drawn), BULK_CHUNK):
            chunk = drawn[start : start + BULK_CHUNK]
            draw -= set(session.scalars(select(CouponRow.code).where(CouponRow.code.in_(chunk))))
        codes |= draw
    return list(codes)


_INSERT_COUPON = (
    f"INSERT INTO {CouponRow.__tablename__} (id, code, template_id, member_id, status,"
    " valid_from, valid_to, used_order_id, used_at, discount_fen, issued_reason, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?)"
)


def issue_coupons_in_bulk(
    session: Session,
    template_id: str,
    member_ids: Sequence[str],
    *,
    on: dt.date,
    actor_id: str,
    reason: str,
    approver_id: str | None = None,
) -> dict[str, str]:
    """发券 to thousands at once (a campaign's list): the coupons and their ``CouponIssued``
    events as :func:`issue_coupons` writes them, in one statement each; the coupon id of each
    member. The caller audits the whole (one entry, not one per member)."""
    template = usable_template(session, template_id)
    start, end = coupon_dates(template, on)
    session.flush()
    members: list[tuple[str, str, int, int, int]] = []
    unique = list(dict.fromkeys(member_ids))
    for first in range(0, len(unique), BULK_CHUNK):
        chunk = unique[first : first + BULK_CHUNK]
        members.extend(
            session.execute(
                select(
                    MemberRow.id,
                    MemberRow.card_no,
                    MemberRow.principal_fen,
                    MemberRow.bonus_fen,
                    MemberRow.points,
                ).where(MemberRow.id.in_(chunk))
            ).tuples()
        )
    if len(members) != len(unique):
        raise MemberError("未找到该会员")
    ids = new_ids(len(members))
    codes = _new_codes(session, len(members))
    moment = sql_moment(utcnow())
    driver_connection(session).executemany(
        _INSERT_COUPON,
        [
            (
                ids[i],
                codes[i],
                template.id,
                member[0],
                CouponStatus.ISSUED.value,
                start.isoformat(),
                end.isoformat(),
                reason[:40],
                moment,
            )
            for i, member in enumerate(members)
        ],
    )
    events = [
        (
            "CouponIssued",
            {
                "member_id": member_id,
                "card_no": card_no,
                "entries": [],
                "principal_fen": principal,
                "bonus_fen": bonus,
                "points": points,
                "actor_id": actor_id,
                "approver_id": approver_id,
                "coupon_id": ids[i],
                "code": codes[i],
                "template_id": template.id,
                "valid_from": start.isoformat(),
                "valid_to": end.isoformat(),
            },
        )
        for i, (member_id, card_no, principal, bonus, points) in enumerate(members)
    ]
    add_event_rows(session, event_rows(events))
    return {member[0]: ids[i] for i, member in enumerate(members)}


def issue_coupons(
    session: Session,
    template_id: str,
    member_ids: Sequence[str],
    *,
    on: dt.date,
    actor_id: str,
    reason: str = "发券",
    approver_id: str | None = None,
) -> list[CouponView]:
    """发券 to one member or a list; each gets their own single-use coupon."""
    template = usable_template(session, template_id)
    if not member_ids:
        raise MemberError("请选择要发券的会员")
    start, end = coupon_dates(template, on)
    issued: list[CouponView] = []
    for member_id in dict.fromkeys(member_ids):
        member = load_member(session, member_id)
        row = CouponRow(
            id=new_id(),
            code=_new_code(session),
            template_id=template.id,
            member_id=member.id,
            status=CouponStatus.ISSUED.value,
            valid_from=start,
            valid_to=end,
            discount_fen=0,
            issued_reason=reason[:40],
        )
        session.add(row)
        view = _coupon(session, row, template)
        emit(
            session,
            "CouponIssued",
            member,
            action=None,
            actor_id=actor_id,
            detail={
                "coupon_id": row.id,
                "code": row.code,
                "template_id": template.id,
                "valid_from": start.isoformat(),
                "valid_to": end.isoformat(),
            },
        )
        issued.append(view)
    audit.record(
        session,
        "coupon.issued",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=template.id,
        detail={
            "count": len(issued),
            "reason": reason,
            "member_ids": [view.member_id for view in issued],
        },
    )
    return issued


def find_coupon(session: Session, code: str) -> CouponView:
    row = session.scalar(select(CouponRow).where(CouponRow.code == code.strip()))
    if row is None:
        raise CouponRefused("未找到优惠券：%1", code.strip())
    template = session.get(CouponTemplateRow, row.template_id)
    assert template is not None
    return _coupon(session, row, template)


def member_coupons(session: Session, member_id: str, *, on: dt.date) -> list[CouponView]:
    """A member's coupons usable on ``on``."""
    rows = session.execute(
        select(CouponRow, CouponTemplateRow)
        .join(CouponTemplateRow, CouponTemplateRow.id == CouponRow.template_id)
        .where(
            CouponRow.member_id == member_id,
            CouponRow.status == CouponStatus.ISSUED.value,
            CouponRow.valid_from <= on,
            CouponRow.valid_to >= on,
        )
        .order_by(CouponRow.valid_to)
    ).all()
    return [_coupon(session, row, template) for row, template in rows]


def redeem_coupon(
    session: Session,
    coupon_id: str,
    lines: Sequence[CartLineFacts],
    *,
    member_id: str,
    order_id: str,
    on: dt.date,
    at: dt.datetime,
    actor_id: str,
) -> CouponView:
    """Use a coupon on a sale (in the sale's transaction): checked again, then marked used with
    its discount; raises CouponRefused when it does not apply."""
    row = session.get(CouponRow, coupon_id)
    if row is None:
        raise CouponRefused("未找到该优惠券")
    template = session.get(CouponTemplateRow, row.template_id)
    assert template is not None
    check = evaluate_coupon(_coupon(session, row, template), lines, on=on, member_id=member_id)
    if check.refusal is not None:
        raise check.refusal
    row.status = CouponStatus.USED.value
    row.used_order_id = order_id
    row.used_at = at
    row.discount_fen = check.discount_fen
    emit(
        session,
        "CouponUsed",
        load_member(session, member_id),
        action=None,
        actor_id=actor_id,
        detail={
            "coupon_id": row.id,
            "code": row.code,
            "order_id": order_id,
            "discount_fen": check.discount_fen,
        },
    )
    return _coupon(session, row, template)


def restore_coupons_of_order(session: Session, order_id: str, *, actor_id: str) -> list[CouponView]:
    """On a full refund, the coupons the sale used are given back, usable again until they
    expire."""
    restored: list[CouponView] = []
    for row in session.scalars(select(CouponRow).where(CouponRow.used_order_id == order_id)):
        template = session.get(CouponTemplateRow, row.template_id)
        assert template is not None
        row.status = CouponStatus.ISSUED.value
        row.used_order_id = None
        row.used_at = None
        row.discount_fen = 0
        emit(
            session,
            "CouponRestored",
            load_member(session, row.member_id),
            action="member.coupon_restored",
            actor_id=actor_id,
            detail={"coupon_id": row.id, "code": row.code, "order_id": order_id},
        )
        restored.append(_coupon(session, row, template))
    return restored


def void_coupon(
    session: Session, coupon_id: str, *, actor_id: str, approver_id: str | None
) -> None:
    require_approver(approver_id)
    row = session.get(CouponRow, coupon_id)
    if row is None or row.status != CouponStatus.ISSUED.value:
        raise MemberError("只能作废未使用的优惠券")
    row.status = CouponStatus.VOID.value
    emit(
        session,
        "CouponVoided",
        load_member(session, row.member_id),
        action="member.coupon_voided",
        actor_id=actor_id,
        approver_id=approver_id,
        detail={"coupon_id": row.id},
    )
