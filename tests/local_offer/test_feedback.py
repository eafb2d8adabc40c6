import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from local_offer import services
from local_offer.feedback_views import RATE_LIMIT_PER_SESSION
from local_offer.models import DirectoryOrganisation, Feedback, Service, UnansweredSearch

pytestmark = pytest.mark.django_db

COMMENT_URL = "/local-offer/feedback/"
PROBLEM_URL = "/local-offer/feedback/problem/"
USEFUL_URL = "/local-offer/feedback/useful/"
YOU_SAID = "/local-offer/you-said-we-did/"


def _service(email="listings@provider.example"):
    organisation = DirectoryOrganisation.objects.create(name="Sunny Days Play", description="Play schemes.",
                                                        email=email)
    return Service.objects.create(organisation=organisation, name="Saturday Stay and Play", description="Play.",
                                  visibility=Service.Visibility.PUBLISHED)


def _comment(client, text, email=""):
    return client.post(COMMENT_URL, {"comment": text, "reply_email": email, "page": "/local-offer/feedback/"})


def _triage(client, feedback, **data):
    return client.post(reverse("local_offer_feedback_triage", args=[feedback.pk]), {
        "published_comment": "", "response": "", "action": "", "publish": "False", **data})


def test_comment_reaches_the_published_you_said_we_did_page(client_for, settings,
                                                            django_capture_on_commit_callbacks):
    settings.LOCAL_OFFER_COMPLAINTS_EMAIL = "complaints@council.example"
    anonymous = client_for("anonymous")
    response = _comment(anonymous, "My name is Jo Bloggs and the transport page was out of date.",
                        "jo.bloggs@family.example")
    assert response.status_code == 302 and response.url.startswith("/local-offer/feedback/thanks/")
    assert "We have your comment" in anonymous.get(response.url).content.decode()
    individual = Feedback.objects.get()
    _comment(anonymous, "Why was my son's plan late?")
    _comment(anonymous, "Rude words.")
    published, case, vexatious = (Feedback.objects.get(comment__startswith=start)
                                  for start in ("My name", "Why", "Rude"))
    assert individual == published

    manager = client_for("manager")
    listing = manager.get(reverse("local_offer_feedback_manage")).content.decode()
    assert "Why was my son" in listing and "Rude words." in listing
    response = _triage(manager, published, theme="content", published_comment="The transport page was out of date.",
                       response="Thank you. We checked every transport page.",
                       action="We now review transport pages every term.", publish="True")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        _triage(manager, case, theme="individual")
    _triage(manager, vexatious, theme="vexatious")
    assert "Sent on to the complaints team" in manager.get(reverse("local_offer_feedback_triage", args=[case.pk])) \
        .content.decode()
    # The complaints team gets a link, not the comment, which may hold personal details.
    assert mail.outbox[-1].to == ["complaints@council.example"]
    assert "Why was my son" not in mail.outbox[-1].body

    page = client_for("anonymous").get(YOU_SAID).content.decode()
    assert "The transport page was out of date." in page
    assert "Thank you. We checked every transport page." in page
    assert "We now review transport pages every term." in page
    assert f"Published {timezone.localdate():%B %Y}" in page
    for secret in ("Jo Bloggs", "jo.bloggs@family.example", "Why was my son", "Rude words."):
        assert secret not in page

    # Unpublishing takes it off the page again.
    manager = client_for("manager")
    _triage(manager, published, theme="content", published_comment="The transport page was out of date.",
            response="Thank you.", publish="False")
    assert "The transport page was out of date." not in client_for("anonymous").get(YOU_SAID).content.decode()


@pytest.mark.parametrize("theme", ["individual", "vexatious"])
def test_individual_and_vexatious_comments_can_never_be_published(client_for, theme):
    feedback = Feedback.objects.create(kind="comment", page="/local-offer/", comment="About my case.")
    response = _triage(client_for("manager"), feedback, theme=theme, published_comment="About a case.",
                       response="Sorry.", publish="True")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    feedback.refresh_from_db()
    assert not feedback.is_published and feedback.theme == ""
    assert "About a case." not in client_for("anonymous").get(YOU_SAID).content.decode()


def test_publishing_without_the_published_words_is_a_form_error_not_a_crash(client_for):
    feedback = Feedback.objects.create(kind="comment", page="/local-offer/", comment="Hard to read.")
    response = _triage(client_for("admin"), feedback, theme="accessibility", publish="True")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the comment as it will be published" in body and "Enter what we said in response" in body
    feedback.refresh_from_db()
    assert not feedback.is_published


