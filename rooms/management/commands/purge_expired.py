from django.core.management.base import BaseCommand

from rooms.retention import do_purge_expired


class Command(BaseCommand):
    help = (
        "Delete room messages ROOM_RETENTION_DAYS after their room ended, except those tied to an open "
        "report or escalation, and presence rows of closed rooms or of sockets that stopped beating. Run daily (README)."
    )

    def handle(self, *args, **options):
        messages, presences = do_purge_expired()
        self.stdout.write(f"Deleted {messages} expired room messages and {presences} stale presence rows.")
