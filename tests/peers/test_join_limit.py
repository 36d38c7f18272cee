"""The join limit counts accounts made from an address, not attempts (peers/ratelimits.py)."""
import pytest
from django.urls import reverse

from peers.models import Member
from tests.helpers import text_of

ADDRESS = "192.0.2.40"
GOOD = {"passphrase": "a long enough phrase", "passphrase_again": "a long enough phrase", "agree": "on"}
MISTAKES = {
    "passphrases differ": {**GOOD, "passphrase_again": "a long enough phrasf"},
    "passphrase too short": {**GOOD, "passphrase": "short", "passphrase_again": "short"},
    "rules not agreed": {key: value for key, value in GOOD.items() if key != "agree"},
    "pseudonym empty": {**GOOD, "pseudonym": ""},
}


def join(client, pseudonym, data=GOOD):
    response = client.post(reverse("peers:join"), {"pseudonym": pseudonym, **data}, REMOTE_ADDR=ADDRESS)
    client.logout()
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("mistake", MISTAKES)
def test_failed_join_attempts_do_not_use_up_the_limit(client, settings, mistake):
    settings.LANTERN_RATES = {**settings.LANTERN_RATES, "join_ip": "2/h"}
    for _ in range(6):
        assert join(client, "Typo1", MISTAKES[mistake]).status_code != 429
    assert not Member.objects.exists()
    assert join(client, "FirstOne1").status_code == 200
    assert join(client, "SecondOne2").status_code == 200
    assert Member.objects.count() == 2


@pytest.mark.django_db
def test_taken_pseudonym_attempts_do_not_use_up_the_limit(client, settings, member):
    settings.LANTERN_RATES = {**settings.LANTERN_RATES, "join_ip": "1/h"}
    for _ in range(4):
        join(client, member.pseudonym)
    assert join(client, "FreshName3").status_code == 200
    assert Member.objects.filter(pseudonym="FreshName3").exists()


@pytest.mark.django_db
def test_accounts_made_do_use_up_the_limit_and_the_next_gets_a_calm_429(client, settings):
    settings.LANTERN_RATES = {**settings.LANTERN_RATES, "join_ip": "2/h"}
    join(client, "FirstOne1")
    join(client, "SecondOne2")
    response = join(client, "ThirdOne3")
    assert response.status_code == 429 and "take a short pause" in text_of(response)
    mistake = join(client, "FourthOne4", MISTAKES["passphrases differ"])
    assert mistake.status_code == 429  # used up is used up, whatever is sent
    assert sorted(Member.objects.values_list("pseudonym", flat=True)) == ["FirstOne1", "SecondOne2"]
    other = client.post(reverse("peers:join"), {"pseudonym": "Elsewhere5", **GOOD}, REMOTE_ADDR="192.0.2.41")
    assert other.status_code == 200
