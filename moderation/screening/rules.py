"""A rule is a compiled pattern, what a match means, and literals that gate it.

Python's `re` scans fast only when a pattern starts with a plain literal;
the rules here start with alternations, and scanning a 2,000-character text
with each of them would cost milliseconds. So every rule names `anchors`:
literals of which at least one occurs in or right beside any match (a test
holds this). The scanner finds the anchors and runs the pattern only over a
window around each one.

Finding ~900 anchors with `str.find` is itself slow, so each anchor also has
a key: the first three characters of its longest word that starts a word.
A text's keys are collected once; an anchor whose key is missing cannot
occur and is not searched. An anchor that may begin inside a word ("self"
in "myself") is written with a leading "*" and is always searched.
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
    keyed: tuple = ()  # (anchor, key or None)
    keys: frozenset = frozenset()  # every key, for a one-step test that the rule may match
    always: bool = False  # some anchor has no key and is always searched


_TOKEN = re.compile(r"[a-z0-9']+")
_NOT_TOKEN = str.maketrans({chr(c): " " for c in range(128) if not re.match(r"[a-z0-9']", chr(c))})


def _anchor_key(anchor):
    if anchor.startswith("*"):
        return anchor[1:], None
    words = _TOKEN.findall(anchor)
    if not words:
        return anchor, None
    # The anchor's first word is taken to start a word in the text (tests check
    # it on every known match). Its last word may be cut short ("pill" for
    # "pills"), so a word under three letters is best taken from elsewhere.
    longest = max(words, key=len)
    if len(longest) < 3 and len(words) > 1:
        longest = max(words[:-1], key=len)
    return anchor, longest[:3]


def text_keys(text):
    """The keys of every word in `text`: what anchors are gated on. Keys shorter
    than three letters are whole short words ("ig", "my")."""
    return {word[:3] for word in text.translate(_NOT_TOKEN).split()}


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
    keyed = tuple(_anchor_key(anchor) for anchor in anchors)
    keys = frozenset(key for _, key in keyed if key is not None)
    always = any(key is None for _, key in keyed)
    return Rule(name, kind, re.compile(pattern), tuple(anchor for anchor, _ in keyed), weight, tuple(checks),
                action, reach, _compile_branches(pattern), keyed, keys, always)


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
    keys = sightings.keys
    if not rule_.always and keys.isdisjoint(rule_.keys):
        return ()
    at_all = []
    for anchor, key in rule_.keyed:
        if key is not None and key not in keys:
            continue
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


def candidates(text, rules, sightings=None):
    """(rule, match) for every match found near an anchor, before any check."""
    sightings = sightings or Sightings(text)
    for rule_ in rules:
        windows = _windows(sightings, rule_)
        for branch, at_word in rule_.branches if windows else ():
            for lo, hi in windows:
                for match in _matches(text, branch, at_word, lo, hi):
                    yield rule_, match


def scan(text, rules, ctx=None, sightings=None):
    """Every match of every rule whose checks all pass (`check(ctx, hit)`)."""
    hits = []
    for rule_, match in candidates(text, rules, sightings):
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
