import pytest
from django.urls import reverse

from peers.forms import SAME_ANSWER
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

LOGIN = reverse("peers:login")


def log_in(client, pseudonym, passphrase=DEFAULT_PASSPHRASE, remember=False):
    data = {"pseudonym": pseudonym, "passphrase": passphrase}
    if remember:
        data["remember"] = "on"
    return client.post(LOGIN, data)


@pytest.mark.django_db
def test_login_signs_in_case_insensitively(client, member):
    response = log_in(client, member.pseudonym.lower())
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == member


@pytest.mark.django_db
def test_login_wrong_pseudonym_and_wrong_passphrase_look_the_same(client, member):
    wrong_name = log_in(client, "NobodyHere99")
    wrong_pass = log_in(client, member.pseudonym, "not the right passphrase")
    assert wrong_name.status_code == wrong_pass.status_code == 200
    assert wrong_name.context["form"].non_field_errors() == wrong_pass.context["form"].non_field_errors() == [SAME_ANSWER]
    assert text_of(wrong_name).replace("NobodyHere99", "X") == text_of(wrong_pass).replace(member.pseudonym, "X")


@pytest.mark.django_db
def test_login_inactive_member_gets_the_same_answer(client, make_member):
    banned = make_member("GoneAway1", is_active=False)
    response = log_in(client, banned.pseudonym)
    assert response.context["form"].non_field_errors() == [SAME_ANSWER]


@pytest.mark.django_db
def test_login_rotates_the_session_key(client, member):
    client.get(LOGIN)
    session = client.session
    session["warmed"] = True
    session.save()
    before = session.session_key
    log_in(client, member.pseudonym)
    assert client.cookies["sid"].value != before


@pytest.mark.django_db
def test_login_without_remember_ends_with_the_browser(client, member):
    response = log_in(client, member.pseudonym)
    cookie = response.cookies["sid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert client.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_login_with_remember_keeps_the_device_signed_in(client, member, settings):
    response = log_in(client, member.pseudonym, remember=True)
    cookie = response.cookies["sid"]
    assert int(cookie["max-age"]) == settings.LANTERN_REMEMBER_ME_SECONDS
    assert not client.session.get_expire_at_browser_close()


@pytest.mark.django_db
def test_login_cookie_is_secure_in_production_settings(client, member, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = log_in(client, member.pseudonym)
    assert response.cookies["sid"]["secure"] is True


@pytest.mark.django_db
def test_login_with_oversized_input_is_refused(client, member):
    response = log_in(client, "x" * 10_000, "y" * 10_000)
    form = response.context["form"]
    assert form.errors["pseudonym"] and form.errors["passphrase"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_needs_post_and_signs_out(member_client):
    assert member_client.get(reverse("peers:logout")).status_code == 405
    response = member_client.post(reverse("peers:logout"))
    assert response.status_code == 302
    assert not member_client.get(reverse("home")).context["user"].is_authenticated
