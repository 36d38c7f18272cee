"""Suggested pseudonyms: two gentle words and two digits, e.g. QuietHarbor42.

The words are calm, ordinary and say nothing about anyone: no colours of
skin, no places, no names, nothing a trafficker might use as a tag.
"""
import secrets

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
