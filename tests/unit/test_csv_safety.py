"""The one guard against CSV injection, used by every CSV download."""

import datetime as dt
from decimal import Decimal

import pytest

from send_portal.core.csv_safety import safe_cell


@pytest.mark.parametrize(("value", "cell"), [
    # Each character a spreadsheet reads as the start of a formula (OWASP's list) gets a leading quote.
    ("=HYPERLINK(\"http://x\",\"Click\")", "'=HYPERLINK(\"http://x\",\"Click\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    # Anything else is left as it is, wherever the characters come later.
    ("Bridge Academy", "Bridge Academy"),
    ("a=b", "a=b"),
    (" =1", " =1"),
    ("'=1", "'=1"),  # already quoted: not quoted twice
    ("", ""),
    # Not text: None is an empty cell, the rest as str() writes them (a negative number is quoted too).
    (None, ""),
    (12, "12"),
    (Decimal("63.2"), "63.2"),
    (-5, "'-5"),
    (dt.date(2025, 1, 6), "2025-01-06"),
])
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell
