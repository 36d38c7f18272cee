"""A room socket keeps checking who may be there, not only when it connects (issue 13, findings 1 and 2)."""
import pytest
from channels.db import database_sync_to_async

from forum.actions import do_join_space, do_leave_space
from forum.models import Space
from moderation.penalties import check_issue_penalty
from rooms import chat
from rooms.models import RoomMessage
from rooms.consumers import CLOSE_REFUSED, GONE
from tests.realtime.test_consumers import socket
from tests.rooms.test_consumer import agreed, make_room, path, receive_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
db = database_sync_to_async


@pytest.fixture
def room(mentor):
    return make_room(mentor)


async def _mens_room(mentor, member):
    mens = await db(Space.objects.get)(slug="mens-space")
    for person in (mentor, member):
        await db(do_join_space)(person, mens)
    room = await db(make_room)(mentor, "mens-space")
    await agreed(member, room)
    return mens, room


async def _is_refused_and_closed(communicator):
    frame = await receive_until(communicator, "error")
    assert frame["error"] == GONE
    closed = await communicator.receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": CLOSE_REFUSED}


async def test_member_who_leaves_the_space_cannot_replay_or_write_in_its_room(mentor, member):
    mens, room = await _mens_room(mentor, member)
    await db(chat.check_send_message)(mentor, room, "welcome, take your time")
    async with socket(path(room), member) as (communicator, connected):
        assert connected
        await receive_until(communicator, "state")
        await db(do_leave_space)(member, mens)
        await communicator.send_json_to({"type": "replay", "after": 0})
        await _is_refused_and_closed(communicator)
    async with socket(path(room), member) as (communicator, connected):
        assert not connected


async def test_banned_member_cannot_send_after_the_ban(mentor, member, moderator, room):
    await agreed(member, room)
    async with socket(path(room), member) as (communicator, connected):
        assert connected
        await receive_until(communicator, "state")
        await db(check_issue_penalty)(moderator, member, "ban", "recruiting in rooms")
        await communicator.send_json_to({"type": "send", "body": "still here?", "client_id": "after-ban"})
        await _is_refused_and_closed(communicator)
    assert not await db(RoomMessage.objects.filter(room=room, body="still here?").exists)()


async def test_banned_member_is_cut_off_at_the_next_heartbeat_without_sending(mentor, member, moderator, room,
                                                                              settings):
    settings.ROOM_PRESENCE_HEARTBEAT_SECONDS = 1
    await agreed(member, room)
    async with socket(path(room), member) as (communicator, connected):
        assert connected
        await receive_until(communicator, "state")
        await db(check_issue_penalty)(moderator, member, "ban", "recruiting in rooms")
        for _ in range(20):  # the first heartbeat is jittered between 0.5 and 1 period; then every period
            output = await communicator.receive_output(timeout=3)
            if output["type"] == "websocket.close":
                break
        else:
            raise AssertionError("the banned member's socket stayed open")
