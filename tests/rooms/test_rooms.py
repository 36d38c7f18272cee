from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from moderation.models import AuditEntry
from rooms import permissions, schedule
from rooms.models import Room, RoomEntry, RoomRemoval
from tests.rooms.conftest import soon


@pytest.fixture
def room(mentor, commons):
    return schedule.check_schedule_room(mentor, space=commons, title="Evening check-in", **soon(minutes=-5))


@pytest.mark.django_db
def test_mentor_schedules_a_room_with_defaults(mentor, commons):
    room = schedule.check_schedule_room(mentor, space=commons, title="Sunday circle", description="A gentle hour.", **soon())
    assert (room.capacity, room.premoderated, room.slow_mode_seconds, room.locked) == (12, False, 0, False)
    assert "Be kind" in room.ground_rules
    assert AuditEntry.objects.get(action="room.schedule").actor_id == mentor.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"capacity": 51}, "Capacity"),
        ({"capacity": 1}, "Capacity"),
        ({"ends_at_offset": -120}, "end after it starts"),
        ({"length": 60 * 5}, "at most 4 hours"),
        ({"description": "add me on telegram @roomhost for more"}, "need changing"),
    ],
)
def test_schedule_refuses_bad_input_and_stores_nothing(mentor, commons, changes, message):
    times = soon(length=changes.pop("length", 60))
    if "ends_at_offset" in changes:
        times["ends_at"] = times["starts_at"] + timedelta(minutes=changes.pop("ends_at_offset"))
    fields = {"title": "A room", **times, **changes}
    with pytest.raises(schedule.RoomRefused, match=message):
        schedule.check_schedule_room(mentor, space=commons, **fields)
    assert not Room.objects.exists()


@pytest.mark.django_db
def test_only_mentors_schedule_and_only_where_they_belong(member, mentor, mens_space, commons):
    with pytest.raises(schedule.RoomRefused):
        schedule.check_schedule_room(member, space=commons, title="Mine", **soon())
    with pytest.raises(schedule.RoomRefused):
        schedule.check_schedule_room(mentor, space=mens_space, title="Men's circle", **soon())


@pytest.mark.django_db
def test_mens_room_is_invisible_outside_the_space(make_member, mentor, mens_space, outsider):
    from forum.models import SpaceMembership

    SpaceMembership.objects.create(space=mens_space, member=mentor)
    room = schedule.check_schedule_room(mentor, space=mens_space, title="Men's circle", **soon())
    with pytest.raises(Http404):
        permissions.get_room_for_member(outsider, room.pk)
    assert room not in schedule.listed_rooms(outsider)
    man = make_member("Brother1")
    SpaceMembership.objects.create(space=mens_space, member=man)
    assert room in schedule.listed_rooms(man)


@pytest.mark.django_db
def test_status_follows_time_and_host_presence(room):
    assert schedule.room_status(room, hosts_present=False) == "waiting"
    assert schedule.room_status(room, hosts_present=True) == "live"
    assert schedule.room_status(room, hosts_present=True, now=room.starts_at - timedelta(minutes=30)) == "scheduled"
    assert schedule.room_status(room, hosts_present=True, now=room.ends_at) == "closed"


@pytest.mark.django_db
def test_agreeing_to_rules_happens_once(member, room):
    assert schedule.check_agree_to_rules(member, room) is True
    assert schedule.check_agree_to_rules(member, room) is False
    assert RoomEntry.objects.filter(room=room, member=member).count() == 1


@pytest.mark.django_db
def test_locked_room_keeps_out_newcomers_but_not_those_already_in(member, make_member, room):
    schedule.check_agree_to_rules(member, room)
    room.locked = True
    room.save()
    assert schedule.check_agree_to_rules(member, room) is False
    with pytest.raises(schedule.RoomRefused, match="closed to new people"):
        schedule.check_agree_to_rules(make_member("Late1"), room)


@pytest.mark.django_db
def test_removed_and_barred_members_cannot_enter(member, mentor, commons, room):
    RoomRemoval.objects.create(room=room, member=member, barred_from_host=True, by=mentor)
    with pytest.raises(schedule.RoomRefused):
        schedule.check_agree_to_rules(member, room)
    later = schedule.check_schedule_room(mentor, space=commons, title="Another evening", **soon(minutes=120))
    with pytest.raises(schedule.RoomRefused):
        schedule.check_agree_to_rules(member, later)


@pytest.mark.django_db
def test_closed_room_cannot_be_entered(member, room):
    room.ended_at = timezone.now()
    room.save()
    with pytest.raises(schedule.RoomRefused, match="closed"):
        schedule.check_agree_to_rules(member, room)
