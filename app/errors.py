"""The one base of errors a person can act on; whatever else escapes a service is a bug.

A known error is the world's fault, not the program's: a typed amount that makes no sense, a
database another program holds, a printer that is off, a full disk, a busy port. Its message is
written in the source language (Chinese) as a template with Qt-style ``%1``, ``%2`` marks plus
the values that fill them, so the screen can look the template up in its translation (the
English window shows English) while ``str(error)`` stays the Chinese sentence for logs and
tests. Nothing here imports Qt: the screen does the translating (``app.ui.feedback``).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable, Sequence

#: The Qt translation context every known error's template is filed under.
TRANSLATION_CONTEXT = "errors"

_MARK = re.compile(r"%([1-9])")


def fill(template: str, values: Sequence[object], word: Callable[[object], str] = str) -> str:
    """``template`` with each ``%n`` replaced by the n-th value, worded by ``word``.

    The marks are Qt's (a translator reorders them freely); a mark with no value stays as it is.
    """

    def value_for(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return word(values[index]) if index < len(values) else match.group(0)

    return _MARK.sub(value_for, template)


class KnownError(Exception):
    """Something the person at the counter can fix or wait out; its message is fit for the screen.

    ``template`` is the Chinese sentence with ``%1``… marks, ``values`` fill them. A value may
    itself be a known error (a row of an import refused for a reason): the screen words it in
    its own language too. ``field`` names the input it is about (an attribute of the input the
    service was given, ``discount_bp``), so a form can show the sentence next to that field.
    """

    def __init__(self, template: str = "", *values: object, field: str | None = None) -> None:
        self.template = template
        self.values: tuple[object, ...] = values
        self.field = field
        super().__init__(fill(template, values))


class InputError(KnownError):
    """What a person typed cannot be taken: a blank field, a number that is not one."""


#: The file system's commonest refusals, in the words a store owner reads (the command lines').
_OS_WORDS = {
    errno.ENOSPC: "磁盘空间已满，没有写完%1：请清理磁盘后重试",
    getattr(errno, "EDQUOT", errno.ENOSPC): "磁盘空间已满，没有写完%1：请清理磁盘后重试",
    errno.ENOENT: "文件或文件夹不存在%1",
    errno.EACCES: "没有权限%1",
    errno.EPERM: "没有权限%1",
    errno.EISDIR: "这是一个文件夹，不是文件%1",
    errno.ENOTDIR: "路径中有一段不是文件夹%1",
    errno.EROFS: "磁盘是只读的%1",
    errno.EADDRINUSE: "端口已被占用（另一个程序在用它？）%1",
    errno.EADDRNOTAVAIL: "本机没有这个网络地址%1",
}


def os_error_words(error: OSError) -> str:
    """What the disk or the file system refused, plainly: a command's last word on an OSError."""
    where = f"：{error.filename}" if error.filename is not None else ""
    template = _OS_WORDS.get(error.errno or 0)
    if template is None:
        return f"{error.strerror or error}{where}"
    return fill(template, [where])


__all__ = ["TRANSLATION_CONTEXT", "InputError", "KnownError", "fill", "os_error_words"]
