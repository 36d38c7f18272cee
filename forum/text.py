"""Cleaning what members type, before it is checked, screened or stored."""
import re
import unicodedata

# Bidi embedding/override/isolate controls can make text display in an
# order other than the one it is stored in (spoofed links, hidden words).
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Invisible characters used to dodge word filters. The zero-width joiner is
# kept where it joins emoji (family and skin-tone sequences), dropped elsewhere.
_INVISIBLE = "\u200b\u200c\u2060\ufeff\u180e\u00ad"
_STRIP = str.maketrans("", "", _BIDI_CONTROLS + _INVISIBLE)
_LONE_ZWJ = re.compile(r"(?<=[\w\s\u0000-\u007f])\u200d|\u200d(?=[\w\s\u0000-\u007f])")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


def clean_text(value, *, multiline=True):
    """NFC-normalise and drop invisible, bidi-control and control characters.

    Newlines and tabs stay in multi-line text; a one-line value (a title)
    has its whitespace collapsed to single spaces.
    """
    text = unicodedata.normalize("NFC", value or "").translate(_STRIP)
    text = _LONE_ZWJ.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
