"""Members' reports on posts."""
from django.conf import settings
from django.db import IntegrityError, transaction

from moderation.models import Lane, Report, ReportReason
from moderation.queue import open_flag
from moderation.trust import report_weight


HIDDEN_FOR_REPORTS = "Hidden while moderators look at reports about it."


class ReportRefused(Exception):
    pass


def check_report(reporter, post, reason, note=""):
    """File one report per member per post. "I'm worried" opens a crisis escalation;
    enough weighted reports hide the post until a moderator looks."""
    from forum import permissions
    from forum.actions import do_set_post_state
    from moderation.api import screen_private_text

    if reason not in ReportReason.values:
        raise ReportRefused("Choose a reason.")
    note = (note or "").strip()
    if len(note) > 500:
        raise ReportRefused("A note is at most 500 characters.")
    if post.author_id == reporter.pk or not permissions.can_write(reporter):
        raise ReportRefused("You can't report this post.")
    weight = report_weight(reporter)
    try:
        with transaction.atomic():
            report = Report.objects.create(reporter=reporter, post=post, reason=reason, note=note, weight=weight)
            if note:
                screen_private_text(reporter, note, post=post)
            flag = open_flag(post, Lane.REPORTED, reasons=[f"report:{reason}"], text=post.body, weight=weight)
            if reason == ReportReason.WORRIED and post.author_id:
                from moderation.escalations import open_escalation

                open_escalation(post.author, "concern", source="report", post=post, excerpt=post.body)
                flag.lane = min(flag.lane, Lane.CRISIS_CONCERN)
                flag.save(update_fields=["lane"])
            if flag.report_weight >= settings.MODERATION_REPORT_HIDE_WEIGHT and post.state == "visible":
                do_set_post_state(post, "held", reason=HIDDEN_FOR_REPORTS)
    except IntegrityError:
        raise ReportRefused("You have already reported this post. Thank you; a moderator will look.") from None
    return report
