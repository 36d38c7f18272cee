"""Crisis and contact as the learned model reads them, with the reasons a person can check.

The model (model.py) says how strongly, and the phrase rules (self_harm.py,
danger.py) read beside it: the stronger of the two readings stands, since a
missed crisis is the worst failure. The reasons are what a moderator
and crisis staff see highlighted: the concepts of the deciding sentences
that pushed toward the verdict (a means, a time, someone at the door), and
the phrase rules that matched there. See docs/screening.md.
"""

import re
from dataclasses import dataclass

from . import model as learned
from .crisis import assess_danger, assess_self_harm, rule_marks, worst
from .features import read
from .result import Category, Risk

_CATEGORY = {"self_harm": Category.SELF_HARM, "danger": Category.DANGER}
# Concepts that say who or when rather than what: shown only beside a concept that says what.
_CONTEXT_ONLY = frozenset({"P_SELF", "DG_HE"})
_MAX_REASONS = 6


@dataclass(frozen=True, slots=True)
class Verdict:
    risks: dict  # head -> Risk
    contact: tuple | None  # (start, end) in `words` offsets of what read as contact, for the model alone
    spans: tuple  # (start, end, category, rule) in `words` offsets


def _reasons(head, reading, sentences, rule_spans):
    """(start, end, category, rule) for what made this head's reading, in `words` offsets."""
    chosen = sentences[reading.first:reading.last]
    low, high = chosen[0].start, chosen[-1].end
    fitted = learned.load()
    level = reading.level if head != "contact" else 0
    pushed = [hit for sentence in chosen for hit in sentence.hits
              if hit.concept not in _CONTEXT_ONLY and fitted.weight(f"k:{hit.concept}", head, level) > 0]
    pushed.sort(key=lambda hit: -fitted.weight(f"k:{hit.concept}", head, level))
    category = _CATEGORY[head]
    found = [(hit.start, hit.end, category, f"{head}.{hit.concept.split('_', 1)[1].lower()}") for hit in pushed[:_MAX_REASONS]]
    found += [(start, end, category, rule) for start, end, rule in rule_spans if low <= start < high]
    return found or [(low, high, category, f"{head}.model")]


# Markup is not what anyone reads (posts are rendered without it), so its words must not count:
# blanked, same length, so offsets still point into the text.
_MARKUP = re.compile(r"<[a-z/!][^<>]{0,400}>")


def _without_markup(text):
    return _MARKUP.sub(lambda match: " " * len(match.group()), text) if "<" in text else text


def judge(ctx):
    """The Verdict for a `words` Context (context.py)."""
    findings = assess_self_harm(ctx), assess_danger(ctx)
    sentences, bridges = read(_without_markup(ctx.text), rule_marks(ctx, findings))
    if not sentences:
        return Verdict({"self_harm": Risk.NONE, "danger": Risk.NONE}, None, ())
    readings = learned.load().read(sentences, bridges)
    risks, spans = {}, []
    for head, finding in zip(("self_harm", "danger"), findings):
        reading = readings[head]
        # Recall first: the phrase rules are a second, independent reader, and the stronger reading stands.
        risks[head] = worst(learned.LEVELS[reading.level], finding.risk)
        if reading.level:
            spans += _reasons(head, reading, sentences, finding.spans)
        elif finding.risk != Risk.NONE:
            spans += [(start, end, _CATEGORY[head], rule) for start, end, rule in finding.spans]
    contact = readings["contact"]
    where = (sentences[contact.first].start, sentences[contact.last - 1].end) if contact.level else None
    return Verdict(risks, where, tuple(spans))
