from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from moderation.models import Escalation, EscalationStatus, Flag, FlagStatus, Report
from rooms.models import RoomMessage, RoomPresence


class Command(BaseCommand):
    help = (
        "Delete room messages ROOM_RETENTION_DAYS after their room ended, except those tied to an open "
        "report or escalation, and presence rows of closed rooms or of sockets that stopped beating. Run daily (README)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        cutoff = now - timedelta(days=settings.ROOM_RETENTION_DAYS)
        ended = Q(room__ended_at__lte=cutoff) | Q(room__ended_at__isnull=True, room__ends_at__lte=cutoff)
        tied = OuterRef("pk")
        keep = (
            Exists(Flag.objects.filter(room_message=tied, status=FlagStatus.OPEN))
            | Exists(Report.objects.filter(room_message=tied, upheld__isnull=True))
            | Exists(Escalation.objects.filter(room_message=tied).exclude(status=EscalationStatus.CLOSED))
        )
        expired = RoomMessage.objects.filter(ended).exclude(keep)
        deleted, _ = expired.delete()
        closed = Q(room__ended_at__isnull=False) | Q(room__ends_at__lte=now)
        stale, _ = (RoomPresence.objects.filter(closed) | RoomPresence.objects.stale()).delete()
        self.stdout.write(f"Deleted {deleted} expired room messages and {stale} stale presence rows.")
