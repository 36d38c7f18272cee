"""A room client that behaves like static/js/room.js, for counting what each person sees.

It reconnects by itself with backoff after its socket closes, keeps the
page's watermark (docs/rooms.md, "Delivery": it has every message up to
it, asks `replay` after it on every reconnect, on a gap, a `resync` or a
`head` above it, page after page), and keeps one entry per message id, as
the page does: a message shown twice would be a bug in the page, a
message missing a loss.
"""
import asyncio
import collections
import itertools
import json

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

WAIT_SECONDS = 10


class RoomClient:
    def __init__(self, name, server, room_id, session_key):
        self.name, self.server, self.room_id, self.session_key = name, server, room_id, session_key
        self.shown = {}  # id -> body, what the page would show
        self.received = collections.Counter()  # id -> message frames received for it
        self.watermark, self.ahead, self.catching_up = -1, set(), False
        self.acks = {}  # client_id -> the stored message's id
        self.sends = itertools.count(1)
        self.connects = 0
        self.frames = []  # every frame, for failure messages
        self.connection = None
        self.connected = asyncio.Event()
        self.stopping = False
        self.task = None

    def start(self):
        self.task = asyncio.create_task(self._run())
        return self

    async def stop(self):
        self.stopping = True
        if self.connection is not None:
            await self.connection.close()
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except (asyncio.CancelledError, Exception):
                pass

    async def _run(self):
        delay = 0.2
        while not self.stopping:
            try:
                async with connect(
                    self.server().ws_url(f"/ws/rooms/{self.room_id}/"), origin=self.server().url,
                    additional_headers={"Cookie": f"sid={self.session_key}"}, proxy=None, open_timeout=5,
                    close_timeout=2, ping_interval=None,
                ) as connection:
                    self.connection, delay, self.catching_up = connection, 0.2, False
                    self.connects += 1
                    await self._catch_up()
                    async for text in connection:
                        await self._take(json.loads(text))
            except (OSError, InvalidHandshake, InvalidStatus, ConnectionClosed, TimeoutError):
                pass
            self.connection = None
            self.connected.clear()
            if not self.stopping:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2)

    async def _catch_up(self):
        if self.catching_up or self.connection is None:
            return
        self.catching_up = True
        await self.connection.send(json.dumps({"type": "history", "before": 0} if self.watermark < 0 else
                                              {"type": "replay", "after": self.watermark}))

    def _absorb(self):
        self.ahead = {seq for seq in self.ahead if seq > self.watermark}
        while self.watermark + 1 in self.ahead:
            self.ahead.discard(self.watermark + 1)
            self.watermark += 1

    async def _caught_up(self, covered, more):
        self.watermark = max(self.watermark, covered)
        self._absorb()
        self.catching_up = False
        if more or self.ahead:
            await self._catch_up()

    async def _take(self, frame):
        self.frames.append(frame)
        kind = frame["type"]
        if kind == "state":
            self.connected.set()
        elif kind == "message":
            self.received[frame["id"]] += 1
            self.shown[frame["id"]] = frame["body"]
            if frame["seq"] > self.watermark:
                self.ahead.add(frame["seq"])
                if self.watermark >= 0:
                    self._absorb()
                    if self.ahead:
                        await self._catch_up()
        elif kind == "replayed":
            await self._caught_up(frame["last_seq"], frame["more"])
        elif kind == "history_page" and frame["before"] == 0:
            await self._caught_up(frame["head"], False)
        elif kind in ("resync", "head") and self.watermark >= 0 and frame.get("seq", self.watermark + 1) > self.watermark:
            await self._catch_up()
        elif kind == "ack":
            self.acks[frame["client_id"]] = frame["id"]

    async def say(self, body, retry_after=None):
        """Send `body` and wait for the server's acknowledgement; the stored message's id.

        With `retry_after` (seconds), a send still unacknowledged then is sent
        again with the same client_id, once connected, as room.js's Retry does,
        until acknowledged within WAIT_SECONDS in all.
        """
        client_id = f"{self.name}-{next(self.sends)}"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WAIT_SECONDS
        while True:
            await asyncio.wait_for(self.connected.wait(), max(deadline - loop.time(), 0.1))
            try:
                await self.connection.send(json.dumps({"type": "send", "body": body, "client_id": client_id}))
            except (ConnectionClosed, AttributeError):  # closed under us: try again once reconnected
                pass
            wait = WAIT_SECONDS if retry_after is None else min(retry_after, max(deadline - loop.time(), 0.1))
            try:
                return await self.wait_for(f"the acknowledgement of {body!r}", lambda: self.acks.get(client_id), wait)
            except AssertionError:
                if retry_after is None or loop.time() >= deadline:
                    raise

    async def wait_for(self, what, condition, timeout=WAIT_SECONDS):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            value = condition()
            if value:
                return value
            await asyncio.sleep(0.05)
        raise AssertionError(f"{self.name} did not see {what} within {timeout} s; last frames: {self.frames[-8:]}")

    async def sees_all(self, bodies, timeout=WAIT_SECONDS):
        wanted = set(bodies)
        await self.wait_for(f"all of {sorted(wanted - set(self.shown.values()))}",
                            lambda: wanted <= set(self.shown.values()), timeout)
