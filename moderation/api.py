"""What screening means for a write: the entry points boards and rooms call.

`screen_write` screens a text and decides whether others may see it now;
store the text with that decision, then call `record_screened_write` in
the same transaction: it opens the crisis escalation (docs/design.md,
invariant 3) and the queue flag. Staff are notified when the transaction
commits.
"""
import re
from dataclasses import dataclass

from django.conf import settings

from moderation.crisis_help import crisis_kind
from moderation.escalations import open_escalation
from moderation.models import Lane
from moderation.queue import open_flag, target_of
from moderation.screening import Risk, Screening, screen
from peers.models import TrustLevel

# Whether anyone from the crisis team is on duty is said by the help box beside it (moderation.crisis_help).
HELD_FOR_CRISIS = (
    "We are holding this for a moment so our crisis team sees it first. You are not in trouble. "
    "Help is on this page."
)
HELD_FOR_CONTACT = (
    "Contact details and invitations to talk elsewhere are checked first, to keep everyone safe. "
    "A moderator will look at it soon."
)
HELD_FOR_REVIEW = "This is waiting for a moderator to look at it. That usually does not take long."
HELD_NEWCOMER = (
    "Welcome! While you are new, posts with links and your first posts in this space are checked by a moderator "
    "before others see them. That usually does not take long."
)
BLOCKED = "This can't be posted here because it breaks the community guidelines."
CONCERN_WARNING = "mentions of self-harm or danger"
_LINK = re.compile(r"https?://|www\.|\]\(", re.I)


@dataclass(frozen=True)
class WriteDecision:
    screening: Screening
    visible: bool
    held_reason: str = ""
    content_warning: str = ""
    blocked: bool = False
    newcomer_hold: bool = False
    text: str = ""

    @property
    def show_help(self):
        """The author sees help at once, without waiting for a person: the kind of crisis, or "" (falsy)."""
        return crisis_kind(self.screening)

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


def screen_text(text):
    return screen(text, watched=_watched_rules(), help_numbers=_help_numbers())


def _newcomer_must_wait(author, text, first_in_space):
    if author is None or author.trust_level != TrustLevel.NEWCOMER:
        return False
    return bool(_LINK.search(text)) or first_in_space


def screen_write(text, *, author=None, first_in_space=False):
    """Screen a member's text and decide whether others may see it now.

    `first_in_space`: the author has nothing visible yet in the opt-in space
    they write in (newcomers' first posts there are held).
    """
    screening = screen_text(text)
    decide = lambda **kw: WriteDecision(screening, text=text, **kw)  # noqa: E731
    if screening.watched_action == "block":
        return decide(visible=False, blocked=True)
    if screening.risk == Risk.IMMINENT and settings.MODERATION_HOLD_IMMINENT:
        return decide(visible=False, held_reason=HELD_FOR_CRISIS)
    if screening.has_contact:
        return decide(visible=False, held_reason=HELD_FOR_CONTACT)
    if screening.watched_action == "hold":
        return decide(visible=False, held_reason=HELD_FOR_REVIEW)
    if _newcomer_must_wait(author, text, first_in_space):
        return decide(visible=False, held_reason=HELD_NEWCOMER, newcomer_hold=True)
    warning = CONCERN_WARNING if screening.is_crisis and settings.MODERATION_WARN_CONCERN else ""
    return decide(visible=True, content_warning=warning)


def _lane(decision):
    screening = decision.screening
    if screening.risk == Risk.IMMINENT:
        return Lane.CRISIS_IMMINENT
    if screening.risk == Risk.CONCERN:
        return Lane.CRISIS_CONCERN
    if screening.has_contact:
        return Lane.DANGER_CONTACT
    if decision.newcomer_hold:
        return Lane.HELD_NEWCOMER
    if screening.watched_action:
        return Lane.WATCHED
    return None


def record_screened_write(author, item, decision):
    """Open the escalation and the queue flag a screened write (a post or room message) calls for.

    Call inside the transaction that stores `item`.
    """
    screening = decision.screening
    if screening.is_crisis and author is not None:
        open_escalation(
            author, screening.risk, source="screening", categories=screening.categories, excerpt=decision.text,
            **target_of(item),
        )
    lane = _lane(decision)
    if lane is None:
        return None
    reasons = [str(category) for category in screening.categories] + (["newcomer"] if decision.newcomer_hold else [])
    spans = [(span.start, span.end, str(span.category), span.rule) for span in screening.spans]
    return open_flag(item, lane, reasons=reasons, text=decision.text, spans=spans)


def refused_but_heard(author, text):
    """A write refused before screening (silenced, over a limit, muted): is it a crisis?

    The refusal must not be what keeps a person in danger from help: the
    text is screened privately, a crisis still reaches crisis staff, and the
    caller shows the author help with the refusal when this returns a kind
    of crisis (moderation.crisis_help.CrisisKind; "" when it is not one).
    """
    return crisis_kind(screen_private_text(author, text))


def screen_private_text(author, text, **target):
    """Screen a text only staff read (a report note, an appeal): a crisis in it still reaches crisis staff.

    `target` optionally names what the text is about: post=... or room_message=...
    """
    screening = screen_text(text)
    if screening.is_crisis:
        open_escalation(author, screening.risk, source="screening", categories=screening.categories, excerpt=text, **target)
    return screening
