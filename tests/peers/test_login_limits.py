"""Log-in limits: they stop guessing, and a stranger who knows a pseudonym cannot keep its owner out."""
import hashlib

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from peers import ratelimits
from peers.models import Member
from peers.pseudonyms import normalise_pseudonym
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

OWNER_IP = "198.51.100.10"


def attempt(client, pseudonym, passphrase, ip):
    return client.post(reverse("peers:login"), {"pseudonym": pseudonym, "passphrase": passphrase}, REMOTE_ADDR=ip)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def stranger_guesses(pseudonym, times, *, first_ip=1):
    """Wrong passphrases from `times` different addresses, one each, as a botnet would."""
    return [attempt(Client(), pseudonym, f"guess number {n}", f"203.0.113.{first_ip + n}").status_code for n in range(times)]


@pytest.fixture
def limits(settings):
    settings.LANTERN_LOGIN_LIMITS = {
        **settings.LANTERN_LOGIN_LIMITS,
        "client_failures": 3, "ip_failures": 50, "pseudonym_free_failures": 4, "pseudonym_max_delay": 600,
    }
    return settings.LANTERN_LOGIN_LIMITS


@pytest.fixture
def owners_device(member):
    """A browser the owner has signed in on before, signed out since."""
    device = Client()
    assert attempt(device, member.pseudonym, DEFAULT_PASSPHRASE, OWNER_IP).status_code == 302
    device.post(reverse("peers:logout"))
    return device