@pytest.mark.parametrize("data, message", [
    ({"comment": "   "}, {COMMENT_URL: "Enter your comment", PROBLEM_URL: "Enter what is wrong with the page"}),
    ({"comment": "x" * 5001}, "5,000 characters or fewer"),
    ({"comment": "Fine.", "reply_email": "not-an-email"}, "Enter an email address in the correct format"),
    ({"comment": "Fine.", "page": "https://evil.example/"}, "must be a Local Offer page"),
    ({"comment": "Fine.", "page": "//evil.example/local-offer/"}, "must be a Local Offer page"),
    ({"comment": "Fine.", "page": "/local-offer/../admin/"}, "must be a Local Offer page"),
    ({"comment": "Fine.", "page": "/accounts/login/"}, "must be a Local Offer page"),
    ({"comment": "Fine.", "service": "not-a-service"}, "could not be found"),
])
def test_invalid_feedback_is_a_400_with_an_error_summary_and_nothing_saved(client_for, data, message):
    for url in (COMMENT_URL, PROBLEM_URL):
        response = client_for("anonymous").post(url, {"page": "/local-offer/", "reply_email": "", **data})
        assert response.status_code == 400
        body = response.content.decode()
        expected = message[url] if isinstance(message, dict) else message
        assert "There is a problem" in body and expected in body
    assert not Feedback.objects.exists()


