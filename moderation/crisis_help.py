"""What a member in crisis is told at once: true at the moment it is shown.

The words depend on the kind of crisis (thoughts of self-harm, or danger
from someone) and on whether anyone from the crisis team is on duty now.
Nothing here promises a person who is not there: with no one on duty the
hotlines come first, and the escalation waits for the next person on duty
(`moderation.escalations.do_set_duty` tells them).
"""
import logging
from dataclasses import dataclass, field

from django.db import DatabaseError

from moderation.models import CrisisDuty, HelpKind, HelpResource
from moderation.screening import Category

logger = logging.getLogger(__name__)


class CrisisKind:
    SELF_HARM = "self_harm"
    DANGER = "danger"


# Which hotlines come first, by kind of crisis; the rest keep the admins' order.
_FIRST = {
    CrisisKind.SELF_HARM: [HelpKind.SELF_HARM, HelpKind.EMERGENCY, HelpKind.TRAFFICKING],
    CrisisKind.DANGER: [HelpKind.EMERGENCY, HelpKind.TRAFFICKING, HelpKind.SELF_HARM],
}

HEADINGS = {
    CrisisKind.SELF_HARM: "We're glad you told us. You don't have to face this alone.",
    CrisisKind.DANGER: "Your safety comes first. You don't have to face this alone.",
}
WHAT_TO_DO = {
    CrisisKind.SELF_HARM: "If you might act on these thoughts, please call or text one of these now. "
    "They are there day and night:",
    CrisisKind.DANGER: "If you can, get somewhere safe: a room you can lock, a public place, or near people you "
    "trust. If you are in danger right now, call 911 (or your local emergency number). The trafficking "
    "hotline can help you plan how to get safe:",
}
STAFF_TOLD = "Someone from our crisis team is on duty now and has been told. They will reach out to you here in Lantern."
NO_STAFF = (
    "No one from our crisis team is on duty right now. They will see what you wrote when they next come on duty. "
    "Please don't wait for them: the people above can help now."
)


def crisis_kind(screening):
    """"danger" or "self_harm" for a crisis screening, "" otherwise. Danger wins when both are read."""
    if not screening.is_crisis:
        return ""
    return CrisisKind.DANGER if Category.DANGER in screening.categories else CrisisKind.SELF_HARM


def staff_on_duty():
    return CrisisDuty.objects.filter(on_duty=True, member__is_active=True).exists()


def ordered_resources(kind, resources):
    first = _FIRST.get(kind, _FIRST[CrisisKind.DANGER])
    rank = {help_kind: place for place, help_kind in enumerate(first)}
    return sorted(resources, key=lambda r: rank.get(r.kind, len(first)))  # stable: admins' order within a kind


@dataclass
class CrisisReply:
    kind: str
    on_duty: bool
    resources: list = field(default_factory=list)

    @property
    def heading(self):
        return HEADINGS[self.kind]

    @property
    def what_to_do(self):
        return WHAT_TO_DO[self.kind]

    @property
    def who_knows(self):
        return STAFF_TOLD if self.on_duty else NO_STAFF

    def as_event_fields(self):
        """For the room's `room.help` event (realtime/events.py)."""
        resources = [{"name": r.name, "phone": r.phone, "text": r.text} for r in self.resources]
        return {"kind": self.kind, "on_duty": self.on_duty, "heading": self.heading, "text": self.what_to_do,
                "who_knows": self.who_knows, "resources": resources}


_last_resources = []  # the hotlines as last read: help still shows if the database cannot be read


def _active_resources():
    global _last_resources
    try:
        _last_resources = list(HelpResource.objects.filter(is_active=True))
    except DatabaseError as error:
        logger.error("crisis help: hotlines unreadable, showing the last known (%s)", type(error).__name__)
    return _last_resources


def crisis_reply(kind):
    """The reply for a member whose text read as `kind` of crisis (a CrisisKind; anything else reads as danger)."""
    kind = kind if kind in HEADINGS else CrisisKind.DANGER
    try:
        on_duty = staff_on_duty()
    except DatabaseError:
        on_duty = False  # unknown: promise no one
    return CrisisReply(kind=kind, on_duty=on_duty, resources=ordered_resources(kind, _active_resources()))
