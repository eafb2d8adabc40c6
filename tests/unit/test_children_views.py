import html

import pytest
from django.urls import reverse

from send_portal.people.models import Child
from send_portal.people.selectors import children_visible_to
from tests.helpers import confirm

pytestmark = pytest.mark.django_db

ANSWERS = {
    "given_name": "Mo", "family_name": "Nguyen", "preferred_name": "", "date_of_birth_0": "14",
    "date_of_birth_1": "3", "date_of_birth_2": "2017", "sex": "M", "upn": "a123456789012", "postcode": "ex1 4ab",
}


def test_caseworker_registers_a_child_through_check_your_answers(world, client_for):
    client = client_for("caseworker")
    url = reverse("child_register")
    answers = {**ANSWERS, "home_local_authority": world.council.pk, "current_setting": world.school_a.pk}
    check = client.post(url, answers)
    assert check.status_code == 200
    body = check.content.decode()
    assert "Check your answers" in body and "14 March 2017" in body and "Alpha Primary School" in body
    assert not Child.objects.filter(family_name="Nguyen").exists()  # nothing saved before confirming

    # "Change" returns to the form with the answers kept.
    assert 'value="Nguyen"' in client.get(url).content.decode()

    done = confirm(client, url, check)
    child = Child.objects.get(family_name="Nguyen")
    assert done.url == reverse("child_detail", args=[child.pk])
    assert child.upn == "A123456789012" and child.postcode == "EX1 4AB"
    assert child in children_visible_to(world.senco_a)
    assert child not in children_visible_to(world.senco_b)
    assert child.reference.startswith("CYP-")

    # Confirming twice (a double click) does not create a second record: it shows the first.
    again = confirm(client, url, check)
    assert again.url == done.url
    assert Child.objects.filter(family_name="Nguyen").count() == 1


@pytest.mark.parametrize(("field", "value", "message"), [
    ("date_of_birth_0", "31", "must be a real date"),
    ("date_of_birth_2", "2099", "must be today or in the past"),
    ("date_of_birth_1", "", "The date of birth must include a month"),
    ("given_name", "", "Enter the child or young person's first name"),
])
def test_register_rejects_bad_answers_clearly(world, client_for, field, value, message):
    answers = {**ANSWERS, "home_local_authority": world.council.pk, "date_of_birth_1": "2", field: value}
    response = client_for("caseworker").post(reverse("child_register"), answers)
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert message in body
    assert "There is a problem" in body


def test_caseworker_cannot_register_a_child_for_another_council(world, client_for):
    answers = {**ANSWERS, "home_local_authority": world.other_council.pk}
    assert client_for("caseworker").post(reverse("child_register"), answers).status_code == 400


def test_edit_details(world, client_for):
    client = client_for("caseworker")
    url = reverse("child_edit", args=[world.child_a.pk])
    assert 'value="Adams"' in client.get(url).content.decode()
    response = client.post(url, {**ANSWERS, "given_name": world.child_a.given_name, "upn": ""})
    assert response.status_code == 302
    world.child_a.refresh_from_db()
    assert world.child_a.family_name == "Nguyen" and world.child_a.upn is None


def test_change_setting_moves_access(world, client_for):
    response = client_for("caseworker").post(reverse("child_change_setting", args=[world.child_a.pk]),
                                             {"current_setting": world.school_b.pk})
    assert response.status_code == 302
    assert world.child_a in children_visible_to(world.senco_b)
    assert world.child_a not in children_visible_to(world.senco_a)


def test_remove_family_member(world, client_for):
    link = world.child_a.family_links.get(user=world.parent_a)
    client = client_for("caseworker")
    url = reverse("child_family_link_end", args=[world.child_a.pk, link.pk])
    assert b"Are you sure" in client.get(url).content
    assert client.post(url).status_code == 302
    assert world.child_a not in children_visible_to(world.parent_a)


def test_family_sees_their_child_and_who_decides(world, client_for):
    body = client_for("parent_a").get(reverse("child_detail", args=[world.child_a.pk])).content.decode()
    assert world.child_a.given_name in body
    assert "Who makes decisions" in body
    assert "Change details" not in body
    assert "Invite a family member" not in body


def test_search(world, client_for):
    body = client_for("caseworker").get(reverse("child_list"), {"q": "brown"}).content.decode()
    assert world.child_b.given_name in body and world.child_a.given_name not in body
