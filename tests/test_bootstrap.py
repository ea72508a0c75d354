"""The composition root builds the devices the settings name, and closes them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import tomli_w

from app.bootstrap import ReaderCallbacks, build
from app.config import CardReaderConfig, PoleDisplayConfig
from app.devices.card_reader import ReaderStatus
from app.devices.printers import FilePrinter
from tests.devices.pty_pair import PtyPair, read_until_quiet, wait_for


class Events:
    def __init__(self) -> None:
        self.cards: list[str] = []
        self.statuses: list[ReaderStatus] = []

    def callbacks(self) -> ReaderCallbacks:
        return ReaderCallbacks(
            on_card=self.cards.append, on_error=lambda _m: None, on_status=self.statuses.append
        )


def _write_config(directory: Path, **settings: object) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")


def test_a_wedge_reader_and_no_display_port_build_no_serial_devices(tmp_path: Path) -> None:
    counter = build(tmp_path)
    try:
        assert counter.start_card_reader(Events().callbacks()) is None
        assert counter.card_reader is None and counter.pole_display is None
    finally:
        counter.close()


def test_a_serial_reader_and_a_pole_display_are_built_started_and_closed(tmp_path: Path) -> None:
    with (
        PtyPair(tmp_path, "reader") as reader_pair,
        PtyPair(tmp_path, "display") as display_pair,
    ):
        data_dir = tmp_path / "data"
        _write_config(
            data_dir,
            card_reader={"kind": "serial", "port": str(reader_pair.b), "framing": "crlf"},
            pole_display={"port": str(display_pair.b), "width": 16},
        )
        counter = build(data_dir)
        events = Events()
        try:
            reader = counter.start_card_reader(events.callbacks())
            assert reader is not None and reader.running
            assert wait_for(lambda: ReaderStatus.CONNECTED in events.statuses)
            with reader_pair.open_a() as end:
                end.write(b";8800112233?\r\n")
                assert wait_for(lambda: events.cards == ["8800112233"])
            assert counter.pole_display is not None and counter.pole_display.width == 16
            with display_pair.open_a() as end:
                counter.pole_display.show_total(1250)
                assert b"12.50" in read_until_quiet(end)
        finally:
            counter.close()
        assert not reader.running
        assert events.statuses[-1] is ReaderStatus.STOPPED
        assert counter.card_reader is None


def test_applied_settings_switch_the_printer_and_restart_the_reader(tmp_path: Path) -> None:
    with PtyPair(tmp_path, "reader") as pair:
        counter = build(tmp_path / "data")
        events = Events()
        try:
            assert counter.start_card_reader(events.callbacks()) is None
            new = dataclasses.replace(
                counter.config,
                printer_uri=f"file://{tmp_path / 'out.bin'}",
                printer_encoding="gbk",
                receipt_width=48,
                card_reader=CardReaderConfig(kind="serial", port=str(pair.b)),
                pole_display=PoleDisplayConfig(port=str(tmp_path / "no-display")),
            )
            counter.apply_settings(new)
            printer = counter.print_queue.printer_factory()
            assert isinstance(printer, FilePrinter) and printer.path == str(tmp_path / "out.bin")
            assert counter.print_queue.encoding == "gbk" and counter.print_queue.width == 48
            assert counter.service.config is new
            assert counter.card_reader is not None and counter.card_reader.running
            assert counter.pole_display is not None
            assert wait_for(lambda: ReaderStatus.CONNECTED in events.statuses)
        finally:
            counter.close()
