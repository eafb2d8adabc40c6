import pytest
from django.urls import reverse

from local_offer.markdown import render_markdown
from local_offer.models import InformationPage, Taxonomy, TaxonomyTerm
from local_offer.services import information_pages_ensure

pytestmark = pytest.mark.django_db


def _page(slug="help-with-money", audience="everyone", is_published=True, body="Some **help**."):
    return InformationPage.objects.create(slug=slug, title=slug.replace("-", " ").capitalize(), summary="Summary.",
                                          body=body, audience=audience, is_published=is_published)


@pytest.mark.parametrize("markdown, forbidden", [
    ("Hello <script>alert('x')</script>", ["<script", "alert("]),
    ("[Click me](javascript:alert(1))", ["javascript:"]),
    ('<a href="/x" onclick="steal()">link</a>', ["onclick", "steal()"]),
    ('<img src="x" onerror="steal()">', ["<img", "onerror"]),
    ('<p style="color:red" class="evil">text</p>', ["style=", "evil"]),
    ("<iframe src='https://evil.example'></iframe>", ["<iframe", "evil.example"]),
])
def test_markdown_strips_anything_unsafe(markdown, forbidden):
    html = render_markdown(markdown)
    for text in forbidden:
        assert text not in html


def test_markdown_keeps_safe_links_and_adds_govuk_classes():
    html = render_markdown("# Heading\n\nRead [this](https://example.org), [that](/local-offer/) or "
                           "[email us](mailto:a@example.org).\n\n- one\n- two\n\n> Note\n\n"
                           "| A | B |\n|---|---|\n| 1 | 2 |")
    assert '<h2 class="govuk-heading-m">Heading</h2>' in html  # the page title is the only h1
    assert '<a href="https://example.org" class="govuk-link" rel="noopener noreferrer">this</a>' in html
    assert 'href="/local-offer/"' in html and 'href="mailto:a@example.org"' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<p class="govuk-body">' in html and '<table class="govuk-table">' in html
    assert 'class="govuk-inset-text"' in html


