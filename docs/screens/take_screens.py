"""``make screenshots``: a PNG of every main screen, in Chinese and in English, into docs/screens/.

Runs under ``xvfb-run`` (a real X screen, so dialogs are drawn over their window as a person sees
them) on the demo store seeded into a temporary data directory, with the CJK font the program
falls back to (WenQuanYi Micro Hei; the shipped receipt font covers the rest). Each screen is
opened the way the cashier opens it (menus, keys, a swipe), grabbed from the screen, and closed.
会员分析 is shown over a made-up history in a second temporary store (a minute more).
``take_screens.py member_analytics`` takes only those; ``take_screens.py counter`` the rest.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

OUT = Path(__file__).resolve().parent
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WIDTH, HEIGHT = 1280, 800
OWNER, OWNER_PIN = "张老板", "8888"
SILVER_CARD = "88000005"  # a demo member without a payment password


def settle(ms: int = 150) -> None:
    """Let the window lay out and paint (and the X server draw it) before it is grabbed."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def grab(name: str, language: str, widget: QWidget | None = None, *, shades: bool = False) -> Path:
    """The whole screen, or one dialog as it is drawn (without a window manager a dialog has no
    frame, so it reads better alone). In 256 colours, small, unless ``shades``: a picture whose
    colour scale is its content (the retention triangle) keeps every colour."""
    settle()
    if widget is None:
        image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
    else:
        image = widget.grab().toImage()
    if not shades:
        image = image.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        )
    path = OUT / f"{name}_{'zh' if language == 'zh_CN' else 'en'}.png"
    if not image.save(str(path), "PNG", 9):
        raise RuntimeError(f"could not save {path}")
    print(f"  {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    return path


def child(parent: QWidget, kind: type[QWidget], name: str) -> QWidget:
    found = parent.findChild(kind, name)
    if found is None:
        raise LookupError(f"{name} not found in {parent.objectName()}")
    return found


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_dialog(parent: QWidget, name: str) -> QDialog:
    shown = [d for d in parent.findChildren(QDialog, name) if d.isVisible()]
    if len(shown) != 1:
        raise LookupError(f"{len(shown)} dialogs {name!r} open")
    return shown[0]


def shoot_dialog(
    sale: QWidget,
    name: str,
    language: str,
    open_it: Callable[[], object],
    *,
    size: tuple[int, int] | None = None,
    then: Callable[[QDialog], object] | None = None,
) -> None:
    """Open a screen from the sale window (at ``size``, for the wide tables), grab it, close it."""
    open_it()
    settle(250)
    dialog = sale.dialog  # type: ignore[attr-defined]
    if dialog is None:
        raise LookupError(f"{name}: no dialog opened")
    if size is not None:
        dialog.resize(*size)
    if then is not None:
        then(dialog)
    grab(name, language, dialog)
    dialog.reject()
    settle(50)


def find_member(screen: QDialog) -> None:
    search = child(screen, QLineEdit, "membersSearch")
    search.setText(SILVER_CARD)  # type: ignore[attr-defined]
    QTest.keyClick(search, Qt.Key.Key_Return)
    settle(200)


def log_in(controller: object, language: str, *, grab_login: bool) -> QWidget:
    """The owner logs in (and opens the shift): the sale window, full screen."""
    login = controller.show_login()  # type: ignore[attr-defined]
    login.setGeometry(0, 0, WIDTH, HEIGHT)
    if grab_login:
        grab("login", language)
    child(login, QComboBox, "loginUser").setCurrentText(OWNER)  # type: ignore[attr-defined]
    QTest.keyClicks(child(login, QLineEdit, "loginPin"), OWNER_PIN)
    click(child(login, QPushButton, "loginButton"))
    dialog = login.dialog
    if dialog is not None and dialog.objectName() == "shiftOpenDialog":
        child(dialog, QLineEdit, "shiftFloat").setText("500")  # type: ignore[attr-defined]
        click(child(dialog, QPushButton, "promptOk"))
    sale = controller.sale_window  # type: ignore[attr-defined]
    assert sale is not None, "login failed"
    sale.showNormal()
    sale.setGeometry(0, 0, WIDTH, HEIGHT)
    settle()
    return sale  # type: ignore[no-any-return]


def take(language: str, counter: object) -> None:
    from app.ui import i18n
    from app.ui.application import CounterApp

    i18n.install(language)
    print(f"{language}:")
    controller = CounterApp(counter)  # type: ignore[arg-type]
    sale = log_in(controller, language, grab_login=True)

    scan_field = child(sale, QLineEdit, "scanInput")
    products = [p for p in counter.service.search("6", 60) if p.barcodes and not p.by_weight]  # type: ignore[attr-defined]
    for product in products[:4]:
        scan_field.setText(product.barcodes[0])  # type: ignore[attr-defined]
        QTest.keyClick(scan_field, Qt.Key.Key_Return)
    sale.cardSwiped.emit(SILVER_CARD)
    settle(300)
    grab("sale", language)

    QTest.keyClick(scan_field, Qt.Key.Key_F12)
    settle(250)
    payment = sale.dialog
    assert payment is not None and payment.objectName() == "paymentDialog"
    grab("payment", language, payment)
    total = child(payment, QLineEdit, "tenderAmount")
    total.setText("1000.00")  # type: ignore[attr-defined]
    click(child(payment, QPushButton, "confirmPayment"))
    settle(250)

    wide = (1200, 720)
    members = sale.actions_by_name["membersScreenAction"].trigger
    shoot_dialog(sale, "members", language, members, size=wide, then=find_member)
    shoot_dialog(sale, "products", language, sale.manage_products, size=wide)
    stock_moves = 4  # the demo store has no low stock; its moves show what the screen holds

    def show_moves(dialog: QDialog) -> None:
        dialog.tabs.setCurrentIndex(stock_moves)  # type: ignore[attr-defined]
        field = child(dialog, QLineEdit, "movesProduct")
        field.setText(products[0].barcodes[0])  # type: ignore[attr-defined]  # sold twice
        QTest.keyClick(field, Qt.Key.Key_Return)
        settle(200)

    shoot_dialog(sale, "stock", language, sale.manage_stock, size=wide, then=show_moves)
    shoot_dialog(sale, "staff", language, sale.manage_staff)
    shoot_dialog(sale, "settings", language, controller.hardware.open_settings)
    shoot_dialog(sale, "shift_report", language, sale.x_report)
    shoot_dialog(sale, "backups", language, sale.backups)
    shoot_dialog(sale, "refund", language, sale.refund)
    shoot_dialog(sale, "keys", language, sale.show_help)

    sale.actions_by_name["remindersAction"].trigger()
    settle(300)
    grab("reminders", language)

    controller.close_all()
    settle(50)


def take_member_analytics(language: str, counter: object) -> None:
    """会员分析 over a made-up year of members (``demo --members --days``), one picture a tab,
    opened from the 系统 menu as the owner opens it; the 高忠诚度 segment chosen."""
    from app.ui import i18n
    from app.ui.application import CounterApp

    i18n.install(language)
    controller = CounterApp(counter)  # type: ignore[arg-type]
    sale = log_in(controller, language, grab_login=False)
    sale.actions_by_name["memberAnalyticsAction"].trigger()  # type: ignore[attr-defined]
    settle(300)
    screen = sale.dialog  # type: ignore[attr-defined]
    if screen is None or screen.objectName() != "memberAnalyticsScreen":
        raise LookupError("会员分析 did not open")
    screen.resize(1200, 760)
    screen.choose_group("high_loyalty")
    for index, name in enumerate(("groups", "metrics", "retention", "visit_gaps")):
        screen.tabs.setCurrentIndex(index)
        settle(300)
        grab(f"member_analytics_{name}", language, screen, shades=name == "retention")
    screen.reject()
    controller.close_all()
    settle(50)


def history_store(data_dir: Path) -> object:
    """A store with 400 days of 1500 members' visits (the generator the benchmarks use)."""
    from app.bootstrap import build
    from app.cli import EXIT_OK
    from app.cli import main as cli

    arguments = ["--data-dir", str(data_dir), "demo", "--members", "1500", "--days", "400"]
    if cli(arguments) != EXIT_OK:
        raise RuntimeError("the demo history was not written")
    return build(data_dir)


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("run under xvfb-run: make screenshots", file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not CJK_FONT.exists():
        # The shipped receipt font holds only a subset: other characters would come out as boxes.
        print(f"{CJK_FONT} is missing: apt-get install fonts-wqy-microhei", file=sys.stderr)
        return 2
    os.environ["POS_PRINTER_URI"] = "dummy:"
    os.environ.pop("POS_LANGUAGE", None)
    from app.bootstrap import build
    from app.ui.application import apply_look
    from app.ui.tasks import synchronous_tasks

    parts = set(sys.argv[1:]) or {"counter", "member_analytics"}
    app = QApplication(sys.argv[:1])
    apply_look(app)
    if "counter" in parts:
        with tempfile.TemporaryDirectory(prefix="pos-screens-") as data_dir:
            counter = build(Path(data_dir), seed_demo=True)
            try:
                with synchronous_tasks():
                    for language in ("zh_CN", "en"):
                        take(language, counter)
            finally:
                counter.close()
    if "member_analytics" in parts:
        with tempfile.TemporaryDirectory(prefix="pos-screens-history-") as data_dir:
            counter = history_store(Path(data_dir))
            try:
                with synchronous_tasks():
                    for language in ("zh_CN", "en"):
                        take_member_analytics(language, counter)
            finally:
                counter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
