"""Who a danger match is about and how it is said, read from the clause before it.

Danger patterns start at their rare keyword ("outside", "kill me", "my
sister") so the scanner can gate them cheaply; these checks then look back
a few words for the rest: someone arriving ("he's", "my pimp just pulled
up"), a threat's modal ("he'll", "threatened to"), or a trafficker named.
"""

import re

from .context import Gated, actor_subject

NAMED = r"(?:trafficker|pimp|abuser|exploiter|captor|handler|recruiter)"
# "my pimp", "the trafficker's friends"; not "a food handler".
OWNED_NAMED = r"\b(?:my|his|her|their|the|that|our|this)\s+(?:old\s+|ex[\s-]?|former\s+)?" + NAMED
# A trafficker named, or described: "the van that took me", "the guy who used to sell me".
_NAMED_NEARBY = re.compile(
    OWNED_NAMED + r"s?\b|\b(?:who|that|which)\s+(?:[\w']+\s+){0,3}?(?:took|sold|trafficked|pimped|kidnapped|hurt"
    r"|raped|abused|beat|owned|ran|controlled|bought|sell|traffic|pimp)\s+me\b"
)
_ACTOR = (
    r"\b(?:(?:my|the|his|her|their|that|our)\s+(?:old\s+|ex[\s-]?|former\s+)?" + NAMED
    + r"(?:'?s\s+(?:friends?|people|boys|guys|crew|brother|cousin|girl|bottom|men))?"
    r"|(?:his|their)\s+(?:people|boys|crew|friends?|guys|brother|cousin)"
    r"|(?:my|the|that)\s+(?:old\s+|ex[\s-]?|former\s+)?(?:ex|boyfriend|bf|husband|partner|man)"
    r"|he|she|they|someone|somebody|a\s+(?:man|guy|car|van)|the\s+(?:guy|man|men|car|van))"
    r"(?:\s+(?:that|who|which)\s+(?:[\w']+\s+){0,4}?\w+\s+me(?:\s+(?:before|back\s+then|once|then))?)?"
)
_ARRIVED = re.compile(
    _ACTOR + r"(?:'s|'re|s|\s+is|\s+are|\s+just|\s+(?:just\s+)?(?:pulled\s+up|showed\s+up|turned\s+up|appeared"
    r"|arrived|got\s+here|came\s+by|came|walked\s+in|walked\s+into|came\s+into|got\s+into))(?:\s+(?:right|just"
    r"|still|now|already|standing|waiting|parked|sitting|here|back)){0,2}\s*$"
)
# Most clauses fail here, before the costlier `_ARRIVED` runs.
_ARRIVAL_TAIL = re.compile(
    r"(?:'s|'re|\bs|\bis|\bare|\bjust|\bup|\bin|\binto|\bby|\bcame|\barrived|\bappeared|\bhere|\bright|\bstill"
    r"|\bnow|\balready|\bstanding|\bwaiting|\bparked|\bsitting|\bback)\s*$"
)
_MODAL = Gated(
    r"(?:'ll|'d|\bwill|\bwould|\bgonna|\bgoing\s+to|\bthreaten\w*(?:\s+to)?|\bswore\s+to|\bpromised\s+to)"
    r"\s+(?:[\w']+\s+)?$",
    ("'ll", "'d", "will", "would", "gonna", "going to", "threat", "swore", "promised"),
)


def arrived(ctx, hit):
    """Someone who could be a threat is at the place the hit names: "he's outside"."""
    if not _ARRIVAL_TAIL.search(ctx.text, max(0, hit.start - 16), hit.start):
        return False
    return bool(_ARRIVED.search(ctx.clause_before(hit.start, 120)))


def named_nearby(ctx, hit):
    """A trafficker is named or described in the clause: imminent without more."""
    return bool(_NAMED_NEARBY.search(ctx.clause_before(hit.start, 120)) or _NAMED_NEARBY.search(hit.match.group()))


def threatened(ctx, hit):
    """The hit follows a threat's modal ("he'll", "threatened to") said by someone else."""
    if not _MODAL.search(ctx.text, max(0, hit.start - 50), hit.start):
        return False
    return bool(_MODAL.search(ctx.clause_before(hit.start, 50))) and actor_subject(ctx, hit)
