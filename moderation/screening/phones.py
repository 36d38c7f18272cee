"""Phone numbers, in digits or spelled out, except the help lines people share.

Reads the `plain` form, where digits from any script are already ASCII.
Matches are (start, end, rule) in `plain` offsets.
"""

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from .rules import RuleSet, rule, scan

# Numbers members share to help each other; never a contact attempt.
HELP_NUMBERS = (
    "988",  # US Suicide and Crisis Lifeline
    "911",
    "1-888-373-7888",  # US National Human Trafficking Hotline
    "233733",  # the same hotline by text
    "1-833-900-1010",  # Canadian Human Trafficking Hotline
    "1-800-273-8255",  # the old US lifeline number, still forwarded to 988
)

# Seven or more digits with the separators people type between them. It starts
# at a digit so `re` can skip ahead fast; a "+" or "(" before it is added back.
_DIGIT_RUN = re.compile(r"\d[\d \t().\-/]{5,}\d")
_LONGEST_NUMBER = 15
# A seven-digit local number counts only when the text talks about calling.
_CALL_WORDS = re.compile(r"\b(?:call|text|txt|number|cell|phone|reach|whatsapp|signal|telegram|digits|hmu|hit\s+me)\b")

_WORD_DIGITS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # Spanish, as the `plain` form writes it (no accents).
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6", "siete": "7",
    "ocho": "8", "nueve": "9",
}
_DIGIT_WORDS = tuple(_WORD_DIGITS)
_SPELLED_WORDS = r"zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
_NUMBER_WORD = r"(?:" + _SPELLED_WORDS + r"|double|triple|doble|\d{1,4})"
_SPELLED = rule(
    "spelled_phone", "phone", ("zero", " oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                               "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"),
    r"\b(?:" + _SPELLED_WORDS + r"|double|triple|doble)(?:[\s,.\-]+(?:y\s+)?" + _NUMBER_WORD
    + r"\b){2,20}",
)
# Digits typed before the first spelled one: "555 two zero one...".
_DIGITS_BEFORE = re.compile(r"(?:\d{1,4}[\s,.\-]+){1,6}$")


_SPELLED_SET = RuleSet((_SPELLED,))


def _digits(text):
    return "".join(ch for ch in text if ch.isdigit())


def _national(digits):
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


# One number as people write it; "1-800-799-7233 or text 88788" holds two.
_WRITTEN_NUMBER = re.compile(r"\+?\d(?:[\d \t().\-]*\d)?")


@lru_cache(maxsize=64)
def help_digits(extra=()):
    """Digit strings of the help lines, with any extra numbers the caller keeps
    (as admins type them: "Text HOME to 741741")."""
    return frozenset(
        _national(_digits(found))
        for written in HELP_NUMBERS + tuple(extra)
        for found in _WRITTEN_NUMBER.findall(str(written))
    )


def _spelled_digits(words):
    digits, repeat = [], 1
    for token in re.findall(r"[a-z]+|\d+", words):
        if token in ("double", "triple", "doble"):
            repeat = 3 if token == "triple" else 2
            continue
        if token == "y":  # "cinco y cinco": Spanish joins pairs of digits
            continue
        digits.append((_WORD_DIGITS.get(token) or token) * repeat)
        repeat = 1
    return "".join(digits)


def _spelled(text, helps, sightings):
    if sum(map(text.count, _DIGIT_WORDS)) < 3:
        return []
    found = []
    for hit in scan(text, _SPELLED_SET, sightings=sightings):
        before = _DIGITS_BEFORE.search(text, max(0, hit.start - 30), hit.start)
        start = before.start() if before else hit.start
        words = text[start:hit.end]
        digits = _spelled_digits(words)
        spelled_out = sum(1 for token in re.findall(r"[a-z]+", words) if token in _WORD_DIGITS)
        counting = digits in "0123456789" or digits in "9876543210"
        if spelled_out >= 3 and 7 <= len(digits) <= _LONGEST_NUMBER and not counting and _national(digits) not in helps:
            found.append((start, hit.end, "contact.phone_words"))
    return found


def _numeric(text, helps):
    found = []
    for run in _DIGIT_RUN.finditer(text):
        if not 7 <= len(_digits(run.group())) <= 2 * _LONGEST_NUMBER:
            continue
        start = run.start()
        while start > 0 and text[start - 1] in "+(" and run.start() - start < 2:
            start -= 1
        for match in PhoneNumberMatcher(text[start:run.end()], "US", leniency=Leniency.POSSIBLE):
            national = phonenumbers.national_significant_number(match.number)
            if national in helps or _national(_digits(match.raw_string)) in helps:
                continue
            if len(national) < 10 and not _CALL_WORDS.search(text):
                continue
            found.append((start + match.start, start + match.end, "contact.phone"))
    return found


def find_phones(text, help_numbers=(), sightings=None):
    helps = help_digits(tuple(help_numbers))
    return _numeric(text, helps) + _spelled(text, helps, sightings)
