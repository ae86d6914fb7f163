"""CSV files that spreadsheets open safely: formula-looking cells defused, UTF-8 with a byte order mark.

A cell starting with = + - @, a tab or a carriage return would be run as a
formula by Excel or LibreOffice (CSV injection), so it gets a single quote in
front. The byte order mark makes Excel read accented names (Siân, Môn) right.
Shared by the directory's exports and the outcomes dashboard's download.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """`value` made safe for a spreadsheet: a leading formula character gets a single quote in front."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[str]]) -> bytes:
    """A heading line and rows of text cells as CSV, every cell defused, in UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
