"""Stage: outputs — CSV files that open cleanly in Dutch Excel, written atomically.

Dutch Excel expects `;` as separator (the comma is the decimal sign) and only recognises UTF-8
when the file starts with a byte-order mark; without it "coördinatie" shows as "coÃ¶rdinatie".
Cells that start with = + - @ (or a tab / carriage return) would be run as formulas by Excel:
we prefix them with an apostrophe, which Excel shows as plain text ("CSV injection").
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

DEFAULT_DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


class ExcelNumber(str):
    """A number already formatted for Dutch Excel ("-0,875"). Written as it is: a bare number
    is never run as a formula, and the apostrophe would turn it into text."""

    def __new__(cls, text: str) -> ExcelNumber:
        if not _PLAIN_NUMBER.match(text):
            raise ValueError(f"not a plain number: {text!r}")
        return super().__new__(cls, text)


def neutralise(value) -> str:
    """Text Excel will not evaluate. None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, ExcelNumber):
        return str(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


@functools.cache
def _umask() -> int:
    """The process umask, read on first use (not at import): from /proc where it is shown;
    elsewhere os.umask can only be read by setting it, which is done once and put back."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target: a crash
    never leaves a half-written file where a complete one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; a shared run folder's files must be readable like any other file
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(
    columns: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    *,
    delimiter: str = DEFAULT_DELIMITER,
    bom: bool = True,
) -> bytes:
    buffer = io.StringIO(newline="")
    # Excel on Windows writes CRLF; QUOTE_MINIMAL keeps files readable in a text editor too.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in columns])
    text = buffer.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def write_csv(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    *,
    delimiter: str = DEFAULT_DELIMITER,
    bom: bool = True,
) -> None:
    write_bytes_atomic(Path(path), csv_bytes(columns, rows, delimiter=delimiter, bom=bom))
