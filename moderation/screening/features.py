"""What the crisis model reads: words, letter groups and concepts, sentence by sentence.

`read(words_text)` splits the `words` form (normalise.py) into sentences and
gives each one its features as a list of strings. Features are counted, so a
message's features are the sum of its sentences' plus those of each pair of
neighbouring sentences; model.py relies on that to score any run of
sentences without reading it again.

Feature families (docs/screening.md):

- `w:` words and `b:` word pairs: what was said;
- `c:` letter groups of three to five inside each word: misspellings and
  slang share most of them with the word they stand for;
- `k:` concepts (concepts.py) found in the sentence, each also marked with
  what may cancel it in that sentence: `~neg` (a negation just before it),
  `~past` (told as over), `~other` (about someone else, not the writer),
  `~x` (figurative, media, education, hotline talk or advice);
- `s:` the sentence's concepts in order, two and three at a time;
- `p:` two concepts in one sentence, `q:` in neighbouring sentences: "means"
  with "now", "exploiter" with "present" whatever the words were.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .concepts import vocabulary
from .lexicon import corrector

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_SENTENCE_END = re.compile(r"[.!?;\n]+")
# Concepts that change how others read rather than being a situation themselves.
_CANCELLERS = {"X_NEG": "neg", "T_PAST": "past", "T_RECOVERED": "past", "P_OTHER": "other", "X_FIGURATIVE": "x",
               "X_MEDIA": "x", "X_EDU": "x", "X_HOTLINE": "x", "X_ADVICE": "x"}
_NEGATION_REACH = 3
_CONTEXT_ONLY = frozenset({"P_SELF", "T_NOW", "DG_HE"})
# Past this many words, a "sentence" with no full stop is read in pieces, so a
# run-on post still has sentences of a size the model learnt on.
_MAX_SENTENCE_WORDS = 40
CHAR_SIZES = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class Hit:
    concept: str
    first: int  # token index of the first word
    last: int  # token index after the last word
    start: int  # offsets in the `words` text
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: tuple  # their `w:` and `c:` features are word_features(words), summed per word by model.py
    features: tuple  # every other feature
    hits: tuple


@lru_cache(maxsize=1)
def _vocabulary():
    """(terms, {first word: longest term starting with it})."""
    table = vocabulary()
    starts = {}
    for words in table:
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return table, starts


def tokens(text):
    """[(word without apostrophes, start, end)] of the `words` form."""
    fix = corrector()
    if "'" in text:
        return [(fix(match.group().replace("'", "")), *match.span()) for match in _TOKEN.finditer(text)]
    return [(fix(match.group()), *match.span()) for match in _TOKEN.finditer(text)]


def _hits(toks, words):
    table, starts = _vocabulary()
    found = []
    for i, word in enumerate(words):
        longest = starts.get(word)
        if not longest:
            continue
        for size in range(min(longest, len(words) - i), 0, -1):
            for concept in table.get(words[i:i + size], ()):
                found.append(Hit(concept, i, i + size, toks[i][1], toks[i + size - 1][2]))
    return found


def _concept_features(hits):
    """(features, the concepts that are situations, the sentence's framing marks) of a sentence's hits."""
    situations, sentence_marks, negations = [], set(), []
    for hit in hits:
        mark = _CANCELLERS.get(hit.concept)
        if mark is None:
            situations.append(hit)
        else:
            sentence_marks.add(mark)
            if mark == "neg":
                negations.append(hit.first)
    if "other" in sentence_marks and _speaks(hits):
        sentence_marks.discard("other")
    framing = sentence_marks - {"neg"}
    # Who and when say nothing alone ("I", "now"): they count only beside what the sentence is about.
    features = [f"k:{hit.concept}" for hit in hits if hit.concept not in _CONTEXT_ONLY]
    for hit in situations:
        # A negation counts for what follows it closely ("not going to"), not for the whole sentence.
        negated = negations and any(0 < hit.first - first <= _NEGATION_REACH for first in negations)
        features += [f"k:{hit.concept}~{mark}" for mark in (framing | {"neg"} if negated else framing)]
    order = [hit.concept for hit in sorted(situations, key=lambda hit: hit.first)]
    features += [f"s:{a} {b}" for a, b in zip(order, order[1:]) if _about(a, b)]
    features += [f"s:{a} {b} {c}" for a, b, c in zip(order, order[1:], order[2:]) if _about(a, b, c)]
    return features, sorted({hit.concept for hit in situations}), framing


def _speaks(hits):
    """Whether the writer is a subject here: an "I" or "my" that is not part of "my sister" or "my friend"."""
    others = [(hit.first, hit.last) for hit in hits if hit.concept == "P_OTHER"]
    return any(hit.concept == "P_SELF" and not any(first <= hit.first and hit.last <= last for first, last in others)
               for hit in hits)


def _carried(situations, marks, own, speaks):
    """`k:CONCEPT~mark^`: what the sentence before framed ("Two years ago." / "My sister called.") still frames
    this one, but less surely than its own words would; "I" in this one takes it back from someone else."""
    carried = marks - own - ({"other"} if speaks else set())
    return [f"k:{concept}~{mark}^" for concept in situations if concept not in _CONTEXT_ONLY for mark in carried]


def _about(*concepts):
    return not _CONTEXT_ONLY.issuperset(concepts)


def _pairs(prefix, left, right):
    return [f"{prefix}:{a}+{b}" for a in left for b in right
            if a < b and (a not in _CONTEXT_ONLY or b not in _CONTEXT_ONLY)]


@lru_cache(maxsize=65536)
def word_features(word):
    """The features of one word on its own: the word and its letter groups."""
    if len(word) < 3:
        return (f"w:{word}",)
    padded = f" {word} "
    return (f"w:{word}", *(f"c:{padded[i:i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)))


def _spans(text):
    """(start, end) of each sentence, long run-ons cut every _MAX_SENTENCE_WORDS words."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _by_sentence(text):
    """[(start, end, tokens)] per sentence; tokens never cross a sentence end, so the text is tokenised once."""
    toks = tokens(text)
    starts = [tok[1] for tok in toks]
    found, at = [], 0
    for start, end in _spans(text):
        first, at = at, bisect_left(starts, end, at)
        found.append((start, end, toks[first:at]))
    return found


def read(text, marks=()):
    """The sentences of a `words` text, each with its features and concept hits.

    `marks` are (offset, feature) pairs from elsewhere (the phrase rules'
    findings, rules.py), each counted in the sentence that holds its offset.
    """
    sentences, seen, before = [], set(), set()
    for _start, _end, toks in _by_sentence(text):
        said = tuple(tok[0] for tok in toks)
        if said in seen:  # a sentence said again adds nothing; counted twice, it would weigh twice
            continue
        seen.add(said)
        for first in range(0, len(toks), _MAX_SENTENCE_WORDS):
            part = toks[first:first + _MAX_SENTENCE_WORDS]
            words = said[first:first + _MAX_SENTENCE_WORDS]
            hits = _hits(part, words)
            # Most sentences name no concept: they are only their words and word pairs.
            concept_features, situations, marks_here = _concept_features(hits) if hits else ((), [], set())
            features = [f"b:{a} {b}" for a, b in zip(words, words[1:])]
            features += concept_features
            if before and situations:
                features += _carried(situations, before, marks_here, _speaks(hits))
            before = marks_here
            if len(situations) > 1:
                features += _pairs("p", situations, situations)
            low, high = part[0][1], part[-1][2]
            if marks:
                features += [feature for offset, feature in marks if low <= offset < high]
            sentences.append((Sentence(low, high, words, tuple(features), tuple(hits)), situations))
    return [sentence for sentence, _ in sentences], _bridges([situations for _, situations in sentences])


def _bridges(situations):
    """Features of each pair of neighbouring sentences: their concepts taken together."""
    return [tuple(_pairs("q", left, right) + _pairs("q", right, left)) for left, right in zip(situations, situations[1:])]


def message_features(text, marks=()):
    """Every feature of a whole `words` text, as the model is trained on it."""
    sentences, bridges = read(text, marks)
    features = [feature for sentence in sentences for word in sentence.words for feature in word_features(word)]
    features += [feature for sentence in sentences for feature in sentence.features]
    return features + [feature for bridge in bridges for feature in bridge]
