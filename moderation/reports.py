"""Members' reports on board posts and room messages."""
from django.conf import settings
from django.db import IntegrityError, transaction

from config.refusals import Refused
from moderation.escalations import open_escalation
from moderation.models import Lane, Report, ReportReason
from moderation.queue import open_flag, target_of
from moderation.trust import report_weight

HIDDEN_FOR_REPORTS = "Hidden while moderators look at reports about it."


class ReportRefused(Refused):
    pass


def _hide_pending_review(item):
    from forum.actions import do_set_post_state
    from forum.models import Post
    from rooms.chat import do_set_message_state

    if item.state != "visible":
        return
    if isinstance(item, Post):
        do_set_post_state(item, "held", reason=HIDDEN_FOR_REPORTS)
    else:
        do_set_message_state(item, "held")


def check_report(reporter, item, reason, note=""):
    """File one report per member per post or room message. "I'm worried" opens a crisis
    escalation for the author; enough weighted reports hide the item until a moderator looks.

    The caller has checked that the reporter may see `item` (forum or peers permissions).
    """
    from forum import permissions
    from moderation.api import screen_private_text

    if reason not in ReportReason.values:
        raise ReportRefused("Choose a reason.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ReportRefused("A note is at most 500 characters.")
    if item.author_id == reporter.pk:
        raise ReportRefused("You can't report this.")
    # Reaching help is never penalised: a silenced member can still say they are worried about someone,
    # but their reports weigh nothing, so silence cannot be worked around by hiding others' posts.
    silenced = not permissions.can_write(reporter)
    if silenced and reason != ReportReason.WORRIED:
        raise ReportRefused("While you are silenced you can still tell us you're worried about someone. "
                            "Other reports can wait until the silence ends.")
    weight = 0 if silenced else report_weight(reporter)
    target = target_of(item)
    try:
        with transaction.atomic():
            report = Report.objects.create(reporter=reporter, reason=reason, note=note, weight=weight, **target)
            if note:
                screen_private_text(reporter, note, **target)
            flag = open_flag(item, Lane.REPORTED, reasons=[f"report:{reason}"], text=item.body, weight=weight)
            if reason == ReportReason.WORRIED and item.author_id:
                open_escalation(item.author, "concern", source="report", excerpt=item.body, **target)
                flag.lane = min(flag.lane, Lane.CRISIS_CONCERN)
                flag.save(update_fields=["lane"])
            if flag.report_weight >= settings.MODERATION_REPORT_HIDE_WEIGHT:
                _hide_pending_review(item)
    except IntegrityError:
        raise ReportRefused("You have already reported this. Thank you; a moderator will look.") from None
    return report
