"""Text files a shop owner brings (CSV from Excel, WPS, a POS export) read strictly: a file is
UTF-8 throughout or GB18030 (GBK) throughout, never a guess that garbles names silently.

Excel on Chinese Windows writes GBK; everything else writes UTF-8. A file pasted together from
both (a UTF-8 file with one GBK line) used to decode as GB18030 as a whole, every UTF-8 name
turning into mojibake with "0 errors". Now each line is looked at: a file whose lines are all
UTF-8 is UTF-8, one whose lines are all GB18030 is GB18030, and a mix is refused naming the
first line in the minority encoding, which is the line to fix. A binary file (a picture renamed
``.csv``) and a line longer than any real record are refused plainly too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from app.errors import KnownError

UTF8_BOM = b"\xef\xbb\xbf"
#: The longest record a spreadsheet of members or products has any reason to hold (characters).
MAX_RECORD_CHARS = 64 * 1024


class TextFileError(KnownError):
    """A whole file that cannot be read as text; nothing was imported from it."""


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_strictly(data: bytes) -> str:
    """``data`` as text: UTF-8 (a BOM allowed) or GB18030 throughout, else a TextFileError."""
    if b"\x00" in data:
        raise TextFileError("文件不是文本格式的 CSV，请在 Excel 中“另存为 CSV”后再导入")
    has_bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if has_bom else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = body.split(b"\n")  # 0x0A is never part of a UTF-8 or GB18030 character
    utf8_lines: list[int] = []
    other_lines: list[int] = []
    for number, line in enumerate(lines, 1):
        if line.isascii():
            continue
        (utf8_lines if _is_utf8(line) else other_lines).append(number)
    if utf8_lines and (has_bom or len(utf8_lines) >= len(other_lines)):
        raise TextFileError(
            "第 %1 行不是 UTF-8 编码，而文件其余部分是 UTF-8：请把整个文件另存为同一种编码"
            "（UTF-8 或 GBK）后再导入",
            other_lines[0],
        )
    if utf8_lines:
        raise TextFileError(
            "第 %1 行是 UTF-8 编码，而文件其余部分是 GBK：请把整个文件另存为同一种编码"
            "（UTF-8 或 GBK）后再导入",
            utf8_lines[0],
        )
    for number in other_lines:
        try:
            lines[number - 1].decode("gb18030")
        except UnicodeDecodeError:
            raise TextFileError(
                "无法识别文件的文字编码：第 %1 行既不是 UTF-8 也不是 GBK，"
                "请另存为 UTF-8 或 GBK 编码的 CSV",
                number,
            ) from None
    return body.decode("gb18030")


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the file line it starts on; a broken or huge record is refused."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next_line = 1
    try:
        for record in reader:
            if sum(len(cell) for cell in record) > MAX_RECORD_CHARS:
                raise TextFileError(
                    "第 %1 行过长（超过 %2 个字），不像是一条记录：请检查文件",
                    next_line,
                    MAX_RECORD_CHARS,
                )
            yield next_line, record
            next_line = reader.line_num + 1
    except csv.Error as exc:
        # The csv module's own limit (a 10 MB field) and broken quoting both land here.
        raise TextFileError("CSV 文件第 %1 行格式有误：引号不成对，或一格过长", next_line) from exc
