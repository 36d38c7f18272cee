import pytest
from django.test import Client
from django.urls import reverse

from peers import actions
from peers.models import MemberSession, RecoveryCode
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

RECOVER = reverse("peers:recover")
NEW_PASSPHRASE = "a brand new quiet passphrase"
WRONG = "That pseudonym and recovery code don't match. Check both and try again."


def recover(client, pseudonym, code, passphrase=NEW_PASSPHRASE):
    return client.post(
        RECOVER, {"pseudonym": pseudonym, "code": code, "passphrase": passphrase, "passphrase_again": passphrase}
    )


@pytest.fixture
def codes(member):
    return actions.do_issue_recovery_codes(member)


@pytest.mark.django_db
def test_recover_sets_new_passphrase_and_spends_the_code(client, member, codes):
    response = recover(client, member.pseudonym, codes[3])
    assert response.status_code == 302 and response["Location"] == reverse("peers:account")
    page = client.get(reverse("peers:account"))
    assert "9 recovery codes left" in text_of(page)
    member.refresh_from_db()
    assert member.check_password(NEW_PASSPHRASE) and not member.check_password(DEFAULT_PASSPHRASE)
    assert RecoveryCode.objects.filter(member=member).count() == 9


@pytest.mark.django_db
def test_recover_accepts_a_code_typed_loosely(client, member, codes):
    loose = "  " + codes[0].upper().replace("-", " ") + " "
    assert recover(client, member.pseudonym, loose).status_code == 302


@pytest.mark.django_db
def test_recover_code_works_only_once(client, member, codes):
    recover(client, member.pseudonym, codes[0])
    again = recover(Client(), member.pseudonym, codes[0], "yet another new passphrase")
    assert again.status_code == 200 and WRONG in text_of(again)
    member.refresh_from_db()
    assert member.check_password(NEW_PASSPHRASE)


@pytest.mark.django_db
def test_recover_ends_every_other_session(client, member, codes):
    elsewhere = Client()
    elsewhere.force_login(member)
    assert MemberSession.objects.filter(member=member).count() == 1
    recover(client, member.pseudonym, codes[1])
    assert not elsewhere.get(reverse("home")).context["user"].is_authenticated
    assert client.get(reverse("home")).context["user"] == member
    assert MemberSession.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_recover_wrong_code_and_unknown_pseudonym_answer_alike(client, member, codes):
    wrong_code = recover(client, member.pseudonym, "0000-0000-0000")
    unknown = recover(client, "NoSuchMember1", codes[0])
    assert wrong_code.status_code == unknown.status_code == 200
    assert wrong_code.context["form"].non_field_errors() == unknown.context["form"].non_field_errors() == [WRONG]
    member.refresh_from_db()
    assert member.check_password(DEFAULT_PASSPHRASE)
    assert RecoveryCode.objects.filter(member=member).count() == 10


@pytest.mark.django_db
def test_recover_with_weak_passphrase_keeps_the_code(client, member, codes):
    response = recover(client, member.pseudonym, codes[0], passphrase="short")
    assert response.context["form"].errors["passphrase"]
    assert RecoveryCode.objects.filter(member=member).count() == 10


@pytest.mark.django_db
def test_recover_with_oversized_code_is_refused(client, member, codes):
    response = recover(client, member.pseudonym, codes[0] * 50)
    assert response.context["form"].errors["code"]
    assert RecoveryCode.objects.filter(member=member).count() == 10
