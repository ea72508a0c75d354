"""Who is at the counter now: the running counter, the logged-in cashier and the open shift."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bootstrap import Counter
    from app.devices.print_queue import PrintQueue
    from app.pos.cart import Cart
    from app.pos.counter import CounterService
    from app.pos.shifts import ShiftView
    from app.pos.staff import StaffView


@dataclasses.dataclass
class CounterSession:
    """Plain state shared by the sale screen and its dialogs; no ORM rows, no database session."""

    counter: Counter
    staff: StaffView
    shift: ShiftView | None
    cart: Cart
    #: The last receipt this session queued, for F10 before the print queue is asked.
    last_print_job_id: str | None = None

    @property
    def service(self) -> CounterService:
        return self.counter.service

    @property
    def print_queue(self) -> PrintQueue:
        return self.counter.print_queue

    @property
    def shift_id(self) -> str | None:
        return self.shift.id if self.shift is not None else None
