"""Parts of the production topology fail on purpose: Redis stops, a Daphne process is killed.

Each test gets its own Redis server (`redis-server` on a free port, keeping
nothing on disk) so stopping it touches nothing else, and one PostgreSQL
database shared by two Daphne processes, as in tests/scale. Without
redis-server or PostgreSQL the tests skip, or fail under
LANTERN_REQUIRE_SERVICES=1.
"""
import dataclasses
import shutil
import signal
import time

import pytest

from tests.conftest import service_missing
from tests.live_servers import (
    HEALTH_TIMEOUT_SECONDS,
    PrivateRedis,
    add_server_logs,
    manage_json,
    postgres_database_or_skip,
    run_manage,
    running_daphnes,
    server_environment,
    start_daphne,
    wait_until_healthy,
)

DATABASE_NAME = "lantern_resilience"
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
from rooms.schedule import check_agree_to_rules, check_schedule_room
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
from rooms.models import RoomMessage
rows = list(RoomMessage.objects.filter(room_id={room}, state="visible").order_by("id").values_list("id", "body"))
posts = list(Post.objects.filter(thread_id={thread}).values_list("body", flat=True))
print(json.dumps({{"messages": rows, "posts": posts}}))
"""


@dataclasses.dataclass
class Outage:
    env: dict
    redis: PrivateRedis
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
        return manage_json(self.env, COUNT_SCRIPT.format(room=self.room, thread=self.thread))


@pytest.fixture
def outage(tmp_path):
    """Redis of its own, a fresh database, two Daphne processes and a cast with a room and a thread."""
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not installed")
    database_url = postgres_database_or_skip(DATABASE_NAME)
    redis = PrivateRedis(tmp_path)
    redis.start()
    env = server_environment("resilience", database_url, redis.url, tmp_path / "var",
                             ROOM_PRESENCE_HEARTBEAT_SECONDS=str(HEARTBEAT_SECONDS), ROOM_FLOOD_MESSAGES="1000")
    try:
        run_manage(env, "migrate", "--noinput")
        with running_daphnes(env, tmp_path, options=DAPHNE_OPTIONS) as servers:
            yield Outage(env, redis, servers, tmp_path, **manage_json(env, SETUP_SCRIPT))
    finally:
        if redis.process.poll() is None:
            redis.kill()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server logged."""
    report = yield
    outage = getattr(item, "funcargs", {}).get("outage")
    if isinstance(outage, Outage):
        add_server_logs(report, outage.servers.values())
    return report
