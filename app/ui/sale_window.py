"""The sale screen: scan, see the cart and the amount due, and reach every action by a key."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.money import format_yuan, parse_amount
from app.pos.cart import (
    CartError,
    CartProduct,
    Discount,
    parse_discount,
    parse_quantity,
    qty_text,
)
from app.pos.catalog import ScanError
from app.pos.receipts import PrintJobKind
from app.pos.scan import ScanKind, ScanMeaning, read_scan
from app.pos.staff import Sensitive, approver_of
from app.ui import i18n
from app.ui.approval import ApprovalDialog
from app.ui.cart_model import (
    COL_AMOUNT,
    COL_DISCOUNT,
    COL_NAME,
    COL_NO,
    COL_PRICE,
    COL_QTY,
    CartModel,
)
from app.ui.cart_table import CartTable
from app.ui.dialogs import (
    CounterDialog,
    HelpDialog,
    ProductPickDialog,
    PromptDialog,
    named,
    present_owned,
)
from app.ui.feedback import Attempt, message_for
from app.ui.member_panel import MemberPart
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.pos.cart import Cart, Totals
    from app.pos.catalog import ProductView
    from app.pos.checkout import SaleResult
    from app.pos.shifts import CashMoveView, ShiftReport
    from app.pos.staff import Approval, StaffView
    from app.ui.dialogs import Accepted
    from app.ui.refund import RefundOutcome
    from app.ui.sale_screen import MenuEntry
    from app.ui.session import CounterSession

    #: How a discount goes on the cart once chosen (and approved when over the cashier's limit).
    DiscountChange = Callable[[Discount | None, StaffView | None], None]

log = logging.getLogger(__name__)

RIGHT_PANEL_WIDTH = 340
ACTION_COLUMNS = 2

SEARCH_LIMIT = 30
#: ``3*6901234567892`` rings up three at once, as on most tills.
CLOCK_INTERVAL_MS = 1000
#: Fixed widths of the cart's columns; the name takes the rest.
CART_COLUMN_WIDTHS = (
    (COL_NO, 44),
    (COL_QTY, 96),
    (COL_PRICE, 90),
    (COL_DISCOUNT, 130),
    (COL_AMOUNT, 104),
)


class SaleWindow(QMainWindow):
    """One cashier's selling screen; the application controller swaps it on login and logout."""

    #: A member card was read (keyboard-wedge or serial reader): its card number.
    cardSwiped = Signal(str)
    #: For the devices (pole display, customer screen, printer status): a line was added or
    #: changed by a scan (its index), payment was asked for (amount due in fen), the sale was
    #: paid (SaleResult), a print finished (True when it printed).
    lineScanned = Signal(int)
    paymentStarted = Signal(int)
    salePaid = Signal(object)
    printFinished = Signal(bool)
    #: The owner approved restoring this backup (its path): the controller closes and restores.
    restoreRequested = Signal(str)

    def __init__(
        self,
        session: CounterSession,
        *,
        on_logout: Callable[[], None],
        on_language: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.setObjectName("saleWindow")
        self.session = session
        self._on_logout = on_logout
        self._on_language = on_language
        self.dialog: CounterDialog | None = None
        config = session.counter.config
        self.setWindowTitle(self.tr("收银台 - %1").replace("%1", config.store_name))
        self.model = CartModel(session.cart, self)
        self._build_menu()
        self._build_body()
        self._build_status_bar()
        #: Set when the application itself closes the window (logout, language switch).
        self.closing_allowed = False
        #: Set once the cashier was told events wait for the head office at logout.
        self._unsent_warned = False
        self.members = MemberPart(self)  # the member panel, F2 / F3 and card swipes
        self.refresh_totals()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._tick()
        self.focus_scan()

    # ------------------------------------------------------------------------------------------
    # building the screen

    def _action(
        self, object_name: str, text: str, key: str, handler: Callable[[], object]
    ) -> QAction:
        # The key is shown in the menu but handled by keyPressEvent, so it works the same
        # from every widget and never fires twice.
        action = QAction(f"{text}\t{key}" if key else text, self)
        action.setObjectName(object_name)
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def _build_menu(self) -> None:
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        sale = bar.addMenu(self.tr("收银(&S)"))
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, key, handler in (
            ("payAction", self.tr("结账"), "F12", self.pay),
            ("parkAction", self.tr("挂单"), "F4", self.park),
            ("resumeAction", self.tr("取单"), "F5", self.resume),
            ("quantityAction", self.tr("修改数量"), "F6", self.change_quantity),
            ("lineDiscountAction", self.tr("单品折扣"), "F7", self.line_discount),
            ("orderDiscountAction", self.tr("整单折扣"), "F8", self.order_discount),
            ("removeLineAction", self.tr("删除商品行"), "Del", self.remove_line),
            ("priceOverrideAction", self.tr("改价（需店长授权）"), "", self.override_price),
            ("staffCouponAction", self.tr("员工赠券"), "", self.staff_coupon),
            ("giftChoiceAction", self.tr("选择赠品"), "", self.choose_gift),
        ):
            self.actions_by_name[name] = action = self._action(name, text, key, handler)
            sale.addAction(action)
        orders = bar.addMenu(self.tr("单据(&O)"))
        for name, text, key, handler in (
            ("refundAction", self.tr("退货"), "F9", self.refund),
            ("voidAction", self.tr("作废小票（需店长授权）"), "", self.void),
            ("reprintAction", self.tr("重印上一张小票"), "F10", self.reprint_last),
            ("receivablesAction", self.tr("挂账还款"), "", self.receivables),
        ):
            self.actions_by_name[name] = action = self._action(name, text, key, handler)
            orders.addAction(action)
        drawer = bar.addMenu(self.tr("钱箱与交班(&D)"))
        for name, text, key, handler in (
            ("openDrawerAction", self.tr("开钱箱（需店长授权）"), "", self.open_drawer),
            ("cashInAction", self.tr("存入现金（需店长授权）"), "", self.cash_in),
            ("cashOutAction", self.tr("取出现金（需店长授权）"), "", self.cash_out),
            ("xReportAction", self.tr("X 报表（当班统计）"), "", self.x_report),
            ("shiftCloseAction", self.tr("交班"), "", self.close_shift),
        ):
            self.actions_by_name[name] = action = self._action(name, text, key, handler)
            drawer.addAction(action)
        system = bar.addMenu(self.tr("系统(&Y)"))
        language = system.addMenu(self.tr("语言 / Language"))
        group = QActionGroup(self)
        for name, text, code in (
            ("languageChinese", "中文", i18n.CHINESE),
            ("languageEnglish", "English", i18n.ENGLISH),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(i18n.current() == code)
            action.triggered.connect(lambda _checked=False, c=code: self._on_language(c))
            group.addAction(action)
            language.addAction(action)
            self.actions_by_name[name] = action
        for name, text, key, handler in (
            ("staffAction", self.tr("员工管理（需店长授权）"), "", self.manage_staff),
            ("productsAction", self.tr("商品管理（需店长授权）"), "", self.manage_products),
            ("stockAction", self.tr("库存（需店长授权）"), "", self.manage_stock),
            ("reportsAction", self.tr("报表（需店长授权）"), "", self.show_reports),
            (
                "memberAnalyticsAction",
                self.tr("会员分析（需店长授权）"),
                "",
                self.show_member_analytics,
            ),
            ("promotionsAction", self.tr("促销管理（需店长授权）"), "", self.manage_promotions),
            ("backupAction", self.tr("备份与恢复"), "", self.backups),
            ("helpAction", self.tr("快捷键帮助"), "F1", self.show_help),
            ("logoutAction", self.tr("退出登录"), "", self.logout),
        ):
            self.actions_by_name[name] = action = self._action(name, text, key, handler)
            system.addAction(action)

    def add_menu(self, title: str, object_name: str, entries: Sequence[MenuEntry]) -> QMenu:
        """A menu of the menu bar for a helper (members, devices); its actions join
        ``actions_by_name``."""
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(object_name)
        for name, text, handler in entries:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            self.actions_by_name[name] = action
        return menu

    def _build_body(self) -> None:
        """The cart on the left; on the right the totals column and the pay button."""
        central = QWidget(self)
        central.setObjectName("saleCentral")
        self.setCentralWidget(central)
        left = self._build_cart_column(central)
        right = self._build_totals_column(central)
        body = QHBoxLayout(central)
        body.setContentsMargins(10, 10, 10, 6)
        body.setSpacing(10)
        body.addLayout(left, 1)
        body.addLayout(right)

    # -- the cart column: scan field, message banner, cart table

    def _build_cart_column(self, central: QWidget) -> QVBoxLayout:
        self.scan_input = self._build_scan_field(central)
        self.banner = QLabel(central)
        self.banner.setObjectName("messageBanner")
        self.banner.setAccessibleName(self.tr("提示信息"))
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.table = self._build_cart_table(central)
        left = QVBoxLayout()
        left.addWidget(self.scan_input)
        left.addWidget(self.banner)
        left.addWidget(self.table, 1)
        return left

    def _build_scan_field(self, central: QWidget) -> QLineEdit:
        field = QLineEdit(central)
        named(field, "scanInput", self.tr("扫码或输入商品"))
        field.setPlaceholderText(self.tr("扫描条码，或输入名称 / 拼音首字母后按回车"))
        field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        field.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
        )
        field.setMaxLength(64)
        field.returnPressed.connect(self.submit_scan)
        field.installEventFilter(self)
        return field

    def _build_cart_table(self, central: QWidget) -> QTableView:
        table = CartTable(central)
        named(table, "cartTable", self.tr("购物车"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the scan field
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(40)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in CART_COLUMN_WIDTHS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        return table

    # -- the totals column: amount due, facts, change, action buttons; the pay button below

    def _build_totals_column(self, central: QWidget) -> QVBoxLayout:
        # The column scrolls when a small screen cannot hold all of it (1024x768 with a
        # member attached), instead of pushing the window past the screen.
        self.right_scroll = QScrollArea(central)
        self.right_scroll.setObjectName("totalsScroll")
        self.right_scroll.setWidgetResizable(True)
        self.right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.right_panel = QFrame(self.right_scroll)
        self.right_panel.setObjectName("totalsPanel")
        self.right_panel.setFixedWidth(RIGHT_PANEL_WIDTH)
        self.right_panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.right_scroll.setWidget(self.right_panel)
        scrollbar = self.right_scroll.verticalScrollBar().sizeHint().width()
        self.right_scroll.setFixedWidth(RIGHT_PANEL_WIDTH + scrollbar)
        self._build_side_column(self.right_panel)
        self.pay_button = self._build_pay_button(central)
        right = QVBoxLayout()  # the pay button stays in sight whatever the column scrolls
        right.setSpacing(6)
        right.addWidget(self.right_scroll, 1)
        right.addWidget(self.pay_button)
        return right

    def _build_side_column(self, panel: QFrame) -> None:
        due_caption = QLabel(self.tr("应收金额"), panel)
        due_caption.setProperty("role", "caption")
        self.total_label = QLabel(format_yuan(0), panel)
        self.total_label.setObjectName("totalDue")
        self.total_label.setAccessibleName(self.tr("应收金额"))
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        facts = self._build_facts(panel)
        self.change_display = QLabel(panel)
        self.change_display.setObjectName("changeDisplay")
        self.change_display.setAccessibleName(self.tr("找零"))
        self.change_display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.change_display.setWordWrap(True)
        self.change_display.hide()
        buttons = self._build_action_buttons(panel)
        #: Helpers add their widgets here (``add_to_side_column``, ``add_under_change``).
        self._side_column = column = QVBoxLayout(panel)
        column.addWidget(due_caption)
        column.addWidget(self.total_label)
        column.addLayout(facts)
        column.addWidget(self.change_display)
        column.addStretch(1)
        column.addLayout(buttons)

    def _build_facts(self, panel: QFrame) -> QGridLayout:
        """Item count, subtotal, discount, rounding and the coupon (shown while one is on)."""
        facts = QGridLayout()
        self.count_label = self._fact(facts, 0, self.tr("件数"), "itemCount")
        self.subtotal_label = self._fact(facts, 1, self.tr("原价合计"), "subtotal")
        self.discount_label = self._fact(facts, 2, self.tr("优惠"), "discountTotal")
        self.rounding_label = self._fact(facts, 3, self.tr("抹零"), "roundingTotal")
        self.coupon_caption = QLabel(self.tr("优惠券"), panel)
        self.coupon_caption.setProperty("role", "caption")
        self.coupon_label = QLabel(panel)
        self.coupon_label.setObjectName("couponDiscount")
        self.coupon_label.setAccessibleName(self.tr("优惠券抵扣"))
        self.coupon_label.setProperty("role", "fact")
        self.coupon_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.coupon_label.setWordWrap(True)
        facts.addWidget(self.coupon_caption, 4, 0)
        facts.addWidget(self.coupon_label, 4, 1)
        self.promotion_caption = QLabel(self.tr("促销"), panel)
        self.promotion_caption.setProperty("role", "caption")
        self.promotion_label = QLabel(panel)
        self.promotion_label.setObjectName("promotionSummary")
        self.promotion_label.setAccessibleName(self.tr("促销优惠"))
        self.promotion_label.setProperty("role", "fact")
        self.promotion_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.promotion_label.setWordWrap(True)
        facts.addWidget(self.promotion_caption, 5, 0)
        facts.addWidget(self.promotion_label, 5, 1)
        # Keep their room while hidden: the first saving of a sale must not move every button
        # below (a relayout that repaints the whole column on that scan).
        for widget in (self.promotion_caption, self.promotion_label):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()
        return facts

    def _build_action_buttons(self, panel: QFrame) -> QGridLayout:
        """The keys bar: each action's button, its key on it; none takes the keyboard."""
        buttons = QGridLayout()
        buttons.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for position, (name, text, handler) in enumerate(
            (
                ("parkButton", self.tr("挂单 F4"), self.park),
                ("resumeButton", self.tr("取单 F5"), self.resume),
                ("quantityButton", self.tr("数量 F6"), self.change_quantity),
                ("lineDiscountButton", self.tr("单品折扣 F7"), self.line_discount),
                ("orderDiscountButton", self.tr("整单折扣 F8"), self.order_discount),
                ("refundButton", self.tr("退货 F9"), self.refund),
                ("reprintButton", self.tr("重印 F10"), self.reprint_last),
                ("removeButton", self.tr("删除 Del"), self.remove_line),
                ("helpButton", self.tr("帮助 F1"), self.show_help),
                ("shiftCloseButton", self.tr("交班"), self.close_shift),
            )
        ):
            button = QPushButton(text, panel)
            named(button, name, text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            buttons.addWidget(button, position // ACTION_COLUMNS, position % ACTION_COLUMNS)
            self.buttons[name] = button
        return buttons

    def _build_pay_button(self, central: QWidget) -> QPushButton:
        button = QPushButton(self.tr("结账 F12"), central)
        named(button, "payButton", self.tr("结账"))
        button.setProperty("role", "primary")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(64)
        button.clicked.connect(self.pay)
        return button

    def main_window(self) -> QMainWindow:
        return self

    def add_to_side_column(self, widget: QWidget) -> None:
        """Under the totals and the change, above the action buttons."""
        self._side_column.insertWidget(self._side_column.count() - 2, widget)

    def add_under_change(self, widget: QWidget) -> None:
        self._side_column.insertWidget(self._side_column.indexOf(self.change_display) + 1, widget)

    def _fact(self, grid: QGridLayout, row: int, caption: str, object_name: str) -> QLabel:
        caption_label = QLabel(caption, self.right_panel)
        caption_label.setProperty("role", "caption")
        value = QLabel(self.right_panel)
        value.setObjectName(object_name)
        value.setAccessibleName(caption)
        value.setProperty("role", "fact")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(caption_label, row, 0)
        grid.addWidget(value, row, 1)
        return value

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        staff = self.session.staff
        self.cashier_label = QLabel(
            self.tr("收银员：%1（%2）").replace("%1", staff.name).replace("%2", self._role(staff)),
            self,
        )
        self.cashier_label.setObjectName("cashierName")
        self.shift_label = QLabel(self)
        self.shift_label.setObjectName("shiftInfo")
        self.printer_label = QLabel(self.tr("打印机：就绪"), self)
        self.printer_label.setObjectName("printerStatus")
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        self.clock_warning = QLabel(self)
        self.clock_warning.setObjectName("clockWarning")
        self.clock_warning.hide()
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncStatus")
        self.sync_label.setVisible(self.session.counter.sync is not None)
        for label in (
            self.cashier_label,
            self.shift_label,
            self.printer_label,
            self.sync_label,
            self.clock_warning,
            self.clock_label,
        ):
            bar.addPermanentWidget(label)
        self._update_shift_label()

    def _role(self, staff: StaffView) -> str:
        labels = {
            "cashier": self.tr("收银员"),
            "manager": self.tr("店长"),
            "owner": self.tr("老板"),
        }
        return labels.get(str(getattr(staff.role, "value", staff.role)), staff.role_label)

    def _update_shift_label(self) -> None:
        shift = self.session.shift
        if shift is None:
            self.shift_label.setText(self.tr("未开班"))
        else:
            opened = shift.opened_at.astimezone().strftime("%H:%M")
            self.shift_label.setText(self.tr("班次：%1 开班").replace("%1", opened))

    def _tick(self) -> None:
        self.clock_label.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm:ss"))
        self._update_sync_label()

    def _update_sync_label(self) -> None:
        """Online or offline, events waiting and the age of the oldest, the last success: read
        from the worker's published state (plain data), never waiting for it."""
        worker = self.session.counter.sync
        if worker is None:
            return
        state = worker.state()
        if state.online is None:
            parts = [self.tr("总部：连接中")]
        elif state.online:
            parts = [self.tr("总部：在线")]
        else:
            parts = [self.tr("总部：离线")]
        if state.waiting:
            parts.append(self.tr("待发送 %1 条").replace("%1", str(state.waiting)))
            if state.oldest_at is not None:
                parts.append(self.tr("最早 %1前").replace("%1", self._age(state.oldest_at)))
        else:
            parts.append(self.tr("已全部发送"))
        if state.last_success is not None:
            when = state.last_success.astimezone().strftime("%H:%M")
            parts.append(self.tr("上次同步 %1").replace("%1", when))
        self.sync_label.setText(" · ".join(parts))
        self.sync_label.setProperty("offline", state.online is False)
        self.sync_label.setToolTip(state.problem)

    def _age(self, moment: dt.datetime) -> str:
        minutes = max(0, int((dt.datetime.now(dt.UTC) - moment).total_seconds() // 60))
        if minutes < 60:
            return self.tr("%1 分钟").replace("%1", str(minutes))
        if minutes < 48 * 60:
            return self.tr("%1 小时").replace("%1", str(minutes // 60))
        return self.tr("%1 天").replace("%1", str(minutes // (24 * 60)))

    def unsent_warning(self) -> str:
        """A sentence while events wait for the head office ("" when none wait or no sync)."""
        worker = self.session.counter.sync
        if worker is None:
            return ""
        with Attempt(self.show_error) as attempt:
            waiting = worker.waiting()
        if attempt.failed or not waiting:
            return ""
        return self.tr(
            "还有 %1 条记录未发送到总部：请保持联网，或稍后运行 python main.py sync"
        ).replace("%1", str(waiting))

    # ------------------------------------------------------------------------------------------
    # feedback

    def show_message(self, text: str, level: str = "error") -> None:
        self.banner.setText(text)
        self.banner.setProperty("level", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def show_error(self, error: BaseException | str, context: str = "") -> None:
        """A known error in plain words, or a bug logged and apologised for (see feedback)."""
        text = error if isinstance(error, str) else message_for(error, context=context or "sale")
        self.show_message(text, "error")

    def clear_message(self) -> None:
        self.banner.clear()
        self.banner.hide()

    def show_printer(self, text: str, state: str) -> None:
        self.printer_label.setText(text)
        self.printer_label.setProperty("state", state)
        self.printer_label.style().unpolish(self.printer_label)
        self.printer_label.style().polish(self.printer_label)

    def show_clock_warning(self, text: str) -> None:
        """The business day went backwards: the daily upkeep is paused, selling goes on. Said
        in the message bar once and kept in the status bar (the sentence in its tooltip)."""
        self.clock_warning.setText(self.tr("日期异常：会员日结已暂停"))
        self.clock_warning.setToolTip(
            text
            + "\n"
            + self.tr("电脑时间改正后，请老板运行 python main.py clock-corrected 恢复会员日结")
        )
        self.clock_warning.show()
        self.show_message(text, "error")

    def printer_failed(self) -> bool:
        return bool(self.printer_label.property("state") == "error")

    def printer_unconfirmed(self) -> bool:
        return bool(self.printer_label.property("state") == "unconfirmed")

    def focus_scan(self) -> None:
        """The scan field takes the keyboard, and the window takes it back from a closed dialog
        itself: without a window manager (or with one that does not) nothing would have it."""
        if self.dialog is None and self.isVisible():
            self.activateWindow()
        self.scan_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def present(
        self, dialog: CounterDialog, on_accept: Callable[[Accepted], None] | None = None
    ) -> CounterDialog:
        """Open a dialog without a nested event loop; the scan field takes the keyboard back."""
        return present_owned(self, dialog, on_accept, then=self.focus_scan)

    # ------------------------------------------------------------------------------------------
    # keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        handler = self._key_handlers().get(Qt.Key(event.key()))
        if handler is not None and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            handler()
            event.accept()
            return
        super().keyPressEvent(event)

    def _key_handlers(self) -> dict[Qt.Key, Callable[[], object]]:
        return {
            Qt.Key.Key_F1: self.show_help,
            Qt.Key.Key_F2: self.members.search,
            Qt.Key.Key_F3: self.members.top_up,
            Qt.Key.Key_F4: self.park,
            Qt.Key.Key_F5: self.resume,
            Qt.Key.Key_F6: self.change_quantity,
            Qt.Key.Key_F7: self.line_discount,
            Qt.Key.Key_F8: self.order_discount,
            Qt.Key.Key_F9: self.refund,
            Qt.Key.Key_F10: self.reprint_last,
            Qt.Key.Key_F12: self.pay,
            Qt.Key.Key_Escape: self.escape,
            Qt.Key.Key_Delete: self.remove_line,
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan_input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Up:
                self.move_selection(-1)
                return True
            if key == Qt.Key.Key_Down:
                self.move_selection(1)
                return True
            if key == Qt.Key.Key_Escape:
                self.escape()
                return True
            if key == Qt.Key.Key_Delete and not self.scan_input.text():
                self.remove_line()
                return True
        return super().eventFilter(watched, event)

    def escape(self) -> None:
        if self.scan_input.text():
            self.scan_input.clear()
        else:
            self.clear_message()
            self.change_display.hide()
            self.members.clear_after_sale()
        self.focus_scan()

    # ------------------------------------------------------------------------------------------
    # the cart

    @property
    def cart(self) -> Cart:
        return self.session.cart

    def selected_index(self) -> int:
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        return len(self.cart.lines) - 1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            self.select_row(max(0, min(rows - 1, self.selected_index() + step)))

    def cart_changed(self) -> None:
        self.model.all_lines_changed()
        self.refresh_totals()

    def refresh_totals(self) -> None:
        totals = self.model.totals
        self.total_label.setText(format_yuan(totals.total_fen))
        self.count_label.setText(str(totals.item_count))
        self.subtotal_label.setText(format_yuan(totals.subtotal_fen))
        self.discount_label.setText(format_yuan(totals.discount_fen))
        self.rounding_label.setText(format_yuan(totals.rounding_fen))
        self._show_coupon(totals)
        self._show_promotions(totals)

    def _show_promotions(self, totals: Totals) -> None:
        """What promotions saved, the gifts to hand over, and what the cashier should know (a
        gift out of stock, a promotion that ended during the sale)."""
        parts = []
        saved = totals.promotion_fen + sum(gift.value_fen for gift in totals.gifts)
        if saved:
            parts.append(self.tr("已省 %1").replace("%1", format_yuan(saved)))
        for gift in totals.gifts:
            parts.append(
                self.tr("赠品：%1 ×%2")
                .replace("%1", gift.product.name)
                .replace("%2", qty_text(gift.qty_milli))
            )
        parts.extend(message_for(notice) for notice in totals.notices)
        self.promotion_label.setText("\n".join(parts))
        self.promotion_caption.setVisible(bool(parts))
        self.promotion_label.setVisible(bool(parts))

    def _show_coupon(self, totals: Totals) -> None:
        """The coupon on this sale: its discount, or why the cart no longer qualifies."""
        applied = self.cart.coupon
        self.coupon_caption.setVisible(applied is not None)
        self.coupon_label.setVisible(applied is not None)
        if applied is None:
            self.coupon_label.clear()
            return
        if totals.coupon_refusal is not None:
            text = self.tr("%1 不可用：%2").replace("%1", applied.coupon.name)
            self.coupon_label.setText(text.replace("%2", message_for(totals.coupon_refusal)))
            self.coupon_label.setProperty("state", "refused")
        else:
            self.coupon_label.setText(
                self.tr("%1 -%2")
                .replace("%1", applied.coupon.name)
                .replace("%2", format_yuan(totals.coupon_fen))
            )
            self.coupon_label.setProperty("state", "ok")
        self.coupon_label.style().unpolish(self.coupon_label)
        self.coupon_label.style().polish(self.coupon_label)

    def set_cart(self, cart: Cart) -> None:
        self.session.cart = cart
        self.model.set_cart(cart)
        self.refresh_totals()
        self.select_row(len(cart.lines) - 1)

    def submit_scan(self) -> None:
        service = self.session.service
        with Attempt(self._scan_refused, context="scan") as attempt:
            meaning = read_scan(
                self.scan_input.text(),
                member_attached=self.cart.member is not None,
                layouts=service.config.weighed_layouts,
            )
            if meaning is None:
                return
            if meaning.kind is ScanKind.NAME_SEARCH:
                self._search(meaning.code, meaning.qty_milli)
                return
            try:
                item = service.scan(meaning.code)
            except ScanError as exc:  # no product by that code: maybe a coupon, card or name
                self._not_a_product(meaning, exc)
                return
        if attempt.failed or meaning is None:
            return
        qty_milli = meaning.qty_milli
        fixed = item.qty_milli is not None or item.amount_fen is not None
        if qty_milli is not None and not fixed and not item.product.by_weight and qty_milli % 1000:
            self._scan_failed(CartError(self.tr("该商品数量须为整数")))
            return
        self.add_product(
            item.product,
            qty_milli=item.qty_milli if item.qty_milli is not None else qty_milli,
            barcode=item.barcode,
            fixed_amount_fen=item.amount_fen,
        )

    def _not_a_product(self, meaning: ScanMeaning, refusal: ScanError) -> None:
        """The catalog has no product by that code: try what else the scan may be, in order."""
        for kind in meaning.otherwise:
            if kind is ScanKind.COUPON and self.members.use_coupon_code(meaning.code):
                return
            if kind in (ScanKind.MEMBER_CARD, ScanKind.PHONE) and self.members.use_card_number(
                meaning.code
            ):
                return
            if kind is ScanKind.NAME_SEARCH:
                self._search(meaning.code, meaning.qty_milli)
                return
        self._scan_failed(refusal)

    def _scan_failed(self, error: BaseException) -> None:
        self._scan_refused(message_for(error, context="scan"))

    def _scan_refused(self, text: str) -> None:
        self.show_error(text)
        self.scan_input.selectAll()

    def _search(self, text: str, qty_milli: int | None) -> None:
        with Attempt(self._scan_refused, context="scan") as attempt:
            products = self.session.service.search(text, SEARCH_LIMIT)
        if attempt.failed:
            return
        if not products:
            self._scan_failed(
                ScanError(self.tr("没有找到“%1”，请检查条码或换个关键字").replace("%1", text))
            )
            return

        def picked(view: ProductView) -> None:
            from app.pos.counter import cart_product

            self.add_product(cart_product(view), qty_milli=qty_milli, barcode=None)

        self.present(ProductPickDialog(self, text, products), picked)

    def add_product(
        self,
        product: CartProduct,
        *,
        qty_milli: int | None = None,
        barcode: str | None = None,
        fixed_amount_fen: int | None = None,
    ) -> None:
        rows_before = len(self.cart.lines)
        with Attempt(self._scan_refused, context="scan") as attempt:
            index = self.cart.add(
                product, qty_milli=qty_milli, barcode=barcode, fixed_amount_fen=fixed_amount_fen
            )
        if attempt.failed:
            return
        self.model.line_added_or_changed(index, rows_before)
        self.lineScanned.emit(index)
        self.select_row(index)
        self.refresh_totals()
        self.scan_input.clear()
        if self.banner.isVisible():
            self.clear_message()
        if self.change_display.isVisible():
            self.change_display.hide()

    def _need_line(self) -> int | None:
        if not self.cart.lines:
            self.show_message(self.tr("购物车是空的，请先扫码"))
            return None
        return self.selected_index()

    def remove_line(self) -> None:
        index = self._need_line()
        if index is None:
            return
        self.model.remove_line(index)
        self.refresh_totals()
        self.select_row(min(index, len(self.cart.lines) - 1))

    def change_quantity(self) -> None:
        index = self._need_line()
        if index is None:
            return
        line = self.cart.lines[index]

        def apply(text: str) -> int:
            qty = parse_quantity(text, by_weight=line.product.by_weight)
            self.cart.set_quantity(index, qty)  # the cart checks zero and the limit
            return qty

        dialog = PromptDialog(
            self,
            self.tr("修改数量"),
            self.tr("“%1”的数量（%2）")
            .replace("%1", line.product.name)
            .replace("%2", line.product.unit),
            apply,
            text=qty_text(line.qty_milli),
        )
        dialog.input.setObjectName("quantityInput")
        self.present(dialog, lambda _qty: self._line_changed(index))

    def _line_changed(self, index: int) -> None:
        self.model.line_changed(index)
        self.refresh_totals()
        self.select_row(index)

    def _ask_discount(
        self, title: str, label: str, index: int | None, apply: DiscountChange
    ) -> None:
        def parse(text: str) -> Discount | None:
            if text.strip() in ("0", "0%", "不打折"):
                return None
            discount = parse_discount(text)
            base_ok = self.cart.lines[index].gross_fen if index is not None else True
            if not base_ok:
                raise CartError(self.tr("该行金额为零，无法打折"))
            return discount

        def chosen(discount: Discount | None) -> None:
            limit = self.session.counter.config.cashier_discount_limit_percent
            staff = self.session.staff
            if (
                discount is not None
                and not staff.can_approve
                and self.cart.discount_exceeds(limit, index, discount)
            ):
                dialog = ApprovalDialog(
                    self,
                    self.session.service,
                    Sensitive.DISCOUNT_OVER_LIMIT,
                    staff,
                    detail=self.tr("折扣 %1 超过收银员权限（%2%）")
                    .replace("%1", discount.label)
                    .replace("%2", str(limit)),
                )

                def approved(approval: Approval) -> None:
                    self._apply(lambda: apply(discount, approver_of(approval)))

                self.present(dialog, approved)
                return
            self._apply(lambda: apply(discount, staff if discount is not None else None))

        dialog = PromptDialog(
            self, title, label, parse, placeholder=self.tr("如 9折、10%、5（减 5 元），0 取消")
        )
        dialog.input.setObjectName("discountInput")
        self.present(dialog, chosen)

    def _apply(self, change: Callable[[], None]) -> None:
        with Attempt(self.show_error) as attempt:
            change()
        if attempt.failed:
            return
        self.cart_changed()

    def line_discount(self) -> None:
        index = self._need_line()
        if index is None:
            return
        name = self.cart.lines[index].product.name
        self._ask_discount(
            self.tr("单品折扣"),
            self.tr("“%1”的折扣").replace("%1", name),
            index,
            lambda discount, _approver: self.cart.set_line_discount(index, discount),
        )

    def order_discount(self) -> None:
        if self._need_line() is None:
            return
        self._ask_discount(
            self.tr("整单折扣"),
            self.tr("整单折扣"),
            None,
            lambda discount, approver: self.cart.set_order_discount(
                discount, approver.id if approver is not None else None
            ),
        )

    def staff_coupon(self) -> None:
        """员工赠券: the cashier gives one of the store's staff coupons (blank takes it off)."""
        if self._need_line() is None:
            return
        offered = self.cart.staff_coupons()
        if not offered:
            self.show_error(self.tr("现在没有可用的员工赠券"))
            return
        listed = "\n".join(f"{n}. {rule.name}" for n, rule in enumerate(offered, 1))
        dialog = PromptDialog(
            self,
            self.tr("员工赠券"),
            self.tr("输入序号或名称（留空取消）：\n%1").replace("%1", listed),
            self.cart.use_staff_coupon,
        )
        dialog.input.setObjectName("staffCouponInput")
        self.present(dialog, lambda _rule: self.cart_changed())

    def choose_gift(self) -> None:
        """满赠 with a choice: the customer picks the gift (the first in stock otherwise)."""
        options = self.cart.gift_options()
        if not options:
            self.show_error(self.tr("本单没有可选择的赠品"))
            return
        promotion, gifts = options[0]
        listed = "\n".join(f"{n}. {gift.name}" for n, gift in enumerate(gifts, 1))
        dialog = PromptDialog(
            self,
            self.tr("选择赠品"),
            self.tr("“%1”的赠品，输入序号：\n%2")
            .replace("%1", promotion.name)
            .replace("%2", listed),
            lambda text: self.cart.choose_gift(promotion, text),
        )
        dialog.input.setObjectName("giftChoiceInput")
        self.present(dialog, lambda _gift: self.cart_changed())

    def override_price(self) -> None:
        index = self._need_line()
        if index is None:
            return
        line = self.cart.lines[index]
        max_fen = self.session.counter.config.max_amount_fen

        def chosen(price_fen: int) -> None:
            dialog = ApprovalDialog(
                self,
                self.session.service,
                Sensitive.PRICE_OVERRIDE,
                self.session.staff,
                detail=self.tr("“%1”改价为 %2")
                .replace("%1", line.product.name)
                .replace("%2", format_yuan(price_fen)),
            )

            def approved(approval: Approval) -> None:
                self._apply(lambda: self.cart.override_price(index, price_fen, approval))

            self.present(dialog, approved)

        dialog = PromptDialog(
            self,
            self.tr("改价"),
            self.tr("“%1”的新单价（原价 %2）")
            .replace("%1", line.product.name)
            .replace("%2", format_yuan(line.unit_price_fen)),
            lambda text: parse_amount(text, max_fen=max_fen),
        )
        dialog.input.setObjectName("priceInput")
        self.present(dialog, chosen)

    # ------------------------------------------------------------------------------------------
    # payment and printing

    def pay(self) -> None:
        if self.cart.is_empty:
            self.show_message(self.tr("购物车是空的，请先扫码"))
            return
        if self.session.shift is None:
            self.show_message(self.tr("尚未开班，请重新登录并开班"))
            return
        refusal = self.model.totals.coupon_refusal
        if refusal is not None:
            self.show_message(
                self.tr("优惠券不可用：%1。请取消优惠券或继续加购").replace(
                    "%1", message_for(refusal)
                )
            )
            return
        from app.ui.payment import PaymentDialog

        self.paymentStarted.emit(self.model.totals.total_fen)
        self.present(PaymentDialog(self, self.session), self.paid)

    def paid(self, result: SaleResult) -> None:
        member = self.cart.member
        if self.session.counter.sync is not None:
            self.session.counter.sync.nudge()  # its event goes out now, not at the next round
        self.set_cart(self.session.service.new_cart())
        self.clear_message()
        self.scan_input.clear()
        self.change_display.setText(
            self.tr("找零 %1\n小票 %2")
            .replace("%1", format_yuan(result.change_fen))
            .replace("%2", result.receipt_no)
        )
        self.change_display.show()
        self.members.sale_paid(result, member)
        self.salePaid.emit(result)
        self.print_job(result.print_job_id)
        queue = self.session.print_queue
        for slip_id in result.slip_job_ids:
            run_task(functools.partial(queue.print_job, slip_id), self._printed)

    def print_job(self, job_id: str) -> None:
        self.session.last_print_job_id = job_id
        queue = self.session.print_queue
        self.printer_label.setText(self.tr("打印机：正在打印"))
        run_task(lambda: queue.print_job(job_id), self._printed)

    def _printed(self, outcome: object, error: BaseException | None) -> None:
        if error is None and getattr(outcome, "unconfirmed", False):
            # Sent, maybe printed: never sent again by itself; the cashier looks, F10 reprints.
            self.show_printer(self.tr("打印机：已发送，未确认"), "unconfirmed")
            self.statusBar().showMessage(
                self.tr("小票已发送，打印机未确认收到：请看是否出纸，没有出纸请按 F10 重印")
            )
            self.printFinished.emit(True)
            return
        ok = error is None and outcome is not None and getattr(outcome, "ok", True)
        if ok:
            self.show_printer(self.tr("打印机：正常"), "ok")
            self.statusBar().showMessage(self.tr("小票已打印"), 5000)
        else:
            reason = (
                message_for(error, context="print")
                if error is not None
                else str(getattr(outcome, "error", "") or "")
            )
            self.show_printer(self.tr("打印机：故障"), "error")
            self.statusBar().showMessage(
                self.tr("打印失败，可按 F10 重印：%1").replace("%1", reason)
            )
        self.printFinished.emit(bool(ok))

    def reprint_last(self) -> None:
        queue = self.session.print_queue
        job_id = self.session.last_print_job_id
        if job_id is None:
            last = queue.last_job(PrintJobKind.SALE)
            if last is None:
                # Nothing to reprint is no printer fault: the printer status stays as it is.
                self.show_message(self.tr("还没有可重印的小票"), "info")
                return
            job_id = last.id
        self.printer_label.setText(self.tr("打印机：正在打印"))
        run_task(functools.partial(queue.reprint, job_id), self._printed)

    # ------------------------------------------------------------------------------------------
    # parking

    def park(self) -> None:
        if self.cart.is_empty:
            self.show_message(self.tr("购物车是空的，无需挂单"))
            return

        def parked(label: str) -> None:
            with Attempt(self.show_error) as attempt:
                view = self.session.service.park(self.cart, cashier=self.session.staff, label=label)
            if attempt.failed:
                return
            self.set_cart(self.session.service.new_cart())
            self.show_message(self.tr("已挂单：%1").replace("%1", view.label), "info")

        dialog = PromptDialog(
            self,
            self.tr("挂单"),
            self.tr("备注（可不填，如顾客特征）"),
            lambda text: text.strip()[:40],
        )
        dialog.input.setObjectName("parkLabel")
        self.present(dialog, parked)

    def resume(self) -> None:
        if not self.cart.is_empty:
            self.show_message(self.tr("请先结账或挂单当前购物车，再取单"))
            return
        with Attempt(self.show_error) as attempt:
            parked = self.session.service.parked_carts()
        if attempt.failed:
            return
        if not parked:
            self.show_message(self.tr("没有挂单"), "info")
            return
        from app.ui.parked import ParkedCartsDialog

        def chosen(parked_id: str) -> None:
            with Attempt(self.show_error) as attempt:
                cart = self.session.service.resume(parked_id)
            if attempt.failed:
                return
            self.set_cart(cart)
            self.clear_message()

        self.present(ParkedCartsDialog(self, parked), chosen)

    # ------------------------------------------------------------------------------------------
    # after the sale

    def refund(self, receipt_no: str = "") -> None:
        from app.ui.refund import RefundDialog

        self.present(RefundDialog(self, self.session, receipt_no), self._refunded)

    def void(self) -> None:
        with Attempt(self.show_error) as attempt:
            last = self.session.service.last_order()
        if attempt.failed:
            return
        self.refund(last.receipt_no if last is not None else "")

    def _refunded(self, outcome: RefundOutcome) -> None:
        result = outcome.refunded
        if result is not None:
            self.show_message(
                self.tr("已退款 %1，退货单 %2")
                .replace("%1", format_yuan(result.amount_fen))
                .replace("%2", result.receipt_no),
                "ok",
            )
            self.print_job(result.print_job_id)
        elif outcome.voided is not None:
            self.show_message(
                self.tr("小票 %1 已作废").replace("%1", outcome.voided.receipt_no), "ok"
            )

    def receivables(self) -> None:
        from app.ui.receivables import ReceivablesDialog

        self.present(ReceivablesDialog(self, self.session))

    def manage_staff(self) -> None:
        """员工管理: a manager or the owner opens it; a cashier needs one to approve."""
        from app.ui.staff_screen import StaffScreen

        def approved(approval: Approval) -> None:
            self.present(StaffScreen(self, self.session, approver_of(approval)))

        if self.session.staff.can_approve:
            self.present(StaffScreen(self, self.session, self.session.staff))
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.STAFF, self.session.staff),
            approved,
        )

    def manage_stock(self) -> None:
        """库存: 进货, 退货, 盘点, 库存预警, 库存流水, opened as 商品管理 is."""
        from app.ui.stock_screen import StockScreen

        def approved(approval: Approval) -> None:
            self.present(StockScreen(self, self.session, approver_of(approval)))

        if self.session.staff.can_approve:
            self.present(StockScreen(self, self.session, self.session.staff))
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.STOCK, self.session.staff),
            approved,
        )

    def show_reports(self) -> None:
        """报表: sales, profit and members' money over a range, opened as 库存 is."""
        from app.ui.reports_screen import ReportsScreen

        def approved(approval: Approval) -> None:
            self.present(ReportsScreen(self, self.session, approver_of(approval)))

        if self.session.staff.can_approve:
            self.present(ReportsScreen(self, self.session, self.session.staff))
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.REPORTS, self.session.staff),
            approved,
        )

    def show_member_analytics(self) -> None:
        """会员分析: groups, segments, metrics, retention; opened as 报表 is (the same approval:
        it lists members and what they spent)."""
        from app.ui.member_analytics_screen import MemberAnalyticsScreen

        def opened(_approval: object = None) -> None:
            self.present(
                MemberAnalyticsScreen(self, self.session.service.member_analytics, self.session)
            )

        if self.session.staff.can_approve:
            opened()
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.REPORTS, self.session.staff),
            opened,
        )

    def manage_promotions(self) -> None:
        """促销管理: opened as 商品管理 is; the cart takes the changed rules when it closes."""
        from app.ui.promotions_screen import PromotionsScreen

        def opened(approver: StaffView) -> None:
            screen = PromotionsScreen(self, self.session, approver)
            self.present(screen, lambda _value: None)
            screen.finished.connect(lambda _code: self._promotions_changed())

        def approved(approval: Approval) -> None:
            opened(approver_of(approval))

        if self.session.staff.can_approve:
            opened(self.session.staff)
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.PROMOTIONS, self.session.staff),
            approved,
        )

    def _promotions_changed(self) -> None:
        cart = self.session.cart
        self.session.service.prepare_cart(cart)
        if cart.member is not None:
            cart.buyer = self.session.service.buyer_of(cart.member.member_id)
        self.model.all_lines_changed()
        self.refresh_totals()

    def manage_products(self) -> None:
        """商品管理: opened as 员工管理 is, every change made in the approver's name."""
        from app.ui.products_screen import ProductsScreen

        def approved(approval: Approval) -> None:
            self.present(ProductsScreen(self, self.session, approver_of(approval)))

        if self.session.staff.can_approve:
            self.present(ProductsScreen(self, self.session, self.session.staff))
            return
        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.PRODUCTS, self.session.staff),
            approved,
        )

    # ------------------------------------------------------------------------------------------
    # drawer, reports, shift, session

    def open_drawer(self) -> None:
        def approved(approval: Approval) -> None:
            with Attempt(self.show_error) as attempt:
                self.session.service.record_drawer_opened(
                    cashier=self.session.staff, approval=approval
                )
            if attempt.failed:
                return
            run_task(self.session.print_queue.open_drawer, self._drawer_opened)

        self.present(
            ApprovalDialog(self, self.session.service, Sensitive.OPEN_DRAWER, self.session.staff),
            approved,
        )

    def _drawer_opened(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            self.show_message(
                self.tr("钱箱未能打开：%1").replace("%1", message_for(error, context="drawer"))
            )
        else:
            self.statusBar().showMessage(self.tr("钱箱已打开"), 5000)

    def cash_in(self) -> None:
        self._move_cash(into=True)

    def cash_out(self) -> None:
        self._move_cash(into=False)

    def _move_cash(self, *, into: bool) -> None:
        shift_id = self.session.shift_id
        if shift_id is None:
            self.show_message(self.tr("尚未开班"))
            return
        from app.ui.shift import CashMoveDialog

        self.present(CashMoveDialog(self, self.session, shift_id, into=into), self._cash_moved)

    def _cash_moved(self, moved: CashMoveView) -> None:
        text = (
            self.tr("已存入现金 %1（%2），钱箱应有 %3")
            if moved.amount_fen > 0
            else self.tr("已取出现金 %1（%2），钱箱应有 %3")
        )
        self.show_message(
            text.replace("%1", format_yuan(abs(moved.amount_fen)))
            .replace("%2", moved.reason)
            .replace("%3", format_yuan(moved.expected_cash_fen)),
            "info",
        )
        run_task(self.session.print_queue.open_drawer, self._drawer_opened)

    def x_report(self) -> None:
        shift_id = self.session.shift_id
        if shift_id is None:
            self.show_message(self.tr("尚未开班"))
            return
        from app.ui.shift import ShiftReportDialog, print_shift_report

        with Attempt(self.show_error) as attempt:
            report = self.session.service.print_x_report(shift_id)
        if attempt.failed:
            return
        note = print_shift_report(self.session, report, self._printed)
        self.present(ShiftReportDialog(self, report, note))

    def close_shift(self) -> None:
        shift_id = self.session.shift_id
        if shift_id is None:
            self.show_message(self.tr("尚未开班"))
            return
        if not self.cart.is_empty:
            self.show_message(self.tr("购物车中还有商品，请先结账或挂单，再交班"))
            return
        from app.ui.shift import ShiftCloseDialog

        with Attempt(self.show_error) as attempt:
            report = self.session.service.shift_report(shift_id)
        if attempt.failed:
            return
        dialog = ShiftCloseDialog(self, self.session.service, report, self.session.staff)
        self.present(dialog, self._shift_closed)

    def _shift_closed(self, final: ShiftReport) -> None:
        from app.ui.shift import ShiftReportDialog, print_shift_report

        self.session.shift = None
        note = print_shift_report(self.session, final, self._printed)
        warning = self.unsent_warning()
        if warning:
            note = f"{note}\n{warning}" if note else warning
        dialog = ShiftReportDialog(self, final, note)
        dialog.finished.connect(lambda _code: self._on_logout())
        self.present(dialog)

    def show_help(self) -> None:
        self.present(HelpDialog(self))

    def backups(self) -> None:
        """备份与恢复: the list of good backups; restoring one needs the owner."""
        from app.ui.restore_page import RestorePage

        self.present(
            RestorePage(self, self.session),
            lambda path: self.restoreRequested.emit(str(path)),
        )

    def logout(self) -> None:
        if not self.cart.is_empty:
            self.show_message(self.tr("购物车中还有商品，请先结账或挂单，再退出登录"))
            return
        warning = self.unsent_warning()
        if warning and not self._unsent_warned:
            # Said once; a second press logs out (the events are kept and sent later).
            self._unsent_warned = True
            self.show_message(warning + self.tr("。再按一次退出登录"), "info")
            return
        self._on_logout()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.closing_allowed and not self.cart.is_empty:
            # A customer's goods must not vanish with the window: pay, park (F4) or clear first.
            event.ignore()
            self.show_message(self.tr("购物车中还有商品，请先结账或挂单（F4），再关闭"), "error")
            return
        self._clock.stop()
        super().closeEvent(event)
