from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forum.demo import seed_demo_threads
from peers import actions
from peers.models import Member, Role, TrustLevel

DEMO_ACCOUNTS = [
    ("demo_member", "demo member passphrase", Role.MEMBER, TrustLevel.MEMBER),
    ("demo_newcomer", "demo newcomer passphrase", Role.MEMBER, TrustLevel.NEWCOMER),
    ("demo_mentor", "demo mentor passphrase", Role.MENTOR, TrustLevel.TRUSTED),
    ("demo_moderator", "demo moderator passphrase", Role.MODERATOR, TrustLevel.TRUSTED),
    ("demo_crisis", "demo crisis passphrase", Role.CRISIS_STAFF, TrustLevel.TRUSTED),
    ("demo_admin", "demo admin passphrase", Role.ADMIN, TrustLevel.TRUSTED),
]


class Command(BaseCommand):
    help = "Create the demo accounts (again, if run twice) and print their passphrases. Never in production."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-passphrases", action="store_true", help="Do not print the passphrases.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo makes accounts with published passphrases; it refuses to run in production.")
        rows, members = [], {}
        for pseudonym, passphrase, role, trust in DEMO_ACCOUNTS:
            member = Member.objects.find(pseudonym)
            if member is None:
                member = actions.do_join_member(pseudonym, passphrase).member
            elif not member.check_password(passphrase):
                actions.do_change_passphrase(member, passphrase)
            actions.do_set_role(member, role, trust_level=trust)
            rows.append((pseudonym, passphrase, member.get_role_display()))
            members[pseudonym] = member
        created = seed_demo_threads(members)
        self.stdout.write(f"Demo threads: {created} new.")
        self.stdout.write("Demo accounts (log in at /login/):")
        width = max(len(p) for p, _, _ in rows)
        for pseudonym, passphrase, role in rows:
            shown = "(hidden)" if options["quiet_passphrases"] else passphrase
            self.stdout.write(f"  {pseudonym:<{width}}  {shown:<26}  {role}")
