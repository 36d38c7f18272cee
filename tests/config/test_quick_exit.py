import pytest
from django.test import Client

from peers.models import MemberSession


@pytest.mark.django_db
def test_quick_exit_beacon_ends_the_session(member, client):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    page = browser.get("/")
    token = page.context["csrf_token"]
    response = browser.post("/exit/", {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 204
    assert not browser.get("/").context["user"].is_authenticated
    assert not MemberSession.objects.filter(member=member).exists()


@pytest.mark.django_db
def test_quick_exit_beacon_without_csrf_token_is_refused(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.post("/exit/").status_code == 403
    assert browser.get("/").context["user"].is_authenticated

