"""Downloads: tables as CSV that spreadsheets open cleanly (UTF-8 with a byte-order mark)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping


def csv_bytes(rows: Iterable[Mapping[str, object]], columns: list[str]) -> bytes:
    """The rows as CSV with a header row, UTF-8 with BOM; values that could run as formulas are defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column, "")) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet; a leading quote keeps it text.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
