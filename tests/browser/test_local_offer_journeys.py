"""A family uses the Local Offer in headless Chromium, with axe-core checking WCAG 2.2 AA at every step."""

import re

import pytest
from django.urls import reverse

from tests.browser.axe import axe_violations
from tests.local_offer import listings

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(transactional_db):
    listings.vocabularies()
    listings.postcodes()
    near = listings.listing("Autism family support group", description="A friendly group for parents of autistic "
                            "children, with a creche.", terms=listings.term_ids("information", "autism", "families"),
                            minimum_age=0, maximum_age=18)
    far = listings.listing(
        "Harbourside autism youth club", terms=listings.term_ids("leisure", "autism"), minimum_age=8,
        maximum_age=18, locations=[{"name": "Harbourside Youth Centre", "postcode": "EX14 1NZ",
                                    "address_1": "Quay Road", "city": "Harbourside"}])
    listings.listing("Wheelchair service", terms=listings.term_ids("health", "physical"))
    return near, far


def test_a_family_finds_a_service_by_postcode_and_need_pins_it_and_prints_the_shortlist(live_server, page,
                                                                                         directory):
    failures = []
    page.goto(live_server.url + reverse("local_offer_home"))
    failures += axe_violations(page)
    page.get_by_role("link", name="Places to go and things to do").wait_for()

    page.get_by_label("Search the Local Offer").fill("")
    page.get_by_label("Your postcode (optional)").fill("ex4 3sr")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="3 services found").wait_for()
    failures += axe_violations(page)

    # Narrow to a need, nearest first, as a plain GET form: the address can be shared.
    page.get_by_label("Need or disability").select_option(label="Communication and interaction: Autism")
    page.get_by_label("Sort by").select_option(label="Nearest first")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name="2 services found").wait_for()
    assert "need=autism" in page.url and "postcode=ex4+3sr" in page.url and "csrf" not in page.url
    results = page.locator("ol.govuk-list h3").all_inner_texts()
    assert results == ["Autism family support group", "Harbourside autism youth club"]
    failures += axe_violations(page)

    page.get_by_role("link", name="Autism family support group").click()
    page.get_by_role("heading", name="Autism family support group").wait_for()
    failures += axe_violations(page)
    page.get_by_role("button", name="Add to shortlist").click()
    page.get_by_role("button", name="Remove from shortlist").wait_for()

    page.get_by_role("link", name="View your shortlist").click()
    page.get_by_role("heading", name="Your shortlist").wait_for()
    assert page.get_by_role("link", name="Autism family support group").is_visible()
    failures += axe_violations(page)

    # Printing shows the list and hides the page furniture, buttons and forms.
    page.emulate_media(media="print")
    assert page.get_by_role("link", name="Autism family support group").is_visible()
    assert not page.get_by_role("button", name="Send the list").is_visible()
    assert not page.locator(".govuk-service-navigation").is_visible()
    page.pdf()  # a real print of the page succeeds
    assert failures == []


def test_search_works_with_javascript_turned_off(live_server, browser, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("local_offer_search") + "?q=wheelchair")
    page.get_by_role("heading", name="1 service found").wait_for()
    page.get_by_role("button", name=re.compile("Add to shortlist.*Wheelchair service")).click()
    page.get_by_role("button", name=re.compile("Remove from shortlist.*Wheelchair service")).wait_for()
    context.close()


def test_every_public_local_offer_page_passes_axe(live_server, page, directory):
    from django.core.management import call_command

    from local_offer import services

    call_command("ensure_information_pages", verbosity=0)
    near, _ = directory
    comment = services.feedback_submit(kind="comment", page="/local-offer/", comment="More holiday clubs, please.")
    services.feedback_triage(feedback=comment, user=None, theme="content", published_comment="More holiday clubs.",
                             response="We agree.", action="Two new clubs are listed.", publish=True)
    failures = []
    urls = [reverse(name) for name in (
        "local_offer_home", "local_offer_search", "local_offer_shortlist", "local_offer_settings_directory",
        "local_offer_landing_families", "local_offer_landing_young_people", "local_offer_landing_practitioners",
        "local_offer_information_index", "local_offer_you_said_we_did", "local_offer_feedback_comment",
        "local_offer_feedback_problem", "local_offer_feedback_thanks")]
    urls += [reverse("local_offer_service", args=[near.pk]),
             reverse("local_offer_information_page", args=["sendiass"]),
             reverse("local_offer_search") + "?q=autism&postcode=EX1+1AA&sort=distance"]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        failures += axe_violations(page)
    # Error states: a search with a bad postcode, and an empty comment.
    page.goto(live_server.url + reverse("local_offer_search") + "?postcode=nowhere")
    assert page.locator(".govuk-error-summary").is_visible()
    failures += axe_violations(page)
    page.goto(live_server.url + reverse("local_offer_feedback_comment"))
    page.locator("main form button[type=submit]").last.click()
    assert page.locator(".govuk-error-summary").is_visible()
    failures += axe_violations(page)
    assert failures == []
