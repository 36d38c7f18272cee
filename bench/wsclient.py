"""Client sockets that time what they receive, the tallies they feed, pacing, and the texts they send.

Shared by bench/rooms.py and bench/load.py. Every client socket runs a
reader task that stamps each frame with `time.perf_counter()` as it
arrives. Senders stamp with the same clock in the same process, so a
send-to-receipt latency needs no clock agreement. Every wait here is
bounded: a frame that never comes is counted as lost, never waited for.

The texts (ORDINARY, CRISIS) and their tags live here because the client
writes them and reads the tags back; bench/cast.py checks, on the
benchmark database, that they screen as the tallies assume. What a phase
costs the servers, and the report tables, are in bench/meters.py.
"""
import asyncio
import collections
import json
import math
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
