"""What screening means for a write: the one entry point boards and rooms call.

Call `screen_write` inside the transaction that stores the text, and store
the text with the state it returns. Crisis escalations and flags are
opened from here too (DESIGN.md invariant 3) once the review queue exists.
"""
from dataclasses import dataclass

from django.conf import settings

from moderation.screening import Risk, Screening, screen

HELD_FOR_CRISIS = (
    "We are holding this for a moment so our crisis team sees it first. You are not in trouble. "
    "Help is below, and a trained team member will reach out to you here in Lantern."
)
HELD_FOR_CONTACT = (
    "Contact details and invitations to talk elsewhere are checked first, to keep everyone safe. "
    "A moderator will look at it soon."
)
HELD_FOR_REVIEW = "This is waiting for a moderator to look at it. That usually does not take long."
BLOCKED = "This can't be posted here because it breaks the community guidelines."
CONCERN_WARNING = "mentions of self-harm or danger"


@dataclass(frozen=True)
class WriteDecision:
    screening: Screening
    visible: bool
    held_reason: str = ""
    content_warning: str = ""
    blocked: bool = False

    @property
    def show_help(self):
        """The author sees help resources at once, without waiting for a person."""
        return self.screening.is_crisis

    @property
    def block_message(self):
        return BLOCKED if self.blocked else ""


def _watched_rules():
    from moderation.models import WatchedWord

    return WatchedWord.objects.active_rules()


def _help_numbers():
    """The hotlines admins list, so sharing one is never taken for contact."""
    from moderation.models import HelpResource

    rows = HelpResource.objects.filter(is_active=True).values_list("phone", "text")
    return [number for pair in rows for number in pair if number]


def screen_write(text):
    """Screen a member's text and decide whether others may see it now."""
    screening = screen(text, watched=_watched_rules(), help_numbers=_help_numbers())
    if screening.watched_action == "block":
        return WriteDecision(screening, visible=False, blocked=True)
    if screening.risk == Risk.IMMINENT and settings.MODERATION_HOLD_IMMINENT:
        return WriteDecision(screening, visible=False, held_reason=HELD_FOR_CRISIS)
    if screening.has_contact:
        return WriteDecision(screening, visible=False, held_reason=HELD_FOR_CONTACT)
    if screening.watched_action == "hold":
        return WriteDecision(screening, visible=False, held_reason=HELD_FOR_REVIEW)
    warning = CONCERN_WARNING if screening.is_crisis and settings.MODERATION_WARN_CONCERN else ""
    return WriteDecision(screening, visible=True, content_warning=warning)
