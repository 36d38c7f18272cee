"""Watched words: patterns admins add, each with what to do when it matches.

A plain word or phrase matches whole words of the `words` form, so the
pattern and the text are folded the same way ("C4sh" finds "cash"). A
regex runs case-insensitively on the `plain` form. Each distinct pattern is
compiled once. A regex that does not compile, or that could take the
server down on a crafted message, is skipped: admins see why through
`validate_watched_pattern` when they save it.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalise import normalise
from .result import WatchedAction

MAX_PATTERN_LENGTH = 300
# A repeated group that itself repeats, "(a+)+", can backtrack for ever.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)")


@dataclass(frozen=True, slots=True)
class WatchedRule:
    pattern: str
    is_regex: bool = False
    action: WatchedAction = WatchedAction.FLAG

    def __post_init__(self):
        # Accept the plain strings a database row holds.
        object.__setattr__(self, "action", WatchedAction(self.action))


def validate_watched_pattern(pattern, is_regex):
    """Raise ValueError saying what is wrong with `pattern`; return None if it is usable."""
    if not pattern or not pattern.strip():
        raise ValueError("The pattern is empty.")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"The pattern is longer than {MAX_PATTERN_LENGTH} characters.")
    if not is_regex:
        if not normalise(pattern).words.strip():
            raise ValueError("The word has no letters or digits left once normalised.")
        return
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError) as error:
        raise ValueError(f"Not a valid regular expression: {error}.") from None
    if _NESTED_REPEAT.search(pattern):
        raise ValueError("A repeated group inside a repeat, like (a+)+, can hang the server; simplify it.")
    if compiled.search(""):
        raise ValueError("The regular expression matches empty text, so it would match every message.")


@lru_cache(maxsize=1024)
def _compiled(pattern, is_regex):
    """(compiled rule, a literal any match contains or ""), or None when unusable."""
    try:
        validate_watched_pattern(pattern, is_regex)
    except ValueError:
        return None
    if is_regex:
        return re.compile(pattern, re.IGNORECASE), ""
    words = normalise(pattern).words.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"), words[0]


def _action(rule):
    try:
        return WatchedAction(rule.action)
    except ValueError:
        # A row with an unknown action still deserves a moderator's look.
        return WatchedAction.FLAG


def find_watched(norm, rules):
    """[(original start, end, pattern)] and the strongest action, or ([], None)."""
    found, strongest = [], None
    for rule in rules:
        compiled = _compiled(rule.pattern, bool(rule.is_regex))
        if compiled is None:
            continue
        compiled, literal = compiled
        text, to_original = (norm.plain, norm.plain_span) if rule.is_regex else (norm.words, norm.words_span)
        if literal not in text:  # a cheap no for most words on most texts
            continue
        matches = [to_original(*match.span()) + (rule.pattern,) for match in compiled.finditer(text) if match.group()]
        if matches:
            found += matches
            action = _action(rule)
            if strongest is None or action.strength > strongest.strength:
                strongest = action
    return found, strongest
