"""Client sockets that time what they receive, the tallies they feed, pacing, and the texts they send.

Shared by bench/rooms.py, bench/load.py and bench/outage.py. Every client socket runs a
reader task that stamps each frame with `time.perf_counter()` as it
arrives. Senders stamp with the same clock in the same process, so a
send-to-receipt latency needs no clock agreement. Every wait here is
bounded: a frame that never comes is counted as lost, never waited for.

The texts (ORDINARY, CRISIS) and their tags live here because the client
writes them and reads the tags back; bench/cast.py checks, on the
benchmark database, that they screen as the tallies assume. What a phase
costs the servers, and the report tables, are in bench/meters.py.

`RoomPage` is a whole room page rather than a socket: it reconnects,
keeps the delivery watermark and shows each message once, as
static/js/room.js does, so what it shows can be counted against the
database (bench/outage.py).
"""
import asyncio
import collections
import json
import math
import random
import re
import time

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

FLOOD_MESSAGES, FLOOD_SECONDS = 5, 10  # the room flood limit as config/settings.py ships it
ADMIT_TIMEOUT = 120  # every socket admitted (state frame)
SETTLE_TIMEOUT = 30  # every presence list complete
WARM_TIMEOUT = 10  # the warm-up messages delivered
OPEN_TIMEOUT = 10
CLOSE_TIMEOUT = 5
SEND_TIMEOUT = 5
TAG = re.compile(r"\[ref ([a-z0-9-]+)\]")

# Ordinary room talk: screened as nothing at all (check_texts proves it on the benchmark database).
ORDINARY = [
    "Small win today: I cooked dinner and called my sister.",
    "Checking in from the evening group, glad to be here.",
    "My counselor suggested journaling before bed and it helps a bit.",
    "The weather has been grey all week, I just want some sunshine.",
    "I finally opened a bank account in my own name, which felt huge.",
    "We went to the park and my son fed the ducks for an hour.",
    "I started running in the mornings, only ten minutes, but it clears my head.",
    "Legal aid called me back about my case and things look hopeful.",
    "I painted my room yellow this weekend and it makes me smile.",
    "Thank you all for the kind words last week, it meant a lot.",
]
# Each is screened imminent (self-harm): held from the room, escalated to crisis staff.
CRISIS = [
    "I have the pills in front of me and I'm going to take them all tonight",
    "I have all the pills lined up in front of me and I'm going to take them tonight",
    "I wrote my goodbye letters, I have the pills in front of me and I'm going to take them all tonight",
    "I can't do this anymore, I have the pills right in front of me tonight.",
    "I bought a rope and I know where I'll do it tonight.",
    "I took a whole bottle of tylenol an hour ago.",
    "I've been thinking about killing myself again since the trial and tonight I'm going to do it.",
]


def tagged(text, tag):
    return f"{text} [ref {tag}]"


def tag_of(body):
    found = TAG.search(body or "")
    return found.group(1) if found else None


def percentiles(values):
    """p50, p90, p99 and max of `values` (nearest rank), or Nones when there are none."""
    ordered = sorted(values)
    if not ordered:
        return {"p50": None, "p90": None, "p99": None, "max": None}
    pick = lambda fraction: ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]  # noqa: E731
    return {"p50": pick(0.50), "p90": pick(0.90), "p99": pick(0.99), "max": ordered[-1]}


# --- Sockets


