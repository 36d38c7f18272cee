"""Graduated penalties, their enforcement fields on Member, and appeals."""
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from config.refusals import Refused
from moderation import audit, permissions
from moderation.models import Appeal, AppealDecision, Penalty, PenaltyKind
from peers.actions import do_end_sessions

SILENCE_DURATIONS = {"24h": timedelta(hours=24), "72h": timedelta(hours=72), "7d": timedelta(days=7), "30d": timedelta(days=30)}


class PenaltyRefused(Refused):
    pass


def _sync_member(member):
    """Recompute the member's enforcement fields from the penalties in force."""
    in_force = Penalty.objects.in_force().filter(member=member)
    far_future = timezone.now() + timedelta(days=365 * 100)
    silenced = in_force.filter(kind=PenaltyKind.SILENCE).aggregate(until=Max("ends_at"))["until"]
    suspended = in_force.filter(kind=PenaltyKind.SUSPENSION)
    suspended_until = None
    if suspended.exists():
        suspended_until = far_future if suspended.filter(ends_at__isnull=True).exists() else suspended.aggregate(u=Max("ends_at"))["u"]
    banned = in_force.filter(kind=PenaltyKind.BAN).exists()
    member.silenced_until, member.suspended_until, member.is_active = silenced, suspended_until, not banned
    member.save(update_fields=["silenced_until", "suspended_until", "is_active"])


def check_issue_penalty(moderator, member, kind, reason, *, duration=None, days=None):
    """Warn, silence (24h, 72h, 7d, 30d), suspend (for `days`, or until lifted) or ban."""
    permissions.check_moderate(moderator)
    if kind not in PenaltyKind.values:
        raise PenaltyRefused("Choose a penalty.")
    if not (reason or "").strip():
        raise PenaltyRefused("Every penalty needs a reason.")
    if member.pk == moderator.pk:
        raise PenaltyRefused("Moderators cannot penalise themselves.")
    ends_at = None
    if kind == PenaltyKind.SILENCE:
        if duration not in SILENCE_DURATIONS:
            raise PenaltyRefused("Choose how long: 24 hours, 72 hours, 7 days or 30 days.")
        ends_at = timezone.now() + SILENCE_DURATIONS[duration]
    elif kind == PenaltyKind.SUSPENSION and days:
        ends_at = timezone.now() + timedelta(days=int(days))
    with transaction.atomic():
        penalty = Penalty.objects.create(member=member, kind=kind, reason=reason.strip(), issued_by=moderator, ends_at=ends_at)
        _sync_member(member)
        if kind in (PenaltyKind.SUSPENSION, PenaltyKind.BAN):
            do_end_sessions(member)
        audit.record(moderator, f"penalty.{kind}", member, reason)
    return penalty


def check_revoke(moderator, penalty, reason):
    permissions.check_moderate(moderator)
    if penalty.revoked_at is not None:
        return False
    with transaction.atomic():
        penalty.revoked_at = timezone.now()
        penalty.save(update_fields=["revoked_at"])
        _sync_member(penalty.member)
        audit.record(moderator, f"penalty.revoke.{penalty.kind}", penalty.member, reason)
    return True


def check_appeal(member, penalty, text):
    text = (text or "").strip()
    if penalty.member_id != member.pk:
        raise PenaltyRefused("You can only appeal your own penalties.")
    if not 1 <= len(text) <= 3000:
        raise PenaltyRefused("Please explain in 1 to 3,000 characters.")
    if Appeal.objects.filter(penalty=penalty).exists():
        raise PenaltyRefused("You have already appealed this penalty.")
    from moderation.api import screen_private_text

    with transaction.atomic():
        appeal = Appeal.objects.create(penalty=penalty, text=text)
        screen_private_text(member, text)  # only moderators read it, but a crisis in it reaches crisis staff
    return appeal


def check_decide_appeal(moderator, appeal, decision, note):
    permissions.check_moderate(moderator)
    if decision not in AppealDecision.values:
        raise PenaltyRefused("Choose to uphold or overturn.")
    if appeal.decided_at is not None:
        raise PenaltyRefused("This appeal is already decided.")
    if appeal.penalty.issued_by_id == moderator.pk:
        raise PenaltyRefused("Another moderator must decide an appeal against your own decision.")
    if not (note or "").strip():
        raise PenaltyRefused("Every decision needs a reason.")
    with transaction.atomic():
        appeal.decision, appeal.decision_note = decision, note.strip()
        appeal.decided_by, appeal.decided_at = moderator, timezone.now()
        appeal.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
        if decision == AppealDecision.OVERTURNED:
            check_revoke(moderator, appeal.penalty, note)
        audit.record(moderator, f"appeal.{decision}", appeal.penalty.member, note)
    return appeal
