"""商品管理: the shop's products listed, added, edited (price history beside), retired and
brought back, and their categories, each change made in the approving manager's name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError, KnownError
from app.money import format_fen
from app.pos.cart import CartError, parse_quantity, qty_text
from app.pos.catalog import DEFAULT_UNIT, ProductInput
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for, row_problem
from app.ui.forms import FormDialog
from app.ui.member_tables import fill_table, read_only_table
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.pos.catalog import CategoryView, PriceChange, ProductView
    from app.pos.catalog_io import ImportReport
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

#: Barcodes typed into one field: spaces, commas (either width), 、 or semicolons between them.
_BARCODE_SEPARATORS = re.compile(r"[\s,，、;；]+")
MILLI = 1000


def split_barcodes(text: str) -> tuple[str, ...]:
    return tuple(part for part in _BARCODE_SEPARATORS.split(text) if part)


def stock_text(product: ProductView) -> str:
    """Stock on hand: kilograms to three places for a weighed product, else a plain count."""
    if product.by_weight:
        return f"{product.stock_milli / MILLI:.3f}"
    whole, rest = divmod(product.stock_milli, MILLI)
    return str(whole) if rest == 0 else f"{product.stock_milli / MILLI:.3f}".rstrip("0")


def _reorder_point(form: FormDialog) -> int | None:
    typed = form.text("reorder_point_milli", required=False)
    if not typed:
        return None
    try:
        return parse_quantity(typed, by_weight=form.checked("by_weight"))
    except CartError as refused:
        raise InputError(refused.template, *refused.values, field="reorder_point_milli") from None


def _fen_or_blank(fen: int | None) -> str:
    return "" if fen is None else format_fen(fen)


class ProductsScreen(CounterDialog):
    """Opened with a manager's (or the owner's) approval; every change is made in their name."""

    def __init__(
        self, parent: QWidget | None, session: CounterSession, approver: StaffView
    ) -> None:
        super().__init__(parent, self.tr("商品管理"))
        self.setObjectName("productsScreen")
        self._session = session
        self._approver = approver
        self.products: list[ProductView] = []
        self.search = QLineEdit(self)
        named(self.search, "productSearch", self.tr("查找商品"))
        self.search.setPlaceholderText(self.tr("编码、条码、名称或拼音首字母"))
        self.search.returnPressed.connect(self.load)
        self.search.textChanged.connect(lambda _text: self.load())
        self.category_filter = QComboBox(self)
        named(self.category_filter, "productCategoryFilter", self.tr("按分类筛选"))
        self.category_filter.currentIndexChanged.connect(lambda _index: self.load())
        self.show_retired = QCheckBox(self.tr("显示已停售"), self)
        named(self.show_retired, "productShowRetired", self.tr("显示已停售"))
        self.show_retired.toggled.connect(lambda _on: self.load())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(self.tr("分类"), self))
        filters.addWidget(self.category_filter)
        filters.addWidget(self.show_retired)
        self.table = read_only_table(
            self,
            "productsTable",
            self.tr("商品"),
            [
                self.tr("编码"),
                self.tr("名称"),
                self.tr("分类"),
                self.tr("单位"),
                self.tr("售价"),
                self.tr("会员价"),
                self.tr("进价"),
                self.tr("库存"),
                self.tr("状态"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        buttons = QHBoxLayout()
        self.add_button = self._button("addProduct", self.tr("新增商品"), self.add)
        self.edit_button = self._button("editProduct", self.tr("编辑"), self.edit)
        self.retire_button = self._button(
            "retireProduct", self.tr("停售 / 恢复销售"), self.toggle_retired
        )
        self.categories_button = self._button(
            "categoriesButton", self.tr("分类管理"), self.manage_categories
        )
        self.import_button = self._button("importProducts", self.tr("导入商品"), self.ask_import)
        self.export_button = self._button("exportProducts", self.tr("导出商品"), self.ask_export)
        for button in (
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.categories_button,
            self.import_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self._button("productsClose", self.tr("关闭"), self.reject))
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        named(self.status, "productsStatus", self.tr("操作结果"))
        layout.addWidget(self.status)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(820, 480)
        self._loading = False
        self.load_categories()
        self.load()
        self.search.setFocus()

    def _button(self, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: handler())
        return button

    # -- the list --------------------------------------------------------------------------------

    def load_categories(self) -> None:
        """The filter's categories, keeping the one chosen if it is still there."""
        chosen = self.category_filter.currentData()
        with Attempt(self.show_error):
            categories = self._session.service.categories()
            self._loading = True
            try:
                self.category_filter.clear()
                self.category_filter.addItem(self.tr("全部分类"), None)
                for category in categories:
                    self.category_filter.addItem(category.name, category.name)
                index = self.category_filter.findData(chosen)
                self.category_filter.setCurrentIndex(max(index, 0))
            finally:
                self._loading = False

    def load(self) -> None:
        if self._loading:
            return
        chosen = self.selected()
        with Attempt(self.show_error):
            category = self.category_filter.currentData()
            self.products = self._session.service.browse_products(
                self.search.text(),
                category=category if isinstance(category, str) else None,
                include_retired=self.show_retired.isChecked(),
            )
            fill_table(self.table, [self._row(p) for p in self.products])
            for row, product in enumerate(self.products):
                if chosen is not None and product.id == chosen.id:
                    self.table.selectRow(row)
        self._selection_changed()

    def _row(self, product: ProductView) -> tuple[str, ...]:
        return (
            product.code,
            product.name,
            product.category or "",
            product.unit,
            format_fen(product.price_fen),
            _fen_or_blank(product.member_price_fen),
            _fen_or_blank(product.cost_fen),
            stock_text(product),
            self.tr("在售") if product.active else self.tr("已停售"),
        )

    def _selection_changed(self) -> None:
        product = self.selected()
        self.edit_button.setEnabled(product is not None)
        self.retire_button.setEnabled(product is not None)
        if product is not None:
            self.retire_button.setText(self.tr("停售") if product.active else self.tr("恢复销售"))

    def selected(self) -> ProductView | None:
        row = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= row < len(self.products):
            return None
        return self.products[row]

    def select_code(self, code: str) -> None:
        """Choose the row of the product whose code is ``code`` (after a save, and in tests)."""
        for row, product in enumerate(self.products):
            if product.code == code:
                self.table.selectRow(row)
                return

    # -- changes ---------------------------------------------------------------------------------

    def add(self) -> None:
        self.clear_error()
        form = self._form(None)
        form.present(self._saved)

    def edit(self) -> None:
        product = self.selected()
        if product is None:
            return
        self.clear_error()
        self._form(product).present(self._saved)

    def _saved(self, product: object) -> None:
        self.load_categories()
        self.load()
        code = getattr(product, "code", None)
        if isinstance(code, str):
            self.select_code(code)

    def toggle_retired(self) -> None:
        product = self.selected()
        if product is None:
            return
        self.clear_error()
        with Attempt(self.show_error):
            self._session.service.set_product_active(
                product.id,
                not product.active,
                actor=self._session.staff,
                approver=self._approver,
            )
        self.load()

    # -- files ---------------------------------------------------------------------------------

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("导入商品"), "", self.tr("商品文件 (*.csv *.xlsx);;所有文件 (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """The file goes in off the GUI thread; its dialog then says what came in and which
        rows were left out, and the list shows the products as they are now."""
        dialog = ProductImportDialog(self, path)
        dialog.open()
        service, actor, approver = self._session.service, self._session.staff, self._approver

        def work() -> ImportReport:
            return service.import_products(path, actor=actor, approver=approver)

        def done(report: ImportReport | None, error: BaseException | None) -> None:
            dialog.show_outcome(report, error)
            self.load_categories()
            self.load()

        run_task(work, done)

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出商品"),
            "products.xlsx",
            self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        with Attempt(self.show_error) as attempt:
            count = self._session.service.export_products(path)
        if not attempt.failed:
            self.clear_error()
            self.status.setText(
                self.tr("已导出 %1 行商品到 %2").replace("%1", str(count)).replace("%2", path.name)
            )

    def manage_categories(self) -> None:
        self.clear_error()
        dialog = CategoriesDialog(self, self._session, self._approver)
        dialog.finished.connect(lambda _code: self._categories_closed())
        dialog.present()

    def _categories_closed(self) -> None:
        self.load_categories()
        self.load()

    # -- the form --------------------------------------------------------------------------------

    def _form(self, product: ProductView | None) -> FormDialog:
        title = self.tr("新增商品") if product is None else self.tr("编辑商品")
        service = self._session.service

        def save(form: FormDialog) -> object:
            data = ProductInput(
                code=form.text("code", required=False) or None,
                name=form.text("name"),
                barcodes=split_barcodes(form.text("barcodes", required=False)),
                price_fen=form.yuan("price_fen") or 0,
                member_price_fen=form.yuan("member_price_fen", required=False),
                cost_fen=form.yuan("cost_fen", required=False),
                category=_text_or_none(form.chosen("category")),
                unit=form.text("unit"),
                by_weight=form.checked("by_weight"),
                track_stock=form.checked("track_stock"),
                active=True if product is None else product.active,
                reorder_point_milli=_reorder_point(form),
            )
            if product is None:
                return service.add_product(data, actor=self._session.staff, approver=self._approver)
            return service.edit_product(
                product.id, data, actor=self._session.staff, approver=self._approver
            )

        form = FormDialog(self, title, "productForm", save)
        form.line(
            "code",
            self.tr("商品编码"),
            "productCode",
            product.code if product else "",
            hint=self.tr("留空则自动生成"),
        )
        form.line("name", self.tr("名称"), "productName", product.name if product else "")
        form.line(
            "barcodes",
            self.tr("条码"),
            "productBarcodes",
            " ".join(product.barcodes) if product else "",
            hint=self.tr("可填多个，用空格或逗号分隔"),
        )
        form.line(
            "price_fen",
            self.tr("售价（元）"),
            "productPrice",
            format_fen(product.price_fen) if product else "",
        )
        form.line(
            "member_price_fen",
            self.tr("会员价（元）"),
            "productMemberPrice",
            _fen_or_blank(product.member_price_fen) if product else "",
            hint=self.tr("留空则无会员价"),
        )
        form.line(
            "cost_fen",
            self.tr("进价（元）"),
            "productCost",
            _fen_or_blank(product.cost_fen) if product else "",
            hint=self.tr("留空表示未知"),
        )
        form.choice(
            "category",
            self.tr("分类"),
            "productCategory",
            self._category_choices(),
            current=product.category if product else None,
        )
        form.line(
            "unit",
            self.tr("单位"),
            "productUnit",
            product.unit if product else DEFAULT_UNIT,
            hint=self.tr("称重商品用 kg、千克、公斤、斤、g 或 克"),
        )
        form.check(
            "by_weight",
            self.tr("称重销售"),
            "productWeighed",
            product.by_weight if product else False,
        )
        form.check(
            "track_stock",
            self.tr("管理库存"),
            "productTrackStock",
            product.track_stock if product else True,
        )
        form.line(
            "reorder_point_milli",
            self.tr("预警库存"),
            "productReorderPoint",
            qty_text(product.reorder_point_milli)
            if product and product.reorder_point_milli is not None
            else "",
            hint=self.tr("库存不高于此数时列入库存预警；留空则只在缺货时列入"),
        )
        if product is not None:
            form.section(self.tr("调价记录（最新在前）"))
            form.form.addRow(self._history_table(form, product))
        return form

    def _category_choices(self) -> list[tuple[str, object]]:
        categories: list[CategoryView] = []
        with Attempt(self.show_error):
            categories = self._session.service.categories()
        return [(self.tr("（无分类）"), None)] + [(c.name, c.name) for c in categories]

    def _history_table(self, form: FormDialog, product: ProductView) -> QWidget:
        table = read_only_table(
            form,
            "productPriceHistory",
            self.tr("调价记录"),
            [
                self.tr("时间"),
                self.tr("项目"),
                self.tr("原值"),
                self.tr("新值"),
                self.tr("操作人"),
                self.tr("授权人"),
            ],
        )
        table.setMinimumHeight(140)
        changes: list[PriceChange] = []
        with Attempt(form.show_error):
            changes = self._session.service.price_history(product.id)
        labels = {
            "price_fen": self.tr("售价"),
            "member_price_fen": self.tr("会员价"),
            "cost_fen": self.tr("进价"),
        }
        fill_table(
            table,
            [
                (
                    c.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    labels.get(c.field, c.field),
                    _fen_or_blank(c.old_fen),
                    _fen_or_blank(c.new_fen),
                    c.actor or "",
                    c.approver or "",
                )
                for c in changes
            ],
        )
        return table


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


class CategoriesDialog(CounterDialog):
    """Categories added and renamed (a name the shop has is refused), in the manager's name."""

    def __init__(
        self, parent: QWidget | None, session: CounterSession, approver: StaffView
    ) -> None:
        super().__init__(parent, self.tr("分类管理"))
        self.setObjectName("categoriesDialog")
        self._session = session
        self._approver = approver
        self.categories: list[CategoryView] = []
        self.list = QListWidget(self)
        named(self.list, "categoriesList", self.tr("分类"))
        self.list.currentRowChanged.connect(self._chosen)
        self.name = QLineEdit(self)
        named(self.name, "categoryName", self.tr("分类名称"))
        self.name.setPlaceholderText(self.tr("新分类名称，或选中分类后的新名称"))
        self.name.returnPressed.connect(self.add)
        self.name_error = QLabel(self)
        self.name_error.setObjectName("categoryNameError")
        self.name_error.setProperty("role", "error")
        self.name_error.setWordWrap(True)
        self.name_error.hide()
        add = QPushButton(self.tr("新增分类"), self)
        named(add, "addCategory", self.tr("新增分类"))
        add.clicked.connect(lambda _checked=False: self.add())
        self.rename_button = QPushButton(self.tr("改名"), self)
        named(self.rename_button, "renameCategory", self.tr("改名"))
        self.rename_button.clicked.connect(lambda _checked=False: self.rename())
        close = QPushButton(self.tr("关闭"), self)
        named(close, "categoriesClose", self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (add, self.rename_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close.setAutoDefault(False)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(self.tr("分类名称"), self))
        layout.addWidget(self.name)
        layout.addWidget(self.name_error)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(360, 360)
        self.load()
        self.name.setFocus()

    def load(self, chosen_id: str | None = None) -> None:
        with Attempt(self.show_error):
            self.categories = self._session.service.categories()
            self.list.clear()
            self.list.addItems([c.name for c in self.categories])
            for row, category in enumerate(self.categories):
                if category.id == chosen_id:
                    self.list.setCurrentRow(row)
        self.rename_button.setEnabled(self.selected() is not None)

    def selected(self) -> CategoryView | None:
        row = self.list.currentRow()
        return self.categories[row] if 0 <= row < len(self.categories) else None

    def select_name(self, name: str) -> None:
        """Choose the category called ``name`` (its name goes into the field to be edited)."""
        for row, category in enumerate(self.categories):
            if category.name == name:
                self.list.setCurrentRow(row)

    def _chosen(self, _row: int) -> None:
        category = self.selected()
        self.rename_button.setEnabled(category is not None)
        if category is not None:
            self.name.setText(category.name)

    def add(self) -> None:
        self._change(
            lambda: self._session.service.add_category(
                self.name.text(), actor=self._session.staff, approver=self._approver
            )
        )

    def rename(self) -> None:
        category = self.selected()
        if category is None:
            return
        self._change(
            lambda: self._session.service.rename_category(
                category.id, self.name.text(), actor=self._session.staff, approver=self._approver
            )
        )

    def _change(self, action: Callable[[], CategoryView]) -> None:
        """A refusal about the name is shown under the field, anything else above the buttons."""
        self.clear_error()
        self.name_error.hide()
        try:
            changed = action()
        except Exception as error:  # shown as Attempt shows it; message_for logs a bug
            text = message_for(error, context=type(self).__name__)
            if isinstance(error, KnownError) and error.field == "name":
                self.name_error.setText(text)
                self.name_error.show()
                self.name.selectAll()
            else:
                self.show_error(text)
            self.name.setFocus()
            return
        self.load(changed.id)
        self.name.clear()
        self.name.setFocus()


class ProductImportDialog(CounterDialog):
    """导入商品's outcome: how many products came in or changed, and each row left out."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent, self.tr("导入商品"))
        self.setObjectName("productImportDialog")
        self.state = QLabel(self.tr("正在导入 %1……").replace("%1", path.name), self)
        self.state.setObjectName("productImportState")
        self.state.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        named(self.problems, "productImportProblems", self.tr("没有导入的行"))
        self.problems.setReadOnly(True)
        self.problems.hide()
        close = QPushButton(self.tr("关闭"), self)
        named(close, "productImportClose", self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.problems)
        layout.addWidget(self.error_label)
        layout.addWidget(close)
        self.setMinimumWidth(480)

    def show_outcome(self, report: ImportReport | None, error: BaseException | None) -> None:
        if error is not None:
            self.state.setText(self.tr("没有导入任何商品"))
            self.show_error(message_for(error, context="product import"))
            return
        assert report is not None
        self.state.setText(
            self.tr("导入完成：新增 %1，更新 %2，没有导入的行 %3")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.updated))
            .replace("%3", str(len(report.errors)))
        )
        if report.errors:
            lines = (row_problem(row.line, row.error, row.reason) for row in report.errors)
            self.problems.setPlainText("\n".join(lines))
            self.problems.show()
