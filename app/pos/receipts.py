"""Receipts and slips as plain data: what is printed, before any printer command."""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import unicodedata
from typing import Any, Literal

from app.errors import KnownError
from app.members.card_numbers import mask_card
from app.money import format_fen, format_yuan
from app.pos.cart import qty_text
from app.pos.slip_context import SlipContext

Align = Literal["left", "center", "right"]
ALIGNS: tuple[Align, ...] = ("left", "center", "right")
DOCUMENT_FORMAT_VERSION = 1
REPRINT_MARK = "*** 重印 ***"
#: The yen sign is printed as the full-width ￥ (the renderer swaps it), so it is measured as such.
_FULL_WIDTH_EXTRAS = frozenset("¥￥")
MAX_QR_BYTES = 2000
MAX_FEED_LINES = 255


class ReceiptFormatError(KnownError):
    """A stored receipt document that cannot be read back; nothing is printed from it."""


@dataclasses.dataclass(frozen=True)
class ReceiptLine:
    name: str
    qty_milli: int
    unit: str
    unit_price_fen: int
    gross_fen: int
    discount_fen: int
    net_fen: int
    discount_label: str | None = None


@dataclasses.dataclass(frozen=True)
class ReceiptPayment:
    label: str  # 现金, 银行卡, 微信支付, 支付宝, 挂账 ...
    amount_fen: int
    tendered_fen: int
    reference: str | None = None


@dataclasses.dataclass(frozen=True)
class SaleReceiptData:
    """Everything a sale or refund receipt shows; made by checkout, stored with the print job."""

    slip: SlipContext
    receipt_no: str
    kind: str  # "sale" or "refund"
    lines: tuple[ReceiptLine, ...]
    subtotal_fen: int
    discount_fen: int
    rounding_fen: int
    total_fen: int
    payments: tuple[ReceiptPayment, ...]
    change_fen: int
    original_receipt_no: str | None = None
    customer_name: str | None = None  # on-account (挂账) customer
    #: The sale went on the attached member's account (挂账会员), not a named customer's.
    account_member: bool = False
    reprint: bool = False
    # The member attached to the sale, if any (the card is masked again by the layout).
    member_name: str | None = None
    member_card_masked: str | None = None
    member_level: str | None = None
    points_earned: int | None = None  # negative on a refund: the points taken back
    points_balance: int | None = None
    stored_value_balance_fen: int | None = None  # after the sale
    stored_value_paid_fen: int = 0
    #: What promotions saved on the sale (gifts at their price included): printed as 节省.
    promotion_saved_fen: int = 0

    @property
    def has_member(self) -> bool:
        return bool(self.member_name or self.member_card_masked)


class PrintJobKind(enum.StrEnum):
    """What a print job is; stored as its value in ``print_jobs.kind``, shown in the job list."""

    SALE = "sale"
    REFUND = "refund"
    #: A job of this kind with no document is the stored-value slip of its order (储值凭条).
    STORED_VALUE = "stored_value"
    REDEMPTION = "redemption"
    COUNT_CARD = "count_card"
    ENROLMENT = "enrolment"
    X_REPORT = "x_report"
    SHIFT = "shift"
    REPRINT = "reprint"
    TEST = "test"


class StoredValueSlipKind(enum.StrEnum):
    """What a stored-value slip records."""

    TOP_UP = "top_up"  # 充值, with its bonus
    SPEND = "spend"  # 消费, a payment by card
    REFUND = "refund"  # 退回, a refunded payment going back onto the card
    CHANGE = "change"  # 存零, a cash sale's change kept on the card


STORED_VALUE_KINDS = {
    StoredValueSlipKind.TOP_UP: "充值",
    StoredValueSlipKind.SPEND: "消费",
    StoredValueSlipKind.REFUND: "退回卡内",
    StoredValueSlipKind.CHANGE: "存零",
}


