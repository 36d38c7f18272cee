"""The review queue: opening flags, claiming them, and resolving them.

A flag is a notice that an item needs a moderator. One open flag per item;
a new reason joins the open flag and moves it to the most urgent lane.
"""
from django.db import transaction
from django.utils import timezone

from config.refusals import Refused
from moderation import audit, permissions
from moderation.models import Flag, FlagStatus, Report
from realtime.events import MODERATION_QUEUE
from realtime.send import send_event_on_commit


class QueueRefused(Refused):
    """A queue action that may not happen; the message is for the moderator."""


def notify(flag):
    send_event_on_commit(
        MODERATION_QUEUE,
        {
            "type": "queue.flag",
            "flag_id": flag.pk,
            "lane": int(flag.lane),
            "status": flag.status,
            "claimed_by": flag.claimed_by.pseudonym if flag.claimed_by_id else None,
        },
    )


def target_of(item):
    """The Flag/Report/Escalation field that points at `item`: a board post or a room message."""
    from forum.models import Post

    return {"post": item} if isinstance(item, Post) else {"room_message": item}


def open_flag(item, lane, *, reasons, text="", spans=(), weight=0):
    """Open a flag on a post or room message, or join the open one. Call inside the write's transaction."""
    flag = Flag.objects.select_for_update().filter(**target_of(item), status=FlagStatus.OPEN).first()
    if flag is None:
        flag = Flag.objects.create(
            **target_of(item), author_id=item.author_id, lane=lane, reasons=list(reasons), text=text,
            spans=[list(span) for span in spans], report_weight=weight,
        )
    else:
        flag.lane = min(flag.lane, lane)
        flag.reasons = sorted(set(flag.reasons) | set(reasons))
        flag.report_weight += weight
        if spans and not flag.spans:
            flag.text, flag.spans = text, [list(span) for span in spans]
        flag.save(update_fields=["lane", "reasons", "report_weight", "text", "spans"])
    notify(flag)
    return flag


def check_claim(moderator, flag):
    """Claim an open flag; no two moderators work the same item."""
    permissions.check_moderate(moderator)
    claimed = Flag.objects.filter(pk=flag.pk, status=FlagStatus.OPEN, claimed_by__isnull=True).update(
        claimed_by=moderator, claimed_at=timezone.now()
    )
    flag.refresh_from_db()
    if not claimed and flag.claimed_by_id != moderator.pk:
        raise QueueRefused("Someone else is already working on this item.")
    with transaction.atomic():
        audit.record(moderator, "flag.claim", flag)
        notify(flag)
    return bool(claimed)


def check_release(moderator, flag):
    permissions.check_moderate(moderator)
    if flag.claimed_by_id != moderator.pk:
        return False
    with transaction.atomic():
        Flag.objects.filter(pk=flag.pk).update(claimed_by=None, claimed_at=None)
        flag.refresh_from_db()
        audit.record(moderator, "flag.release", flag)
        notify(flag)
    return True


def _ensure_workable(moderator, flag):
    if flag.status != FlagStatus.OPEN:
        raise QueueRefused("This item is already resolved.")
    if flag.claimed_by_id not in (None, moderator.pk):
        raise QueueRefused("Someone else is working on this item.")


def _set_state(flag, state):
    from forum.actions import do_set_post_state
    from rooms.chat import do_set_message_state

    if flag.post_id:
        do_set_post_state(flag.post, state)
        return flag.post
    return do_set_message_state(flag.room_message, "visible" if state == "visible" else "removed") or flag.room_message


def check_resolve(moderator, flag, decision, reason):
    """Approve, hide or remove the flagged item, with a reason; resolves the flag."""
    permissions.check_moderate(moderator)
    states = {"approve": "visible", "hide": "hidden", "remove": "removed"}
    if decision not in states:
        raise QueueRefused("Choose approve, hide or remove.")
    if not reason.strip():
        raise QueueRefused("Every action needs a reason.")
    _ensure_workable(moderator, flag)
    with transaction.atomic():
        item = _set_state(flag, states[decision])
        Report.objects.filter(**target_of(item), upheld__isnull=True).update(upheld=decision != "approve")
        _close(flag, decision)
        audit.record(moderator, f"{'post' if flag.post_id else 'room_message'}.{decision}", item, reason)
    return flag


def check_redact(moderator, flag, start, end, reason):
    """Replace the words at flag.text[start:end] in the post with a marker; the flag stays open.

    The flag's spans point into the text as screened (a thread's title and
    body together), so the words are found again in the post's body.
    """
    permissions.check_moderate(moderator)
    from forum.actions import do_redact_post

    _ensure_workable(moderator, flag)
    if not reason.strip():
        raise QueueRefused("Every action needs a reason.")
    if not flag.post_id:
        raise QueueRefused("Room messages can be removed, not redacted.")
    fragment = flag.text[start:end] if 0 <= start < end <= len(flag.text) else ""
    at = flag.post.body.find(fragment) if fragment else -1
    if at < 0:
        raise QueueRefused("Those words are no longer in the post.")
    with transaction.atomic():
        do_redact_post(flag.post, at, at + len(fragment))
        audit.record(moderator, "post.redact", flag.post, reason)
    return flag


def _close(flag, resolution):
    flag.status, flag.resolution, flag.resolved_at = FlagStatus.RESOLVED, resolution, timezone.now()
    flag.save(update_fields=["status", "resolution", "resolved_at"])
    notify(flag)


def check_bulk_resolve(moderator, flags, decision, reason):
    """Resolve several items at once; items others have claimed are skipped and counted."""
    permissions.check_moderate(moderator)
    done, skipped = 0, 0
    for flag in flags:
        try:
            check_resolve(moderator, flag, decision, reason)
            done += 1
        except QueueRefused:
            skipped += 1
    return done, skipped


def open_flags():
    return Flag.objects.filter(status=FlagStatus.OPEN).order_by("lane", "-report_weight", "created_at", "id")

