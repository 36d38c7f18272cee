"""Two Daphne processes on one PostgreSQL database and one Redis: the production topology.

The processes share nothing but the database and Redis (the channel layer
and the cache, under one prefix), as behind a load balancer. Their data is
made by a `manage.py shell` in the same environment, never by the test
process's Django, which points at the pytest database. Without PostgreSQL
or Redis the tests skip, or fail under LANTERN_REQUIRE_SERVICES=1.
"""
import dataclasses
import json
import os
import secrets
import time
import urllib.parse

import pytest

from tests.conftest import service_missing
from tests.live_servers import (
    GENEROUS_RATES,
    fresh_postgres_database,
    is_postgres,
    run_manage,
    start_daphne,
    stop,
    tail,
    wait_until_healthy,
)

DATABASE_NAME = "lantern_scale"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
HEALTH_TIMEOUT_SECONDS = 30

# Runs in `manage.py shell -c` on the servers' database; prints one JSON line.
SETUP_SCRIPT = """
import json
from datetime import timedelta

from django.utils import timezone

from forum.models import Space
from peers.models import Member, Role, TrustLevel
from peers.rooms import check_agree_to_rules, check_schedule_room
from tests.live_servers import session_for

CAST = {
    "mentor": ("ScaleBeacon3", Role.MENTOR, TrustLevel.TRUSTED),
    "member1": ("ScaleHarbor1", Role.MEMBER, TrustLevel.MEMBER),
    "member2": ("ScaleMeadow2", Role.MEMBER, TrustLevel.MEMBER),
    "crisis": ("ScaleAnchor5", Role.CRISIS_STAFF, TrustLevel.TRUSTED),
}


people = {
    name: Member.objects.create_user(pseudonym, "quiet rivers carry lanterns home", role=role, trust_level=trust)
    for name, (pseudonym, role, trust) in CAST.items()
}
now = timezone.now()
room = check_schedule_room(people["mentor"], space=Space.objects.get(slug="commons"), title="Evening check-in",
                           starts_at=now, ends_at=now + timedelta(hours=2))
for name in ("member1", "member2"):
    check_agree_to_rules(people[name], room)
print(json.dumps({
    "room": room.pk,
    "ids": {name: person.pk for name, person in people.items()},
    "sessions": {name: session_for(person) for name, person in people.items()},
}))
"""


@dataclasses.dataclass
class Cast:
    room: int
    ids: dict
    sessions: dict


def _redis_reachable(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def scale_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lantern-scale")


@pytest.fixture(scope="session")
def scale_env(scale_dir):
    """The environment both processes share: one database, one Redis, one prefix."""
    env_database = os.environ.get("DATABASE_URL", "")
    server_url = env_database if is_postgres(env_database) else DEFAULT_POSTGRES_URL
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    if not _redis_reachable(redis_url):
        service_missing(f"Redis is not reachable at {redis_url}")
    database_url = fresh_postgres_database(server_url, DATABASE_NAME)
    if database_url is None:
        service_missing(f"PostgreSQL is not reachable at {urllib.parse.urlsplit(server_url).netloc}")
    prefix = f"lantern-scale-{secrets.token_hex(4)}"
    env = {
        **os.environ, **GENEROUS_RATES,
        "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix,
        "LANTERN_VAR_DIR": str(scale_dir / "var"), "DEBUG": "0", "PYTHONUNBUFFERED": "1",
    }
    run_manage(env, "migrate", "--noinput")
    return env


@pytest.fixture(scope="session")
def scale_servers(scale_env, scale_dir):
    """Daphne A and Daphne B, both healthy; stopped at the end of the session."""
    servers = []
    try:
        for name in ("A", "B"):
            servers.append(start_daphne(name, scale_env, scale_dir / f"daphne-{name}.log"))
        deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
        for server in servers:
            wait_until_healthy(server, deadline)
        yield {server.name: server for server in servers}
    finally:
        for server in servers:
            stop(server)


@pytest.fixture(scope="session")
def scale_cast(scale_env, scale_servers):
    """A mentor's room in the Commons, two members who agreed to its rules, crisis staff; all signed in."""
    output = run_manage(scale_env, "shell", "-c", SETUP_SCRIPT, timeout=120)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"the scale setup printed no JSON:\n{tail(output)}")
    return Cast(**json.loads(lines[-1]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server logged."""
    report = yield
    servers = getattr(item, "funcargs", {}).get("scale_servers")
    if report.failed and servers:
        for server in servers.values():
            report.sections.append((f"Daphne {server.name} log, last lines ({server.log_path})", server.log_tail()))
    return report
