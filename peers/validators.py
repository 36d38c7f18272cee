import re
import unicodedata

from django.core.exceptions import ValidationError

PSEUDONYM_MIN, PSEUDONYM_MAX = 3, 24
PASSPHRASE_MAX = 1000
_PSEUDONYM = re.compile(r"[A-Za-z0-9_-]+")
_EMAIL_SHAPED = re.compile(
    r"@|(?:^|[_-])at[_-].+(?:[_-]dot[_-]|[_-])(?:com|net|org|edu|gov|io|co|uk|ca|de|fr|ru|info|me)$"
    r"|(?:gmail|hotmail|icloud|protonmail|yandex)",
    re.I,
)

EMAIL_MESSAGE = (
    "That looks like an email address. To keep you safe, Lantern never asks for one, "
    "and a pseudonym that points to you could let someone find you. Please choose a name "
    "that has nothing to do with your email."
)
PHONE_MESSAGE = (
    "That looks like it contains a phone number. A number in your pseudonym could let "
    "someone find you, so please choose a name without it."
)


def validate_pseudonym(value):
    value = unicodedata.normalize("NFKC", value or "")
    if _EMAIL_SHAPED.search(value):
        raise ValidationError(EMAIL_MESSAGE, code="email")
    if sum(ch.isdigit() for ch in value) >= 7:
        raise ValidationError(PHONE_MESSAGE, code="phone")
    if not PSEUDONYM_MIN <= len(value) <= PSEUDONYM_MAX:
        raise ValidationError(
            f"A pseudonym is {PSEUDONYM_MIN} to {PSEUDONYM_MAX} characters long.", code="length"
        )
    if not _PSEUDONYM.fullmatch(value):
        raise ValidationError(
            "A pseudonym can use letters A to Z, digits, the underscore (_) and the hyphen (-), "
            "with no spaces or other characters.",
            code="characters",
        )


class MaximumLengthValidator:
    """Refuses passphrases so long that hashing them becomes a way to tie up the server."""

    def validate(self, password, user=None):
        if len(password) > PASSPHRASE_MAX:
            raise ValidationError(
                f"A passphrase can be at most {PASSPHRASE_MAX} characters.", code="passphrase_too_long"
            )

    def get_help_text(self):
        return f"At most {PASSPHRASE_MAX} characters."
