"""Changes to the information pages staff keep up to date."""

from ..information_pages import DEFAULT_PAGES
from ..models import InformationPage

__all__ = ["information_page_save", "information_pages_ensure"]

FIELDS = ("slug", "title", "summary", "body", "audience", "position", "is_published")


def information_page_save(*, user, data: dict, page: InformationPage | None = None) -> InformationPage:
    page = page or InformationPage()
    for name in FIELDS:
        if name in data:
            setattr(page, name, data[name])
    page.updated_by = user
    page.full_clean()
    page.save()
    return page


def information_pages_ensure() -> list[InformationPage]:
    """Create the default pages that are missing, by address, and return the ones created."""
    created = []
    for page in DEFAULT_PAGES:
        defaults = {key: value for key, value in page.items() if key != "slug"}
        row, made = InformationPage.objects.get_or_create(slug=page["slug"], defaults=defaults)
        if made:
            created.append(row)
    return created
