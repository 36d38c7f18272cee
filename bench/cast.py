"""The benchmark's cast, built inside `manage.py shell` on the benchmark database.

The scripts call these through `Topology.shell` (bench/topology.py), never
in the client process: they use Django models, so they need the servers'
settings and database. Signed-in members, a room with its members, the
check that the texts in bench/wsclient.py screen as the tallies assume,
and the tag of the message behind each escalation. Each script's own
`make_cast` (bench/rooms.py, bench/load.py) puts these together.
"""
from bench.wsclient import CRISIS, ORDINARY, tag_of, tagged


def make_members(prefix, count, role="member", trust=1):
    """`count` members named `<prefix><n>`, signed in; [(id, session key)]. No passphrase: none is needed."""
    from peers.models import Member
    from tests.live_servers import session_for

    members = [Member.objects.create_user(f"{prefix}{n:03d}", None, role=role, trust_level=trust) for n in range(count)]
    return [(member.pk, session_for(member)) for member in members]


def make_room(mentor_id, title, capacity, member_ids):
    """A room in the Commons, open now for two hours, holding `capacity`; the members have agreed to its rules."""
    from datetime import timedelta

    from django.utils import timezone

    from forum.models import Space
    from peers.models import Member
    from rooms.models import Room
    from rooms.schedule import check_agree_to_rules, check_schedule_room

    now = timezone.now()
    room = check_schedule_room(Member.objects.get(pk=mentor_id), space=Space.objects.get(slug="commons"),
                               title=title, starts_at=now, ends_at=now + timedelta(hours=2))
    # Past the 50 that scheduling allows: the benchmark is about fan-out, not the product limit.
    Room.objects.filter(pk=room.pk).update(capacity=capacity)
    room.refresh_from_db()
    for member in Member.objects.filter(pk__in=member_ids):
        check_agree_to_rules(member, room)
    return room.pk


def check_texts():
    """Raise unless each ORDINARY text is shown at once and each CRISIS text is held and escalated as imminent."""
    from moderation.api import screen_write

    probe = "x99-99999"
    for text in ORDINARY:
        decision = screen_write(tagged(text, probe))
        if not decision.visible or decision.screening.is_crisis:
            raise SystemExit(f"ordinary text not shown at once: {text!r}")
    for text in CRISIS:
        decision = screen_write(tagged(text, probe))
        if decision.visible or str(decision.screening.risk) != "imminent" or not decision.show_help:
            raise SystemExit(f"crisis text not held as imminent: {text!r} ({decision.screening.risk})")


def escalation_tags(room_ids):
    """{escalation id: tag} for the escalations opened by messages in these rooms."""
    from moderation.models import Escalation

    rows = Escalation.objects.filter(room_message__room_id__in=room_ids).values_list("pk", "excerpt")
    return {pk: tag_of(excerpt) for pk, excerpt in rows}
