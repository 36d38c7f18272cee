"""Suggested pseudonyms: two gentle words and two digits, e.g. QuietHarbor42.

The words are calm, ordinary and say nothing about anyone: no colours of
skin, no places, no names, nothing a trafficker might use as a tag.
"""
import secrets
import unicodedata

ADJECTIVES = (
    "Quiet Gentle Steady Brave Calm Bright Kind Hopeful Patient Warm Clear Open Still "
    "Soft Strong Early Silver Golden Rising Wild Free True Humble Sunny Misty Cedar Willow "
    "Amber Evening Morning Northern Southern Hidden Little Tall Swift Careful Wise Honest"
).split()
NOUNS = (
    "Harbor River Meadow Lantern Sparrow Heron Maple Pebble Brook Ember Cloud Harvest Orchard "
    "Compass Anchor Beacon Garden Willow Fern Falcon Otter Badger Kite Pine Cove Ridge Trail "
    "Island Canyon Prairie Comet Moon Star Wren Robin Finch Acorn Tide Summit Valley"
).split()


def suggest_pseudonym(is_taken):
    """A fresh suggestion; `is_taken(pseudonym)` says whether one is in use."""
    for digits in (2, 2, 2, 3, 3, 4):
        candidate = (
            secrets.choice(ADJECTIVES) + secrets.choice(NOUNS) + str(secrets.randbelow(10**digits)).zfill(digits)
        )
        if len(candidate) <= 24 and not is_taken(candidate):
            return candidate
    return "Member" + str(secrets.randbelow(10**6)).zfill(6)


def display_pseudonym(text):
    """A typed pseudonym as it is stored and shown: compatibility forms folded
    (full-width letters, ligatures, superscripts), outer spaces trimmed, case kept."""
    return unicodedata.normalize("NFKC", text or "").strip()


def normalise_pseudonym(text):
    """Who a typed pseudonym names: the one key that log-in, recovery, joining
    and every rate limit use, so that no spelling of a name reaches an account
    under a counter of its own.

    Compatibility forms folded (NFKC), case folded, folded again (case folding
    can undo NFKC). Stored pseudonyms are ASCII, so a key that is still not
    ASCII names no account (`Member.objects.find`), whatever a database's own
    case rules would make of it (PostgreSQL's upper() turns a dotless ı into I).
    """
    return unicodedata.normalize("NFKC", display_pseudonym(text).casefold())
