def govuk_date(value) -> str:
    """Dates the GOV.UK way: 4 June 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"
