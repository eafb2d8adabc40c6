"""The one guard for cells in a CSV download against CSV injection (OWASP): a spreadsheet program runs a cell that
starts with one of `FORMULA_STARTS` as a formula, so such a cell gets a leading single quote, which spreadsheets
show as text and do not display."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """`value` as CSV cell text that no spreadsheet runs as a formula; None is an empty cell."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
