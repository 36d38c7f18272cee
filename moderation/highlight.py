from django.utils.html import escape
from django.utils.safestring import mark_safe


def highlight(text, spans):
    """The text, escaped, with each matched span in <mark> naming its category."""
    pieces, cursor = [], 0
    for start, end, category, rule in sorted((tuple(span) for span in spans), key=lambda s: (s[0], -s[1])):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f'<mark class="{escape(category)}" title="{escape(category)}: {escape(rule)}">{escape(text[start:end])}</mark>')
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))
