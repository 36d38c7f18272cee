"""The notification sockets, through the real routed application (origin check, session auth, router)."""
import logging
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.asgi import application
from peers.models import Member
from realtime.consumers import MAX_FRAME_BYTES
from realtime.events import CRISIS_STAFF, MODERATION_QUEUE, member_group
from realtime.send import send_event_on_commit
from tests.live_servers import session_for

# Flushing after each test would drop the seed data (spaces, help resources)
# that later tests read; serialized_rollback puts it back.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGIN = "http://testserver"
FLAG = {"type": "queue.flag", "flag_id": 7, "lane": 1, "status": "open", "claimed_by": None}
ESCALATION = {"type": "crisis.escalation", "escalation_id": 3, "risk": "imminent", "status": "open", "overdue": False}


def care(message_id):
    return {"type": "member.care", "message_id": message_id}


async def _headers(member, origin):
    headers = []
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if member is not None:
        key = await database_sync_to_async(session_for)(member)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()))
    return headers


@asynccontextmanager
async def socket(path, member=None, *, origin=ORIGIN):
    """Yield (communicator, connected) for `member` (None: anonymous); always disconnects."""
    communicator = WebsocketCommunicator(application, path, headers=await _headers(member, origin))
    connected, _ = await communicator.connect()
    try:
        yield communicator, connected
    finally:
        await communicator.disconnect()


async def group_send(group, event):
    await get_channel_layer().group_send(group, event)


@pytest.fixture
def person(request):
    """A cast member named by `parametrize(..., indirect=["person"])`."""
    return request.getfixturevalue(request.param)


async def assert_receives_nothing(communicator):
    assert await communicator.receive_nothing(timeout=0.2), "this socket received an event meant for others"


# --- Who may connect -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/ws/moderation/", "/ws/crisis/", "/ws/me/"])
async def test_socket_refuses_anonymous(path):
    async with socket(path) as (_, connected):
        assert not connected


@pytest.mark.parametrize(
    ("person", "path"),
    [
        ("member", "/ws/moderation/"),
        ("member", "/ws/crisis/"),
        ("moderator", "/ws/crisis/"),
        ("crisis_staff", "/ws/moderation/"),
    ],
    indirect=["person"],
)
async def test_socket_refuses_member_without_the_role(person, path):
    async with socket(path, person) as (_, connected):
        assert not connected


@pytest.mark.parametrize("path", ["/ws/moderation/", "/ws/crisis/", "/ws/me/"])
async def test_admin_may_connect_to_every_socket(admin_member, path):
    async with socket(path, admin_member) as (_, connected):
        assert connected


@pytest.mark.parametrize(
    "change",
    [{"is_active": False}, {"suspended_until": timezone.now() + timedelta(days=1)}],
    ids=["banned", "suspended"],
)
async def test_member_socket_refuses_banned_or_suspended_member(make_member, change):
    person = await database_sync_to_async(make_member)("FadingEmber2", role="moderator")
    async with socket("/ws/me/", person) as (_, connected):
        assert connected
    await database_sync_to_async(Member.objects.filter(pk=person.pk).update)(**change)
    for path in ("/ws/me/", "/ws/moderation/"):
        async with socket(path, person) as (_, connected):
            assert not connected


@pytest.mark.parametrize("origin", ["http://evil.example", "null", None], ids=["other-host", "null", "missing"])
async def test_socket_refuses_foreign_or_missing_origin(moderator, origin):
    async with socket("/ws/moderation/", moderator, origin=origin) as (_, connected):
        assert not connected
    async with socket("/ws/moderation/", moderator) as (_, connected):
        assert connected  # the same session from our own origin is fine


