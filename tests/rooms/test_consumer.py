"""The live room socket through the real routed application (docs/rooms.md)."""
import asyncio
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.utils import timezone

from forum.models import Space, SpaceMembership
from moderation.models import Escalation
from moderation.penalties import check_issue_penalty
from rooms import chat, schedule
from rooms.models import RoomMessage, RoomPresence
from tests.realtime.test_consumers import socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
db = database_sync_to_async


def make_room(mentor, space_slug="commons", **fields):
    start = timezone.now() - timedelta(minutes=5)
    space = Space.objects.get(slug=space_slug)
    return schedule.check_schedule_room(mentor, space=space, title="Evening circle", starts_at=start,
                                     ends_at=start + timedelta(hours=1), **fields)


@pytest.fixture
def room(mentor):
    return make_room(mentor)


def path(room):
    return f"/ws/rooms/{room.pk}/"


async def agreed(member, room):
    await db(schedule.check_agree_to_rules)(member, room)


async def receive_until(communicator, kind, limit=10):
    for _ in range(limit):
        frame = await communicator.receive_json_from(timeout=2)
        if frame["type"] == kind:
            return frame
    raise AssertionError(f"no {kind} frame")


async def test_anonymous_socket_is_refused(room):
    async with socket(path(room)) as (communicator, connected):
        assert not connected


async def test_outsider_of_the_mens_space_is_refused(mentor, outsider):
    mens = await db(Space.objects.get)(slug="mens-space")
    await db(SpaceMembership.objects.create)(space=mens, member=mentor)
    room = await db(make_room)(mentor, "mens-space")
    async with socket(path(room), outsider) as (communicator, connected):
        assert not connected


async def test_member_who_has_not_agreed_gets_an_error_and_is_closed(member, room):
    async with socket(path(room), member) as (communicator, connected):
        frame = await communicator.receive_json_from()
        assert frame == {"type": "error", "error": "Agree to the ground rules first."}
        assert (await communicator.receive_output())["type"] == "websocket.close"


async def test_messages_flow_both_ways_with_increasing_ids(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, connected):
        assert connected
        state = await receive_until(guest, "state")
        assert state["is_host"] is False and state["locked"] is False
        await guest.send_json_to({"type": "send", "body": "Hello everyone"})
        first = await receive_until(host, "message")
        assert (await receive_until(guest, "message"))["id"] == first["id"]  # the sender sees it once too
        await host.send_json_to({"type": "send", "body": "Welcome, glad you're here"})
        second = await receive_until(guest, "message")
        assert first["body"] == "Hello everyone" and first["author"] == member.pseudonym
        assert second["id"] > first["id"] and second["author"] == mentor.pseudonym


async def test_the_sender_gets_its_own_message_exactly_once(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": "Only once please"})
        own = await receive_until(guest, "message")
        assert own["body"] == "Only once please"
        await receive_until(host, "message")
        frames = []
        while not await guest.receive_nothing(timeout=0.3):
            frames.append(await guest.receive_json_from())
        assert [f for f in frames if f["type"] == "message"] == []


async def test_with_the_layer_down_a_message_is_stored_and_acknowledged_to_its_sender(
        member, mentor, room, monkeypatch, caplog):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        layer = get_channel_layer()

        async def down(*args, **kwargs):
            raise ConnectionError("redis is down")

        monkeypatch.setattr(layer, "group_send", down)
        await guest.send_json_to({"type": "send", "body": "Is anyone still there?"})
        own = await receive_until(guest, "message")
        await guest.send_json_to({"type": "send", "body": "I have the pills here and I'm taking them all tonight"})
        help_frame = await receive_until(guest, "help")
        assert any(r["phone"] == "988" for r in help_frame["resources"])
        host_frames = []
        while not await host.receive_nothing(timeout=0.3):
            host_frames.append((await host.receive_json_from())["type"])
        assert "message" not in host_frames  # the layer is down: others catch up when it is back
    stored = await db(lambda: list(RoomMessage.objects.filter(room=room).values_list("id", "body")))()
    assert (own["id"], "Is anyone still there?") in stored and len(stored) == 2
    assert await db(Escalation.objects.filter(member=member).exists)()
    assert "could not send room.message" in caplog.text


async def test_replay_after_reconnect_returns_exactly_the_missed_messages(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await guest.send_json_to({"type": "send", "body": "before I drop"})
        seen = await receive_until(guest, "message")
    async with socket(path(room), mentor) as (host, _):
        for text in ("missed one", "missed two"):
            await host.send_json_to({"type": "send", "body": text})
            await receive_until(host, "message")
    async with socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "replay", "after": seen["seq"]})
        replayed = [await receive_until(guest, "message"), await receive_until(guest, "message")]
        done = await receive_until(guest, "replayed")
        assert [m["body"] for m in replayed] == ["missed one", "missed two"]
        assert done["last_seq"] == replayed[-1]["seq"] and done["more"] is False


