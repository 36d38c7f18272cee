"""The live room socket, /ws/rooms/<id>/ (docs/rooms.md).

Thin: it authenticates and admits on connect, validates each frame, calls
the rooms.chat action for it, and forwards the room's events. The rules
live in rooms.chat and rooms.permissions.
"""
import json
import logging

from autobahn.exception import Disconnected
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404

from peers.models import Member
from realtime.events import member_access_group, room_group, room_hosts_group, room_member_group
from rooms import chat, permissions
from rooms.models import Room
from rooms.schedule import RoomRefused
from realtime.resilience import SurvivesLayerOutage

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 8192
CLOSE_SIGNED_OUT, CLOSE_REFUSED, CLOSE_NOT_FOUND = 4001, 4003, 4004
GONE = "You can no longer take part in this room."
FAILED = "That didn't work just now; please try again."
# Client frames: type -> {field: type}. Anything else gets an error frame.
FRAMES = {
    "send": {"body": str},
    "replay": {"after": int},
    "history": {"before": int},
    "mute": {"member": int, "minutes": int},
    "remove": {"member": int, "bar": bool},
    "delete": {"message": int},
    "approve": {"message": int},
    "reject": {"message": int},
    "slow_mode": {"seconds": int},
    "lock": {"locked": bool},
    "end": {},
}


def parse_frame(text):
    """The frame as a dict, or raise ValueError with a message for the client."""
    if text is None or len(text) > MAX_FRAME_BYTES or len(text.encode("utf-8")) > MAX_FRAME_BYTES:
        raise ValueError(f"Frames are JSON text of at most {MAX_FRAME_BYTES} bytes.")
    try:
        frame = json.loads(text)
    except ValueError:
        raise ValueError("That frame is not valid JSON.") from None
    if not isinstance(frame, dict) or frame.get("type") not in FRAMES:
        raise ValueError("Unknown frame type.")
    for name, kind in FRAMES[frame["type"]].items():
        value = frame.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"'{name}' must be {'a number' if kind is int else 'text' if kind is str else 'true or false'}.")
        if kind is int and value < 0:
            raise ValueError(f"'{name}' must be 0 or more.")
        if kind is str and not value.isascii() and not _encodable(value):  # JSON may escape a lone surrogate
            raise ValueError(f"'{name}' holds a character that is not text (a lone surrogate).")
    client_id = frame.get("client_id", "")  # optional on `send`: the client's own id for it
    if frame["type"] == "send" and not (isinstance(client_id, str) and (not client_id or chat.CLIENT_ID.fullmatch(client_id))):
        raise ValueError("'client_id' must be 1 to 64 letters, digits, '-' or '_'.")
    return frame


def _encodable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _message_frame(event):
    return {"type": "message", "id": event["message_id"], "seq": event["seq"], "author": event["author"],
            "author_id": event["author_id"], "body": event["body"], "created_at": event["created_at"]}


@database_sync_to_async
def _load(member_id, room_id):
    """Fresh from the database on every action: penalties and room settings change while a socket is open."""
    return Member.objects.get(pk=member_id), Room.objects.select_related("host", "cohost", "space").get(pk=room_id)


