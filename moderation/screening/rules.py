"""A rule is a compiled pattern, what a match means, and literals that gate it.

Python's `re` scans fast only when a pattern starts with a plain literal;
the rules here start with alternations and look-behinds, and scanning a
2,000-character text with each of them would cost milliseconds. So every
rule names `anchors`: literals of which at least one occurs inside any match
(a test holds this). The scanner finds the anchors with `str.find` and runs
the pattern only over a window around each one.
"""

import re
from dataclasses import dataclass, field

# How far a match may reach on either side of its anchor, unless a rule says more.
REACH = 90
# Past this many sightings of one anchor, scanning the whole text is cheaper.
_MAX_SIGHTINGS = 64
_LONGEST_ANCHOR = 32
_EVERYWHERE = [-1]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern
    anchors: tuple
    weight: int = 0
    checks: tuple = ()
    action: bool = False  # a verb that an intent ("going to") makes a plan
    reach: int = REACH
    branches: tuple = ()  # (compiled branch, starts at a word boundary)


def _top_level_branches(pattern):
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if pattern[i + 1:i + 2] in ("]", "^") else 0
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return branches + [pattern[start:]]


def _compile_branches(pattern):
    """Each top-level branch on its own, a leading \\b checked by `scan` instead.

    sre skips ahead fast only when a pattern starts with a literal or a flat
    group of literals; a leading \\b or an alternation of groups makes it try
    every branch at every character, several times slower.
    """
    compiled = []
    for branch in _top_level_branches(pattern):
        at_word = branch.startswith("\\b")
        compiled.append((re.compile(branch[2:] if at_word else branch), at_word))
    return tuple(compiled)


def rule(name, kind, anchors, pattern, *, weight=0, checks=(), action=False, reach=REACH):
    return Rule(name, kind, re.compile(pattern), tuple(anchors), weight, tuple(checks), action, reach,
                _compile_branches(pattern))


class Sightings:
    """Where each anchor occurs in one text, found once however many rules share it."""

    __slots__ = ("text", "_found")

    def __init__(self, text):
        self.text = text
        self._found = {}

    def of(self, anchor):
        found = self._found.get(anchor)
        if found is None:
            found, at = [], self.text.find(anchor)
            while at != -1:
                if len(found) == _MAX_SIGHTINGS:
                    found = _EVERYWHERE
                    break
                found.append(at)
                at = self.text.find(anchor, at + 1)
            self._found[anchor] = found
        return found


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int
    end: int
    match: re.Match = field(compare=False, repr=False)

    @property
    def kind(self):
        return self.rule.kind


def _windows(sightings, rule_):
    at_all = []
    for anchor in rule_.anchors:
        found = sightings.of(anchor)
        if found is _EVERYWHERE:
            return [(0, len(sightings.text))]
        at_all += found
    if not at_all:
        return ()
    at_all.sort()
    windows, end, reach = [], len(sightings.text), rule_.reach
    for at in at_all:
        lo, hi = max(0, at - reach), min(end, at + reach + _LONGEST_ANCHOR)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _matches(text, branch, at_word, lo, hi):
    pos = lo
    while True:
        match = branch.search(text, pos, hi)
        if match is None:
            return
        start = match.start()
        if at_word and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)


def scan(text, rules, ctx=None, sightings=None):
    """Every match of every rule whose checks all pass (`check(ctx, hit)`)."""
    sightings = sightings or Sightings(text)
    hits = []
    for rule_ in rules:
        windows = _windows(sightings, rule_)
        for branch, at_word in rule_.branches if windows else ():
            for lo, hi in windows:
                for match in _matches(text, branch, at_word, lo, hi):
                    hit = Hit(rule_, match.start(), match.end(), match)
                    if all(check(ctx, hit) for check in rule_.checks):
                        hits.append(hit)
    return hits


def full_scan(text, rules):
    """Matches of every branch over the whole text, without checks; for tests."""
    return [
        (r.name, m.span())
        for r in rules
        for branch, at_word in r.branches
        for m in _matches(text, branch, at_word, 0, len(text))
    ]
