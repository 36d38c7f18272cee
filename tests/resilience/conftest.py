"""Parts of the production topology fail on purpose: Redis stops, a Daphne process is killed.

Each test gets its own Redis server (`redis-server` on a free port, keeping
nothing on disk) so stopping it touches nothing else, and one PostgreSQL
database shared by two Daphne processes, as in tests/scale. Without
redis-server or PostgreSQL the tests skip, or fail under
LANTERN_REQUIRE_SERVICES=1.
"""
import dataclasses
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse

import pytest

from tests.conftest import service_missing
from tests.live_servers import (
    GENEROUS_RATES,
    free_port,
    fresh_postgres_database,
    is_postgres,
    run_manage,
    start_daphne,
    stop,
    tail,
    wait_until_healthy,
)

DATABASE_NAME = "lantern_resilience"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
HEALTH_TIMEOUT_SECONDS = 30
# Short enough that tests see presence and ping timeouts act within seconds.
HEARTBEAT_SECONDS = 1
PING_INTERVAL_SECONDS, PING_TIMEOUT_SECONDS = 2, 3
DAPHNE_OPTIONS = ("--ping-interval", str(PING_INTERVAL_SECONDS), "--ping-timeout", str(PING_TIMEOUT_SECONDS))

SETUP_SCRIPT = """
import json
from datetime import timedelta

from django.utils import timezone

from forum.actions import check_create_thread
from forum.models import Board, Space
from peers.models import Member, Role, TrustLevel
from peers.rooms import check_agree_to_rules, check_schedule_room
from tests.live_servers import session_for

CAST = {
    "mentor": ("SteadyLamp4", Role.MENTOR, TrustLevel.TRUSTED),
    "member1": ("RiverStone1", Role.MEMBER, TrustLevel.MEMBER),
    "member2": ("MeadowWren2", Role.MEMBER, TrustLevel.MEMBER),
    "member3": ("HarborFinch3", Role.MEMBER, TrustLevel.MEMBER),
}
people = {
    name: Member.objects.create_user(pseudonym, "quiet rivers carry lanterns home", role=role, trust_level=trust)
    for name, (pseudonym, role, trust) in CAST.items()
}
now = timezone.now()
commons = Space.objects.get(slug="commons")
room = check_schedule_room(people["mentor"], space=commons, title="Evening check-in",
                           starts_at=now, ends_at=now + timedelta(hours=2))
for name in ("member1", "member2", "member3"):
    check_agree_to_rules(people[name], room)
board = Board.objects.filter(space=commons).first()
thread = check_create_thread(people["mentor"], board, title="Small wins this week",
                             body="What went right for you this week, however small?")
thread = getattr(thread, "thread", thread)
print(json.dumps({
    "room": room.pk, "thread": thread.pk,
    "ids": {name: person.pk for name, person in people.items()},
    "sessions": {name: session_for(person) for name, person in people.items()},
}))
"""

COUNT_SCRIPT = """
import json
from forum.models import Post
from peers.models import RoomMessage
rows = list(RoomMessage.objects.filter(room_id={room}, state="visible").order_by("id").values_list("id", "body"))
posts = list(Post.objects.filter(thread_id={thread}).values_list("body", flat=True))
print(json.dumps({{"messages": rows, "posts": posts}}))
"""


class RedisServer:
    """A redis-server of the test's own, on a fixed port so it can be stopped and started again."""

    def __init__(self, workdir):
        self.port, self.workdir, self.process = free_port(), workdir, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def kill(self):
        """As a crash: no goodbye to clients, and everything it held is gone."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@dataclasses.dataclass
class Outage:
    env: dict
    redis: RedisServer
    servers: dict
    workdir: object
    room: int
    thread: int
    ids: dict
    sessions: dict

    def kill(self, name):
        """Kill Daphne `name` without warning, as a crash would."""
        self.servers[name].process.send_signal(signal.SIGKILL)
        self.servers[name].process.wait()

    def start_again(self, name):
        """Start Daphne `name` again on the same port, as systemd's Restart=always does."""
        server = start_daphne(name, self.env, self.workdir / f"daphne-{name}-again.log", port=self.servers[name].port,
                              options=DAPHNE_OPTIONS)
        wait_until_healthy(server, time.monotonic() + HEALTH_TIMEOUT_SECONDS)
        self.servers[name] = server
        return server

    def counts(self):
        output = run_manage(self.env, "shell", "-c", COUNT_SCRIPT.format(room=self.room, thread=self.thread))
        return json.loads([line for line in output.splitlines() if line.startswith("{")][-1])


@pytest.fixture
def outage(tmp_path):
    """Redis of its own, a fresh database, two Daphne processes and a cast with a room and a thread."""
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not installed")
    env_database = os.environ.get("DATABASE_URL", "")
    server_url = env_database if is_postgres(env_database) else DEFAULT_POSTGRES_URL
    database_url = fresh_postgres_database(server_url, DATABASE_NAME)
    if database_url is None:
        service_missing(f"PostgreSQL is not reachable at {urllib.parse.urlsplit(server_url).netloc}")
    redis = RedisServer(tmp_path)
    redis.start()
    prefix = f"lantern-resilience-{secrets.token_hex(4)}"
    env = {
        **os.environ, **GENEROUS_RATES,
        "DATABASE_URL": database_url, "REDIS_URL": redis.url,
        "CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix,
        "LANTERN_VAR_DIR": str(tmp_path / "var"), "DEBUG": "0", "PYTHONUNBUFFERED": "1",
        "ROOM_PRESENCE_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "ROOM_FLOOD_MESSAGES": "1000",
    }
    servers = {}
    try:
        run_manage(env, "migrate", "--noinput")
        for name in ("A", "B"):
            servers[name] = start_daphne(name, env, tmp_path / f"daphne-{name}.log", options=DAPHNE_OPTIONS)
        for server in servers.values():
            wait_until_healthy(server, time.monotonic() + HEALTH_TIMEOUT_SECONDS)
        output = run_manage(env, "shell", "-c", SETUP_SCRIPT, timeout=120)
        lines = [line for line in output.splitlines() if line.startswith("{")]
        if not lines:
            pytest.fail(f"the setup printed no JSON:\n{tail(output)}")
        yield Outage(env, redis, servers, tmp_path, **json.loads(lines[-1]))
    finally:
        for server in servers.values():
            if server.process.poll() is None:
                stop(server)
        if redis.process.poll() is None:
            redis.kill()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server logged."""
    report = yield
    outage = getattr(item, "funcargs", {}).get("outage")
    if report.failed and isinstance(outage, Outage):
        for server in outage.servers.values():
            report.sections.append((f"Daphne {server.name} log ({server.log_path})", server.log_tail()))
    return report
