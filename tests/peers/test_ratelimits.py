import pytest
from django.urls import reverse

from peers.models import Member
from tests.helpers import text_of


def post_from(client, url, data, ip):
    return client.post(url, data, REMOTE_ADDR=ip)


def login_data(pseudonym):
    return {"pseudonym": pseudonym, "passphrase": "wrong passphrase"}


@pytest.mark.django_db
def test_login_over_the_ip_limit_gets_a_calm_429(client, settings, member):
    settings.LANTERN_LOGIN_LIMITS = {**settings.LANTERN_LOGIN_LIMITS, "ip_failures": 3}
    for n in range(3):
        assert post_from(client, reverse("peers:login"), login_data(f"Someone{n}"), "198.51.100.7").status_code == 200
    response = post_from(client, reverse("peers:login"), login_data("Another1"), "198.51.100.7")
    assert response.status_code == 429
    assert "paused" in text_of(response) and "Quick exit" in text_of(response)
    assert post_from(client, reverse("peers:login"), login_data("Another1"), "198.51.100.8").status_code == 200


@pytest.mark.django_db
def test_join_over_the_ip_limit_stores_nothing(client, settings):
    settings.LANTERN_RATES = {**settings.LANTERN_RATES, "join_ip": "1/h"}
    data = {"passphrase": "a long enough phrase", "passphrase_again": "a long enough phrase", "agree": "on"}
    assert post_from(client, reverse("peers:join"), {**data, "pseudonym": "FirstOne1"}, "192.0.2.1").status_code == 200
    client.logout()
    response = post_from(client, reverse("peers:join"), {**data, "pseudonym": "SecondOne2"}, "192.0.2.1")
    assert response.status_code == 429
    assert list(Member.objects.values_list("pseudonym", flat=True)) == ["FirstOne1"]


@pytest.mark.django_db
def test_recover_over_the_pseudonym_limit_from_one_address_gets_429_there_only(client, settings, member):
    settings.LANTERN_RATES = {**settings.LANTERN_RATES, "recover_pseudonym": "2/h"}
    data = {"pseudonym": member.pseudonym, "code": "0000-0000-0000", "passphrase": "x", "passphrase_again": "x"}
    for _ in range(2):
        assert post_from(client, reverse("peers:recover"), data, "192.0.2.1").status_code == 200
    full_width = {**data, "pseudonym": " \uff31UIETharbor42"}  # a full-width Q, other case, a space
    assert post_from(client, reverse("peers:recover"), full_width, "192.0.2.1").status_code == 429
    assert post_from(client, reverse("peers:recover"), data, "192.0.2.50").status_code == 200


@pytest.mark.django_db
def test_reading_the_login_page_is_never_limited(client, settings):
    settings.LANTERN_LOGIN_LIMITS = {**settings.LANTERN_LOGIN_LIMITS, "ip_failures": 1}
    assert all(client.get(reverse("peers:login")).status_code == 200 for _ in range(5))


@pytest.mark.django_db
def test_admin_login_goes_through_the_rate_limited_door(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/admin/"