def test_information_page_is_rendered_sanitised(client_for):
    _page(body="## Help\n\n<script>alert('x')</script>[bad](javascript:alert(1)) "
               '<a href="/x" onmouseover="steal()">x</a>')
    response = client_for("anonymous").get(reverse("local_offer_information_page", args=["help-with-money"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h3 class="govuk-heading-s">Help</h3>' in body
    assert "alert(" not in body and "javascript:" not in body and "onmouseover" not in body
    assert 'action="/local-offer/feedback/useful/"' in body  # the feedback panel


def test_unpublished_and_missing_pages_are_404_and_not_listed(client_for):
    _page("draft-page", is_published=False)
    _page("live-page")
    client = client_for("anonymous")
    assert client.get(reverse("local_offer_information_page", args=["draft-page"])).status_code == 404
    assert client.get(reverse("local_offer_information_page", args=["no-such-page"])).status_code == 404
    index = client.get(reverse("local_offer_information_index")).content.decode()
    assert "/local-offer/information/live-page/" in index and "draft-page" not in index


def test_landing_pages_link_to_their_pages_and_top_level_categories(client_for):
    categories = Taxonomy.objects.create(purpose="categories", name="Local Offer categories", description="")
    education = TaxonomyTerm.objects.create(taxonomy=categories, code="education", name="Education",
                                            description="", position=2)
    TaxonomyTerm.objects.create(taxonomy=categories, code="early-years", name="Early years and childcare",
                                description="", position=1)
    TaxonomyTerm.objects.create(taxonomy=categories, code="special-schools", name="Special schools",
                                description="", parent=education)
    needs = Taxonomy.objects.create(purpose="needs", name="Needs", description="")
    TaxonomyTerm.objects.create(taxonomy=needs, code="autism", name="Autism", description="")
    _page("for-everyone", "everyone")
    _page("for-families", "families")
    _page("for-young-people", "young_people")
    _page("for-practitioners", "practitioners")
    client = client_for("anonymous")

    families = client.get(reverse("local_offer_landing_families")).content.decode()
    assert "/local-offer/information/for-everyone/" in families and "/local-offer/information/for-families/" in families
    assert "for-young-people" not in families and "for-practitioners" not in families
    early = families.index('href="/local-offer/search/?category=early-years"')
    assert early < families.index('href="/local-offer/search/?category=education"')
    assert "category=special-schools" not in families and "category=autism" not in families

    young = client.get(reverse("local_offer_landing_young_people")).content.decode()
    assert "This is for you" in young and "/local-offer/information/for-young-people/" in young
    practitioners = client.get(reverse("local_offer_landing_practitioners")).content.decode()
    assert "/local-offer/information/for-practitioners/" in practitioners and "for-families" not in practitioners


def _form(**overrides):
    return {"title": "Help with money", "slug": "help-with-money", "summary": "Benefits and grants.",
            "audience": "families", "body": "# Grants\n\n<script>bad()</script>You may get **money**.",
            "position": "5", "is_published": "on", **overrides}


def test_staff_preview_then_save_a_new_page(client_for, world):
    client = client_for("manager")
    url = reverse("local_offer_information_new")
    preview = client.post(url, {**_form(), "preview": "1"})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert '<h2 class="govuk-heading-m">Grants</h2>' in body and "bad()</script>" not in body
    assert not InformationPage.objects.exists()
    response = client.post(url, {**_form(), "save": "1"})
    assert response.status_code == 302
    page = InformationPage.objects.get()
    assert page.updated_by == world.manager and page.audience == "families"
    public = client_for("anonymous").get(reverse("local_offer_information_page", args=["help-with-money"]))
    assert "You may get <strong>money</strong>." in public.content.decode()


def test_staff_edit_records_who_changed_the_page(client_for, world):
    page = _page()
    response = client_for("admin").post(reverse("local_offer_information_edit", args=[page.pk]),
                                        _form(title="Money and grants", is_published=""))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Money and grants" and page.updated_by == world.admin and not page.is_published
    assert "Money and grants" in client_for("admin").get(reverse("local_offer_information_manage")).content.decode()


@pytest.mark.parametrize("overrides, message", [
    ({"title": ""}, "Enter a title"),
    ({"slug": "taken"}, "Another page already has this web address"),
    ({"slug": "Not A Slug"}, "lower case letters, numbers and hyphens"),
    ({"audience": "aliens"}, "Select a valid choice"),
])
def test_invalid_page_is_a_400_with_an_error_summary(client_for, overrides, message):
    _page("taken")
    response = client_for("manager").post(reverse("local_offer_information_new"), _form(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert InformationPage.objects.count() == 1


def test_default_pages_render_with_the_key_facts(client_for):
    assert len(information_pages_ensure()) == 8
    assert information_pages_ensure() == []
    client = client_for("anonymous")
    facts = {
        "ask-for-an-ehc-needs-assessment": ["6 weeks", "20 weeks", 'href="/assessments/"',
                                            "young person aged 16 to 25"],
        "personal-budgets": ["Direct payment", "cannot pay for a place at a school or college"],
        "travel-and-transport": ["post-16 transport policy statement", "travel training"],
        "disagreements-and-mediation": ["mediation certificate", "2 months", "1 month",
                                        "First-tier Tribunal (Special Educational Needs and Disability)"],
        "sendiass": ["Free", "Impartial", "Confidential"],
        "short-breaks": ["Short breaks"],
        "complaints": ["Local Government and Social Care Ombudsman"],
        "other-formats": ["large print", "Easy Read", "translated"],
    }
    for slug, expected in facts.items():
        response = client.get(reverse("local_offer_information_page", args=[slug]))
        assert response.status_code == 200, slug
        body = response.content.decode()
        for text in expected:
            assert text in body, (slug, text)