@pytest.mark.parametrize(
    "frame, error",
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "Unknown frame type"),
        ('{"type": "dance"}', "Unknown frame type"),
        ('{"type": "send", "body": 7}', "'body' must be text"),
        ('{"type": "replay", "after": true}', "'after' must be a number"),
        ('{"type": "send", "body": "' + "x" * 9000 + '"}', "at most 8192 bytes"),
    ],
)
async def test_malformed_frames_get_an_error_and_change_nothing(member, mentor, room, frame, error):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_to(text_data=frame)
        assert error in (await receive_until(guest, "error"))["error"]
        await guest.send_json_to({"type": "send", "body": "still here"})
        assert (await receive_until(guest, "message"))["body"] == "still here"
    assert await db(RoomMessage.objects.count)() == 1


async def test_oversized_message_is_refused(member, room):
    await agreed(member, room)
    async with socket(path(room), member) as (guest, _):
        await guest.send_json_to({"type": "send", "body": "y" * 2001})
        assert "1 to 2,000 characters" in (await receive_until(guest, "error"))["error"]
    assert not await db(RoomMessage.objects.exists)()


async def test_host_mute_is_enforced_on_every_socket_of_the_member(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (one, _), socket(path(room), member) as (two, _):
        await host.send_json_to({"type": "mute", "member": member.pk, "minutes": 5})
        assert (await receive_until(one, "muted"))["until"] and (await receive_until(two, "muted"))["until"]
        await two.send_json_to({"type": "send", "body": "can I talk?"})
        assert "muted" in (await receive_until(two, "error"))["error"]
    assert not await db(RoomMessage.objects.exists)()


async def test_a_muted_member_in_crisis_is_refused_but_heard(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await host.send_json_to({"type": "mute", "member": member.pk, "minutes": 5})
        await receive_until(guest, "muted")
        await guest.send_json_to({"type": "send", "body": "I have the pills here and I'm taking them all tonight"})
        assert "muted" in (await receive_until(guest, "error"))["error"]
        help_frame = await receive_until(guest, "help")
        assert any(r["phone"] == "988" for r in help_frame["resources"])
        await guest.send_json_to({"type": "send", "body": "ok, I'll wait"})
        await receive_until(guest, "error")
        later = []
        while not await guest.receive_nothing(timeout=0.3):
            later.append((await guest.receive_json_from())["type"])
        assert "help" not in later  # no help for an ordinary refused message
    assert not await db(RoomMessage.objects.exists)()
    assert (await db(Escalation.objects.get)(member=member)).risk == "imminent"


async def test_member_cannot_use_host_tools(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), member) as (guest, _):
        await guest.send_json_to({"type": "lock", "locked": True})
        assert "Only the room's hosts" in (await receive_until(guest, "error"))["error"]
    await db(room.refresh_from_db)()
    assert room.locked is False


async def test_removed_member_is_closed_and_cannot_come_back(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await host.send_json_to({"type": "remove", "member": member.pk, "bar": False})
        await receive_until(guest, "removed")
        assert (await guest.receive_output())["type"] == "websocket.close"
        notice = await receive_until(host, "notice")
        assert notice["text"] == "The host asked someone to leave the room."
    async with socket(path(room), member) as (again, _):
        assert (await receive_until(again, "error"))["error"] == "You can't join this room."


async def test_removed_member_leaves_the_presence_list_at_once_even_with_two_tabs(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (tab1, _), \
            socket(path(room), member) as (tab2, _):
        await receive_until(tab2, "state")
        await host.send_json_to({"type": "remove", "member": member.pk, "bar": False})
        frames = []
        while not frames or frames[-1]["type"] != "notice":
            frames.append(await host.receive_json_from(timeout=2))
        # Before either tab has closed its socket, the host's list no longer shows the member.
        last_presence = [frame for frame in frames if frame["type"] == "presence"][-1]
        assert [row["id"] for row in last_presence["members"]] == [mentor.pk]
        assert not await db(RoomPresence.objects.filter(member=member).exists)()
        await receive_until(tab1, "removed")
        await receive_until(tab2, "removed")


async def test_capacity_counts_people_present_not_hosts(make_member, mentor):
    room = await db(make_room)(mentor, capacity=2)
    guests = [await db(make_member)(f"Guest{n}") for n in range(3)]
    for guest in guests:
        await agreed(guest, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), guests[0]) as (a, _), socket(path(room), guests[1]) as (b, _):
        await receive_until(b, "state")
        async with socket(path(room), guests[2]) as (c, _):
            assert (await receive_until(c, "error"))["error"] == "This room is full right now."
    assert await db(RoomPresence.objects.count)() == 0


async def test_crisis_message_alerts_host_and_crisis_staff_and_shows_help(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await guest.send_json_to({"type": "send", "body": "I have the pills here and I'm taking them all tonight"})
        help_frame = await receive_until(guest, "help")
        assert any(r["phone"] == "988" for r in help_frame["resources"])
        assert (await receive_until(host, "alert"))["risk"] == "imminent"
    escalation = await db(Escalation.objects.get)()
    assert escalation.member_id == member.pk and escalation.room_message_id is not None


async def test_contact_attempt_is_held_for_the_host(member, make_member, mentor, room):
    other = await db(make_member)("Bystander9")
    for person in (member, other):
        await agreed(person, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _), socket(path(room), other) as (bystander, _):
        await receive_until(bystander, "state")
        await guest.send_json_to({"type": "send", "body": "add me on snap: river.moon_07"})
        assert "checked first" in (await receive_until(guest, "own_held"))["reason"]
        held = await receive_until(host, "held")
        assert held["body"] == "add me on snap: river.moon_07"
        await host.send_json_to({"type": "reject", "message": held["id"]})
        await receive_until(bystander, "message_removed")


async def test_premoderated_room_shows_messages_once_the_host_approves(member, make_member, mentor):
    room = await db(make_room)(mentor, premoderated=True)
    other = await db(make_member)("Listener3")
    for person in (member, other):
        await agreed(person, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _), socket(path(room), other) as (listener, _):
        await receive_until(listener, "state")
        await guest.send_json_to({"type": "send", "body": "Thank you for this room"})
        held = await receive_until(host, "held")
        await host.send_json_to({"type": "approve", "message": held["id"]})
        assert (await receive_until(listener, "message"))["body"] == "Thank you for this room"


async def test_silence_issued_while_connected_stops_writing(member, mentor, moderator, room):
    await agreed(member, room)
    async with socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await db(check_issue_penalty)(moderator, member, "silence", "cool off", duration="24h")
        await guest.send_json_to({"type": "send", "body": "hello?"})
        assert "read, but not write" in (await receive_until(guest, "error"))["error"]


async def test_flood_mutes_the_sender_automatically(member, mentor, room, settings):
    settings.ROOM_FLOOD_MESSAGES = 3
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        for n in range(3):
            await guest.send_json_to({"type": "send", "body": f"checking in again ({n})"})
            await receive_until(guest, "message")
        await guest.send_json_to({"type": "send", "body": "one more"})
        assert "a lot of messages at once" in (await receive_until(guest, "error"))["error"]
        await guest.send_json_to({"type": "send", "body": "and another"})
        assert "muted" in (await receive_until(guest, "error"))["error"]
    assert await db(RoomMessage.objects.count)() == 3


async def test_host_ends_the_session_and_the_room_closes(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await host.send_json_to({"type": "end"})
        state = await receive_until(guest, "state")
        while not state["ended"]:
            state = await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": "bye"})
        assert "closed" in (await receive_until(guest, "error"))["error"]


async def test_members_cannot_write_until_a_host_is_here(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": "anyone here?"})
        assert "The host isn't here yet" in (await receive_until(guest, "error"))["error"]
        async with socket(path(room), mentor) as (host, _):
            await receive_until(guest, "presence")
            await guest.send_json_to({"type": "send", "body": "hello host"})
            assert (await receive_until(host, "message"))["body"] == "hello host"


async def test_room_does_not_open_to_members_before_its_time(member, mentor):
    start = timezone.now() + timedelta(hours=2)
    room = await db(schedule.check_schedule_room)(mentor, space=await db(Space.objects.get)(slug="commons"), title="Later",
                                               starts_at=start, ends_at=start + timedelta(hours=1))
    await agreed(member, room)
    async with socket(path(room), member) as (guest, _):
        assert "This room opens at" in (await receive_until(guest, "error"))["error"]


async def test_approved_message_reaches_a_client_that_reconnects_past_its_old_id(member, make_member, mentor):
    room = await db(make_room)(mentor, premoderated=True)
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await guest.send_json_to({"type": "send", "body": "waiting for approval"})
        held = await receive_until(host, "held")
        await host.send_json_to({"type": "send", "body": "a newer host message"})
        newer = await receive_until(guest, "message")
        await receive_until(host, "message")  # the host sees its own message too
        await host.send_json_to({"type": "approve", "message": held["id"]})
        approved = await receive_until(host, "message")
        assert approved["body"] == "waiting for approval" and approved["id"] > newer["id"]
        await guest.send_json_to({"type": "replay", "after": newer["seq"]})
        assert (await receive_until(guest, "message"))["body"] == "waiting for approval"


async def test_a_muted_member_learns_it_on_connect(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _):
        await db(chat.check_mute)(mentor, room, member.pk, 15)
        async with socket(path(room), member) as (guest, _):
            assert (await receive_until(guest, "muted"))["until"]


async def test_lock_keeps_new_people_out_on_the_socket(member, make_member, mentor, room):
    newcomer = await db(make_member)("LateArrival1")
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _):
        await host.send_json_to({"type": "lock", "locked": True})
        await receive_until(host, "notice")
        await db(room.refresh_from_db)()
        with pytest.raises(schedule.RoomRefused, match="closed to new people"):
            await agreed(newcomer, room)
        async with socket(path(room), newcomer) as (late, _):
            assert "closed to new people" in (await receive_until(late, "error"))["error"]
        async with socket(path(room), member) as (known, connected):
            assert (await receive_until(known, "state"))["locked"] is True


async def test_a_socket_in_another_room_receives_nothing(member, make_member, mentor, room):
    elsewhere = await db(make_member)("Elsewhere1")
    second = await db(schedule.check_schedule_room)(
        mentor, space=await db(Space.objects.get)(slug="commons"), title="Second room",
        starts_at=timezone.now() - timedelta(minutes=1), ends_at=timezone.now() + timedelta(hours=1),
    )
    await agreed(member, room)
    await agreed(elsewhere, second)
    async with socket(path(second), elsewhere) as (outside, _):
        await receive_until(outside, "state")
        await receive_until(outside, "presence")
        async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
            await guest.send_json_to({"type": "send", "body": "only for this room"})
            await receive_until(host, "message")
            assert await outside.receive_nothing(timeout=0.3)


async def test_an_open_socket_keeps_its_presence_row_fresh(mentor, room, settings):
    settings.ROOM_PRESENCE_HEARTBEAT_SECONDS = 1
    async with socket(path(room), mentor) as (host, _):
        await receive_until(host, "state")
        first = await db(RoomPresence.objects.get)(member=mentor)
        await asyncio.sleep(2.5)  # the first beat falls between 0.5 and 1 s; room to spare on a slow run
        later = await db(RoomPresence.objects.get)(member=mentor)
        assert later.seen_at > first.seen_at
