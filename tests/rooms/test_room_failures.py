"""A room socket when things fail: no ghosts, failures told, alerts kept (docs/rooms.md)."""
import asyncio
import contextlib

import pytest
from autobahn.exception import Disconnected
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import OperationalError

from config.asgi import application
from moderation.models import Escalation
from rooms import chat
from rooms.models import RoomMessage, RoomPresence
from realtime.events import room_group
from rooms.consumers import RoomConsumer
from tests.realtime.test_consumers import _headers, socket
from tests.rooms.test_consumer import agreed, make_room, path, receive_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
db = database_sync_to_async
CRISIS_TEXT = "I have the pills here and I'm taking them all tonight"


@pytest.fixture
def room(mentor):
    return make_room(mentor)


async def presence_of(member):
    return await db(lambda: list(RoomPresence.objects.filter(member=member).values_list("channel_name", flat=True)))()


async def in_group(room, channel_name):
    """Whether the layer still counts the channel in the room's group, as each layer stores groups."""
    layer, group = get_channel_layer(), room_group(room.pk)
    if hasattr(layer, "groups"):  # in-memory
        return channel_name in layer.groups.get(group, {})
    import redis.asyncio  # channels-redis: a sorted set per group

    client = redis.asyncio.from_url(settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"])
    try:
        return await client.zscore(layer._group_key(group), channel_name) is not None
    finally:
        await client.aclose()


async def frames_until_quiet(communicator):
    frames = []
    while not await communicator.receive_nothing(timeout=0.3):
        frames.append(await communicator.receive_json_from())
    return frames


# --- No ghosts ---------------------------------------------------------------


async def test_consumer_killed_mid_event_leaves_room_group_and_presence(member, mentor, room, monkeypatch, settings):
    settings.ROOM_PRESENCE_HEARTBEAT_SECONDS = 1
    await agreed(member, room)
    forward = RoomConsumer.room_notice

    async def crash_for_the_member(consumer, event):
        if consumer.member_id == member.pk:
            raise RuntimeError("the handler broke")
        await forward(consumer, event)

    monkeypatch.setattr(RoomConsumer, "room_notice", crash_for_the_member)
    async with socket(path(room), mentor) as (host, _):
        guest = WebsocketCommunicator(application, path(room), headers=await _headers(member, "http://testserver"))
        await guest.connect()
        try:
            await receive_until(guest, "state")
            [channel] = await presence_of(member)
            assert await in_group(room, channel)
            await host.send_json_to({"type": "lock", "locked": True})  # a notice: the member's consumer dies on it
            with pytest.raises(RuntimeError):
                await guest.wait(timeout=3)
            await asyncio.sleep(1.5)  # more than a heartbeat: no lingering task brings the row back
            assert await presence_of(member) == []
            assert not await in_group(room, channel)
            shown = [frame for frame in await frames_until_quiet(host) if frame["type"] == "presence"][-1]
            assert [row["id"] for row in shown["members"]] == [mentor.pk]
        finally:
            with contextlib.suppress(RuntimeError):
                await guest.disconnect()


async def test_event_to_a_closed_socket_is_not_an_error(member, mentor, room, monkeypatch):
    await agreed(member, room)
    closed = set()
    send = AsyncWebsocketConsumer.send

    async def send_like_daphne(consumer, *args, **kwargs):
        if getattr(consumer, "member_id", None) in closed:
            raise Disconnected("Attempt to send on a closed protocol")
        await send(consumer, *args, **kwargs)

    monkeypatch.setattr(AsyncWebsocketConsumer, "send", send_like_daphne)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        closed.add(member.pk)  # the member pressed Quick exit; the close is still on its way
        await host.send_json_to({"type": "send", "body": "Welcome, everyone"})
        await receive_until(host, "message")
        await host.receive_nothing(timeout=0.3)
        assert not guest.future.done()  # the consumer carries on until the close arrives
    assert await presence_of(member) == []


# --- Failures are told ----------------------------------------------------------


def refuse_writes(monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("could not write: disk full")

    monkeypatch.setattr(chat, "do_store_message", refused)


async def test_write_refused_by_the_database_gives_the_sender_an_error(member, mentor, room, monkeypatch):
    await agreed(member, room)
    refuse_writes(monkeypatch)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": "Hello everyone", "client_id": "a1"})
        error = await receive_until(guest, "error")
        assert error == {"type": "error", "error": chat.WRITE_FAILED, "client_id": "a1"}
        assert "help" not in [frame["type"] for frame in await frames_until_quiet(guest)]
        monkeypatch.undo()
        await guest.send_json_to({"type": "send", "body": "Hello everyone", "client_id": "a1"})  # the socket stayed
        assert (await receive_until(guest, "ack"))["client_id"] == "a1"
    assert await db(RoomMessage.objects.count)() == 1


async def test_crisis_write_refused_by_the_database_still_reaches_staff_and_shows_help(member, mentor, room, monkeypatch):
    await agreed(member, room)
    refuse_writes(monkeypatch)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": CRISIS_TEXT, "client_id": "b1"})
        assert (await receive_until(guest, "error"))["client_id"] == "b1"
        help_frame = await receive_until(guest, "help")
        assert any(resource["phone"] == "988" for resource in help_frame["resources"])
    assert not await db(RoomMessage.objects.exists)()
    escalation = await db(Escalation.objects.get)(member=member)
    assert escalation.risk == "imminent" and escalation.status == "open"


async def test_retried_send_is_stored_once(member, mentor, room):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        for _ in range(2):  # the first ack was lost with a connection; the client sends again
            await guest.send_json_to({"type": "send", "body": "Is this thing on?", "client_id": "c1"})
        first, second = await receive_until(guest, "ack"), await receive_until(guest, "ack")
        assert first["id"] == second["id"] and first["seq"] == 1
        assert [frame["type"] for frame in await frames_until_quiet(host)].count("message") == 1
    assert await db(RoomMessage.objects.count)() == 1


@pytest.mark.parametrize("client_id", ["", "x" * 65, "no spaces", 7])
async def test_send_with_a_bad_client_id_is_refused(member, mentor, room, client_id):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_json_to({"type": "send", "body": "hello", "client_id": client_id})
        if client_id == "":  # empty means none: stored, without retry protection
            assert (await receive_until(guest, "ack"))["client_id"] == ""
        else:
            assert "'client_id'" in (await receive_until(guest, "error"))["error"]
    assert await db(RoomMessage.objects.count)() == (1 if client_id == "" else 0)


# --- Host alerts survive an outage -------------------------------------------------


async def test_host_gets_the_crisis_alert_on_catch_up_after_a_layer_outage(member, mentor, room, monkeypatch):
    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(host, "state")
        layer = get_channel_layer()
        send = layer.group_send

        async def down(*args, **kwargs):
            raise ConnectionError("redis is down")

        monkeypatch.setattr(layer, "group_send", down)
        await guest.send_json_to({"type": "send", "body": CRISIS_TEXT, "client_id": "d1"})
        await receive_until(guest, "help")
        assert "alert" not in [frame["type"] for frame in await frames_until_quiet(host)]
        monkeypatch.setattr(layer, "group_send", send)
        await host.send_json_to({"type": "replay", "after": 0})  # what room.js sends on `resync`
        alert = await receive_until(host, "alert")
        escalation = await db(Escalation.objects.get)(member=member)
        assert alert == {"type": "alert", "id": escalation.pk, "author": member.pseudonym, "risk": "imminent", "on_duty": False}
        await guest.send_json_to({"type": "replay", "after": 0})
        assert "alert" not in [frame["type"] for frame in await frames_until_quiet(guest)]  # hosts only


async def test_socket_is_admitted_while_the_layer_hangs_on_join(member, mentor, room, monkeypatch):
    from realtime import resilience

    await agreed(member, room)
    monkeypatch.setattr(resilience, "LAYER_JOIN_TIMEOUT_SECONDS", 0.2)
    layer = get_channel_layer()

    async def hangs(*args, **kwargs):  # a Redis restarting: the command neither answers nor fails
        await asyncio.sleep(3600)

    monkeypatch.setattr(layer, "group_add", hangs)
    async with socket(path(room), member) as (guest, connected):
        assert connected
        state = await receive_until(guest, "state")  # admitted from the database; the join goes on trying
        assert state["ended"] is False
    assert await presence_of(member) == []


# --- Frames that are not text -------------------------------------------------


@pytest.mark.parametrize("body", ["\ud800", "hello \udfff there", "\udbff\udbff", "ok \ud83d"])
async def test_send_holding_a_lone_surrogate_gets_an_error_frame_and_the_socket_stays(member, mentor, room, body):
    import json

    await agreed(member, room)
    async with socket(path(room), mentor) as (host, _), socket(path(room), member) as (guest, _):
        await receive_until(guest, "state")
        await guest.send_to(text_data=json.dumps({"type": "send", "body": body}))  # escaped: \\ud800
        assert "not text" in (await receive_until(guest, "error"))["error"]
        await guest.send_json_to({"type": "send", "body": "still here", "client_id": "after"})
        assert (await receive_until(guest, "ack"))["client_id"] == "after"
    assert await db(lambda: list(RoomMessage.objects.values_list("body", flat=True)))() == ["still here"]
