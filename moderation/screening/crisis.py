"""Crisis: self-harm and danger, each rated imminent, concern or nothing.

Both read the `words` form. A rule's checks drop what is negated, told as
long past, or said about someone else; the module's `level` then weighs what
is left. Offsets in the findings are `words` offsets.
"""

from dataclasses import dataclass

from . import danger, self_harm
from .result import Risk
from .rules import RuleSet, scan


@dataclass(frozen=True, slots=True)
class Finding:
    risk: Risk
    spans: tuple  # (start, end, rule name) in `words` offsets


def _split(module):
    """Rules that decide on their own, and rules (`module.LATE`) that only add to other hits."""
    early = RuleSet(rule for rule in module.RULES if rule.kind not in module.LATE)
    late = RuleSet(rule for rule in module.RULES if rule.kind in module.LATE)
    return early, late


_SPLITS = {module: _split(module) for module in (self_harm, danger)}


def _assess(ctx, module, prefix):
    early, late = _SPLITS[module]
    hits = scan(ctx.text, early, ctx, ctx.sightings)
    if hits:
        hits += scan(ctx.text, late, ctx, ctx.sightings)
    risk, hits = module.level(ctx, hits)
    return Finding(risk, tuple((hit.start, hit.end, f"{prefix}.{hit.rule.name}") for hit in hits))


def assess_self_harm(ctx):
    return _assess(ctx, self_harm, "self_harm")


def assess_danger(ctx):
    return _assess(ctx, danger, "danger")


_ORDER = (Risk.NONE, Risk.CONCERN, Risk.IMMINENT)


def worst(*risks):
    return max(risks, key=_ORDER.index)


def rule_marks(ctx, findings=None):
    """The phrase rules' findings as (offset, feature) marks for the learned model (features.read).

    The rules are precise on the phrasings they know; the model learns how
    far to trust each of them, and judges alone what none of them knows.
    `findings` are (self-harm, danger) Findings already made for `ctx`.
    """
    marks = []
    for prefix, finding in zip(("sh", "dg"), findings or (assess_self_harm(ctx), assess_danger(ctx))):
        if finding.risk != Risk.NONE and finding.spans:
            marks.append((finding.spans[0][0], f"r:{prefix}:{finding.risk}"))
        marks += [(start, f"r:{rule}") for start, _end, rule in finding.spans]
    return marks