async def test_socket_stays_open_while_the_layer_is_down_and_resyncs_when_it_is_back(moderator, monkeypatch, caplog):
    layer = get_channel_layer()
    real_group_add = layer.group_add
    outage = {"on": True}

    async def flaky_group_add(*args):
        if outage["on"]:
            raise ConnectionError("redis is down")
        return await real_group_add(*args)

    monkeypatch.setattr(layer, "group_add", flaky_group_add)
    with caplog.at_level(logging.WARNING, logger="realtime.resilience"):
        async with socket("/ws/moderation/", moderator) as (communicator, connected):
            assert connected  # open, though it cannot hear anything yet
            assert await communicator.receive_nothing(timeout=0.6)
            outage["on"] = False
            assert await communicator.receive_json_from(timeout=6) == {"type": "resync"}
            await group_send(MODERATION_QUEUE, FLAG)
            assert (await communicator.receive_json_from(timeout=2))["flag_id"] == FLAG["flag_id"]
    assert "channel layer unreachable on join (ConnectionError)" in caplog.text
    assert "reachable again" in caplog.text


async def test_a_crisis_socket_whose_group_was_forgotten_rejoins_and_reloads(crisis_staff, monkeypatch, settings):
    from realtime.consumers import CrisisConsumer

    monkeypatch.setattr(CrisisConsumer, "refresh_seconds", 0.2)
    layer = get_channel_layer()
    async with socket("/ws/crisis/", crisis_staff) as (staff, connected):
        assert connected
        # As a Redis that restarted empty, unnoticed by the socket.
        if hasattr(layer, "groups"):
            layer.groups.clear()  # the in-memory layer: its queues stay, its groups go
        else:  # channels-redis: the group's key goes, nothing else on that Redis
            import redis.asyncio

            client = redis.asyncio.from_url(settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["address"])
            await client.delete(layer._group_key(CRISIS_STAFF))
            await client.aclose()
        # Within a refresh period the socket rejoins and the page is told to reload.
        while (await staff.receive_json_from(timeout=2))["type"] != "resync":
            pass
        await group_send(CRISIS_STAFF, ESCALATION)  # and it hears the group again
        while (frame := await staff.receive_json_from(timeout=2))["type"] == "resync":
            pass
        assert frame["escalation_id"] == ESCALATION["escalation_id"]


async def test_a_moderator_demoted_while_connected_is_cut_off_at_the_next_refresh(moderator, monkeypatch):
    from peers.models import Role
    from realtime.consumers import ModerationQueueConsumer

    monkeypatch.setattr(ModerationQueueConsumer, "refresh_seconds", 0.2)
    async with socket("/ws/moderation/", moderator) as (communicator, connected):
        assert connected
        moderator.role = Role.MEMBER
        await database_sync_to_async(moderator.save)(update_fields=["role"])
        for _ in range(5):  # a resync or two may come first
            output = await communicator.receive_output(timeout=2)
            if output["type"] == "websocket.close":
                break
        assert output["type"] == "websocket.close"


# --- Who hears what --------------------------------------------------------------


@pytest.mark.parametrize("person", ["moderator", "admin_member"], indirect=True)
async def test_moderation_socket_forwards_queue_flag_to_moderators_only(person, member, outsider):
    async with (
        socket("/ws/moderation/", person) as (staff, staff_ok),
        socket("/ws/me/", member) as (own, own_ok),
        socket("/ws/me/", outsider) as (other, other_ok),
    ):
        assert staff_ok and own_ok and other_ok
        await group_send(MODERATION_QUEUE, FLAG)
        assert await staff.receive_json_from() == FLAG
        await assert_receives_nothing(own)
        await assert_receives_nothing(other)
        await assert_receives_nothing(staff)


async def test_crisis_socket_forwards_escalation_to_crisis_staff_only(crisis_staff, moderator, member):
    async with (
        socket("/ws/crisis/", crisis_staff) as (staff, staff_ok),
        socket("/ws/moderation/", moderator) as (mod, mod_ok),
        socket("/ws/me/", member) as (own, own_ok),
    ):
        assert staff_ok and mod_ok and own_ok
        await group_send(CRISIS_STAFF, ESCALATION)
        assert await staff.receive_json_from() == ESCALATION
        await assert_receives_nothing(mod)
        await assert_receives_nothing(own)


async def test_member_socket_receives_only_its_own_members_care(member, outsider):
    async with socket("/ws/me/", member) as (own, own_ok), socket("/ws/me/", outsider) as (other, other_ok):
        assert own_ok and other_ok
        await group_send(member_group(outsider.pk), care(2))
        await group_send(member_group(member.pk), care(1))
        # Had care(2) leaked to `own`, it would come before care(1).
        assert await own.receive_json_from() == care(1)
        assert await other.receive_json_from() == care(2)
        await assert_receives_nothing(own)
        await assert_receives_nothing(other)


