"""What the sale screen offers its helpers, so they never import the window or touch its widgets.

The member desk (``member_panel``) and the devices (``hardware``) are built by or attached to the
sale window; typed against this protocol they depend on a small promise, and ``app/ui`` has no
import cycle (``tests/test_import_graph.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QWidget

    from app.ui.cart_model import CartModel
    from app.ui.dialogs import Accepted, CounterDialog
    from app.ui.session import CounterSession

#: One menu entry: objectName, text (with its key after a tab), what it does.
MenuEntry = tuple[str, str, Callable[[], object]]


class SaleScreen(Protocol):
    """One cashier's selling screen, as its helpers see it. ``SaleWindow`` is the one screen."""

    # -- signals (``SaleWindow`` says what each carries) ---------------------------------------

    cardSwiped: SignalInstance
    lineScanned: SignalInstance
    paymentStarted: SignalInstance
    salePaid: SignalInstance
    printFinished: SignalInstance

    # -- state ---------------------------------------------------------------------------------

    @property
    def session(self) -> CounterSession: ...

    @property
    def model(self) -> CartModel:
        """The cart as the table shows it: its signals say the cart changed, and its totals."""
        ...

    @property
    def scan_input(self) -> QLineEdit:
        """The scan field: the wedge filter watches its keys, a used scan is cleared."""
        ...

    @property
    def dialog(self) -> CounterDialog | None:
        """The dialog that has the keyboard now, if any."""
        ...

    # -- what the helpers may do ---------------------------------------------------------------

    def main_window(self) -> QMainWindow:
        """The window itself: parent of dialogs and docks, home of the status bar."""
        ...

    def add_menu(self, title: str, object_name: str, entries: Sequence[MenuEntry]) -> QMenu:
        """A menu of the menu bar; each action is reachable by its objectName."""
        ...

    def add_to_side_column(self, widget: QWidget) -> None:
        """Under the totals and the change, above the action buttons."""
        ...

    def add_under_change(self, widget: QWidget) -> None:
        """Right under the change of the last sale."""
        ...

    def show_message(self, text: str, level: str = "error") -> None: ...

    def show_error(self, error: BaseException | str, context: str = "") -> None: ...

    def clear_message(self) -> None: ...

    def present(
        self, dialog: CounterDialog, on_accept: Callable[[Accepted], None] | None = None
    ) -> CounterDialog:
        """Open a dialog; the scan field takes the keyboard back when it closes."""
        ...

    def cart_changed(self) -> None:
        """The cart changed outside a scan (a member, a coupon): repaint its lines and totals."""
        ...

    def print_job(self, job_id: str) -> None: ...

    def show_printer(self, text: str, state: str) -> None:
        """The printer's state in the status bar: ``ok``, ``error``, ``unknown`` or
        ``unconfirmed``."""
        ...

    def printer_failed(self) -> bool:
        """The last print failed (and no print has succeeded since)."""
        ...

    def printer_unconfirmed(self) -> bool:
        """The last slip was sent and the printer did not confirm it: the cashier is to look."""
        ...
