"""Rules: a compiled pattern, what a match means, and the literals that gate it.

Scanning a 2,000-character text with each of ~120 patterns would cost
milliseconds in Python's `re`, since few of them start with a plain
literal. So every rule names `anchors`: literals of which at least one
occurs in or right beside any match (a test holds this). The scanner looks
for the anchors and runs the pattern only over a short window around each.

Even looking for ~900 anchors with `str.find` is slow, so each anchor also
has a key that a text holding it must have: for "call me" the word pair
"call me", for one word the first four letters of its longest word (three
if shorter; the last word may be cut short: "kid" for "kids"). A text's
keys are collected once, and only anchors whose key it has are looked for.
The anchor's first word is taken to start a word in the text; an anchor
that may begin inside a word ("self" in "myself") is written with a leading
"*" and is always looked for.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

# How far a match may reach before and after its anchor, unless a rule says
# more. Most rules start at or near their anchor; the longest reaches seen in
# the test texts are about 35 characters.
BEFORE = 40
AFTER = 45
# Past this many sightings of one anchor, scanning the whole text is cheaper.
_MAX_SIGHTINGS = 64
# `re` treats a window's end as the end of the text, so a pattern looking for
# "then the sentence ends" could match at a cut: windows end after a pause or
# a word, a little past their reach.
_PAUSE = re.compile(r"[.!?,;:\n]|\s")
_PAUSE_REACH = 20
_EVERYWHERE = (-1,)

_WORD = re.compile(r"[a-z0-9']+")
# First words of every anchor keyed by a word pair: only pairs starting with
# one of these are worth collecting from a text.
_PAIR_STARTS = set()
_WORDS = re.compile(r"[a-z0-9][a-z0-9']*(?: [a-z0-9']+)+")
_NOT_WORD = str.maketrans({chr(c): " " for c in range(128) if not _WORD.match(chr(c))})


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern
    anchors: tuple
    weight: int = 0
    checks: tuple = ()
    action: bool = False  # a verb that an intent ("going to") makes a plan
    before: int = BEFORE
    after: int = AFTER


def rule(name, kind, anchors, pattern, *, weight=0, checks=(), action=False, before=BEFORE, after=AFTER):
    return Rule(name, kind, re.compile(pattern), tuple(anchors), weight, tuple(checks), action, before, after)


def anchor_key(anchor):
    """(literal, key); key None means: always look for it."""
    if anchor.startswith("*"):
        return anchor[1:], None
    if _WORDS.fullmatch(anchor):
        first, second = anchor.split(" ")[:2]
        _PAIR_STARTS.add(first)
        return anchor, f"{first} {second[:3]}"
    words = _WORD.findall(anchor)
    if not words:
        return anchor, None
    longest = max(words, key=len)
    if len(longest) < 3 and len(words) > 1:
        # The last word may be cut short ("my ki"), so take a whole one.
        longest = max(words[:-1], key=len)
    return anchor, longest[:4] if len(longest) >= 4 else longest[:3]


def text_keys(text):
    """The keys of `text`: each word's first four and first three letters, and
    each pair of neighbouring words as "first sec" (the second cut to three)."""
    words = text.translate(_NOT_WORD).split()
    unique = set(words)
    keys = {word[:4] for word in unique}
    keys.update([word[:3] for word in unique])
    starts = _PAIR_STARTS
    keys.update([f"{first} {second[:3]}" for first, second in zip(words, words[1:]) if first in starts])
    return keys


class RuleSet:
    """Rules indexed by anchor key, so a text touches only the rules it may match."""

    def __init__(self, rules):
        self.rules = tuple(rules)
        self._by_key = {}
        self._unkeyed = []
        for index, rule_ in enumerate(self.rules):
            for literal, key in map(anchor_key, rule_.anchors):
                if key is None:
                    self._unkeyed.append((index, literal))
                else:
                    self._by_key.setdefault(key, []).append((index, literal))
        self._keys = frozenset(self._by_key)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self):
        return len(self.rules)

    def anchors_by_rule(self, keys):
        """{rule index: [literal, ...]} for the anchors a text with `keys` may hold."""
        found = {}
        for key in self._keys & keys:
            for index, literal in self._by_key[key]:
                found.setdefault(index, []).append(literal)
        for index, literal in self._unkeyed:
            found.setdefault(index, []).append(literal)
        return found


class Sightings:
    """Where each anchor occurs in one text, found once however many rules share it."""

    __slots__ = ("text", "keys", "_found")

    def __init__(self, text):
        self.text = text
        self.keys = text_keys(text)
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


class Hit(NamedTuple):
    rule: Rule
    start: int
    end: int
    match: re.Match

    @property
    def kind(self):
        return self.rule.kind


def _windows(sightings, rule_, anchors):
    spans = []
    for anchor in anchors:
        found = sightings.of(anchor)
        if found is _EVERYWHERE:
            return [(0, len(sightings.text))]
        spans += [(at, at + len(anchor)) for at in found]
    spans.sort()
    text = sightings.text
    windows, end, before, after = [], len(text), rule_.before, rule_.after
    for at, anchor_end in spans:
        lo, hi = max(0, at - before), anchor_end + after
        pause = _PAUSE.search(text, hi, hi + _PAUSE_REACH)
        hi = min(end, pause.end() if pause else hi + _PAUSE_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def candidates(text, rules, sightings=None):
    """[(rule, match)] for every match found near an anchor, before any check."""
    sightings = sightings or Sightings(text)
    found = []
    for index, anchors in sorted(rules.anchors_by_rule(sightings.keys).items()):
        rule_ = rules.rules[index]
        finditer = rule_.pattern.finditer
        for lo, hi in _windows(sightings, rule_, anchors):
            found += [(rule_, match) for match in finditer(text, lo, hi)]
    return found


def _passes(ctx, hit):
    for check in hit.rule.checks:
        if not check(ctx, hit):
            return False
    return True


def scan(text, rules, ctx=None, sightings=None):
    """Every match of every rule whose checks all pass (`check(ctx, hit)`)."""
    hits = (Hit(rule_, match.start(), match.end(), match) for rule_, match in candidates(text, rules, sightings))
    return [hit for hit in hits if _passes(ctx, hit)]


def full_scan(text, rules):
    """Matches of every rule over the whole text, without checks; for tests."""
    return [(rule_.name, match.span()) for rule_ in rules for match in rule_.pattern.finditer(text)]