async def test_socket_leaves_its_group_on_disconnect(moderator, monkeypatch):
    layer = get_channel_layer()
    left = []
    discard = layer.group_discard

    async def spy(group, channel):
        left.append(group)
        await discard(group, channel)

    monkeypatch.setattr(layer, "group_discard", spy)
    async with socket("/ws/moderation/", moderator) as (_, connected):
        assert connected
        assert left == []
    assert left == [MODERATION_QUEUE, f"member-{moderator.pk}-access"]


# --- What a client sends -----------------------------------------------------------

FRAMES = {
    "not-json": {"text_data": "hello?"},
    "json-list": {"text_data": "[1, 2, 3]"},
    "unknown-type": {"text_data": '{"type": "queue.claim", "flag_id": 7}'},
    "an-event": {"text_data": '{"type": "queue.flag", "flag_id": 7, "lane": 1, "status": "open", "claimed_by": null}'},
    "10-kb-text": {"text_data": '{"type": "' + "x" * 10 * 1024 + '"}'},
    "bytes": {"bytes_data": b"\x00\xff\x10"},
}


@pytest.mark.parametrize("frame", FRAMES.values(), ids=FRAMES.keys())
async def test_client_frame_gets_an_error_and_socket_stays_open(moderator, frame):
    async with socket("/ws/moderation/", moderator) as (staff, connected), socket("/ws/moderation/", moderator) as (peer, _):
        assert connected
        await staff.send_to(**frame)
        reply = await staff.receive_json_from()
        assert reply["type"] == "error" and set(reply) == {"type", "error"} and reply["error"]
        await assert_receives_nothing(peer)  # nothing the client sends is passed on
        await group_send(MODERATION_QUEUE, FLAG)
        assert await staff.receive_json_from() == FLAG
        assert await peer.receive_json_from() == FLAG


async def test_client_frame_over_the_limit_is_refused_as_too_large(moderator):
    async with socket("/ws/moderation/", moderator) as (staff, _):
        await staff.send_to(text_data="é" * (MAX_FRAME_BYTES // 2 + 1))  # few characters, over 4 KB of UTF-8
        assert "larger than" in (await staff.receive_json_from())["error"]
        await staff.send_to(text_data="{}")
        assert "larger than" not in (await staff.receive_json_from())["error"]


# --- Sent after commit ---------------------------------------------------------------


async def test_event_sent_on_commit_arrives_only_after_commit(moderator, monkeypatch):
    layer = get_channel_layer()
    sent = []
    real_group_send = layer.group_send

    async def spy(group, event):
        sent.append(event["flag_id"])
        await real_group_send(group, event)

    # A spy, not receive_nothing(): inside write() the consumer cannot deliver
    # anyway, as it waits for the one sync thread that write() is holding.
    monkeypatch.setattr(layer, "group_send", spy)
    async with socket("/ws/moderation/", moderator) as (staff, connected):
        assert connected
        sent_before_commit = []

        def write():
            with transaction.atomic():
                Member.objects.filter(pk=moderator.pk).update(discreet_mode=True)
                send_event_on_commit(MODERATION_QUEUE, FLAG)
                sent_before_commit.extend(sent)

        await database_sync_to_async(write)()
        assert sent_before_commit == []
        assert sent == [FLAG["flag_id"]]
        assert await staff.receive_json_from() == FLAG


async def test_event_sent_on_commit_is_dropped_on_rollback(moderator):
    async with socket("/ws/moderation/", moderator) as (staff, connected):
        assert connected

        def write_and_fail():
            with pytest.raises(RuntimeError), transaction.atomic():
                send_event_on_commit(MODERATION_QUEUE, {**FLAG, "flag_id": 8})
                raise RuntimeError("the write failed")

        await database_sync_to_async(write_and_fail)()
        await assert_receives_nothing(staff)
        await group_send(MODERATION_QUEUE, FLAG)
        assert await staff.receive_json_from() == FLAG  # not flag 8
