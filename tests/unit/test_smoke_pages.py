import pytest
from django.urls import reverse


@pytest.mark.parametrize("role", ["anonymous", "parent_a", "young_person", "senco_a", "caseworker", "manager",
                                  "adviser", "panel", "provider", "lead", "admin"])
def test_home_page_renders_for_every_role(client_for, role):
    response = client_for(role).get(reverse("home"))
    assert response.status_code == 200
    assert b"What you need to do next" in response.content or role == "anonymous"