class Socket:
    """One signed-in websocket and the reader task that records what arrives on it.

    `room` is the room (index) it listens to and `measured` whether its
    receipts count; a room's host socket listens but is not counted. A
    Lantern room socket is admitted when its `state` frame comes
    (`expects_state`); the relay and the crisis socket when they open.
    """

    def __init__(self, name, server, path, session, *, room=0, measured=True, expects_state=True):
        self.name, self.server, self.path, self.session = name, server, path, session
        self.room, self.measured, self.expects_state = room, measured, expects_state
        self.connection, self.reader, self.tally = None, None, None
        self.admitted = asyncio.Event()
        self.state, self.refusal, self.closed_unexpectedly = None, None, None
        self.presence_ids = frozenset()
        self.frames = collections.Counter()
        self.errors = []
        self.escalations = []  # (arrival time, frame) on a crisis socket
        self.last_sent_tag = None
        self.closing = False

    async def open(self):
        """Connect (bounded); on refusal `self.refusal` says why and the socket stays closed."""
        try:
            self.connection = await connect(
                self.server.ws_url(self.path), origin=self.server.url, proxy=None,
                additional_headers={"Cookie": f"sid={self.session}"},
                open_timeout=OPEN_TIMEOUT, close_timeout=CLOSE_TIMEOUT,
            )
        except (InvalidHandshake, OSError, TimeoutError) as error:
            self.refusal = f"{type(error).__name__}: {error}"
            return False
        if not self.expects_state:
            self.admitted.set()  # the relay and the crisis socket join their group before accepting
        self.reader = asyncio.create_task(self._read())
        return True

    async def send(self, frame, tag=None):
        self.last_sent_tag = tag
        await self.connection.send(json.dumps(frame))

    async def close(self):
        self.closing = True
        if self.connection is not None:
            await self.connection.close()
        if self.reader is not None:
            try:
                await asyncio.wait_for(self.reader, CLOSE_TIMEOUT)
            except TimeoutError:
                self.reader.cancel()

    async def _read(self):
        try:
            async for text in self.connection:
                arrived = time.perf_counter()
                try:
                    frame = json.loads(text)
                except ValueError:
                    frame = {"type": "not JSON"}
                self._on_frame(frame, arrived)
        except ConnectionClosed as closed:
            if not self.closing:
                self.closed_unexpectedly = str(closed.rcvd or "no close frame")
        if not self.closing and self.closed_unexpectedly is None:
            self.closed_unexpectedly = f"closed ({self.connection.close_code})"

    def _on_frame(self, frame, arrived):
        kind = frame.get("type") if isinstance(frame, dict) else None
        self.frames[kind] += 1
        if kind in ("message", "send") and self.tally is not None:  # "send": the bare relay echoes our own frame
            self.tally.receipt(self, tag_of(frame.get("body")), arrived)
        elif kind == "state":
            self.state = frame
            self.admitted.set()
        elif kind == "presence":
            self.presence_ids = frozenset(row["id"] for row in frame["members"])
        elif kind == "crisis.escalation":
            self.escalations.append((arrived, frame))
        elif kind == "error":
            self.errors.append(frame.get("error"))
            if self.tally is not None and self.admitted.is_set() and self.last_sent_tag:
                self.tally.refuse(self.last_sent_tag, frame.get("error"))


async def open_all(sockets, concurrency=10):
    """Open the sockets, `concurrency` handshakes at a time; the ones that were refused."""
    gate = asyncio.Semaphore(concurrency)

    async def one(sock):
        async with gate:
            await sock.open()

    await asyncio.gather(*(one(sock) for sock in sockets))
    return [sock for sock in sockets if sock.refusal]


async def wait_admitted(sockets, timeout):
    """Wait (at most `timeout` s) for each open socket's state frame; the sockets not admitted."""
    waiting = [sock for sock in sockets if sock.connection is not None]
    try:
        await asyncio.wait_for(asyncio.gather(*(sock.admitted.wait() for sock in waiting)), timeout)
    except TimeoutError:
        pass
    return [sock for sock in sockets if not sock.admitted.is_set()]


def flood_messages_needed(senders, interval, window=10):
    """The most messages one of `senders`, writing in turn every `interval` s, has in any `window` s, plus one spare."""
    return math.ceil(window / (senders * interval)) + 1


async def paced(count, interval, offset=0.0):
    """Yield 0 .. count-1, the n-th at start + offset + n * interval; a late one goes at once, none goes early."""
    loop = asyncio.get_running_loop()
    start = loop.time() + offset
    for n in range(count):
        delay = start + n * interval - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        yield n


