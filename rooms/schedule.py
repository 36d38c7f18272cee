"""Scheduling and entering peer rooms. Live chat actions build on these."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.refusals import Refused
from forum.permissions import can_read_space
from moderation import audit
from rooms import permissions
from peers.models import Role
from rooms.models import Room, RoomEntry

TITLE_MAX, DESCRIPTION_MAX, RULES_MAX = 120, 1000, 2000
OPENS_EARLY = timedelta(minutes=10)  # people may gather a little before the start


class RoomRefused(Refused):
    """A room action refused; the message is for the member."""


def _clean_texts(title, description, extra_rules):
    from forum.text import clean_text

    title = clean_text(title, multiline=False)
    description, extra_rules = clean_text(description), clean_text(extra_rules)
    if not 1 <= len(title) <= TITLE_MAX:
        raise RoomRefused(f"A title is 1 to {TITLE_MAX} characters.")
    if len(description) > DESCRIPTION_MAX or len(extra_rules) > RULES_MAX:
        raise RoomRefused(f"The description is at most {DESCRIPTION_MAX:,} characters and added rules {RULES_MAX:,}.")
    return title, description, extra_rules


def _check_times(starts_at, ends_at, now):
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise RoomRefused("The room must end after it starts.")
    if ends_at - starts_at > timedelta(hours=settings.ROOM_MAX_HOURS):
        raise RoomRefused(f"A room lasts at most {settings.ROOM_MAX_HOURS} hours.")
    if ends_at <= now or starts_at > now + timedelta(days=60):
        raise RoomRefused("Schedule a room that ends in the future and starts within 60 days.")


def check_schedule_room(mentor, *, space, title, starts_at, ends_at, description="", extra_rules="", capacity=12,
                        cohost=None, premoderated=False):
    """A peer mentor schedules a room in a space they can read; it inherits that space's audience."""
    from moderation.api import screen_write

    if not permissions.can_schedule_rooms(mentor) or not can_read_space(mentor, space):
        raise RoomRefused("Only peer mentors can schedule rooms, in spaces they belong to.")
    title, description, extra_rules = _clean_texts(title, description, extra_rules)
    _check_times(starts_at, ends_at, timezone.now())
    if not 2 <= int(capacity) <= 50:
        raise RoomRefused("Capacity is 2 to 50 people.")
    if cohost is not None and (cohost.role != Role.MENTOR or cohost.pk == mentor.pk or not can_read_space(cohost, space)):
        raise RoomRefused("A co-host must be another peer mentor who can see this space.")
    decision = screen_write("\n\n".join([title, description, extra_rules]), author=mentor)
    if not decision.visible:
        raise RoomRefused("The title, description or rules need changing: " + (decision.held_reason or decision.block_message))
    with transaction.atomic():
        room = Room.objects.create(
            space=space, host=mentor, cohost=cohost, title=title, description=description, extra_rules=extra_rules,
            starts_at=starts_at, ends_at=ends_at, capacity=capacity, premoderated=premoderated,
        )
        audit.record(mentor, "room.schedule", room)
    return room


def room_status(room, hosts_present, now=None):
    """'scheduled', 'waiting' (for the host), 'live' or 'closed'."""
    now = now or timezone.now()
    if room.is_closed(now):
        return "closed"
    if now < room.starts_at - OPENS_EARLY:
        return "scheduled"
    return "live" if hosts_present else "waiting"


def listed_rooms(member, now=None):
    """Upcoming and open rooms the member may join, soonest first."""
    now = now or timezone.now()
    return (
        permissions.visible_rooms(member)
        .filter(ends_at__gt=now, ended_at__isnull=True, starts_at__lte=now + timedelta(days=60))
        .select_related("space", "host")
        .order_by("starts_at", "id")
    )


def check_agree_to_rules(member, room):
    """The member agrees to the ground rules, once per room; returns whether this was the first time."""
    refusal = permissions.entry_refusal(member, room)
    if refusal:
        raise RoomRefused(refusal)
    _, created = RoomEntry.objects.get_or_create(room=room, member=member)
    return created


def has_agreed(member, room):
    return permissions.can_host(member, room) or RoomEntry.objects.filter(room=room, member=member).exists()
