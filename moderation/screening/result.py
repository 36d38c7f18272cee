"""What screening returns. Plain Python so the engine runs without Django."""

from dataclasses import dataclass
from enum import StrEnum


class Risk(StrEnum):
    IMMINENT = "imminent"
    CONCERN = "concern"
    NONE = "none"


class Category(StrEnum):
    # Declaration order is the order `Screening.categories` uses.
    SELF_HARM = "self_harm"
    DANGER = "danger"
    CONTACT = "contact"
    WATCHED = "watched"


class WatchedAction(StrEnum):
    BLOCK = "block"
    HOLD = "hold"
    FLAG = "flag"

    @property
    def strength(self):
        return _ACTION_STRENGTH[self]


_ACTION_STRENGTH = {WatchedAction.FLAG: 1, WatchedAction.HOLD: 2, WatchedAction.BLOCK: 3}


@dataclass(frozen=True, slots=True)
class Span:
    """A matched stretch of the original text: `text[start:end]`."""

    start: int
    end: int
    category: Category
    rule: str


@dataclass(frozen=True, slots=True)
class Screening:
    risk: Risk
    categories: tuple[Category, ...]
    spans: tuple[Span, ...]
    watched_action: WatchedAction | None = None
    language: str = "en"  # "en" or "es": the language the text was read in (language.py)

    @property
    def is_crisis(self):
        return self.risk != Risk.NONE

    @property
    def has_contact(self):
        return Category.CONTACT in self.categories


def ordered_categories(found):
    return tuple(category for category in Category if category in found)
