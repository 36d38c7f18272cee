"""Members on different Daphne processes share rooms and crisis alerts (docs/rooms.md, docs/realtime.md).

Every socket is a real websocket to a real server; every wait is bounded,
so a lost event fails the test in seconds instead of hanging it.
"""
import asyncio
import json
from contextlib import asynccontextmanager

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.live_servers import run_on_own_loop

WAIT_SECONDS = 5
CRISIS_TEXT = "I have the pills in front of me and I'm going to take them all tonight"


class Socket:
    """One client's socket: send JSON frames, wait (bounded) for the frame you expect."""

    def __init__(self, name, connection):
        self.name, self.connection = name, connection

    async def send(self, **frame):
        await self.connection.send(json.dumps(frame))

    async def expect(self, what, matches, timeout=WAIT_SECONDS):
        """The first frame for which `matches(frame)` holds; frames before it are skipped but reported on failure."""
        loop = asyncio.get_running_loop()
        deadline, skipped = loop.time() + timeout, []
        while True:
            try:
                text = await asyncio.wait_for(self.connection.recv(), max(deadline - loop.time(), 0))
            except TimeoutError:
                ending = f"nothing more came within {timeout} s"
                break
            except ConnectionClosed as closed:
                ending = f"the socket closed ({closed.rcvd or 'no close frame'})"
                break
            frame = json.loads(text)
            if matches(frame):
                return frame
            skipped.append(frame)
        pytest.fail(f"{self.name} did not get {what}: {ending}; before that it got {skipped}")


@asynccontextmanager
async def open_socket(server, path, session_key, name):
    """A signed-in socket to `server`, with its own origin; always closed afterwards."""
    try:
        connection = await connect(
            server.ws_url(path), origin=server.url, additional_headers={"Cookie": f"sid={session_key}"},
            proxy=None, open_timeout=WAIT_SECONDS, close_timeout=WAIT_SECONDS,
        )
    except InvalidStatus as refused:
        pytest.fail(f"Daphne {server.name} refused {name}'s socket to {path}: HTTP {refused.response.status_code}")
    try:
        yield Socket(f"{name} (on {server.name})", connection)
    finally:
        await connection.close()


@asynccontextmanager
async def in_room(server, cast, name):
    """`name` in the room on `server`, admitted: the server has sent its state, so its groups are joined."""
    async with open_socket(server, f"/ws/rooms/{cast.room}/", cast.sessions[name], name) as sock:
        state = await sock.expect("state", lambda frame: frame["type"] in ("state", "error"))
        assert state["type"] == "state", f"{sock.name} was refused: {state}"
        assert state["me"] == cast.ids[name]
        yield sock


def _is_message(body, author_id):
    return lambda frame: frame["type"] == "message" and frame["body"] == body and frame["author_id"] == author_id


def test_room_messages_and_presence_cross_processes(scale_servers, scale_cast):
    run_on_own_loop(_talk_across_processes, scale_servers["A"], scale_servers["B"], scale_cast)


def test_crisis_message_on_one_process_alerts_staff_on_the_other(scale_servers, scale_cast):
    run_on_own_loop(_crisis_across_processes, scale_servers["A"], scale_servers["B"], scale_cast)


async def _talk_across_processes(a, b, cast):
    """The mentor and member 1 on A, member 2 on B: presence and messages cross both ways."""
    everyone = {cast.ids["mentor"], cast.ids["member1"], cast.ids["member2"]}

    def all_present(frame):
        return frame["type"] == "presence" and {row["id"] for row in frame["members"]} == everyone

    first, answer = "Cooking pasta tonight. Small wins.", "That sounds lovely. I made soup."
    async with in_room(a, cast, "mentor") as mentor, in_room(a, cast, "member1") as member1, \
            in_room(b, cast, "member2") as member2:
        for sock in (mentor, member1, member2):
            presence = await sock.expect("presence listing all three", all_present)
            assert [row["id"] for row in presence["members"] if row["host"]] == [cast.ids["mentor"]]

        await member1.send(type="send", body=first)
        received = await member2.expect("member 1's message", _is_message(first, cast.ids["member1"]))
        assert received["author"] == "ScaleHarbor1"

        await member2.send(type="send", body=answer)
        answered = await member1.expect("member 2's answer", _is_message(answer, cast.ids["member2"]))
        assert answered["id"] > received["id"]


async def _crisis_across_processes(a, b, cast):
    """Member 1 writes on A; crisis staff and the mentor, on B, are alerted; member 1 gets help."""
    async with open_socket(b, "/ws/crisis/", cast.sessions["crisis"], "crisis staff") as crisis, \
            in_room(b, cast, "mentor") as mentor, in_room(a, cast, "member1") as member1:
        await member1.send(type="send", body=CRISIS_TEXT)

        escalation = await crisis.expect(
            "an imminent crisis.escalation",
            lambda frame: frame["type"] == "crisis.escalation" and frame["risk"] == "imminent",
        )
        assert escalation["status"] == "open" and escalation["overdue"] is False
        help_frame = await member1.expect("help", lambda frame: frame["type"] == "help")
        assert help_frame["text"] and isinstance(help_frame["resources"], list)
        alert = await mentor.expect("alert", lambda frame: frame["type"] == "alert")
        assert {key: alert[key] for key in ("author", "risk")} == {"author": "ScaleHarbor1", "risk": "imminent"}
        assert isinstance(alert["id"], int)  # the escalation: a catch-up brings it again, and the page shows it once


IDLE_SECONDS = 15


def test_sockets_stay_open_while_a_room_is_quiet(scale_servers, scale_cast):
    run_on_own_loop(_quiet_then_talk, scale_servers["A"], scale_servers["B"], scale_cast)


async def _quiet_then_talk(a, b, cast):
    """Longer than the Redis client's default 5 s socket timeout: idle sockets must survive it."""
    words = "Still here after a quiet while."
    async with in_room(a, cast, "mentor") as mentor, in_room(a, cast, "member1") as member1, \
            in_room(b, cast, "member2") as member2:
        await asyncio.sleep(IDLE_SECONDS)
        await member1.send(type="send", body=words)
        await member2.expect("the message after the quiet", _is_message(words, cast.ids["member1"]))
        await mentor.expect("the message after the quiet", _is_message(words, cast.ids["member1"]))
