"""Websockets that tell a page something changed; the page then asks the server.

Each socket is one-way: the server forwards events from one group, and the
client sends nothing. Who may join which group is decided by the apps'
permission modules, read at connect time and again before every event
forwarded, every resync and each periodic refresh, and whenever the member's
access changes (`member.access`, pushed after commit by realtime/access.py):
a member who loses the role, is banned or suspended, or whose session ended,
is closed with CLOSE_ACCESS at once.
"""
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from moderation.permissions import can_handle_crisis, can_moderate
from realtime.events import CRISIS_STAFF, MODERATION_QUEUE, member_access_group, member_group
from realtime.resilience import SurvivesLayerOutage

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 4096
CLOSE_ACCESS = 4003  # this member may no longer hold this socket
NOT_ACCEPTED = "This socket only sends notifications; it accepts no messages."
TOO_LARGE = f"Frame larger than {MAX_FRAME_BYTES} bytes."


def _fresh(scope):
    """The socket's member read afresh, or None once the session it opened with has ended or expired."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import SESSION_KEY, get_user_model

    session_key = getattr(scope.get("session"), "session_key", None)
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    if not session_key or store.load().get(SESSION_KEY) != str(scope["user"].pk):
        return None
    return get_user_model().objects.filter(pk=scope["user"].pk).first()


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active and not user.is_suspended)


def _frame_size(text_data, bytes_data):
    if bytes_data is not None:
        return len(bytes_data)
    text = text_data or ""
    # A character is at most 4 bytes: only encode what could be under the limit.
    return len(text) if len(text) > MAX_FRAME_BYTES else len(text.encode("utf-8"))


class NotificationConsumer(SurvivesLayerOutage, AsyncJsonWebsocketConsumer):
    """Join one group if `allowed(user)`, forward its events, ignore the client.

    Subclasses name the group and the permission, and define one handler per
    event type they forward (`queue.flag` -> `queue_flag`), so an event of
    another type is never forwarded (Channels raises on a type with no
    handler, which closes the socket; the client reconnects). While the
    channel layer is down the socket stays open; once it is back the client
    gets a `resync` frame and reloads what it shows (static/js/live.js
    refreshes on any frame).
    """

    group = None
    access_group = None
    cut_off = False

    def allowed(self, user):
        raise NotImplementedError

    def group_for(self, user):
        raise NotImplementedError

    def layer_groups(self):
        return [group for group in (self.group, self.access_group) if group]

    async def connect(self):
        user = self.scope.get("user")
        if not self.allowed(user):
            await self.close()  # before accept: the handshake fails
            return
        self.group, self.access_group = self.group_for(user), member_access_group(user.pk)
        await self.accept()
        await self.join_layer_groups()

    async def disconnect(self, code):
        await self.leave_layer_groups()
        self.group = self.access_group = None

    async def still_allowed(self):
        # Read afresh: a moderator demoted, a member suspended, or signed out everywhere, while the page is open.
        user = await database_sync_to_async(_fresh)(self.scope)
        return self.allowed(user)

    async def cut_off_unless_allowed(self):
        """Close with CLOSE_ACCESS unless the member may still hold this socket; True when closed."""
        if not self.cut_off and await self.still_allowed():
            return False
        if not self.cut_off:
            self.cut_off = True
            await self.close(code=CLOSE_ACCESS)
        return True

    async def member_access(self, event):
        await self.cut_off_unless_allowed()

    async def layer_restored(self):
        if not await self.cut_off_unless_allowed():
            await super().layer_restored()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Never parsed: nothing a client sends can change anything here.
        too_large = _frame_size(text_data, bytes_data) > MAX_FRAME_BYTES
        await self.send_json({"type": "error", "error": TOO_LARGE if too_large else NOT_ACCEPTED})

    async def forward(self, event):
        if not await self.cut_off_unless_allowed():
            await self.send_json(event)


class ModerationQueueConsumer(NotificationConsumer):
    # Staff pages: rejoin and reload every minute, so no lost group can hide a flag for long.
    refresh_seconds, resync_on_refresh = 60, True

    def allowed(self, user):
        return can_moderate(user)

    def group_for(self, user):
        return MODERATION_QUEUE

    async def queue_flag(self, event):
        await self.forward(event)


class CrisisConsumer(NotificationConsumer):
    # Crisis staff must never miss an escalation for long: rejoin and reload every minute.
    refresh_seconds, resync_on_refresh = 60, True

    def allowed(self, user):
        return can_handle_crisis(user)

    def group_for(self, user):
        return CRISIS_STAFF

    async def crisis_escalation(self, event):
        await self.forward(event)


class MemberConsumer(NotificationConsumer):
    # One per member's open page: rejoin now and then, without reloading every page.
    refresh_seconds = 300

    def allowed(self, user):
        return _signed_in(user)

    def group_for(self, user):
        return member_group(user.pk)

    async def member_care(self, event):
        await self.forward(event)