@dataclasses.dataclass(frozen=True)
class StoredValueSlipData:
    """储值凭条: one movement of a member's stored value, with the balance before and after.

    ``principal_fen`` and ``bonus_fen`` are the parts of the movement (positive amounts: what was
    put on the card for a top-up, what was taken from each part for a spend).
    """

    slip: SlipContext
    kind: StoredValueSlipKind
    member_name: str
    card_no_masked: str
    principal_fen: int
    bonus_fen: int
    balance_before_fen: int
    balance_after_fen: int
    principal_after_fen: int
    bonus_after_fen: int
    entry_no: str  # the ledger entry's id
    receipt_no: str | None = None  # the order that took the money, if any
    reprint: bool = False


@dataclasses.dataclass(frozen=True)
class RedemptionSlipData:
    """积分兑换凭条: the gift, the points it cost, the points before and after."""

    slip: SlipContext
    member_name: str
    card_no_masked: str
    gift_name: str
    quantity: int
    points_spent: int
    points_before: int
    points_after: int
    entry_no: str
    reprint: bool = False


@dataclasses.dataclass(frozen=True)
class CountCardSlipData:
    """次卡消费凭条: the service, the uses taken now and what is left, and until when."""

    slip: SlipContext
    member_name: str
    card_no_masked: str
    card_name: str
    service: str
    uses_now: int
    uses_left: int
    valid_until: str | None  # "2027-11-23", or None when it never expires
    entry_no: str
    reprint: bool = False
    #: Set when the slip is for the sale of the card (次卡购买凭条): its price and receipt number.
    price_fen: int | None = None
    receipt_no: str | None = None


@dataclasses.dataclass(frozen=True)
class EnrolmentSlipData:
    """入会凭条: welcome, the masked card, the level."""

    slip: SlipContext
    member_name: str
    card_no_masked: str
    level: str
    joined_on: str
    expires_on: str | None = None
    welcome: str = "欢迎您成为本店会员！"
    reprint: bool = False
    title: str = "会员入会凭条"
    #: 办卡费 of a paid card type, with its order's receipt number and how it was paid.
    fee: MembershipFeeSlip | None = None


@dataclasses.dataclass(frozen=True)
class MembershipFeeSlip:
    """The fee part of an enrolment (or level change) slip: the order that took it."""

    receipt_no: str
    line: str  # 办卡费·金卡
    fee_fen: int
    payments: tuple[ReceiptPayment, ...]
    change_fen: int


@dataclasses.dataclass(frozen=True)
class ShiftMethodRow:
    """One payment method on a shift report; counted and variance are None until counted."""

    label: str
    expected_fen: int
    counted_fen: int | None = None
    variance_fen: int | None = None


@dataclasses.dataclass(frozen=True)
class ShiftReportData:
    """What an X report (shift still open) or a 交班 report (at close) shows: its slip's cashier
    is the shift's, and the store's header and footer are not printed on it."""

    slip: SlipContext
    shift_id: str
    opened_at: str  # local time text
    closed_at: str | None
    opening_float_fen: int
    sales_count: int
    refunds_count: int
    gross_sales_fen: int
    refunds_fen: int
    methods: tuple[ShiftMethodRow, ...]
    cash_in_fen: int = 0
    cash_out_fen: int = 0
    is_final: bool = False
    voids_count: int = 0
    #: The audit chain's head at close: how many entries, and the newest one's hash.
    audit_count: int | None = None
    audit_hash: str = ""


# -- the blocks a document is made of -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Text:
    """One printed line (the renderer wraps it if it is still too wide)."""

    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and height: each column counts twice

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise ReceiptFormatError("对齐方式无效：%1", self.align)


@dataclasses.dataclass(frozen=True)
class Rule:
    """A line across the paper made of one repeated character."""

    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1 or not self.char.isprintable():
            raise ReceiptFormatError("分隔线须为一个可打印字符")


@dataclasses.dataclass(frozen=True)
class QR:
    """A QR code printed by the printer itself (native, no image)."""

    data: str
    size: int = 6  # module size in dots, 1 to 16

    def __post_init__(self) -> None:
        if not self.data or len(self.data.encode("utf-8")) > MAX_QR_BYTES:
            raise ReceiptFormatError("二维码内容为空或过长")
        if not 1 <= self.size <= 16:
            raise ReceiptFormatError("二维码尺寸须在 1 到 16 之间")


