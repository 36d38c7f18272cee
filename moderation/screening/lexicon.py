"""Typo tolerance: a misspelt concept word is read as the word it stands for.

"kil myslef tonihgt" has no word a vocabulary lists. A word that is neither
known English or Spanish (pyspellchecker's word lists, shipped inside the
package) nor a vocabulary word is compared with every word of the concept
vocabularies (concepts.py); one edit away (a letter dropped, added, changed,
or two swapped) it is read as that word. Known words are never changed, so
"fridge" never becomes "bridge".

The deletion index (as in SymSpell) makes a lookup a handful of dictionary
reads: a word and the vocabulary word it stands for share a form with at
most one letter deleted from each.
"""

from functools import lru_cache

from .concepts import vocabulary

# Shorter words are too easy to mistake ("bus" and "but"), except as a letter
# dropped from a longer vocabulary word ("kil" for "kill").
_MIN_TYPO_LENGTH = 4
# Words at least this common in the word lists count as known.
_KNOWN_FREQUENCY = 5


def _deletions(word):
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=1)
def _known_words():
    from spellchecker import SpellChecker

    known = set()
    for language in ("en", "es"):
        frequencies = SpellChecker(language=language, distance=1).word_frequency.dictionary
        known.update(word for word, count in frequencies.items() if count >= _KNOWN_FREQUENCY)
    return frozenset(known)


@lru_cache(maxsize=1)
def _index():
    targets = {word for phrase in vocabulary() for word in phrase if len(word) >= _MIN_TYPO_LENGTH and word.isalpha()}
    index = {}
    for word in sorted(targets):
        for form in {word} | _deletions(word):
            index.setdefault(form, word)
    return frozenset(targets), index


@lru_cache(maxsize=65536)
def _correct(word):
    targets, index = _index()
    if word in targets or not word.isalpha() or len(word) < _MIN_TYPO_LENGTH - 1 or word in _known_words():
        return word
    if len(word) < _MIN_TYPO_LENGTH:
        found = index.get(word)
        return found if found and len(found) == len(word) + 1 else word
    for form in [word, *sorted(_deletions(word))]:
        found = index.get(form)
        if found and abs(len(found) - len(word)) <= 1:
            return found
    return word


def corrector():
    """The function that maps a word to the vocabulary word it misspells, or to itself."""
    return _correct


def warm():
    """Load the word lists now rather than on the first message."""
    _known_words()
    _index()