async def send_message(sock, tally, tag, text, held=False):
    """Send `text` tagged `tag` as a room message from `sock`, stamped just before it leaves."""
    tally.send(tag, sock.room, time.perf_counter(), held=held, sender=sock.name)
    if sock.connection is None:
        tally.refuse(tag, "the sender's socket never opened")
        return
    try:
        # Bounded: a server that stops reading must not stall the sender.
        await asyncio.wait_for(sock.send({"type": "send", "body": tagged(text, tag)}, tag), SEND_TIMEOUT)
    except ConnectionClosed:
        tally.refuse(tag, "the sender's socket was closed")
    except TimeoutError:
        tally.refuse(tag, f"the send did not leave within {SEND_TIMEOUT} s")


async def wait_for(condition, timeout, step=0.05):
    """Poll `condition()` until it holds or `timeout` s pass; whether it held."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() >= deadline:
            return False
        await asyncio.sleep(step)
    return True


async def close_all(sockets):
    await asyncio.gather(*(sock.close() for sock in sockets if sock.connection is not None), return_exceptions=True)


def frame_counts(sockets):
    """Frames received so far by type, over all `sockets`."""
    return sum((sock.frames for sock in sockets), collections.Counter())


def socket_problems(sockets):
    """Refusals, unexpected closes and server error frames, counted (for the report)."""
    return {
        "refused": sum(1 for sock in sockets if sock.refusal),
        "not_admitted": sum(1 for sock in sockets if sock.connection is not None and not sock.admitted.is_set()),
        "closed_unexpectedly": sum(1 for sock in sockets if sock.closed_unexpectedly),
        "error_frames": sum(len(sock.errors) for sock in sockets),
    }


# --- A room page as static/js/room.js runs it

# room.js: FIRST_DELAY_MS, MAX_DELAY_MS (backoff, with a random 0.8-1.2 factor), STABLE_MS (an open this long
# resets the backoff), ACK_TIMEOUT_MS (then "Not sent yet", with Retry), FINAL_CLOSE (never reconnect by itself).
RECONNECT_FIRST, RECONNECT_MAX, RECONNECT_STABLE = 1.0, 30.0, 30.0
ACK_TIMEOUT = 5.0
FINAL_CLOSE_CODES = (4001, 4003, 4004)


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class RoomPage:
    """One member's room page, doing with each frame what static/js/room.js does (docs/rooms.md, "Delivery").

    It connects at once and reconnects after every close (but 4001, 4003,
    4004) with room.js's backoff; on every open it asks `history` (before
    0) while it has no watermark, else `replay` after it; a message with
    seq W+1 moves the watermark W (and over the seqs shown beyond it), one
    beyond W+1 is shown but W waits and a `replay` goes out; `replayed`
    and the first `history_page` move W to what the database covered,
    asking again on `more` or while seqs wait beyond a gap; `head` above W
    and `resync` ask too; one catch-up is in flight at a time. A message is
    shown once per id (ids taken off the screen stay known). Like a
    browser it never pings; it answers the server's pings.

    What the page shows is `shown` (id -> seq) with `listed` (how often
    each id was put in the list: room.js puts it there once) and
    `shown_at` (time.perf_counter() when it first showed). `say` is the
    form: a send with a client id, Retry pressed whenever ACK_TIMEOUT
    passes without `ack`, `error` or the message itself coming back.
    """

    def __init__(self, name, server, room_id, session, seed=0):
        self.name, self.server, self.room_id, self.session = name, server, room_id, session
        self.rng = random.Random(f"{seed}-{name}")
        self.shown, self.listed, self.shown_at, self.removed = {}, collections.Counter(), {}, set()
        self.watermark, self.ahead, self.catching_up = -1, set(), False
        self.me = None
        self.frames = collections.Counter()
        self.catch_ups = collections.Counter()  # "history" / "replay" frames sent
        self.acks, self.refused, self.echoed, self.pending = {}, {}, set(), {}  # by client id
        self.answered = {}  # client id -> asyncio.Event, set by its ack, error or echo
        self.errors = []
        self.connection, self.opened_at, self.attempt = None, None, 0
        self.connects = self.reconnects = 0
        self.close_codes = collections.Counter()
        self.final_close, self.ended = None, False
        self.admitted = asyncio.Event()  # a state frame came on the current connection
        self.stopping, self.task = False, None

    def start(self):
        self.task = asyncio.create_task(self._run())
        return self

    async def stop(self):
        self.stopping = True
        if self.connection is not None:
            try:
                await asyncio.wait_for(self.connection.close(), CLOSE_TIMEOUT)
            except (TimeoutError, ConnectionClosed, OSError):
                pass
        if self.task is not None:
            self.task.cancel()
            try:
                await asyncio.wait_for(self.task, CLOSE_TIMEOUT)
            except (asyncio.CancelledError, TimeoutError, Exception):
                pass

    async def _run(self):
        while not self.stopping:
            code = None
            try:
                connection = await connect(
                    self.server.ws_url(f"/ws/rooms/{self.room_id}/"), origin=self.server.url, proxy=None,
                    additional_headers={"Cookie": f"sid={self.session}"}, open_timeout=OPEN_TIMEOUT,
                    close_timeout=CLOSE_TIMEOUT, ping_interval=None,
                )
            except (InvalidHandshake, OSError, TimeoutError):
                connection = None
            if connection is not None:
                self.connection, self.opened_at, self.catching_up = connection, time.perf_counter(), False
                self.connects += 1
                try:
                    await self._catch_up()  # room.js's "open" handler
                    async for text in connection:
                        try:
                            frame = json.loads(text)
                        except ValueError:  # room.js's onMessage ignores it
                            continue
                        await self._take(frame, time.perf_counter())
                except ConnectionClosed:
                    pass
                finally:
                    self.connection, self.catching_up = None, False
                    self.admitted.clear()
                code = connection.close_code
                self.close_codes[code] += 1
            if self.stopping:
                return
            if code in FINAL_CLOSE_CODES:
                self.final_close = code
                return
            await asyncio.sleep(self._backoff())
            self.reconnects += 1

    def _backoff(self):
        """room.js's scheduleReconnect: 1 s doubling to 30 s, x0.8-1.2; reset after an open of 30 s or more."""
        if self.opened_at is not None and time.perf_counter() - self.opened_at >= RECONNECT_STABLE:
            self.attempt = 0
        self.opened_at = None
        delay = min(RECONNECT_MAX, RECONNECT_FIRST * 2 ** self.attempt)
        self.attempt += 1
        return min(RECONNECT_MAX, delay * self.rng.uniform(0.8, 1.2))

    async def _send(self, frame):
        if self.connection is None:
            return False
        try:
            await asyncio.wait_for(self.connection.send(json.dumps(frame)), SEND_TIMEOUT)
        except (ConnectionClosed, TimeoutError, OSError):
            return False
        return True

    # Delivery, as room.js's absorb / advance / catchUp / caughtUp.

    def _absorb(self):
        self.ahead = {seq for seq in self.ahead if seq > self.watermark}
        while self.watermark + 1 in self.ahead:
            self.ahead.discard(self.watermark + 1)
            self.watermark += 1

    async def _advance(self, seq):
        if self.watermark < 0 or seq <= self.watermark:
            if self.watermark < 0:
                self.ahead.add(seq)
            return
        if seq == self.watermark + 1:
            self.watermark = seq
            self._absorb()
        else:
            self.ahead.add(seq)
        if self.ahead:
            await self._catch_up()

    async def _catch_up(self):
        if self.catching_up or self.connection is None:
            return
        self.catching_up = True
        kind = "history" if self.watermark < 0 else "replay"
        self.catch_ups[kind] += 1
        await self._send({"type": "history", "before": 0} if kind == "history" else
                         {"type": "replay", "after": self.watermark})

    async def _caught_up(self, covered, more):
        if _is_id(covered) or covered == 0:
            self.watermark = max(self.watermark, covered)
        self._absorb()
        self.catching_up = False
        if more or self.ahead:
            await self._catch_up()

    async def _take(self, frame, at):
        if not isinstance(frame, dict):
            return
        kind = frame.get("type")
        self.frames[kind] += 1
        if kind == "message":
            await self._message(frame, at)
        elif kind == "replayed":
            await self._caught_up(frame.get("last_seq"), bool(frame.get("more")))
        elif kind == "history_page":
            if frame.get("before") == 0:
                await self._caught_up(frame.get("head"), False)
        elif kind == "head":
            if _is_id(frame.get("seq")) and self.watermark >= 0 and frame["seq"] > self.watermark:
                await self._catch_up()
        elif kind == "resync":
            await self._catch_up()
        elif kind == "state":
            self.me = frame.get("me") if isinstance(frame.get("me"), int) else self.me
            self.ended = self.ended or bool(frame.get("ended"))
            self.admitted.set()
        elif kind == "ack":
            if isinstance(frame.get("client_id"), str):
                self.acks[frame["client_id"]] = (frame.get("id"), frame.get("seq"))
                self._answer(frame["client_id"])
        elif kind == "message_removed":
            if _is_id(frame.get("id")):
                self.removed.add(frame["id"])
        elif kind == "error":
            self.errors.append(frame.get("error"))
            if isinstance(frame.get("client_id"), str):
                self.refused[frame["client_id"]] = frame.get("error")
                self._answer(frame["client_id"])

    async def _message(self, frame, at):
        message_id, seq = frame.get("id"), frame.get("seq")
        if not _is_id(message_id):
            return
        if _is_id(seq):
            await self._advance(seq)
        if self.me and frame.get("author_id") == self.me:  # settleEcho: its own message back settles a send
            for client_id, body in self.pending.items():
                if body == frame.get("body") and client_id not in self.echoed:
                    self.echoed.add(client_id)
                    self._answer(client_id)
                    break
        if message_id in self.shown or message_id in self.removed:
            return
        self.shown[message_id] = seq
        self.listed[message_id] += 1
        self.shown_at[message_id] = at

    # The form.

    def _answer(self, client_id):
        if client_id in self.answered:
            self.answered[client_id].set()

    def settled(self, client_id):
        if client_id in self.acks:
            return "ack"
        if client_id in self.refused:
            return "refused"
        if client_id in self.echoed:
            return "echo"
        return None

    async def say(self, body, client_id, give_up_after):
        """Send `body` under `client_id`, pressing Retry each ACK_TIMEOUT s unanswered, for at most
        `give_up_after` s: "ack", "refused", "echo" (settled by its own message), or "unanswered".
        While the socket is down the text waits, as in the box; (presses, sends that left) ride along."""
        self.pending[client_id] = body
        answered = self.answered[client_id] = asyncio.Event()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + give_up_after
        sent = 0
        try:
            while loop.time() < deadline:
                if await self._send({"type": "send", "body": body, "client_id": client_id}):
                    sent += 1
                    try:
                        await asyncio.wait_for(answered.wait(), max(0.0, min(deadline - loop.time(), ACK_TIMEOUT)))
                    except TimeoutError:
                        pass
                else:
                    await asyncio.sleep(0.1)
                outcome = self.settled(client_id)
                if outcome:
                    return outcome, sent
            return "unanswered", sent
        finally:
            self.pending.pop(client_id, None)
            self.answered.pop(client_id, None)


