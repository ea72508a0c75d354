"""The one way slow work (printing, device I/O) leaves the GUI thread and comes back to it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: What the task returns.
_Result = TypeVar("_Result")
#: ``on_done(result, error)``: exactly one of the two is meaningful (error is None on success,
#: result is None on failure).
DoneCallback = Callable[[_Result | None, BaseException | None], None]


class Runner(Protocol):
    """Runs ``fn`` somewhere and hands its result or its error to ``on_done``."""

    def __call__(self, fn: Callable[[], _Result], on_done: DoneCallback[_Result]) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from a worker is delivered there (queued)."""

    finished = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # handed to on_done, which decides known error or bug
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


_pending: set[_Relay] = set()


def _thread_pool_runner(fn: Callable[[], _Result], on_done: DoneCallback[_Result]) -> None:
    relay = _Relay()
    _pending.add(relay)

    def deliver(result: _Result | None, error: BaseException | None) -> None:
        _pending.discard(relay)
        relay.deleteLater()
        _call(on_done, result, error)

    relay.finished.connect(deliver)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def synchronous_runner(fn: Callable[[], _Result], on_done: DoneCallback[_Result]) -> None:
    """Runs the task at once on the caller's thread: tests use it to stay deterministic."""
    try:
        result = fn()
    except Exception as exc:
        _call(on_done, None, exc)
    else:
        _call(on_done, result, None)


def _call(
    on_done: DoneCallback[_Result], result: _Result | None, error: BaseException | None
) -> None:
    try:
        on_done(result, error)
    except Exception:
        log.exception("a task's completion handler failed")


_runner: Runner = _thread_pool_runner


def run_task(fn: Callable[[], _Result], on_done: DoneCallback[_Result]) -> None:
    """Run ``fn`` off the GUI thread; ``on_done(result, error)`` runs back on the GUI thread."""
    _runner(fn, on_done)


def set_runner(runner: Runner | None) -> None:
    """Swap the runner (``None`` restores the thread pool)."""
    global _runner
    _runner = runner if runner is not None else _thread_pool_runner


@contextmanager
def synchronous_tasks() -> Iterator[None]:
    previous = _runner
    set_runner(synchronous_runner)
    try:
        yield
    finally:
        set_runner(previous)


def wait_for_tasks(timeout_ms: int = 10_000) -> bool:
    """Block until the pool is idle (used at shutdown so a receipt is not cut off)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
