"""Crisis: self-harm and danger, each rated imminent, concern or nothing.

Both read the `words` form. A rule's checks drop what is negated, told as
long past, or said about someone else; the module's `level` then weighs what
is left. Offsets in the findings are `words` offsets.
"""

from dataclasses import dataclass

from . import danger, self_harm
from .result import Risk
from .rules import scan


@dataclass(frozen=True, slots=True)
class Finding:
    risk: Risk
    spans: tuple  # (start, end, rule name) in `words` offsets


def _assess(ctx, module, prefix):
    risk, hits = module.level(ctx, scan(ctx.text, module.RULES, ctx, ctx.sightings))
    return Finding(risk, tuple((hit.start, hit.end, f"{prefix}.{hit.rule.name}") for hit in hits))


def assess_self_harm(ctx):
    return _assess(ctx, self_harm, "self_harm")


def assess_danger(ctx):
    return _assess(ctx, danger, "danger")


_ORDER = (Risk.NONE, Risk.CONCERN, Risk.IMMINENT)


def worst(*risks):
    return max(risks, key=_ORDER.index)
