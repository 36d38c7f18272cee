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

# No rule matches more than this many characters on either side of an anchor.
REACH = 160
# Past this many anchor sightings, scanning the whole text is cheaper.
_MAX_SIGHTINGS = 64
_LONGEST_ANCHOR = 32


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern
    anchors: tuple
    weight: int = 0
    checks: tuple = ()
    action: bool = False  # a verb that an intent ("going to") makes a plan


def rule(name, kind, anchors, pattern, *, weight=0, checks=(), action=False):
    return Rule(name, kind, re.compile(pattern), tuple(anchors), weight, tuple(checks), action)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int
    end: int
    match: re.Match = field(compare=False, repr=False)

    @property
    def kind(self):
        return self.rule.kind


def _windows(text, anchors):
    sightings = []
    for anchor in anchors:
        at = text.find(anchor)
        while at != -1:
            sightings.append(at)
            if len(sightings) > _MAX_SIGHTINGS:
                return [(0, len(text))]
            at = text.find(anchor, at + 1)
    sightings.sort()
    windows = []
    for at in sightings:
        lo, hi = max(0, at - REACH), min(len(text), at + REACH + _LONGEST_ANCHOR)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def scan(text, rules, ctx=None):
    """Every match of every rule whose checks all pass (`check(ctx, hit)`)."""
    hits = []
    for rule_ in rules:
        for lo, hi in _windows(text, rule_.anchors):
            for match in rule_.pattern.finditer(text, lo, hi):
                hit = Hit(rule_, match.start(), match.end(), match)
                if all(check(ctx, hit) for check in rule_.checks):
                    hits.append(hit)
    return hits


def full_scan(text, rules):
    """Matches without windows or checks; tests compare it with `scan`."""
    return [(r.name, m.span()) for r in rules for m in r.pattern.finditer(text)]
