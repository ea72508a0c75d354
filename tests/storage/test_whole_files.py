"""Exports are written whole or not at all: a failure half way leaves the previous file and no
partial file; a folder or a device is refused, not replaced; a link is written through."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import os_error_words
from app.storage.whole_files import NOT_A_FILE, whole_file
from headoffice.exports import _write


def _rows_then_disk_full(count: int) -> Iterator[list[str]]:
    for number in range(count):
        yield [str(number), "x" * 100]
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_failing_half_way_leaves_the_previous_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "sales.csv"
    target.write_text("yesterday's export\n", encoding="utf-8")
    with pytest.raises(OSError) as raised:
        _write(target, ("a", "b"), _rows_then_disk_full(500))
    assert raised.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "yesterday's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sales.csv"]
    assert "磁盘空间已满" in os_error_words(raised.value)


def test_a_complete_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sales.csv"
    target.write_text("old\n", encoding="utf-8")
    assert _write(target, ("a", "b"), [["1", "2"], ["3", "4"]]) == 2
    assert target.read_text(encoding="utf-8-sig").splitlines() == ["a,b", "1,2", "3,4"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sales.csv"]


def test_a_folder_or_a_device_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as folder, whole_file(tmp_path):
        pass
    assert "是一个文件夹" in os_error_words(folder.value)
    assert tmp_path.is_dir()

    device = Path(os.devnull)
    with pytest.raises(OSError, match=NOT_A_FILE), whole_file(device):
        pass
    assert stat.S_ISCHR(device.stat().st_mode)  # still the device, not a file put in its place


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    with whole_file(link) as partial:
        partial.write_text("new\n", encoding="utf-8")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_a_missing_folder_is_said_about_the_chosen_file_not_the_partial(tmp_path: Path) -> None:
    chosen = tmp_path / "no-such-folder" / "sales.csv"
    with pytest.raises(OSError) as raised, whole_file(chosen) as partial:
        partial.write_text("x", encoding="utf-8")
    assert raised.value.filename == str(chosen)
    assert os_error_words(raised.value) == f"文件或文件夹不存在：{chosen}"
