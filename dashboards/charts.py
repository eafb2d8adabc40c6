"""Charts as SVG made on the server with matplotlib, to be placed inline in a page.

The page's Content Security Policy allows no inline styles, so the `style` attributes matplotlib writes are turned
into SVG presentation attributes, and the one `<style>` element is replaced by attributes on the root. Labels are
drawn as plain text (never as mathematics), and the chart is hidden from assistive technology: the table beside it
gives the same figures.
"""

import io
import re
import threading

import matplotlib

matplotlib.use("svg")

from matplotlib.figure import Figure  # noqa: E402 - the backend must be chosen first

from .indicators import DAYS, PERCENT, SUPPRESSED, Result  # noqa: E402

# GOV.UK Design System colours: blue bars, black England markers, dark grey text and lines.
BAR = "#1d70b8"
ENGLAND = "#0b0c0c"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"

_LOCK = threading.Lock()  # matplotlib's font cache and rcParams are not thread-safe
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def _attributes(style: str) -> str:
    parts = []
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (piece.strip() for piece in declaration.split(":", 1))
        if name == "font":
            # "font: 10px 'DejaVu Sans'" is not an attribute: split it into size and family.
            size, _, family = value.partition(" ")
            parts.append(f'font-size="{size}" font-family="{family.replace(chr(39), "")}, Arial, sans-serif"')
        elif re.fullmatch(r"[a-z-]+", name) and '"' not in value:
            parts.append(f'{name}="{value}"')
    return (" " + " ".join(parts)) if parts else ""


def _inline(svg: str, prefix: str) -> str:
    """Matplotlib's SVG made fit to sit inside a page: no XML declaration, doctype, metadata or styles, ids that
    cannot clash with another chart's, and hidden from assistive technology (the figure carries the label)."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*<style[^>]*>.*?</style>\s*</defs>\s*", "", svg, flags=re.S)
    svg = _STYLE.sub(lambda match: _attributes(match[1]), svg)
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda match: f'id="{prefix}-{match[1]}"', svg)
    for old in ids:
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}-{old})").replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', svg, count=1)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" stroke-linejoin="round" '
                               'stroke-linecap="butt" class="dashboard-chart__svg" ', 1)
    return svg.strip()


def chart_svg(result: Result, prefix: str) -> str:
    """A bar chart of the indicator's rows (not the total), with England as markers where there is a figure.
    Suppressed and empty figures get no bar; the table beside the chart says why."""
    rows = [row for row in result.rows if not row.is_total]
    percent = result.indicator.unit == PERCENT
    labels = [row.short_label or _short(row.label) for row in rows]
    values = [float(row.value) if row.value not in (None, SUPPRESSED) else 0.0 for row in rows]
    # Labels can be names people typed (a provider, a lot, a category): with parse_math off, matplotlib draws a
    # "$" as a "$" instead of reading text between two of them as mathematics.
    with _LOCK, matplotlib.rc_context({"svg.fonttype": "none", "font.family": "sans-serif",
                                       "text.parse_math": False}):
        figure = Figure(figsize=(6.4, 3.2), dpi=72)
        axes = figure.add_subplot()
        shown = [row.value not in (None, SUPPRESSED) for row in rows]
        bars = axes.bar(range(len(rows)), values, color=BAR, label="This area" if any(shown) else "_nolegend_")
        for bar, visible in zip(bars, shown, strict=True):
            bar.set_visible(visible)
        england = [(index, float(row.england)) for index, row in enumerate(rows) if row.england is not None
                   and percent]
        if england:
            axes.plot([index for index, _ in england], [value for _, value in england], linestyle="none",
                      marker="D", markersize=7, color=ENGLAND, label="England")
            axes.legend(loc="upper right", frameon=False, fontsize=9)
        axes.set_xticks(range(len(rows)), labels, fontsize=9, color=TEXT)
        if percent:
            axes.set_ylim(0, 100)
            axes.set_ylabel("Per cent", color=TEXT)
        else:
            axes.set_ylim(0, max([*values, 1.0]) * 1.15)
            axes.yaxis.get_major_locator().set_params(integer=True)
            if result.indicator.unit == DAYS:
                axes.set_ylabel(f"{result.indicator.value_label or 'Number of'} days", color=TEXT)
            elif result.indicator.value_label:
                axes.set_ylabel(result.indicator.value_label, color=TEXT)
        axes.tick_params(colors=TEXT)
        axes.grid(axis="y", color=GRID, linewidth=0.5)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if len(rows) > 4:
            for tick in axes.get_xticklabels():
                tick.set_rotation(20)
                tick.set_horizontalalignment("right")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                                        "Type": None})
    return _inline(buffer.getvalue(), prefix)


def _short(label: str) -> str:
    words = label.split()
    return " ".join(words[:3]) + ("…" if len(words) > 3 else "")
