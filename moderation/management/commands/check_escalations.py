from django.core.management.base import BaseCommand

from moderation.escalations import mark_overdue


class Command(BaseCommand):
    help = "Mark escalations unacknowledged past CRISIS_ACKNOWLEDGE_SECONDS overdue and alert staff again. Run every minute."

    def handle(self, *args, **options):
        marked = mark_overdue()
        self.stdout.write(f"{marked} escalation{'s' if marked != 1 else ''} newly overdue.")
