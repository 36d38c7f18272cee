"""Presence survives a server process that dies: rows stop counting once their socket stops beating."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rooms import chat, schedule
from rooms.models import RoomPresence
from tests.rooms.conftest import soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(mentor, commons):
    return schedule.check_schedule_room(mentor, space=commons, title="Evening circle", capacity=2, **soon(minutes=-5))


def left_by_a_dead_process(room, member, settings):
    """A row whose socket's server was killed: its last beat is four beats ago."""
    silent_for = timedelta(seconds=4 * settings.ROOM_PRESENCE_HEARTBEAT_SECONDS)
    return RoomPresence.objects.create(room=room, member=member, channel_name=f"dead.{member.pk}",
                                       seen_at=timezone.now() - silent_for)


def test_a_dead_process_rows_do_not_show_or_hold_a_place(room, member, make_member, mentor, settings):
    other = make_member("Other8")
    for person in (member, other):
        schedule.check_agree_to_rules(person, room)
        left_by_a_dead_process(room, person, settings)
    assert chat.presence_members(room) == []
    newcomer = make_member("Newcomer7")
    schedule.check_agree_to_rules(newcomer, room)
    chat.check_arrive(newcomer, room, "alive.1")  # capacity 2: the dead rows do not fill it
    assert [row["id"] for row in chat.presence_members(room)] == [newcomer.pk]
    assert not RoomPresence.objects.filter(channel_name=f"dead.{member.pk}").exists()  # swept on arrival


def test_a_dead_host_does_not_keep_the_room_open_for_messages(room, member, mentor, settings):
    schedule.check_agree_to_rules(member, room)
    left_by_a_dead_process(room, mentor, settings)
    assert chat.hosts_present(room) is False


def test_a_heartbeat_keeps_a_row_alive(room, mentor, settings):
    row = left_by_a_dead_process(room, mentor, settings)
    assert chat.do_heartbeat(row.channel_name) is True
    assert chat.hosts_present(room) is True
    assert chat.do_heartbeat("never.existed") is False


def test_purge_expired_deletes_rows_that_stopped_beating(room, mentor, member, settings):
    left_by_a_dead_process(room, member, settings)
    RoomPresence.objects.create(room=room, member=mentor, channel_name="alive.2")
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert list(RoomPresence.objects.values_list("channel_name", flat=True)) == ["alive.2"]
    assert "1 stale presence rows" in out.getvalue()
