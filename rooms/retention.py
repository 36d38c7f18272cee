"""How long room messages and presence rows are kept (docs/rooms.md, "Retention")."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from moderation import audit
from moderation.models import Escalation, EscalationStatus, Flag, FlagStatus, Report
from rooms.models import RoomMessage, RoomPresence


def do_purge_expired(now=None):
    """Delete room messages ROOM_RETENTION_DAYS after their room ended, except those an open
    flag, report or escalation still needs, and presence rows of closed rooms or of sockets
    that stopped beating. Returns (messages, presence rows) deleted; the count goes in the
    audit log as a system action, so the log says when history was thinned and by how much."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ROOM_RETENTION_DAYS)
    ended = Q(room__ended_at__lte=cutoff) | Q(room__ended_at__isnull=True, room__ends_at__lte=cutoff)
    tied = OuterRef("pk")
    keep = (
        Exists(Flag.objects.filter(room_message=tied, status=FlagStatus.OPEN))
        | Exists(Report.objects.filter(room_message=tied, upheld__isnull=True))
        | Exists(Escalation.objects.filter(room_message=tied).exclude(status=EscalationStatus.CLOSED))
    )
    closed = Q(room__ended_at__isnull=False) | Q(room__ends_at__lte=now)
    with transaction.atomic():
        messages, _ = RoomMessage.objects.filter(ended).exclude(keep).delete()
        presences, _ = (RoomPresence.objects.filter(closed) | RoomPresence.objects.stale()).delete()
        if messages or presences:
            audit.record(None, "rooms.purge_expired", None,
                         f"{messages} room messages past {settings.ROOM_RETENTION_DAYS} days, {presences} presence rows")
    return messages, presences