@pytest.mark.django_db
def test_login_one_client_guessing_is_stopped_after_a_few_tries(limits, member):
    attacker = Client()
    codes = [attempt(attacker, member.pseudonym, f"guess {n}", "203.0.113.1").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # Even the right passphrase is not checked from a client that is over its limit.
    assert attempt(attacker, member.pseudonym, DEFAULT_PASSPHRASE, "203.0.113.1").status_code == 429
    assert not signed_in_as(attacker)


@pytest.mark.django_db
def test_login_many_addresses_guessing_meet_a_growing_wait(limits, member):
    codes = stranger_guesses(member.pseudonym, 6)
    assert codes == [200, 200, 200, 200, 429, 429]  # 4 free, then a wait of 1 s (arriving at once, they wait)
    response = attempt(Client(), member.pseudonym, DEFAULT_PASSPHRASE, "203.0.113.99")
    assert response.status_code == 429 and "paused" in text_of(response) and "recovery code" in text_of(response)


@pytest.mark.parametrize("failures, delay", [(3, 0), (4, 1), (5, 2), (8, 16), (13, 512), (14, 600), (500, 600)])
def test_login_pseudonym_delay_doubles_with_each_failure_up_to_the_cap(settings, failures, delay):
    settings.LANTERN_LOGIN_LIMITS = {**settings.LANTERN_LOGIN_LIMITS, "pseudonym_free_failures": 4, "pseudonym_max_delay": 600}
    assert ratelimits.pseudonym_delay(failures) == delay


@pytest.mark.django_db
def test_login_pseudonym_wait_ends_and_the_next_try_is_checked(limits, member, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimits.time, "time", lambda: clock[0])
    assert stranger_guesses(member.pseudonym, 7) == [200] * 4 + [429] * 3  # refused tries are not checked, not counted
    clock[0] += 1
    assert stranger_guesses(member.pseudonym, 2, first_ip=20) == [200, 429]  # checked, failed: the wait doubles
    clock[0] += 1
    assert attempt(Client(), member.pseudonym, "another guess", "203.0.113.50").status_code == 429
    clock[0] += 1
    assert attempt(Client(), member.pseudonym, DEFAULT_PASSPHRASE, "203.0.113.51").status_code == 302


@pytest.mark.django_db
def test_login_owner_gets_in_on_their_usual_device_while_strangers_keep_guessing(limits, member, owners_device):
    assert 429 in stranger_guesses(member.pseudonym, 40)
    response = attempt(owners_device, member.pseudonym, DEFAULT_PASSPHRASE, OWNER_IP)
    assert response.status_code == 302 and signed_in_as(owners_device) == str(member.pk)


@pytest.mark.django_db
def test_login_owner_gets_in_even_when_strangers_share_their_address(limits, member, owners_device, settings):
    settings.LANTERN_LOGIN_LIMITS = {**limits, "ip_failures": 2}
    for n in range(10):
        attempt(Client(), member.pseudonym, f"guess {n}", OWNER_IP)
    assert attempt(owners_device, member.pseudonym, DEFAULT_PASSPHRASE, OWNER_IP).status_code == 302


@pytest.mark.django_db
def test_login_device_cookie_is_for_its_own_pseudonym_only(limits, member, make_member, owners_device):
    other = make_member("OtherPerson7")
    stranger_guesses(other.pseudonym, 10)
    assert attempt(owners_device, other.pseudonym, DEFAULT_PASSPHRASE, OWNER_IP).status_code == 429


@pytest.mark.django_db
def test_login_forged_or_copied_device_cookie_is_a_stranger(limits, member, make_member, owners_device):
    stranger_guesses(member.pseudonym, 10)
    forged = Client()
    forged.cookies[ratelimits.DEVICE_COOKIE] = "0123456789abcdef0123456789abcdef.deadbeef"
    assert attempt(forged, member.pseudonym, DEFAULT_PASSPHRASE, "203.0.113.70").status_code == 429
    cookie = owners_device.cookies[ratelimits.DEVICE_COOKIE]
    assert cookie["path"] == "/login/" and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_login_owners_device_still_has_its_own_tight_limit(limits, member, owners_device):
    codes = [attempt(owners_device, member.pseudonym, f"guess {n}", OWNER_IP).status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_login_owner_gets_in_with_a_recovery_code_while_strangers_keep_guessing(limits, member, settings):
    from peers import actions

    code = actions.do_issue_recovery_codes(member)[0]
    stranger_guesses(member.pseudonym, 40)
    owner = Client()
    new = "a brand new passphrase"
    response = owner.post(reverse("peers:recover"), {"pseudonym": member.pseudonym, "code": code,
                                                     "passphrase": new, "passphrase_again": new}, REMOTE_ADDR=OWNER_IP)
    assert response.status_code == 302 and signed_in_as(owner) == str(member.pk)
    owner.post(reverse("peers:logout"))
    # The browser that recovered is now a device the owner uses.
    assert attempt(owner, member.pseudonym, new, OWNER_IP).status_code == 302


@pytest.mark.django_db
def test_login_pause_says_the_same_for_a_pseudonym_nobody_has(limits, member):
    stranger_guesses(member.pseudonym, 6)
    stranger_guesses("NobodyHasThis1", 6, first_ip=100)
    taken = attempt(Client(), member.pseudonym, "x" * 12, "203.0.113.200")
    free = attempt(Client(), "NobodyHasThis1", "x" * 12, "203.0.113.201")
    assert taken.status_code == free.status_code == 429
    assert text_of(taken).replace(member.pseudonym, "P") == text_of(free).replace("NobodyHasThis1", "P")


LOOK_ALIKES = [
    "QuietHarbor42",
    "quietharbor42",
    "  QUIETHARBOR42 ",
    "\uff31uietHarbor42",  # full-width Q
    "Quiet\uff28arbor\uff14\uff12",  # full-width H, 4 and 2
    "QuietHarbor\u2074\u00b2",  # superscript 4 and 2
    "QuietHarbor\U0001d7d2\U0001d7d0",  # mathematical bold digits
    "\U0001d410uietHarbor42",  # mathematical bold Q
]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", LOOK_ALIKES)
def test_login_look_alike_spellings_share_one_counter_and_one_account(limits, member, typed):
    assert normalise_pseudonym(typed) == normalise_pseudonym(member.pseudonym)
    assert Member.objects.find(typed) == member
    attacker = Client()
    for spelling in LOOK_ALIKES[:3]:
        attempt(attacker, spelling, "a wrong guess", "203.0.113.1")
    assert attempt(attacker, typed, DEFAULT_PASSPHRASE, "203.0.113.1").status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [
    "Quiet\u0397arbor42",  # Greek capital eta, not H
    "QuietHarb\u043er42",  # Cyrillic o
    "QuietHarbor42\u200b",  # zero-width space
    "Qu\u0131etHarbor42",  # dotless i, which PostgreSQL's upper() turns into I
])
def test_login_other_letters_name_no_account(client, member, typed):
    assert Member.objects.find(typed) is None
    assert attempt(client, typed, DEFAULT_PASSPHRASE, "203.0.113.1").status_code == 200
    assert not signed_in_as(client)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", LOOK_ALIKES[1:])
def test_join_refuses_a_look_alike_of_a_taken_pseudonym(client, member, typed):
    data = {"pseudonym": typed, "passphrase": "a long enough phrase", "passphrase_again": "a long enough phrase", "agree": "on"}
    response = client.post(reverse("peers:join"), data)
    assert "already uses that pseudonym" in text_of(response)
    assert Member.objects.count() == 1


def cache_keys():
    """Every key in this test run's cache, with its prefix: local memory, or Redis under our prefix."""
    if hasattr(cache._cache, "get_client"):
        client = cache._cache.get_client(write=False)
        return [key.decode() for key in client.scan_iter(match=f"{cache.key_prefix}:*", count=1000)]
    return [str(key) for key in cache._cache]


@pytest.mark.django_db
def test_rate_limit_cache_keys_are_salted_with_the_server_secret(limits, member, settings):
    ip = "198.51.100.77"
    attempt(Client(), member.pseudonym, "wrong guess", ip)
    Client().post(reverse("peers:recover"), {"pseudonym": member.pseudonym, "code": "0000-0000-0000",
                                             "passphrase": "x", "passphrase_again": "x"}, REMOTE_ADDR=ip)
    keys = " ".join(cache_keys())
    secrets_in_keys = {ip, member.pseudonym, normalise_pseudonym(member.pseudonym)}
    for value in list(secrets_in_keys):
        for algorithm in ("md5", "sha1", "sha256"):
            secrets_in_keys.add(hashlib.new(algorithm, value.encode()).hexdigest()[:16])
    assert not [value for value in secrets_in_keys if value in keys]
    before = ratelimits.salted("ip", ip)
    settings.SECRET_KEY = "another server secret " * 3
    assert ratelimits.salted("ip", ip) != before
