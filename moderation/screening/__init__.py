"""Text screening for Lantern: crisis, danger, contact and watched words.

`screen(text)` reads one message and says how urgent it is and why. It is
plain Python with no Django import, so it runs in a management command, a
worker or a test without settings. See docs/screening.md.
"""

from .contact import find_contact
from .context import Context
from .crisis import worst
from .judge import judge
from .language import language_of
from .normalise import normalise
from .phones import HELP_NUMBERS, help_digits
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


def _only_help_numbers(text, help_numbers):
    """The text names a hotline: the model alone must not call sharing it contact."""
    digits = help_digits(help_numbers)
    return any(number in "".join(ch for ch in text if ch.isdigit()) for number in digits)


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
    verdict = judge(words)
    spans = [Span(*norm.words_span(start, end), category, rule) for start, end, category, rule in verdict.spans]
    contact = find_contact(plain, help_numbers)
    spans += _spans(contact, norm.plain_span, Category.CONTACT)
    if verdict.contact and not contact and not _only_help_numbers(plain.text, tuple(help_numbers)):
        spans.append(Span(*norm.words_span(*verdict.contact), Category.CONTACT, "contact.model"))
    watched_found, action = find_watched(norm, watched)
    spans += [Span(start, end, Category.WATCHED, f"watched:{pattern}") for start, end, pattern in watched_found]
    spans = sorted(set(spans), key=lambda span: (span.start, span.end, span.category, span.rule))
    return Screening(
        risk=worst(*verdict.risks.values()),
        categories=ordered_categories({span.category for span in spans}),
        spans=tuple(spans),
        watched_action=action,
        language=language_of(norm.plain),
    )


def warm():
    """Load the model and the word lists now (about a second), not on the first message a member sends."""
    from . import lexicon, model

    model.load()
    lexicon.warm()
    screen("")
