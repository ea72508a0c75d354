"""Files written whole or not at all: every export, report and statement the program writes.

The file is written beside its target (``.name.partial``) and moved over it only once complete,
so a full disk, a killed program or a failing row leaves the previous file as it was and no half
file behind. A target that is a folder or a device is refused rather than replaced; a link is
followed, so the file it points to is the one written.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

NOT_A_FILE = "不是普通文件，不能覆盖"


@contextlib.contextmanager
def whole_file(path: Path) -> Iterator[Path]:
    """The path to write instead of ``path``; moved over it when the block ends without error.

    An ``OSError`` about the partial file is raised about ``path``, so messages name the file
    the person chose."""
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if target.exists() and not target.is_file():
        raise OSError(errno.EINVAL, NOT_A_FILE, str(path))
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        os.replace(partial, target)
    except OSError as exc:
        if exc.filename in (str(partial), partial):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    finally:
        partial.unlink(missing_ok=True)