# --- Tallies


class Tally:
    """Send and receipt times of tagged messages, per recipient.

    Each tag is sent once to a room; every measured socket of that room
    should receive it exactly once. The sender's own copy counts: the room
    sends every message to everyone, its author included, and that copy is
    how a client learns its message was stored. Lantern sends that copy
    straight from the write and the others through Redis, so the two are
    also timed apart.

    A receipt after `cutoff` (the end of the grace period) is late, not
    lost; one that never comes is lost.
    """

    def __init__(self):
        self.sent = {}  # tag -> (send time, room, sender's name)
        self.cutoff = None
        self.recipients = collections.Counter()  # room -> measured sockets
        self.first = {}  # (tag, socket name) -> first receipt time
        self.copies = 0
        self.misrouted = self.strays = 0
        self.refused = {}  # tag -> the server's error text
        self.held = set()  # crisis tags: must never reach the room
        self.leaked = 0

    def listen(self, sockets):
        for sock in sockets:
            sock.tally = self
            self.recipients[sock.room] += 1 if sock.measured else 0

    def send(self, tag, room, at, held=False, sender=None):
        if held:
            self.held.add(tag)
        else:
            self.sent[tag] = (at, room, sender)

    def refuse(self, tag, text):
        self.refused[tag] = text

    def receipt(self, sock, tag, at):
        if tag in self.held:
            self.leaked += 1
        elif tag not in self.sent:
            self.strays += 1
        elif self.sent[tag][1] != sock.room:
            self.misrouted += 1
        elif sock.measured:
            self.copies += 1
            self.first.setdefault((tag, sock.name), at)

    def expected(self):
        return sum(self.recipients[room] for tag, (_, room, _) in self.sent.items() if tag not in self.refused)

    def received(self):
        return sum(1 for (tag, _) in self.first if tag not in self.refused)

    def worst_by_second(self):
        """The slowest receipt (ms) of the messages sent in each second of the run: periodic stalls show here."""
        if not self.sent:
            return []
        began = min(at for at, _, _ in self.sent.values())
        worst = collections.defaultdict(float)
        for (tag, _), at in self.first.items():
            sent = self.sent[tag][0]
            worst[int(sent - began)] = max(worst[int(sent - began)], (at - sent) * 1000)
        return [round(worst[second]) for second in range(max(worst, default=-1) + 1)]

    def summary(self):
        counted = {(tag, name): at for (tag, name), at in self.first.items() if tag not in self.refused}
        latency = {key: (at - self.sent[key[0]][0]) * 1000 for key, at in counted.items()}
        own = [ms for (tag, name), ms in latency.items() if self.sent[tag][2] == name]
        others = [ms for (tag, name), ms in latency.items() if self.sent[tag][2] != name]
        sent, expected, received = len(self.sent) - len(self.refused), self.expected(), len(counted)
        late = sum(1 for at in counted.values() if self.cutoff is not None and at > self.cutoff)
        return {
            "sent": sent, "refused": len(self.refused), "expected": expected, "received": received - late,
            "late": late, "lost": expected - received, "duplicated": self.copies - len(self.first),
            "misrouted": self.misrouted, "strays": self.strays, "crisis_leaked_to_room": self.leaked,
            "latency_ms": _ms_percentiles(latency.values()), "own_copy_latency_ms": _ms_percentiles(own),
            "others_latency_ms": _ms_percentiles(others),
            "refusals": sorted(set(self.refused.values()))[:3], "worst_ms_by_second": self.worst_by_second(),
        }


