"""商品管理 in the window: a product added with its EAN-13 sells at the counter, a new price is
rung up and kept in the price history, a retired product is refused at the scan, categories are
added and renamed, and a form with bad input says so next to the field and saves nothing."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)

from app.money import format_yuan
from app.storage.models import AuditRow, CategoryRow, OrderLineRow, OrderRow, ProductRow
from app.ui import i18n
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    action,
    approval_in,
    approve,
    banner,
    child,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    login,
    open_dialog,
    pay_cash,
    save_form,
    scan,
)

EAN13 = "4006381333931"  # a real EAN-13 with its check digit


def open_products_screen(sale: Any) -> Any:
    action(sale, "productsAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "productsScreen"
    return screen


def close_screen(qtbot: Any, sale: Any, screen: Any) -> None:
    click(qtbot, child(screen, QPushButton, "productsClose"))
    assert sale.dialog is None


def rows(screen: Any) -> dict[str, list[str]]:
    """Each listed product by code: its name, category, unit, prices, stock and status."""
    table = child(screen, QTableWidget, "productsTable")
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }


def select_product(screen: Any, code: str) -> None:
    table = child(screen, QTableWidget, "productsTable")
    (row,) = [r for r in range(table.rowCount()) if table.item(r, 0).text() == code]
    table.selectRow(row)


def search_for(screen: Any, text: str) -> None:
    child(screen, QLineEdit, "productSearch").setText(text)


def add_product(qtbot: Any, screen: Any, values: dict[str, object]) -> Any:
    click(qtbot, child(screen, QPushButton, "addProduct"))
    form = open_dialog(screen, "productForm")
    fill_form(qtbot, form, values)
    save_form(qtbot, form)
    return form


def product_row(counter: Any, code: str) -> ProductRow:
    with counter.db.reading() as session:
        row = session.scalar(select(ProductRow).where(ProductRow.code == code))
        assert row is not None
        session.expunge(row)
        return row


def test_a_product_added_with_its_ean13_sells_edits_price_and_is_retired(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_products_screen(sale)
    form = add_product(
        qtbot,
        screen,
        {
            "productName": "测试矿泉水 550ml",
            "productBarcodes": EAN13,
            "productPrice": "2.5",
            "productMemberPrice": "2.2",
            "productCost": "1.1",
            "productCategory": "饮料",
            "productUnit": "瓶",
        },
    )
    assert not form.isVisible(), error_text(form)
    search_for(screen, EAN13)
    ((code, listed),) = rows(screen).items()
    assert listed[:7] == ["测试矿泉水 550ml", "饮料", "瓶", "2.50", "2.20", "1.10", "0"]
    assert listed[7] == "在售"
    search_for(screen, "cskqs")  # the pinyin initials find it too
    assert code in rows(screen)
    close_screen(qtbot, sale, screen)

    scan(qtbot, sale, EAN13)
    assert sale.cart.lines[-1].product.code == code, banner(sale).text()
    assert child(sale, QLabel, "totalDue").text() == format_yuan(250)
    pay_cash(qtbot, sale, 1000)

    screen = open_products_screen(sale)
    search_for(screen, EAN13)
    select_product(screen, code)
    click(qtbot, child(screen, QPushButton, "editProduct"))
    form = open_dialog(screen, "productForm")
    assert child(form, QLineEdit, "productBarcodes").text() == EAN13
    fill_form(qtbot, form, {"productPrice": "3", "productCost": "1.2"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert rows(screen)[code][3] == "3.00"

    click(qtbot, child(screen, QPushButton, "editProduct"))
    form = open_dialog(screen, "productForm")
    history = child(form, QTableWidget, "productPriceHistory")
    newest = [history.item(0, c).text() for c in range(1, 6)]
    assert newest[:3] in (["售价", "2.50", "3.00"], ["进价", "1.10", "1.20"])
    assert newest[3:] == [MANAGER, MANAGER]
    changes = {
        tuple(history.item(r, c).text() for c in range(1, 4)) for r in range(history.rowCount())
    }
    assert {("售价", "2.50", "3.00"), ("进价", "1.10", "1.20"), ("售价", "", "2.50")} <= changes
    click(qtbot, child(form, QPushButton, "productFormCancel"))
    with counter.db.reading() as session:
        entry = session.scalars(
            select(AuditRow).where(
                AuditRow.action == "product.update",
                AuditRow.subject_id == product_row(counter, code).id,
            )
        ).one()
    assert '"price_fen": [250, 300]' in entry.detail
    assert entry.actor_id == entry.approver_id == sale.session.staff.id
    close_screen(qtbot, sale, screen)

    scan(qtbot, sale, EAN13)
    assert child(sale, QLabel, "totalDue").text() == format_yuan(300)
    pay_cash(qtbot, sale, 1000)

    screen = open_products_screen(sale)
    search_for(screen, EAN13)
    select_product(screen, code)
    retire = child(screen, QPushButton, "retireProduct")
    assert retire.text() == "停售"
    click(qtbot, retire)
    assert rows(screen) == {}  # retired products are not listed unless asked for
    child(screen, QCheckBox, "productShowRetired").setChecked(True)
    assert rows(screen)[code][-1] == "已停售"
    close_screen(qtbot, sale, screen)

    scan(qtbot, sale, EAN13)
    assert "商品已停售" in banner(sale).text()
    assert all(line.product.code != code for line in sale.cart.lines)
    assert all(p.code != code for p in counter.service.search("cskqs"))
    with counter.db.reading() as session:  # the two past sales still read back
        sold = session.scalars(
            select(OrderRow.receipt_no)
            .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id)
            .where(OrderLineRow.product_id == product_row(counter, code).id)
        ).all()
    assert len(sold) == 2
    assert counter.service.find_order(sold[0]).receipt_no == sold[0]

    screen = open_products_screen(sale)  # brought back, it sells again
    child(screen, QCheckBox, "productShowRetired").setChecked(True)
    search_for(screen, EAN13)
    select_product(screen, code)
    click(qtbot, child(screen, QPushButton, "retireProduct"))
    assert rows(screen)[code][-1] == "在售"
    close_screen(qtbot, sale, screen)
    scan(qtbot, sale, EAN13)
    assert sale.cart.lines[-1].product.code == code, banner(sale).text()


def test_bad_input_is_refused_next_to_the_field_and_saves_nothing(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_products_screen(sale)
    taken = counter.service.search("6", 1)[0]
    products, audits = count_rows(counter, ProductRow), count_rows(counter, AuditRow)
    click(qtbot, child(screen, QPushButton, "addProduct"))
    form = open_dialog(screen, "productForm")
    good = {
        "productName": "新品",
        "productBarcodes": EAN13,
        "productPrice": "5",
        "productUnit": "个",
    }
    for values, field, words in (
        ({"productBarcodes": "4006381333932"}, "productBarcodes", "条码校验位错误"),
        ({"productBarcodes": "73513536"}, "productBarcodes", "条码校验位错误"),
        ({"productBarcodes": "036000291453"}, "productBarcodes", "条码校验位错误"),
        ({"productBarcodes": f"{EAN13}, {taken.barcodes[0]}"}, "productBarcodes", taken.name),
        ({"productCode": taken.code}, "productCode", taken.name),
        ({"productPrice": "0"}, "productPrice", "售价须大于零"),
        ({"productMemberPrice": "6"}, "productMemberPrice", "不能高于售价"),
        ({"productCost": "-1"}, "productCost", ""),
        ({"productName": "长" * 81}, "productName", "商品名称过长"),
        ({"productName": ""}, "productName", "请填写此项"),
        ({"productWeighed": True}, "productUnit", "重量单位"),
    ):
        fill_form(qtbot, form, {**good, "productCode": "", "productMemberPrice": ""})
        fill_form(qtbot, form, {"productCost": "", "productWeighed": False, **values})
        save_form(qtbot, form)
        assert form.isVisible()
        assert words in field_error(form, field), (values, field_error(form, field))
        assert field_error(form, field), values
    assert (count_rows(counter, ProductRow), count_rows(counter, AuditRow)) == (products, audits)

    fill_form(qtbot, form, {**good, "productWeighed": False, "productCost": ""})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert count_rows(counter, ProductRow) == products + 1

    search_for(screen, taken.code)  # an edit refused leaves the product as it was
    select_product(screen, taken.code)
    click(qtbot, child(screen, QPushButton, "editProduct"))
    form = open_dialog(screen, "productForm")
    fill_form(qtbot, form, {"productMemberPrice": f"{taken.price_fen / 100 + 1:.2f}"})
    save_form(qtbot, form)
    assert "不能高于售价" in field_error(form, "productMemberPrice")
    assert counter.service.browse_products(taken.code)[0] == taken
    assert count_rows(counter, AuditRow) == audits + 1  # the one product added above


def test_categories_are_added_and_renamed_and_a_taken_name_is_refused(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_products_screen(sale)
    click(qtbot, child(screen, QPushButton, "categoriesButton"))
    dialog = open_dialog(screen, "categoriesDialog")
    name = child(dialog, QLineEdit, "categoryName")
    name.setText("进口零食")
    click(qtbot, child(dialog, QPushButton, "addCategory"))
    assert "进口零食" in [c.name for c in counter.service.categories()]
    before = count_rows(counter, CategoryRow)

    name.setText("进口零食")
    click(qtbot, child(dialog, QPushButton, "addCategory"))
    assert "已有名为“进口零食”的分类" in child(dialog, QLabel, "categoryNameError").text()
    dialog.select_name("进口零食")
    name.setText("饮料")
    click(qtbot, child(dialog, QPushButton, "renameCategory"))
    assert "已有名为“饮料”的分类" in child(dialog, QLabel, "categoryNameError").text()
    assert count_rows(counter, CategoryRow) == before

    dialog.select_name("进口零食")
    name.setText("进口食品")
    click(qtbot, child(dialog, QPushButton, "renameCategory"))
    names = [c.name for c in counter.service.categories()]
    assert "进口食品" in names and "进口零食" not in names
    click(qtbot, child(dialog, QPushButton, "categoriesClose"))
    categories = child(screen, QComboBox, "productCategoryFilter")
    assert categories.findData("进口食品") >= 0
    with counter.db.reading() as session:
        actions = session.scalars(
            select(AuditRow.action).where(AuditRow.action.like("category.%"))
        ).all()
    assert actions == ["category.create", "category.rename"]


def test_a_cashier_needs_a_manager_to_open_it(controller: Any, counter: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot)
    action(sale, "productsAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "productsScreen"
    form = add_product(
        qtbot,
        screen,
        {
            "productName": "散装花生",
            "productPrice": "16",
            "productUnit": "kg",
            "productWeighed": True,
        },
    )
    assert not form.isVisible(), error_text(form)
    with counter.db.reading() as session:
        entry = session.scalars(
            select(AuditRow)
            .where(AuditRow.action == "product.create")
            .order_by(AuditRow.seq.desc())
        ).first()
    assert entry is not None
    assert entry.actor_id == sale.session.staff.id
    assert entry.approver_id == counter.service.login(MANAGER, MANAGER_PIN).id


def test_a_manager_imports_and_exports_the_catalogue_from_the_products_screen(
    controller: Any, counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    """导入商品 adds and updates what the file holds, lists each row left out in the screen's
    language, and the list shows the products as they are now; 导出商品 writes them all."""
    source = tmp_path / "catalogue.csv"
    source.write_text(
        "条码,名称,分类,售价\n"
        f"{EAN13},进口矿泉水,饮料,3.5\n"
        "4006381333932,坏条码,饮料,2\n"
        "6901234567892,没有价格,饮料,\n",
        encoding="utf-8",
    )
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_products_screen(sale)
    screen.import_file(source)
    dialog = open_dialog(screen, "productImportDialog")
    state = child(dialog, QLabel, "productImportState")
    qtbot.waitUntil(lambda: state.text().startswith("导入完成"))
    assert state.text() == "导入完成：新增 1，更新 0，没有导入的行 2"
    problems = child(dialog, QPlainTextEdit, "productImportProblems").toPlainText().splitlines()
    assert [line.split("：", 1)[0] for line in problems] == ["第 3 行", "第 4 行"]
    assert problems[1] == "第 4 行：缺少售价"
    click(qtbot, child(dialog, QPushButton, "productImportClose"))
    search_for(screen, "进口矿泉水")
    assert [r[0] for r in rows(screen).values()] == ["进口矿泉水"]

    i18n.install(i18n.ENGLISH)
    screen.import_file(source)
    dialog = open_dialog(screen, "productImportDialog")
    qtbot.waitUntil(lambda: child(dialog, QLabel, "productImportState").text().startswith("Import"))
    english = child(dialog, QPlainTextEdit, "productImportProblems").toPlainText()
    assert english.splitlines()[1] == "Line 4: No price"
    click(qtbot, child(dialog, QPushButton, "productImportClose"))

    target = tmp_path / "out.csv"
    screen.export_file(target)
    with target.open(encoding="utf-8-sig") as handle:
        exported = {row["barcode"]: row for row in csv.DictReader(handle)}
    assert exported[EAN13]["name"] == "进口矿泉水" and exported[EAN13]["price"] == "3.50"
    assert "out.csv" in child(screen, QLabel, "productsStatus").text()
