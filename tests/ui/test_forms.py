"""The form every set-up screen uses: a refusal is shown next to its field and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtWidgets import QLineEdit, QWidget

from app.errors import KnownError
from app.ui.forms import FormDialog
from tests.ui.driving import child, error_text, field_error, fill_form, save_form


class Refused(KnownError):
    pass


@pytest.fixture
def host(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _form(host: QWidget, saved: list[object]) -> FormDialog:

    def save(form: FormDialog) -> object:
        name = form.text("name")
        price = form.yuan("price_fen")
        discount = form.fold("discount_bp")
        uses = form.whole("uses", required=False, minimum=1)
        if name == "重名":
            raise Refused("名称已存在：%1", name, field="name")
        if name == "整单":
            raise Refused("整单不行")
        value = (name, price, discount, uses, form.checked("weighed"), form.chosen("unit"))
        saved.append(value)
        return value

    form = FormDialog(host, "商品", "productForm", save)
    form.line("name", "名称", "productName")
    form.line("price_fen", "售价", "productPrice")
    form.line("discount_bp", "折扣", "productDiscount")
    form.line("uses", "次数", "productUses")
    form.check("weighed", "称重", "productWeighed")
    form.choice("unit", "单位", "productUnit", [("个", "个"), ("千克", "kg")], current="kg")
    form.present()
    return form


def test_a_form_reads_every_kind_of_field_and_finishes_with_what_save_returned(
    qtbot: Any, host: QWidget
) -> None:
    saved: list[object] = []
    form = _form(host, saved)
    assert child(form, QWidget, "productUnit").property("currentText") == "千克"
    fill_form(
        qtbot,
        form,
        {
            "productName": "苹果",
            "productPrice": "12.5",
            "productDiscount": "9.5",
            "productWeighed": True,
        },
    )
    save_form(qtbot, form)
    assert saved == [("苹果", 1250, 9500, None, True, "kg")]
    assert form.value == saved[0]


def test_each_refusal_is_shown_under_its_field_which_takes_the_keyboard(
    qtbot: Any, host: QWidget
) -> None:
    saved: list[object] = []
    form = _form(host, saved)
    for values, field, words in (
        ({"productName": ""}, "productName", "请填写此项"),
        ({"productName": "苹果", "productPrice": "abc"}, "productPrice", "无法识别的金额"),
        ({"productPrice": "3", "productDiscount": "12"}, "productDiscount", "0.1 到 10 折"),
        ({"productDiscount": "", "productUses": "0"}, "productUses", "不能小于 1"),
        ({"productUses": "", "productName": "重名"}, "productName", "名称已存在：重名"),
    ):
        fill_form(qtbot, form, values)
        save_form(qtbot, form)
        assert words in field_error(form, field)
        assert form.focusWidget() is child(form, QLineEdit, field)
        others = [n for n in ("productName", "productPrice", "productDiscount", "productUses")]
        assert [field_error(form, n) for n in others if n != field] == ["", "", ""]
        assert saved == [] and form.isVisible()


def test_a_refusal_about_no_field_goes_above_the_buttons(qtbot: Any, host: QWidget) -> None:
    saved: list[object] = []
    form = _form(host, saved)
    fill_form(qtbot, form, {"productName": "整单", "productPrice": "1"})
    save_form(qtbot, form)
    assert error_text(form) == "整单不行"
    assert field_error(form, "productName") == "" and saved == []
    fill_form(qtbot, form, {"productName": "梨"})
    save_form(qtbot, form)
    assert saved and not form.isVisible()
