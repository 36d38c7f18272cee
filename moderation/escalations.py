"""Crisis escalations: opened with the write, worked by crisis staff."""
import statistics
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.refusals import Refused
from moderation import audit, permissions
from moderation.models import CareMessage, CrisisDuty, Escalation, EscalationNote, EscalationOutcome, EscalationStatus
from realtime.events import CRISIS_STAFF, member_group
from realtime.send import send_event_on_commit


class EscalationRefused(Refused):
    """An escalation action refused; the message is for crisis staff."""


def notify(escalation):
    send_event_on_commit(
        CRISIS_STAFF,
        {
            "type": "crisis.escalation",
            "escalation_id": escalation.pk,
            "risk": escalation.risk,
            "status": escalation.status,
            "overdue": escalation.overdue_at is not None,
        },
    )


def open_escalation(member, risk, *, source, categories=(), post=None, room_message=None, excerpt=""):
    """Call inside the transaction that stores the text (docs/design.md, invariant 3).

    An open escalation for the same member and post is reused, raised to
    imminent if the new risk is.
    """
    existing = (
        Escalation.objects.filter(member=member, post=post, room_message=room_message)
        .exclude(status=EscalationStatus.CLOSED)
        .first()
    )
    if existing:
        if risk == "imminent" and existing.risk != "imminent":
            existing.risk = "imminent"
            existing.save(update_fields=["risk"])
            notify(existing)
        return existing
    escalation = Escalation.objects.create(
        member=member, risk=risk, source=source, categories=list(categories), post=post, room_message=room_message,
        excerpt=excerpt[:2000],
    )
    notify(escalation)
    return escalation


def urgent_first(queryset=None):
    from django.db.models import OuterRef, Subquery

    queryset = queryset if queryset is not None else Escalation.objects.all()
    risk_order = {"imminent": 0, "concern": 1}
    # What the member last said in the care conversation (moderation/care.py), for the dashboard.
    said = CareMessage.objects.filter(escalation=OuterRef("pk"), from_member=True).order_by("-created_at", "-pk")
    queryset = queryset.annotate(member_said=Subquery(said.values("text")[:1]),
                                 member_said_at=Subquery(said.values("created_at")[:1]))
    rows = list(queryset.exclude(status=EscalationStatus.CLOSED).select_related("member", "post", "acknowledged_by"))
    return sorted(rows, key=lambda e: (e.status != EscalationStatus.OPEN, risk_order.get(e.risk, 2), e.opened_at))


def check_acknowledge(staff, escalation):
    permissions.check_handle_crisis(staff)
    if escalation.status != EscalationStatus.OPEN:
        return False
    with transaction.atomic():
        escalation.status, escalation.acknowledged_at = EscalationStatus.ACKNOWLEDGED, timezone.now()
        escalation.acknowledged_by = staff
        escalation.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
        audit.record(staff, "escalation.acknowledge", escalation)
        notify(escalation)
    return True


def check_add_note(staff, escalation, text):
    permissions.check_handle_crisis(staff)
    text = (text or "").strip()
    if not text or len(text) > 5000:
        raise EscalationRefused("A note is 1 to 5,000 characters.")
    with transaction.atomic():
        note = EscalationNote.objects.create(escalation=escalation, author=staff, text=text)
        audit.record(staff, "escalation.note", escalation)
    return note


def check_send_care_message(staff, escalation, text):
    permissions.check_handle_crisis(staff)
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise EscalationRefused("A care message is 1 to 2,000 characters.")
    if escalation.member_id is None:
        raise EscalationRefused("This member's account no longer exists.")
    with transaction.atomic():
        message = CareMessage.objects.create(member_id=escalation.member_id, escalation=escalation, sender=staff, text=text)
        audit.record(staff, "escalation.care_message", escalation)
        send_event_on_commit(member_group(escalation.member_id), {"type": "member.care", "message_id": message.pk})
        if escalation.status == EscalationStatus.OPEN:
            check_acknowledge(staff, escalation)
    return message


def check_close(staff, escalation, outcome, note=""):
    permissions.check_handle_crisis(staff)
    if outcome not in EscalationOutcome.values:
        raise EscalationRefused("Choose an outcome.")
    if escalation.status == EscalationStatus.CLOSED:
        return False
    with transaction.atomic():
        if escalation.acknowledged_at is None:
            escalation.acknowledged_at, escalation.acknowledged_by = timezone.now(), staff
        escalation.status, escalation.outcome, escalation.closed_at = EscalationStatus.CLOSED, outcome, timezone.now()
        escalation.save(update_fields=["status", "outcome", "closed_at", "acknowledged_at", "acknowledged_by"])
        if note.strip():
            EscalationNote.objects.create(escalation=escalation, author=staff, text=note.strip())
        audit.record(staff, f"escalation.close.{outcome}", escalation, note)
        notify(escalation)
    return True


def do_set_duty(staff, on_duty):
    permissions.check_handle_crisis(staff)
    duty, _ = CrisisDuty.objects.get_or_create(member=staff)
    if duty.on_duty == on_duty:
        return False
    duty.on_duty, duty.changed_at = on_duty, timezone.now()
    duty.save(update_fields=["on_duty", "changed_at"])
    audit.record(staff, "crisis.on_duty" if on_duty else "crisis.off_duty", staff)
    return True


def mark_overdue(now=None):
    """Escalations unacknowledged past the limit become overdue and alert everyone on duty again."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.CRISIS_ACKNOWLEDGE_SECONDS)
    due = Escalation.objects.filter(status=EscalationStatus.OPEN, overdue_at__isnull=True, opened_at__lte=limit)
    marked = 0
    with transaction.atomic():
        for escalation in due.select_for_update():
            escalation.overdue_at = now
            escalation.save(update_fields=["overdue_at"])
            notify(escalation)
            marked += 1
    return marked


def dashboard_stats(now=None):
    now = now or timezone.now()
    open_rows = Escalation.objects.exclude(status=EscalationStatus.CLOSED)
    recent = Escalation.objects.filter(acknowledged_at__isnull=False, opened_at__gte=now - timedelta(days=30))
    seconds = [(e.acknowledged_at - e.opened_at).total_seconds() for e in recent.only("opened_at", "acknowledged_at")]
    return {
        "open_imminent": open_rows.filter(risk="imminent").count(),
        "open_concern": open_rows.filter(risk="concern").count(),
        "overdue": open_rows.filter(status=EscalationStatus.OPEN, overdue_at__isnull=False).count(),
        "median_seconds_to_acknowledge": statistics.median(seconds) if seconds else None,
        "on_duty": CrisisDuty.objects.filter(on_duty=True).count(),
    }


def check_release_post(staff, escalation):
    """Crisis staff have looked: let others see the held post (moderators still see its flag)."""
    permissions.check_handle_crisis(staff)
    from forum.actions import do_set_post_state

    post = escalation.post
    if post is None or post.state != "held":
        return False
    with transaction.atomic():
        do_set_post_state(post, "visible")
        audit.record(staff, "escalation.release_post", post)
    return True


def do_mark_care_seen(member, message_id):
    """The member read a care message: it leaves the top of their pages. Only their own messages."""
    return bool(
        CareMessage.objects.filter(pk=message_id, member=member, from_member=False, seen_at__isnull=True)
        .update(seen_at=timezone.now())
    )
