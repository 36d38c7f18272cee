"""One-time recovery codes: made, shown once, kept only as digests."""
import hashlib
import hmac
import secrets

CODE_COUNT = 10
# Crockford-style alphabet: no I, L, O or U, so codes read aloud or copied by
# hand do not get mixed up.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
GROUPS, GROUP_LENGTH = 3, 4  # 12 characters of 5 bits: 60 random bits


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def normalise_code(text):
    """Accept a code however it was copied: any case, spaces or hyphens, o for 0, i/l for 1."""
    cleaned = "".join(ch for ch in (text or "").lower() if ch.isalnum())
    return cleaned.translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))[: GROUPS * GROUP_LENGTH * 2]


def digest(salt, code):
    return hashlib.sha256(f"{salt}:{normalise_code(code)}".encode()).hexdigest()


def matches(salt, stored_digest, code):
    return hmac.compare_digest(digest(salt, code), stored_digest)
