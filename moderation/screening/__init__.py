"""Text screening for Lantern: crisis, danger, contact and watched words.

`screen(text)` reads one message and says how urgent it is and why. It is
plain Python with no Django import, so it runs in a management command, a
worker or a test without settings. See docs/screening.md.
"""

from .contact import find_contact
from .context import Context
from .crisis import assess_danger, assess_self_harm, worst
from .normalise import normalise
from .phones import HELP_NUMBERS
from .result import Category, Risk, Screening, Span, WatchedAction, ordered_categories
from .watched import WatchedRule, find_watched, validate_watched_pattern

__all__ = [
    "HELP_NUMBERS",
    "Category",
    "Risk",
    "Screening",
    "Span",
    "WatchedAction",
    "WatchedRule",
    "screen",
    "validate_watched_pattern",
]


def _spans(found, to_original, category):
    return [Span(*to_original(start, end), category, rule) for start, end, rule in found]


def screen(text, watched=(), help_numbers=()):
    """Screen one message.

    `watched` holds WatchedRule-like objects (pattern, is_regex, action);
    `help_numbers` adds hotline numbers (as people write them) to
    HELP_NUMBERS, so sharing them is never taken for contact.
    """
    if not isinstance(text, str):
        raise TypeError(f"screen() needs a str, not {type(text).__name__}")
    norm = normalise(text)
    plain = Context(norm.plain)
    words = plain if norm.words == norm.plain else Context(norm.words)
    self_harm, danger = assess_self_harm(words), assess_danger(words)
    spans = _spans(self_harm.spans, norm.words_span, Category.SELF_HARM)
    spans += _spans(danger.spans, norm.words_span, Category.DANGER)
    spans += _spans(find_contact(plain, help_numbers), norm.plain_span, Category.CONTACT)
    watched_found, action = find_watched(norm, watched)
    spans += [Span(start, end, Category.WATCHED, f"watched:{pattern}") for start, end, pattern in watched_found]
    spans = sorted(set(spans), key=lambda span: (span.start, span.end, span.category, span.rule))
    return Screening(
        risk=worst(self_harm.risk, danger.risk),
        categories=ordered_categories({span.category for span in spans}),
        spans=tuple(spans),
        watched_action=action,
    )
