"""Fold text into the forms the rules read, remembering where each piece came from.

`plain` is the text with Unicode folded: compatibility forms (full-width,
mathematical letters, ligatures, circled digits) as NFKC would, accents
dropped, invisible and direction-control characters removed, common
Cyrillic and Greek look-alike letters mapped to Latin, any script's decimal
digits made ASCII, curly quotes and dashes made plain, and everything lower
case. Contact rules and watched regexes read it, so e-mail addresses,
handles and numbers survive intact.

`words` is `plain` with leetspeak undone inside words ("d1e" -> "die"),
spaced-out letters joined ("k i l l" -> "kill") and any letter repeated three
or more times cut to two ("killlll" -> "kill", "soooo" -> "soo"). Crisis rules
and watched words read it.

Both forms keep a record of every replacement that changed the length, so an
offset into either maps back to the original text for highlighting.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u02bc": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u2043": "-",
}
# Letters from other scripts that are drawn like Latin ones, used to slip
# words past filters ("kіll" with a Cyrillic i). Genuine Russian or Greek
# text becomes gibberish here, which no English rule matches anyway.
_CONFUSABLES = dict(zip(
    "аеорсухіјѕԁһӏкԛԝαειкνορτυχıɑɡ",
    "aeopcyxijsdhlkqwaeikvoptuxiag",
))
# Blank-looking characters that are letters or symbols by category.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_DROPPED = frozenset({"Mn", "Me", "Cf", "Cc", "Cs", "Co", "Cn"})
# A character that folds into something long (Arabic ligatures) carries no
# English word; keeping it as is stops a short hostile input from ballooning.
_MAX_EXPANSION = 4


@lru_cache(maxsize=4096)
def _fold_char(ch):
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    category = unicodedata.category(ch)
    if category[0] == "Z":
        return "\n" if category in ("Zl", "Zp") else " "
    if ch in _INVISIBLE or category in _DROPPED:
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    folded = []
    for part in unicodedata.normalize("NFKD", ch).casefold():
        part = _CONFUSABLES.get(part, part)
        part_category = unicodedata.category(part)
        if part_category == "Nd":
            folded.append(str(unicodedata.decimal(part)))
        elif part_category not in _DROPPED:
            folded.append(part)
    result = "".join(folded)
    return ch if len(result) > _MAX_EXPANSION else result


class _Edits:
    """The length-changing replacements of one rewrite, to map offsets back."""

    __slots__ = ("_starts", "_edits")

    def __init__(self, edits):
        self._edits = edits  # (new_start, new_end, old_start, old_end), in order
        self._starts = [edit[0] for edit in edits]

    def start(self, pos):
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        _, new_end, old_start, old_end = self._edits[i]
        return old_start if pos < new_end else old_end + pos - new_end

    def end(self, pos):
        i = bisect_left(self._starts, pos) - 1
        if i < 0:
            return pos
        _, new_end, _, old_end = self._edits[i]
        return old_end if pos <= new_end else old_end + pos - new_end


def _rewrite(text, pattern, replace):
    """Apply `replace(match)` to every match; return (new text, _Edits or None)."""
    pieces, edits, last, shift = [], [], 0, 0
    for match in pattern.finditer(text):
        old_start, old_end = match.span()
        new = replace(match)
        if new == match.group():
            continue
        pieces += (text[last:old_start], new)
        if len(new) != old_end - old_start:
            new_start = old_start + shift
            edits.append((new_start, new_start + len(new), old_start, old_end))
            shift += len(new) - (old_end - old_start)
        last = old_end
    if not pieces:
        return text, None
    pieces.append(text[last:])
    return "".join(pieces), (_Edits(edits) if edits else None)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(text):
    if text.isascii():
        return text.lower(), None
    folded, edits = _rewrite(text, _NON_ASCII, lambda match: _fold_char(match.group()))
    lowered = folded.lower()
    if len(lowered) != len(folded):
        # A few characters lower-case into two; offsets must stay exact.
        lowered = folded.translate(_ASCII_LOWER)
    return lowered, edits


_LEET_CHAR = re.compile(r"[431057@$!|]")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!|")
_LEET_TABLE = str.maketrans("431057@$", "aeiostas")
_HAS_LETTER = re.compile(r"[a-z]")
# Numbers with a unit or suffix are not disguised words: "3am", "5th", "20mg".
_NUMBER_WITH_UNIT = re.compile(
    r"\$?\d+(?:st|nd|rd|th|am|pm|s|k|m|mg|ml|g|kg|lbs?|h|hrs?|mins?|x|yo|yrs?|ft|cm|km|mi|gb|mb|p|d)"
)
_BANG_INSIDE_WORD = re.compile(r"(?<=[a-z])[!|](?=[a-z])")


def _token_bounds(text, i):
    start = i
    while start > 0 and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    end = i + 1
    while end < len(text) and text[end] in _TOKEN_CHARS:
        end += 1
    return start, end


def _unleet_token(token):
    if not _HAS_LETTER.search(token) or _NUMBER_WITH_UNIT.fullmatch(token):
        return token
    return _BANG_INSIDE_WORD.sub("i", token.translate(_LEET_TABLE))


def _undo_leet(text):
    """Same length in, same length out, so no offsets move."""
    chars, done_until = None, -1
    for match in _LEET_CHAR.finditer(text):
        if match.start() < done_until:
            continue
        start, done_until = _token_bounds(text, match.start())
        token = text[start:done_until]
        new = _unleet_token(token)
        if new != token:
            chars = chars if chars is not None else list(text)
            chars[start:done_until] = new
    return "".join(chars) if chars is not None else text


_SPREAD = re.compile(r"(?<![a-z])[a-z](?:[ ._*\-]{1,2}[a-z]){2,}(?![a-z])|([a-z])\1\1+")
# Cheap tests that must pass before `_SPREAD` can match: two single letters
# in a row ("k i l l"), or a letter three times.
_SPREAD_HINT = re.compile(r"[ ._*\-][a-z][ ._*\-]{1,2}[a-z](?![a-z])")
_REPEATS = re.compile(r"([a-z])\1\1+")
_SEPARATORS = re.compile(r"[ ._*\-]+")


def _squeeze(match):
    if match.group(1):
        return match.group(1) * 2
    return _REPEATS.sub(r"\1\1", _SEPARATORS.sub("", match.group()))


def _unspread(text):
    if not (_REPEATS.search(text) or _SPREAD_HINT.search(text) or _SPREAD.match(text)):
        return text, None
    return _rewrite(text, _SPREAD, _squeeze)


def _map_back(layers, start, end):
    for layer in reversed(layers):
        start, end = layer.start(start), layer.end(end)
    return start, end


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    plain: str
    words: str
    plain_layers: tuple
    words_layers: tuple

    def plain_span(self, start, end):
        """Original (start, end) of `plain[start:end]`."""
        return _map_back(self.plain_layers, start, end)

    def words_span(self, start, end):
        """Original (start, end) of `words[start:end]`."""
        return _map_back(self.words_layers, start, end)


# Rules and their anchors assume one space between words.
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")


def _squeeze_spaces(text):
    if "  " not in text and "\t" not in text and "\r" not in text and "\f" not in text and "\v" not in text:
        return text, None
    return _rewrite(text, _SPACES, lambda match: " ")


def normalise(text):
    folded, fold_edits = _fold(text)
    plain, space_edits = _squeeze_spaces(folded)
    plain_layers = tuple(layer for layer in (fold_edits, space_edits) if layer)
    words, squeeze_edits = _unspread(_undo_leet(plain))
    words_layers = plain_layers + ((squeeze_edits,) if squeeze_edits else ())
    return Normalised(text, plain, words, plain_layers, words_layers)
