"""A room client that behaves like static/js/room.js, for counting what each person sees.

It reconnects by itself with backoff after its socket closes, sends
`replay` with the last id it saw on every (re)connect, and keeps one entry
per message id, as the page does: a message shown twice would be a bug in
the page, a message missing a loss.
"""
import asyncio
import collections
import json

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

WAIT_SECONDS = 10


class RoomClient:
    def __init__(self, name, server, room_id, session_key):
        self.name, self.server, self.room_id, self.session_key = name, server, room_id, session_key
        self.shown = {}  # id -> body, what the page would show
        self.received = collections.Counter()  # id -> message frames received for it
        self.last_id = 0
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
                    self.connection, delay = connection, 0.2
                    self.connects += 1
                    await connection.send(json.dumps({"type": "replay", "after": self.last_id}))
                    async for text in connection:
                        self._take(json.loads(text))
            except (OSError, InvalidHandshake, InvalidStatus, ConnectionClosed, TimeoutError):
                pass
            self.connection = None
            self.connected.clear()
            if not self.stopping:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2)

    def _take(self, frame):
        self.frames.append(frame)
        if frame["type"] == "state":
            self.connected.set()
        elif frame["type"] == "message":
            self.received[frame["id"]] += 1
            self.shown[frame["id"]] = frame["body"]
            self.last_id = max(self.last_id, frame["id"])
        elif frame["type"] == "replayed":
            self.last_id = max(self.last_id, frame["last_id"])

    async def say(self, body):
        """Send `body` and wait for the server's own copy back (the acknowledgement); its id."""
        await asyncio.wait_for(self.connected.wait(), WAIT_SECONDS)
        await self.connection.send(json.dumps({"type": "send", "body": body}))
        return await self.wait_for(f"its own message {body!r} back", lambda: self._id_of(body))

    def _id_of(self, body):
        return next((message_id for message_id, text in self.shown.items() if text == body), None)

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
