import pytest
from django.urls import reverse

from peers import recovery
from peers.models import Member, RecoveryCode

JOIN = reverse("peers:join")
PASSPHRASE = "lanterns glow in quiet harbors"


def join(client, pseudonym="BraveWillow21", passphrase=PASSPHRASE, again=None, agree=True):
    data = {"pseudonym": pseudonym, "passphrase": passphrase, "passphrase_again": again or passphrase}
    if agree:
        data["agree"] = "on"
    return client.post(JOIN, data)


@pytest.mark.django_db
def test_join_page_suggests_a_readable_pseudonym(client):
    response = client.get(JOIN)
    suggestion = response.context["form"].initial["pseudonym"]
    assert response.status_code == 200
    assert 5 <= len(suggestion) <= 24 and suggestion[-2:].isdigit() and suggestion[0].isupper()
    assert f'value="{suggestion}"' in response.content.decode()


@pytest.mark.django_db
def test_join_shows_ten_codes_once_and_stores_only_digests(client):
    response = join(client)
    codes = response.context["codes"]
    assert response.status_code == 200
    assert len(codes) == 10 and len(set(codes)) == 10
    html = response.content.decode()
    assert all(code in html for code in codes)
    member = Member.objects.get(pseudonym="BraveWillow21")
    rows = list(RecoveryCode.objects.filter(member=member))
    assert len(rows) == 10
    stored = " ".join(f"{row.salt} {row.digest}" for row in rows)
    assert not any(recovery.normalise_code(code) in stored or code in stored for code in codes)
    assert response["Cache-Control"].startswith("no-store")


@pytest.mark.django_db
def test_join_signs_the_new_member_in(client):
    join(client)
    response = client.get(reverse("home"))
    assert response.context["user"].pseudonym == "BraveWillow21"


@pytest.mark.django_db
def test_join_hashes_the_passphrase_with_argon2(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    join(client)
    member = Member.objects.get(pseudonym="BraveWillow21")
    assert member.password.startswith("argon2$argon2id$")
    assert PASSPHRASE not in member.password
    assert member.check_password(PASSPHRASE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pseudonym, expected",
    [
        ("ab", "3 to 24 characters"),
        ("x" * 25, "3 to 24 characters"),
        ("", "This field is required"),
        ("   ", "This field is required"),
        ("two words", "letters A to Z"),
        ("semi;colon", "letters A to Z"),
        ("jane@example.com", "looks like an email address"),
        ("jane_at_example_com", "looks like an email address"),
        ("janegmail", "looks like an email address"),
        ("jane5551234567", "phone number"),
        ("call-416-555-0143", "phone number"),
        ("zero\u200bwidth", "letters A to Z"),
        ("\u202eevil", "letters A to Z"),
        ("\u0430dmin", "letters A to Z"),  # Cyrillic a that looks Latin
        ("heart\u2764", "letters A to Z"),
        ("x" * 5000, "characters"),
    ],
)
def test_join_with_bad_pseudonym_is_refused_kindly_and_stores_nothing(client, pseudonym, expected):
    response = join(client, pseudonym=pseudonym)
    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["pseudonym"])
    assert Member.objects.count() == 0 and RecoveryCode.objects.count() == 0


@pytest.mark.django_db
def test_join_normalises_full_width_letters(client):
    join(client, pseudonym="\uff2a\uff41\uff4e\uff45\uff12\uff12")  # "Jane22" typed in full-width
    assert Member.objects.filter(pseudonym="Jane22").exists()


@pytest.mark.django_db
def test_join_with_taken_pseudonym_in_other_case_is_refused(client, member):
    response = join(client, pseudonym=member.pseudonym.upper())
    assert "already uses that pseudonym" in response.context["form"].errors["pseudonym"][0]
    assert Member.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "passphrase, again, field, expected",
    [
        ("short", None, "passphrase", "too short"),
        ("1234567890123", None, "passphrase", "entirely numeric"),
        ("password1234", None, "passphrase", "too common"),
        (PASSPHRASE, "something else entirely", "passphrase_again", "different"),
        ("w" * 1001, None, "passphrase", "at most"),
        ("BraveWillow21", None, "passphrase", "too similar"),
    ],
)
def test_join_with_weak_or_mismatched_passphrase_is_refused(client, passphrase, again, field, expected):
    response = join(client, passphrase=passphrase, again=again)
    assert expected in " ".join(response.context["form"].errors[field])
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_join_without_agreeing_to_guidelines_is_refused(client):
    response = join(client, agree=False)
    assert response.context["form"].errors["agree"]
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_join_while_signed_in_goes_home(member_client):
    response = member_client.get(JOIN)
    assert response.status_code == 302 and response["Location"] == reverse("home")
