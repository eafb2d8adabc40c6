"""Staff-written Markdown turned into safe GOV.UK-styled HTML for information pages.

Markdown lets authors paste raw HTML, so its output is never trusted: nh3 keeps only the tags below, only
web, email and relative links, and sets the GOV.UK classes itself (authors cannot add their own).
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
GOVUK_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}


class _ShiftHeadings(Treeprocessor):
    """The page title is the only h1, so an author's "# Heading" becomes an h2, "##" an h3, and so on."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{min(int(element.tag[1]) + 1, 4)}"
            elif element.tag == "h6":
                element.tag = "h4"


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - the name Markdown calls
        md.treeprocessors.register(_ShiftHeadings(md), "local_offer_shift_headings", 5)


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists", _ShiftHeadingsExtension()],
                                 output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={tag: {"class": value} for tag, value in GOVUK_CLASSES.items()},
        strip_comments=True,
    )
    # Safe: sanitised by nh3 with an allow-list just above.
    return mark_safe(clean)  # noqa: S308 # nosec B308, B703