def test_the_page_address_never_leads_off_the_local_offer(client_for):
    client = client_for("anonymous")
    response = client.post(USEFUL_URL, {"kind": "useful", "page": "https://evil.example/"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    response = client.get(PROBLEM_URL, {"page": "//evil.example/"})
    assert "evil.example" not in response.content.decode()
    response = client.get(reverse("local_offer_feedback_thanks"), {"page": "https://evil.example/", "answer": "no"})
    assert "evil.example" not in response.content.decode()
    response = client.post(PROBLEM_URL, {"comment": "A broken link.", "page": "/local-offer/information/x/"})
    assert response.status_code == 302 and response.url.startswith("/local-offer/feedback/thanks/")
    assert 'href="/local-offer/information/x/"' in client.get(response.url).content.decode()


def test_was_this_useful_is_counted_by_page_for_staff(client_for):
    client = client_for("anonymous")
    for kind in ("useful", "not_useful", "not_useful"):
        response = client.post(USEFUL_URL, {"kind": kind, "page": "/local-offer/families/"})
        assert response.status_code == 302
    thanks = client.get(response.url).content.decode()
    assert "Tell us what was wrong with the page" in thanks
    assert client.post(USEFUL_URL, {"kind": "maybe", "page": "/local-offer/"}).status_code == 400
    assert Feedback.objects.filter(kind="not_useful", page="/local-offer/families/").count() == 2
    summary = client_for("manager").get(reverse("local_offer_feedback_manage")).content.decode()
    assert "/local-offer/families/" in summary


def test_problem_with_a_service_is_sent_to_its_organisation_only_after_staff_read_it(
        client_for, django_capture_on_commit_callbacks):
    service = _service()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("anonymous").post(PROBLEM_URL, {
            "comment": "The phone number is wrong. My daughter Ava needs it.", "reply_email": "parent@family.example",
            "page": f"/local-offer/services/{service.pk}/", "service": str(service.pk)})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.service == service
    assert mail.outbox == []  # nothing goes to a provider before the Local Offer team has read it

    manager = client_for("manager")
    refused = _triage(manager, feedback, theme="accessibility", send_to_provider="on")
    assert refused.status_code == 400 and "Only a report about what a listing says" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _triage(manager, feedback, theme="content", send_to_provider="on",
                provider_text="The phone number on the listing is wrong.")
    message = mail.outbox[-1]
    assert message.to == ["listings@provider.example"]
    assert "The phone number on the listing is wrong." in message.body and "Saturday Stay and Play" in message.body
    assert "Ava" not in message.body and "parent@family.example" not in message.body + message.subject
    with django_capture_on_commit_callbacks(execute=True):
        _triage(manager, feedback, theme="content", send_to_provider="on")  # once only
    assert len(mail.outbox) == 1


def test_problem_with_a_service_without_an_email_address_is_only_stored(client_for):
    service = _service(email="")
    response = client_for("anonymous").post(PROBLEM_URL, {"comment": "Closed now.", "page": "/local-offer/",
                                                          "service": str(service.pk)})
    assert response.status_code == 302 and Feedback.objects.filter(service=service).exists()
    assert mail.outbox == []


def test_too_many_anonymous_submissions_get_a_clear_429(client_for):
    client = client_for("anonymous")
    for number in range(RATE_LIMIT_PER_SESSION):
        assert _comment(client, f"Comment {number}").status_code == 302
    response = _comment(client, "One too many")
    assert response.status_code == 429
    assert "You have sent a lot of feedback" in response.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT_PER_SESSION


def test_feedback_panel_posts_without_javascript():
    service = _service()
    request = RequestFactory().get("/local-offer/information/complaints/")
    html = Template("{% load local_offer_feedback %}{% feedback_panel service=service %}").render(
        Context({"request": request, "service": service, "csrf_token": "token"}))
    assert f'action="{USEFUL_URL}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'value="/local-offer/information/complaints/"' in html and f'value="{service.pk}"' in html
    assert f"{PROBLEM_URL}?page=%2Flocal-offer%2Finformation%2Fcomplaints%2F&amp;service={service.pk}" in html


def test_staff_list_filters_by_status_and_kind(client_for):
    Feedback.objects.create(kind="comment", page="/local-offer/", comment="Brand new comment.")
    Feedback.objects.create(kind="problem", page="/local-offer/", comment="A problem already sorted.",
                            theme="content", triaged_at=timezone.now())
    client = client_for("admin")
    url = reverse("local_offer_feedback_manage")
    new = client.get(url).content.decode()
    assert "Brand new comment." in new and "A problem already sorted." not in new
    sorted_ = client.get(url, {"status": "triaged", "kind": "problem"}).content.decode()
    assert "A problem already sorted." in sorted_ and "Brand new comment." not in sorted_


def test_unanswered_searches_are_normalised_and_counted():
    today = dt.date(2026, 3, 4)
    services.unanswered_search_record("  Horse   RIDING ", on=today)
    services.unanswered_search_record("horse riding", on=today)
    services.unanswered_search_record("   ", on=today)
    services.unanswered_search_record("x" * 300, on=today)
    assert UnansweredSearch.objects.get(query="horse riding").times == 2
    assert UnansweredSearch.objects.filter(query="x" * 200).exists()
    assert UnansweredSearch.objects.count() == 2


def test_search_gap_report_aggregates_the_chosen_period_and_downloads_safely(client_for):
    today = timezone.localdate()
    for days_ago in (0, 3, 3):
        services.unanswered_search_record("horse riding", on=today - dt.timedelta(days=days_ago))
    services.unanswered_search_record("=HYPERLINK(\"http://evil.example\")", on=today)
    services.unanswered_search_record("sensory room", on=today - dt.timedelta(days=100))
    client = client_for("manager")
    report = client.get(reverse("local_offer_search_gaps")).content.decode()
    assert "horse riding" in report and "sensory room" not in report
    assert "<strong>4</strong> searches" in report
    year = client.get(reverse("local_offer_search_gaps"), {"period": "12m"}).content.decode()
    assert "sensory room" in year
    response = client.get(reverse("local_offer_search_gaps_csv"), {"period": "30d"})
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().splitlines()
    assert rows[1].startswith("horse riding,3,2,")
    assert any(row.startswith("\"'=hyperlink") for row in rows)


def test_ensure_information_pages_command_adds_missing_pages_only(client_for):
    call_command("ensure_information_pages")
    from local_offer.models import InformationPage

    assert InformationPage.objects.count() == 8
    InformationPage.objects.filter(slug="complaints").update(title="Our own complaints page")
    InformationPage.objects.filter(slug="sendiass").delete()
    call_command("ensure_information_pages")
    assert InformationPage.objects.get(slug="complaints").title == "Our own complaints page"
    assert InformationPage.objects.filter(slug="sendiass").exists()



def test_the_team_is_warned_when_nothing_has_been_published_for_a_year(client_for):
    comment = Feedback.objects.create(kind="comment", page="/local-offer/", comment="More clubs.")
    manager = client_for("manager")
    _triage(manager, comment, theme="content", published_comment="More clubs.", response="Agreed.")
    page = manager.get(reverse("local_offer_feedback_manage")).content.decode()
    assert "Nothing has been published yet" in page and "Publish at least once a year" in page
