import json

import pytest
from django.test import Client
from django.urls import reverse

from peers import actions
from peers.models import Member, MemberSession, RecoveryCode
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

ACCOUNT = reverse("peers:account")
NEW = "another calm passphrase here"


def other_device(member):
    device = Client()
    device.force_login(member)
    return device


def signed_in(client):
    return client.get(reverse("home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_account_needs_sign_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302 and response["Location"].startswith(reverse("peers:login"))


@pytest.mark.django_db
def test_change_passphrase_keeps_this_device_and_ends_others(member_client, member):
    elsewhere = other_device(member)
    response = member_client.post(
        reverse("peers:change_passphrase"), {"current": DEFAULT_PASSPHRASE, "passphrase": NEW, "passphrase_again": NEW}
    )
    assert response.status_code == 302
    assert signed_in(member_client) and not signed_in(elsewhere)
    member.refresh_from_db()
    assert member.check_password(NEW)
    assert MemberSession.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_change_passphrase_with_wrong_current_changes_nothing(member_client, member):
    response = member_client.post(
        reverse("peers:change_passphrase"), {"current": "wrong one", "passphrase": NEW, "passphrase_again": NEW}
    )
    assert response.status_code == 400
    assert "not your current passphrase" in text_of(response)
    member.refresh_from_db()
    assert member.check_password(DEFAULT_PASSPHRASE)


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(member_client, member):
    old = actions.do_issue_recovery_codes(member)
    response = member_client.post(reverse("peers:new_recovery_codes"), {"codes-current": DEFAULT_PASSPHRASE})
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert "Your old codes no longer work" in text_of(response)
    assert actions.do_recover_member(member.pseudonym, old[0], NEW) is None
    assert actions.do_recover_member(member.pseudonym, new[0], NEW) == member


@pytest.mark.django_db
def test_new_recovery_codes_need_the_passphrase(member_client, member):
    old = actions.do_issue_recovery_codes(member)
    response = member_client.post(reverse("peers:new_recovery_codes"), {"codes-current": "nope"})
    assert response.status_code == 400
    assert actions.do_recover_member(member.pseudonym, old[0], NEW) == member


@pytest.mark.django_db
def test_logout_everywhere_ends_all_sessions(member_client, member):
    elsewhere = other_device(member)
    member_client.post(reverse("peers:logout_everywhere"))
    assert not signed_in(member_client) and not signed_in(elsewhere)
    assert not MemberSession.objects.filter(member=member).exists()


@pytest.mark.django_db
def test_discreet_mode_gives_neutral_titles_and_icon(member_client, member):
    before = text_of(member_client.get(ACCOUNT))
    assert "<title>Your account · Lantern</title>" in before
    member_client.post(reverse("peers:discreet_mode"), {"discreet_mode": "on"})
    after = text_of(member_client.get(ACCOUNT))
    assert "<title>Notes</title>" in after and "img/plain.svg" in after and "lantern.svg" not in after
    member.refresh_from_db()
    assert member.discreet_mode
    member_client.post(reverse("peers:discreet_mode"), {})
    member.refresh_from_db()
    assert not member.discreet_mode


@pytest.mark.django_db
def test_download_data_holds_everything_about_the_member_and_nothing_secret(member_client, member):
    codes = actions.do_issue_recovery_codes(member)
    response = member_client.get(reverse("peers:download_data"))
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["pseudonym"] == member.pseudonym
    assert len(data["recovery_codes"]) == 10
    assert data["account"]["role"] == "Member" and data["account"]["discreet_mode"] is False
    assert len(data["sessions"]) == 1
    body = text_of(response)
    assert member.password not in body and not any(code in body for code in codes)


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["erase", "keep"])
def test_delete_account_removes_member_codes_and_sessions(member_client, member, content):
    actions.do_issue_recovery_codes(member)
    elsewhere = other_device(member)
    response = member_client.post(
        reverse("peers:delete_account"),
        {"delete-current": DEFAULT_PASSPHRASE, "delete-content": content, "delete-confirm": "on"},
    )
    assert response.status_code == 200 and "Your account is deleted" in text_of(response)
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not RecoveryCode.objects.exists() and not MemberSession.objects.filter(member_id=member.pk).exists()
    assert not signed_in(member_client) and not signed_in(elsewhere)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"delete-current": "wrong", "delete-content": "erase", "delete-confirm": "on"},
        {"delete-current": DEFAULT_PASSPHRASE, "delete-content": "erase"},
        {"delete-current": DEFAULT_PASSPHRASE, "delete-content": "burn it", "delete-confirm": "on"},
    ],
)
def test_delete_account_refused_without_passphrase_choice_and_confirmation(member_client, member, data):
    response = member_client.post(reverse("peers:delete_account"), data)
    assert response.status_code == 400
    assert Member.objects.filter(pk=member.pk).exists() and signed_in(member_client)