@dataclasses.dataclass(frozen=True)
class Feed:
    """Blank paper: n lines."""

    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= MAX_FEED_LINES:
            raise ReceiptFormatError("走纸行数须在 0 到 %1 之间", MAX_FEED_LINES)


@dataclasses.dataclass(frozen=True)
class Cut:
    """Cut the paper (partial cut where the cutter has one)."""

    partial: bool = False


Block = Text | Rule | QR | Feed | Cut
Document = tuple[Block, ...]

_BLOCK_TYPES: dict[str, type[Block]] = {
    "text": Text,
    "rule": Rule,
    "qr": QR,
    "feed": Feed,
    "cut": Cut,
}
_TYPE_NAMES: dict[type[Block], str] = {cls: name for name, cls in _BLOCK_TYPES.items()}


def document_to_json(document: Document) -> str:
    """The document as JSON text, for the print queue; :func:`document_from_json` reads it back."""
    blocks = [{"type": _TYPE_NAMES[type(block)], **dataclasses.asdict(block)} for block in document]
    return json.dumps(
        {"version": DOCUMENT_FORMAT_VERSION, "blocks": blocks},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def document_from_json(text: str) -> Document:
    """Read a stored document back exactly; anything malformed raises ReceiptFormatError."""
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ReceiptFormatError("小票内容已损坏，无法读取") from exc
    if not isinstance(raw, dict) or raw.get("version") != DOCUMENT_FORMAT_VERSION:
        raise ReceiptFormatError("小票格式版本不支持")
    blocks = raw.get("blocks")
    if not isinstance(blocks, list):
        raise ReceiptFormatError("小票内容已损坏，无法读取")
    return tuple(_block_from_dict(item) for item in blocks)


def _block_from_dict(item: Any) -> Block:
    if not isinstance(item, dict):
        raise ReceiptFormatError("小票内容已损坏，无法读取")
    fields = dict(item)
    cls = _BLOCK_TYPES.get(fields.pop("type", None))
    if cls is None:
        raise ReceiptFormatError("未知的小票元素：%1", item.get("type"))
    expected = {f.name: f.type for f in dataclasses.fields(cls)}
    if not set(fields) <= set(expected):
        raise ReceiptFormatError("小票元素含未知字段：%1", sorted(set(fields) - set(expected)))
    for name, value in fields.items():
        wanted = _FIELD_KINDS[expected[name]]
        # bool is an int subclass: refuse True where a number is wanted and 1 where a flag is.
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise ReceiptFormatError("小票元素字段 %1 类型不对", name)
    return cls(**fields)


_FIELD_KINDS: dict[Any, type] = {"str": str, "Align": str, "bool": bool, "int": int}


def mark_reprint(document: Document) -> Document:
    """The same document with the 重印 mark on top (once), so a copy is never taken as the first."""
    if document and document[0] == _REPRINT_BLOCK:
        return document
    return (_REPRINT_BLOCK, *document)


_REPRINT_BLOCK = Text(REPRINT_MARK, align="center", bold=True)


# -- display width ------------------------------------------------------------------------------


def char_width(char: str) -> int:
    """Columns a character takes on a Chinese receipt printer: 2 for wide ones, else 1.

    Ambiguous-width characters (×, ·, ①) count 2 as well: GBK prints them as double-byte glyphs.
    """
    if char < "\x80":
        return 1
    if char in _FULL_WIDTH_EXTRAS or unicodedata.east_asian_width(char) in ("W", "F", "A"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Columns the text takes when printed."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Split text into lines of at most ``columns`` display columns (at least one line).

    Line breaks in the text start new lines. A Latin word running past the edge moves to the
    next line whole (unless it alone is too long); Chinese breaks between any two characters.
    """
    if columns < 2:
        raise ValueError("columns must be at least 2")
    lines: list[str] = []
    for paragraph in _LINE_BREAK.split(text):
        current: list[str] = []
        used = 0
        for char in paragraph:
            width = char_width(char)
            if used + width > columns and current:
                head, current = _break_line(current, char)
                lines.append("".join(head).rstrip(" "))
                used = display_width("".join(current))
                if char == " " and not current:
                    continue  # a space never starts a continued line
            current.append(char)
            used += width
        lines.append("".join(current))
    return lines


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _is_word_char(char: str) -> bool:
    return char.isascii() and not char.isspace()


def _break_line(chars: list[str], following: str) -> tuple[list[str], list[str]]:
    """Where a full line ends: before the Latin word that ``following`` would continue."""
    if _is_word_char(following) and _is_word_char(chars[-1]):
        for i in range(len(chars) - 1, 0, -1):
            if chars[i] == " ":
                return chars[:i], chars[i + 1 :]
            if not _is_word_char(chars[i]):
                break
    return chars, []


def pad_between(left: str, right: str, columns: int) -> list[str]:
    """``left`` then ``right`` flush with the right edge; ``left`` wraps if they do not fit."""
    right_width = display_width(right)
    if right_width > columns:
        return [*wrap(left, columns), *wrap(right, columns)] if left else wrap(right, columns)
    head = wrap(left, columns) if left else [""]
    last = head[-1]
    gap = columns - display_width(last) - right_width
    if gap >= 1 or not last:
        return [*head[:-1], last + " " * max(gap, 0) + right]
    return [*head, " " * (columns - right_width) + right]


def preview_lines(document: Document, width: int) -> list[str]:
    """The document as plain text lines, aligned as on paper: for a print preview on screen."""
    out: list[str] = []
    for block in document:
        if isinstance(block, Text):
            columns = width // 2 if block.double else width
            for line in wrap(block.text, columns):
                out.append(_aligned(line, block.align, columns))
        elif isinstance(block, Rule):
            out.append(rule_text(block.char, width))
        elif isinstance(block, QR):
            out.append(_aligned("[二维码]", "center", width))
        elif isinstance(block, Feed):
            out.extend([""] * block.lines)
        else:
            out.append("✂" + "-" * (width - 1))
    return out


def rule_text(char: str, width: int) -> str:
    return char * (width // char_width(char))


def _aligned(line: str, align: Align, columns: int) -> str:
    spare = max(columns - display_width(line), 0)
    if align == "center":
        return " " * (spare // 2) + line
    if align == "right":
        return " " * spare + line
    return line


# -- layouts ------------------------------------------------------------------------------------

INDENT = "  "


def _minus(fen: int) -> str:
    """An amount taken off: ``70 -> '-0.70'``; a negative one is an addition (``+0.05``)."""
    if fen == 0:
        return format_fen(0)
    return f"-{format_fen(fen)}" if fen > 0 else f"+{format_fen(-fen)}"


class _Builder:
    """Collects blocks for one width, wrapping every line to fit."""

    def __init__(self, width: int) -> None:
        if width < 16:
            raise ValueError("receipt width must be at least 16 columns")
        self.width = width
        self.blocks: list[Block] = []

    def text(
        self, text: str, *, align: Align = "left", bold: bool = False, double: bool = False
    ) -> None:
        columns = self.width // 2 if double else self.width
        for line in wrap(text, columns):
            self.blocks.append(Text(line, align=align, bold=bold, double=double))

    def pair(self, left: str, right: str, *, bold: bool = False, double: bool = False) -> None:
        columns = self.width // 2 if double else self.width
        for line in pad_between(left, right, columns):
            self.blocks.append(Text(line, bold=bold, double=double))

    def centred(self, text: str) -> None:
        """Each line of ``text`` that is not blank, centred: the store's header and footer."""
        for line in text.splitlines():
            if line.strip():
                self.text(line.strip(), align="center")

    def field(self, label: str, value: str) -> None:
        """``单号：S001-...``, the value continuing on the next lines when long."""
        self.text(f"{label}：{value}")

    def rule(self, char: str = "-") -> None:
        self.blocks.append(Rule(char))

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def document(self) -> Document:
        return tuple(self.blocks)


def _clean(text: str) -> str:
    """Names typed by people may hold tabs or line breaks; a receipt line holds neither."""
    return " ".join(text.split()) if any(c in text for c in "\t\r\n\x0b\x0c") else text


def _cashier_and_time(out: _Builder, slip: SlipContext) -> None:
    """Who printed it and when, as every receipt and slip but the shift report says it."""
    out.field("收银员", _clean(slip.cashier_name))
    out.field("时间", slip.printed_at)


def _member_section(out: _Builder, data: SaleReceiptData) -> None:
    out.rule()
    if data.member_name:
        out.field("会员", _clean(data.member_name))
    if data.member_card_masked:
        out.field("卡号", mask_card(data.member_card_masked))
    if data.member_level:
        out.field("等级", _clean(data.member_level))
    if data.points_earned is not None:
        out.pair("本单积分", f"{data.points_earned:+d}")
    if data.points_balance is not None:
        out.pair("积分余额", str(data.points_balance))
    if data.stored_value_paid_fen:
        out.pair("储值支付", format_yuan(data.stored_value_paid_fen))
    if data.stored_value_balance_fen is not None:
        out.pair("储值余额", format_yuan(data.stored_value_balance_fen))


def sale_receipt(data: SaleReceiptData, width: int) -> Document:
    """The customer's slip for a sale or a refund, laid out for ``width`` columns."""
    refund = data.kind == "refund"
    out = _Builder(width)
    if data.reprint:
        out.add(_REPRINT_BLOCK)
    out.text(_clean(data.slip.store_name), align="center", double=True)
    out.centred(data.slip.header)
    if refund:
        out.text("退货单", align="center", bold=True, double=True)
    out.rule()
    out.field("单号", data.receipt_no)
    if data.original_receipt_no:
        out.field("原单号", data.original_receipt_no)
    _cashier_and_time(out, data.slip)
    out.rule()
    for line in data.lines:
        out.text(_clean(line.name))
        unit = _clean(line.unit)
        out.pair(
            f"{INDENT}{qty_text(line.qty_milli)}{unit} x {format_fen(line.unit_price_fen)}",
            format_fen(line.gross_fen),
        )
        if line.discount_fen > 0:
            label = _clean(line.discount_label or "优惠")
            out.pair(f"{INDENT}{label}", _minus(line.discount_fen))
    out.rule()
    out.pair("小计", format_fen(data.subtotal_fen))
    if data.discount_fen:
        out.pair("优惠", _minus(data.discount_fen))
    if data.rounding_fen:
        out.pair("抹零", _minus(data.rounding_fen))
    out.pair("退款合计" if refund else "合计", format_yuan(data.total_fen), bold=True, double=True)
    if data.promotion_saved_fen > 0 and not refund:
        out.pair("促销共节省", format_yuan(data.promotion_saved_fen))
    out.rule()
    for payment in data.payments:
        out.pair(_clean(payment.label), format_fen(payment.amount_fen))
        if payment.tendered_fen > payment.amount_fen:
            out.pair(f"{INDENT}实收", format_fen(payment.tendered_fen))
        if payment.reference:
            out.text(f"{INDENT}参考号：{_clean(payment.reference)}")
    if data.change_fen:
        out.pair("找零", format_fen(data.change_fen), bold=True)
    if data.customer_name:
        out.rule()
        # A member's card is in the member section below.
        out.field("挂账会员" if data.account_member else "挂账客户", _clean(data.customer_name))
        out.add(Feed(1))
        out.text("客户签字：")
        out.add(Feed(1))
    if data.has_member:
        _member_section(out, data)
    out.rule()
    out.add(QR(data.receipt_no))
    out.centred(data.slip.footer)
    out.add(Feed(1))
    out.add(Cut())
    return out.document()


def shift_report(data: ShiftReportData, width: int) -> Document:
    """The X report (shift open) or the 交班 report (closed, with counted amounts)."""
    out = _Builder(width)
    if data.slip.store_name:
        out.text(_clean(data.slip.store_name), align="center", double=True)
    out.text("交班报表" if data.is_final else "X 报表", align="center", bold=True, double=True)
    out.rule()
    out.field("班次", data.shift_id)
    out.field("收银员", _clean(data.slip.cashier_name))
    out.field("开班", data.opened_at)
    if data.closed_at:
        out.field("交班", data.closed_at)
    if data.slip.printed_at:
        out.field("打印", data.slip.printed_at)
    out.rule()
    out.pair("备用金", format_fen(data.opening_float_fen))
    out.pair("销售笔数", str(data.sales_count))
    out.pair("退货笔数", str(data.refunds_count))
    if data.voids_count:
        out.pair("作废笔数", str(data.voids_count))
    out.pair("销售额", format_fen(data.gross_sales_fen))
    out.pair("退款额", _minus(data.refunds_fen))
    out.pair("净销售额", format_yuan(data.gross_sales_fen - data.refunds_fen), bold=True)
    if data.cash_in_fen:
        out.pair("存入现金", format_fen(data.cash_in_fen))
    if data.cash_out_fen:
        out.pair("取出现金", _minus(data.cash_out_fen))
    out.rule()
    for method in data.methods:
        out.text(_clean(method.label), bold=True)
        out.pair(f"{INDENT}应收", format_fen(method.expected_fen))
        if method.counted_fen is not None:
            out.pair(f"{INDENT}实点", format_fen(method.counted_fen))
        if method.variance_fen is not None:
            variance = method.variance_fen
            sign = "+" if variance > 0 else ""
            out.pair(f"{INDENT}差额", f"{sign}{format_fen(variance)}", bold=variance != 0)
    out.rule()
    if data.audit_count is not None:
        out.field("审计日志", f"共 {data.audit_count} 条")
        out.text(data.audit_hash)
        out.rule()
    if data.is_final:
        out.add(Feed(1))
        out.text("收银员签字：")
        out.add(Feed(1))
        out.text("店长签字：")
    out.add(Feed(1))
    out.add(Cut())
    return out.document()


# -- member slips -------------------------------------------------------------------------------


def _slip_head(out: _Builder, slip: SlipContext, title: str, subtitle: str, reprint: bool) -> None:
    if reprint:
        out.add(_REPRINT_BLOCK)
    if slip.store_name.strip():
        out.text(_clean(slip.store_name), align="center", double=True)
    out.centred(slip.header)
    out.text(title, align="center", bold=True, double=True)
    if subtitle:
        out.text(subtitle, align="center", bold=True)
    out.rule()


def _slip_member(out: _Builder, member_name: str, card_no_masked: str) -> None:
    out.field("会员", _clean(member_name))
    out.field("卡号", mask_card(card_no_masked))


def _slip_foot(out: _Builder, slip: SlipContext, signature: str | None = "会员签字：") -> None:
    out.rule()
    if signature:
        out.add(Feed(1))
        out.text(signature)
        out.add(Feed(1))
    out.centred(slip.footer)
    out.add(Feed(1))
    out.add(Cut())


def stored_value_slip(data: StoredValueSlipData, width: int) -> Document:
    """储值凭条 after a top-up or a payment by card: amounts, balance before and after (principal
    and bonus apart), the masked card, the cashier and the time."""
    what = STORED_VALUE_KINDS[data.kind]
    out = _Builder(width)
    _slip_head(out, data.slip, "储值凭条", what, data.reprint)
    _slip_member(out, data.member_name, data.card_no_masked)
    if data.receipt_no:
        out.field("单号", data.receipt_no)
    out.field("流水号", data.entry_no)
    _cashier_and_time(out, data.slip)
    out.rule()
    amount = data.principal_fen + data.bonus_fen
    if data.kind in (StoredValueSlipKind.TOP_UP, StoredValueSlipKind.CHANGE):
        out.pair(f"{what}金额", format_yuan(data.principal_fen))
        if data.bonus_fen:
            out.pair("赠送金额", format_yuan(data.bonus_fen))
        out.pair("到账合计", format_yuan(amount), bold=True)
    else:
        out.pair(f"{what}金额", format_yuan(amount), bold=True)
        out.pair(f"{INDENT}本金", format_yuan(data.principal_fen))
        out.pair(f"{INDENT}赠送金", format_yuan(data.bonus_fen))
    out.rule()
    out.pair(f"{what}前余额", format_yuan(data.balance_before_fen))
    out.pair(f"{what}后余额", format_yuan(data.balance_after_fen), bold=True)
    out.pair(f"{INDENT}其中本金", format_yuan(data.principal_after_fen))
    out.pair(f"{INDENT}其中赠送", format_yuan(data.bonus_after_fen))
    _slip_foot(out, data.slip)
    return out.document()


def redemption_slip(data: RedemptionSlipData, width: int) -> Document:
    """积分兑换凭条: the gift and how many, the points spent, the points before and after."""
    out = _Builder(width)
    _slip_head(out, data.slip, "积分兑换凭条", "", data.reprint)
    _slip_member(out, data.member_name, data.card_no_masked)
    out.field("流水号", data.entry_no)
    _cashier_and_time(out, data.slip)
    out.rule()
    out.text(_clean(data.gift_name))
    out.pair(f"{INDENT}数量", str(data.quantity))
    out.pair("消耗积分", str(data.points_spent), bold=True)
    out.pair("兑换前积分", str(data.points_before))
    out.pair("兑换后积分", str(data.points_after), bold=True)
    _slip_foot(out, data.slip)
    return out.document()


def count_card_slip(data: CountCardSlipData, width: int) -> Document:
    """次卡消费凭条: the service, the uses taken now, the uses left and until when; or, for the
    sale of the card (``price_fen`` set), 次卡购买凭条 with its price and receipt number."""
    sold = data.price_fen is not None
    out = _Builder(width)
    title = "次卡购买凭条" if sold else "次卡消费凭条"
    _slip_head(out, data.slip, title, "", data.reprint)
    _slip_member(out, data.member_name, data.card_no_masked)
    if data.receipt_no:
        out.field("单号", data.receipt_no)
    out.field("流水号", data.entry_no)
    _cashier_and_time(out, data.slip)
    out.rule()
    out.field("次卡", _clean(data.card_name))
    out.field("项目", _clean(data.service))
    if data.price_fen is not None:
        out.pair("售价", format_yuan(data.price_fen))
    else:
        out.pair("本次使用", f"{data.uses_now} 次")
    out.pair("剩余次数", f"{data.uses_left} 次", bold=True)
    out.pair("有效期至", data.valid_until or "长期有效")
    _slip_foot(out, data.slip)
    return out.document()


def enrolment_slip(data: EnrolmentSlipData, width: int) -> Document:
    """入会凭条: a welcome, the masked card, the level, the day joined."""
    out = _Builder(width)
    _slip_head(out, data.slip, data.title, "", data.reprint)
    if data.welcome:
        out.text(_clean(data.welcome), align="center")
    out.rule()
    _slip_member(out, data.member_name, data.card_no_masked)
    out.field("等级", _clean(data.level))
    out.field("入会日期", data.joined_on)
    if data.expires_on:
        out.field("有效期至", data.expires_on)
    fee = data.fee
    if fee is not None:
        out.field("单号", fee.receipt_no)
    _cashier_and_time(out, data.slip)
    if fee is not None:
        out.rule()
        out.pair(_clean(fee.line), format_fen(fee.fee_fen), bold=True)
        for payment in fee.payments:
            out.pair(_clean(payment.label), format_fen(payment.tendered_fen))
        if fee.change_fen:
            out.pair("找零", format_fen(fee.change_fen), bold=True)
    _slip_foot(out, data.slip, signature=None)
    return out.document()