class RoomConsumer(SurvivesLayerOutage, AsyncWebsocketConsumer):
    room_id = None
    member_id = None
    socket_groups = ()
    admitted = False
    closed = False  # the client has gone: sending is a no-op
    gone = False  # the leave path has run

    def layer_groups(self):
        return self.socket_groups

    async def __call__(self, scope, receive, send):
        # However the consumer ends (a disconnect, an exception in a handler,
        # the task cancelled), it leaves: no ghost in the list, the capacity
        # or the room's groups, and no refresh task beating on for it.
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.leave_room()

    async def connect(self):
        user = self.scope.get("user")
        if not (user and user.is_authenticated and user.is_active):
            await self.close(code=CLOSE_SIGNED_OUT)
            return
        try:
            room = await database_sync_to_async(permissions.get_room_for_member)(user, self.scope["url_route"]["kwargs"]["room_id"])
        except Http404:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.room_id, self.member_id = room.pk, user.pk
        self.is_host = permissions.can_host(user, room)
        self.title = room.title
        self.socket_groups = [room_group(room.pk), room_member_group(room.pk, self.member_id),
                              member_access_group(self.member_id)]
        if self.is_host:
            self.socket_groups.append(room_hosts_group(room.pk))
        await self.accept()
        # Joined before admission, so nothing said after the presence row exists is missed.
        # With the layer down the member is still admitted: writing needs only the database.
        await self.join_layer_groups()
        try:
            state = await database_sync_to_async(chat.check_arrive)(user, room, self.channel_name)
        except RoomRefused as refusal:
            await self._refuse(str(refusal))
            return
        self.admitted = True
        await self.room_state(state)
        until = await database_sync_to_async(chat.muted_until)(user, room)
        if until:
            await self.send_json({"type": "muted", "until": until})

    @property
    def refresh_seconds(self):
        # Group memberships are refreshed on the presence heartbeat (SurvivesLayerOutage).
        return settings.ROOM_PRESENCE_HEARTBEAT_SECONDS

    async def on_refresh(self):
        """Keep this socket's presence row fresh (rows of a process that died go stale and stop counting),
        and tell the client the room's head, so one that lost the last messages asks for them."""
        if self.admitted and not self.gone:
            await database_sync_to_async(chat.do_heartbeat)(self.channel_name)
            head = await database_sync_to_async(chat.head_of)(self.room_id)
            await self.send_json({"type": "head", "seq": head})

    async def _refuse(self, text):
        await self.send_json({"type": "error", "error": text})
        await self.close(code=CLOSE_REFUSED)

    async def disconnect(self, code):
        self.closed = True
        await self.leave_room()

    async def leave_room(self):
        """The one leave path; runs once, whatever ended the socket."""
        if self.gone:
            return
        self.gone = self.closed = True
        await self.leave_layer_groups()
        if self.room_id is None:
            return
        try:
            await database_sync_to_async(chat.do_leave)(self.room_id, self.channel_name)
        except Exception:  # the row stops counting by itself within three beats (docs/rooms.md)
            logger.exception("rooms: could not delete a presence row on leaving")

    async def dispatch(self, message):
        # This socket wrote it and has had it already (see handle: "send").
        if message.get("sender_channel") == self.channel_name:
            return
        await super().dispatch(message)

    async def layer_restored(self):
        """The layer lost whatever it carried while down: the client asks for it (`resync` -> `replay`)."""
        if self.admitted:
            await self.send_json({"type": "resync"})

    async def send(self, text_data=None, bytes_data=None, close=False):
        # The client may close at any moment (Quick exit); an event racing the close is not an error.
        if self.closed:
            return
        try:
            await super().send(text_data, bytes_data, close)
        except Disconnected:
            self.closed = True

    async def send_json(self, content):
        await self.send(text_data=json.dumps(content))

    async def receive(self, text_data=None, bytes_data=None):
        try:
            frame = parse_frame(text_data if bytes_data is None else None)
        except ValueError as error:
            await self.send_json({"type": "error", "error": str(error)})
            return
        client_id = {"client_id": frame["client_id"]} if frame.get("client_id") else {}
        try:
            await self.handle(frame)
        except RoomRefused as refusal:
            await self.send_json({"type": "error", "error": str(refusal), **client_id})
            if refusal.show_help:  # refused, but it read as a crisis: crisis staff know; the author sees help now
                await self.room_help(await database_sync_to_async(chat.help_event)(refusal.show_help))
        except DatabaseError:  # told, not fatal: the socket stays, the client keeps the text and may retry
            logger.exception("rooms: a %s frame failed", frame["type"])
            await self.send_json({"type": "error", "error": FAILED, **client_id})

    async def still_allowed(self):
        """Checked before each heartbeat (SurvivesLayerOutage): a socket that lost the right to the room closes."""
        member, room = await _load(self.member_id, self.room_id)
        return await database_sync_to_async(permissions.can_stay_in_room)(member, room)

    async def handle(self, frame):
        member, room = await _load(self.member_id, self.room_id)
        if not await database_sync_to_async(permissions.can_stay_in_room)(member, room):
            await self._refuse(GONE)
            return
        kind = frame["type"]
        if kind in ("replay", "history"):
            await self._catch_up(member, room, frame)
            return
        action = {
            "send": lambda: chat.check_send_message(member, room, frame["body"], self.channel_name,
                                                    frame.get("client_id", "")),
            "mute": lambda: chat.check_mute(member, room, frame["member"], frame["minutes"]),
            "remove": lambda: chat.check_remove(member, room, frame["member"], frame["bar"]),
            "delete": lambda: chat.check_delete_message(member, room, frame["message"]),
            "approve": lambda: chat.check_review_held(member, room, frame["message"], True),
            "reject": lambda: chat.check_review_held(member, room, frame["message"], False),
            "slow_mode": lambda: chat.check_slow_mode(member, room, frame["seconds"]),
            "lock": lambda: chat.check_lock(member, room, frame["locked"]),
            "end": lambda: chat.check_end(member, room),
        }[kind]
        result = await database_sync_to_async(action)()
        if kind == "send":
            message, _decision, own_events = result
            for event in own_events:
                await super().dispatch(event)
            await self.send_json({"type": "ack", "client_id": frame.get("client_id", ""), "id": message.pk,
                                  "seq": message.seq})

    async def _catch_up(self, member, room, frame):
        """Answer `replay` or `history` with one page, then `replayed` or `history_page` (docs/rooms.md)."""
        if frame["type"] == "replay":
            messages, last_seq, more = await database_sync_to_async(chat.replay)(member, room, frame["after"])
            done = {"type": "replayed", "after": frame["after"], "last_seq": last_seq, "more": more}
        else:
            messages, head, earlier = await database_sync_to_async(chat.history)(member, room, frame["before"])
            done = {"type": "history_page", "before": frame["before"], "head": head, "earlier": earlier,
                    "first_seq": messages[0].seq if messages else frame["before"] or head + 1}
        for message in messages:
            await self.send_json(_message_frame(chat.message_event(message)))
        if (frame["type"] == "replay" and not more) or (frame["type"] == "history" and not frame["before"]):
            held, alerts = await database_sync_to_async(chat.waiting_for)(member, room)
            for message in held:
                await self.send_json(self._held_frame(message))
            for alert in alerts:
                await self.room_alert(alert)
        await self.send_json(done)

    def _held_frame(self, message):
        held = {"id": message.pk, "body": message.body, "reason": message.held_reason}
        if self.is_host:
            author = message.author.pseudonym if message.author_id else "former member"
            return {"type": "held", "author": author, "author_id": message.author_id, **held}
        return {"type": "own_held", **held}

    # Events from the channel layer, named after their types.
    async def room_message(self, event):
        await self.send_json(_message_frame(event))

    async def room_message_removed(self, event):
        await self.send_json({"type": "message_removed", "id": event["message_id"]})

    async def room_notice(self, event):
        await self.send_json({"type": "notice", "text": event["text"]})

    async def room_presence(self, event):
        await self.send_json({"type": "presence", "members": event["members"]})

    async def room_state(self, event):
        await self.send_json({"type": "state", "title": self.title, "slow_mode_seconds": event["slow_mode_seconds"],
                              "locked": event["locked"], "ended": event["ended"], "is_host": self.is_host,
                              "me": self.member_id})

    async def room_held(self, event):
        await self.send_json({"type": "held", "id": event["message_id"], "author": event["author"],
                              "author_id": event["author_id"], "body": event["body"], "reason": event["reason"]})

    async def room_alert(self, event):
        await self.send_json({"type": "alert", "id": event["escalation_id"], "author": event["author"],
                              "risk": event["risk"], "on_duty": event["on_duty"]})

    async def room_own_held(self, event):
        await self.send_json({"type": "own_held", "id": event["message_id"], "body": event["body"], "reason": event["reason"]})

    async def room_help(self, event):
        fields = {name: value for name, value in event.items() if name not in ("type", "sender_channel")}
        await self.send_json({"type": "help", **fields})

    async def room_muted(self, event):
        await self.send_json({"type": "muted", "until": event["until"]})

    async def member_access(self, event):
        """Pushed after a ban, suspension or leaving a space commits (realtime/access.py)."""
        try:
            allowed = self.gone or await self.still_allowed()
        except Member.DoesNotExist:  # the account was deleted
            allowed = False
        if not allowed:
            await self._refuse(GONE)

    async def room_removed(self, event):
        await self.send_json({"type": "removed"})
        await self.close(code=CLOSE_REFUSED)