class CrisisTally:
    """Crisis messages sent and the crisis.escalation frames that arrived on the staff dashboard.

    The frame carries only `escalation_id`, `risk`, `status` and `overdue`;
    which message opened which escalation is read from the database
    afterwards (`Escalation.excerpt` holds the message's text, tag included).
    """

    def __init__(self):
        self.sent = {}  # tag -> send time

    def send(self, tag, at):
        self.sent[tag] = at

    def summary(self, dashboard, tag_by_escalation):
        arrivals = collections.defaultdict(list)
        for arrived, frame in dashboard.escalations:
            if frame.get("status") == "open":
                arrivals[frame.get("escalation_id")].append((arrived, frame.get("risk")))
        latencies, risks, unmatched = [], collections.Counter(), 0
        for escalation_id, times in arrivals.items():
            tag = tag_by_escalation.get(escalation_id)
            if tag not in self.sent:
                unmatched += 1
                continue
            latencies.append((times[0][0] - self.sent[tag]) * 1000)
            risks[times[0][1]] += 1
        return {
            "sent": len(self.sent), "arrived": len(latencies), "lost": len(self.sent) - len(latencies),
            "duplicated": sum(len(times) - 1 for times in arrivals.values()), "unmatched": unmatched,
            "risk": dict(risks), "latency_ms": {name: _ms(value) for name, value in percentiles(latencies).items()},
        }


def _ms(value):
    return None if value is None else round(value, 1)


def _ms_percentiles(values):
    return {name: _ms(value) for name, value in percentiles(values).items()}


def add_delivery_options(parser):
    """The options bench/rooms.py and bench/load.py share: how long to wait for deliveries, and server settings."""
    parser.add_argument("--grace", type=float, default=5.0, help="seconds to wait for stragglers after the last send")
    parser.add_argument("--late", type=float, default=30.0,
                        help="seconds more to wait after the grace: what comes then is late, what never comes lost")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for both servers, e.g. DATABASE_POOL=0 (repeatable)")
