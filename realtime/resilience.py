"""Sockets that outlive a channel-layer outage (docs/realtime.md, "When Redis goes away").

Channels gives each consumer one loop that waits on two things at once: the
client's frames and the channel layer. With channels-redis, a Redis outage
makes the layer's receive raise, and by default that exception ends the
consumer and closes the socket. Members would lose the page's socket for
as long as Redis is down, and could not even write, though writes go to
PostgreSQL and need no Redis.

`SurvivesLayerOutage` keeps the socket open instead: a failed layer
receive, or a failed join, marks the layer down; the socket keeps taking
the client's frames; in the background the consumer tries to join its
groups again, waiting longer between tries (up to LAYER_RETRY_MAX_SECONDS).
Once the joins succeed it dispatches a `layer.restored` event to itself,
and the consumer tells its client to catch up (a `resync` frame), since
whatever the layer carried during the outage is gone.
"""
import asyncio
import logging
import random
import time

import redis

logger = logging.getLogger(__name__)

LAYER_ERRORS = (OSError, redis.RedisError)
LAYER_RETRY_FIRST_SECONDS = 0.25
LAYER_RETRY_MAX_SECONDS = 4.0
# A join that has not answered by then counts as failed (TimeoutError is an OSError): a Redis that is
# restarting can leave a command hanging for the whole socket timeout (30 s), which kept sockets from
# being admitted for minutes (issue 14).
LAYER_JOIN_TIMEOUT_SECONDS = 2.0


class SurvivesLayerOutage:
    """Mix into an AsyncWebsocketConsumer; list the socket's groups in `layer_groups()`.

    The consumer calls `join_layer_groups()` once accepted and
    `leave_layer_groups()` on disconnect.
    """

    layer_down = False
    layer_lost_at = None  # time.time() when the outage was noticed
    # Re-join the groups this often (None: never), with a random first period
    # so sockets opened together spread out. A Redis that restarts empty
    # forgets every group, and a socket that did not notice would hear nothing
    # more; with `resync_on_refresh` the client also reloads what it shows, so
    # even such a loss lasts at most one period.
    refresh_seconds = None
    resync_on_refresh = False
    _rejoining = None
    _refreshing = None
    _layer_back = None

    def layer_groups(self):
        raise NotImplementedError

    # Channels' __call__ assigns `channel_receive` (the layer's receive for
    # this socket's channel) and hands it to the loop that dispatches events.
    # Taking the assignment here puts the outage handling inside that loop.
    @property
    def channel_receive(self):
        return self._receive_from_layer

    @channel_receive.setter
    def channel_receive(self, receive):
        self._layer_receive = receive

    async def join_layer_groups(self):
        """Join every group; if the layer is unreachable, keep trying in the background and return False."""
        if self.refresh_seconds and self._refreshing is None:
            self._refreshing = asyncio.create_task(self._refresh())
        try:
            await self._join_all()
        except LAYER_ERRORS as error:
            self._layer_lost("join", error)
            return False
        return True

    async def _refresh(self):
        # The first at a random point, so sockets opened together do not refresh together.
        await asyncio.sleep(random.uniform(0.5, 1.0) * self.refresh_seconds)
        while True:
            try:
                allowed = await self.still_allowed()
            except Exception:  # a database hiccup: keep the socket, ask again next time
                logger.exception("realtime: could not re-check a socket's permission")
                allowed = True
            if not allowed:
                await self.close()
                return
            try:
                await self.on_refresh()
            except Exception:  # a database hiccup: the next refresh tries again
                logger.exception("realtime: a socket's refresh failed")
            if not self.layer_down:
                try:
                    await self._join_all()
                    if self.resync_on_refresh:
                        await self.layer_restored()
                except LAYER_ERRORS as error:
                    self._layer_lost("refresh", error)
            await asyncio.sleep(self.refresh_seconds)

    async def still_allowed(self):
        """Checked before each refresh; a socket whose member lost the right to it is closed."""
        return True

    async def on_refresh(self):
        """Whatever else the consumer renews each period, the layer up or down."""

    async def leave_layer_groups(self):
        for task in (self._rejoining, self._refreshing):
            if task is not None:
                task.cancel()
        for group in self.layer_groups():
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except LAYER_ERRORS as error:  # memberships expire in the layer by themselves
                logger.warning("realtime: could not leave %s (%s)", group, type(error).__name__)

    async def _join_all(self):
        async with asyncio.timeout(LAYER_JOIN_TIMEOUT_SECONDS):  # no task of its own: nothing else runs first
            for group in self.layer_groups():
                await self.channel_layer.group_add(group, self.channel_name)

    def _layer_lost(self, doing, error):
        if self.layer_down:
            return
        logger.warning("realtime: channel layer unreachable on %s (%s); the socket stays open and retries",
                       doing, type(error).__name__)
        self.layer_down = True
        self.layer_lost_at = time.time()
        if self._layer_back is None:
            self._layer_back = asyncio.Event()
        self._layer_back.clear()
        self._rejoining = asyncio.create_task(self._rejoin())

    async def _rejoin(self):
        delay = LAYER_RETRY_FIRST_SECONDS
        while True:
            await asyncio.sleep(delay)
            try:
                await self._join_all()
                break
            except LAYER_ERRORS:
                delay = min(delay * 2, LAYER_RETRY_MAX_SECONDS)
        self.layer_down, self._rejoining = False, None
        self._layer_back.set()
        if self.layer_groups():
            logger.warning("realtime: channel layer reachable again; the client is asked to catch up")
            await self.layer_restored()

    async def _receive_from_layer(self):
        while True:
            if self.layer_down:
                await self._layer_back.wait()
            try:
                return await self._layer_receive()
            except LAYER_ERRORS as error:
                self._layer_lost("receive", error)
                if not self.layer_groups():  # not accepted yet: nothing to rejoin, just wait a little
                    await asyncio.sleep(LAYER_RETRY_FIRST_SECONDS)

    async def layer_restored(self):
        """Tell the client to fetch what the layer could not pass on while it was down."""
        await self.send(text_data='{"type": "resync"}')
