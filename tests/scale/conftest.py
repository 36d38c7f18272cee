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
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import service_missing

REPO_ROOT = Path(__file__).resolve().parents[2]
DATABASE_NAME = "lantern_scale"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
HEALTH_TIMEOUT_SECONDS = 30
GENEROUS_RATES = {
    name: "1000/h"
    for name in (
        "LANTERN_RATE_JOIN_IP",
        "LANTERN_RATE_LOGIN_IP",
        "LANTERN_RATE_LOGIN_PSEUDONYM",
        "LANTERN_RATE_RECOVER_IP",
        "LANTERN_RATE_RECOVER_PSEUDONYM",
    )
}

# Runs in `manage.py shell -c` on the servers' database; prints one JSON line.
SETUP_SCRIPT = """
import json
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone

from forum.models import Space
from peers.models import Member, Role, TrustLevel
from peers.rooms import check_agree_to_rules, check_schedule_room

CAST = {
    "mentor": ("ScaleBeacon3", Role.MENTOR, TrustLevel.TRUSTED),
    "member1": ("ScaleHarbor1", Role.MEMBER, TrustLevel.MEMBER),
    "member2": ("ScaleMeadow2", Role.MEMBER, TrustLevel.MEMBER),
    "crisis": ("ScaleAnchor5", Role.CRISIS_STAFF, TrustLevel.TRUSTED),
}


def session_for(member):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()
    return store.session_key


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
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, path):
        return f"ws://127.0.0.1:{self.port}{path}"


@dataclasses.dataclass
class Cast:
    room: int
    ids: dict
    sessions: dict


def _tail(text, lines=40):
    return "\n".join(text.strip().splitlines()[-lines:])


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_postgres(url):
    return urllib.parse.urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


def _fresh_database(server_url):
    """Recreate DATABASE_NAME on the server of `server_url`; return a URL pointed at it, or None if unreachable."""
    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    libpq_url = parts._replace(scheme="postgresql").geturl()
    try:
        with psycopg.connect(libpq_url, autocommit=True, connect_timeout=3) as connection:
            # FORCE: servers left over from an interrupted run must not block a fresh start.
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    except psycopg.OperationalError:
        return None
    return parts._replace(path=f"/{DATABASE_NAME}").geturl()


def _redis_reachable(url):
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _run_manage(env, *args, timeout=300):
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode:
        pytest.fail(f"manage.py {args[0]} failed for the scale servers:\n{_tail(done.stdout + done.stderr)}")
    return done.stdout


def _health_status(url):
    # No proxy: a proxy from the environment must not answer for 127.0.0.1.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/health/", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def _wait_until_healthy(server, deadline):
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = _tail(server.log_path.read_text())
            pytest.fail(f"Daphne {server.name} exited with {server.process.returncode}:\n{log}")
        if _health_status(server.url) == 200:
            return
        time.sleep(0.2)
    pytest.fail(f"Daphne {server.name} did not answer /health/ with 200 within {HEALTH_TIMEOUT_SECONDS} s:\n"
                f"{_tail(server.log_path.read_text())}")


def _start(name, env, log_dir):
    port = _free_port()
    log_path = log_dir / f"daphne-{name}.log"
    command = [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Server(name, port, process, log_path)


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def scale_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lantern-scale")


@pytest.fixture(scope="session")
def scale_env(scale_dir):
    """The environment both processes share: one database, one Redis, one prefix."""
    env_database = os.environ.get("DATABASE_URL", "")
    server_url = env_database if _is_postgres(env_database) else DEFAULT_POSTGRES_URL
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    if not _redis_reachable(redis_url):
        service_missing(f"Redis is not reachable at {redis_url}")
    database_url = _fresh_database(server_url)
    if database_url is None:
        service_missing(f"PostgreSQL is not reachable at {urllib.parse.urlsplit(server_url).netloc}")
    prefix = f"lantern-scale-{secrets.token_hex(4)}"
    env = {
        **os.environ, **GENEROUS_RATES,
        "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix,
        "LANTERN_VAR_DIR": str(scale_dir / "var"), "DEBUG": "0", "PYTHONUNBUFFERED": "1",
    }
    _run_manage(env, "migrate", "--noinput")
    return env


@pytest.fixture(scope="session")
def scale_servers(scale_env, scale_dir):
    """Daphne A and Daphne B, both healthy; stopped at the end of the session."""
    servers = []
    try:
        for name in ("A", "B"):
            servers.append(_start(name, scale_env, scale_dir))
        deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
        for server in servers:
            _wait_until_healthy(server, deadline)
        yield {server.name: server for server in servers}
    finally:
        for server in servers:
            _stop(server.process)


@pytest.fixture(scope="session")
def scale_cast(scale_env, scale_servers):
    """A mentor's room in the Commons, two members who agreed to its rules, crisis staff; all signed in."""
    output = _run_manage(scale_env, "shell", "-c", SETUP_SCRIPT, timeout=120)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"the scale setup printed no JSON:\n{_tail(output)}")
    return Cast(**json.loads(lines[-1]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server logged."""
    report = yield
    servers = getattr(item, "funcargs", {}).get("scale_servers")
    if report.failed and servers:
        for server in servers.values():
            log = server.log_path.read_text() if server.log_path.exists() else ""
            report.sections.append((f"Daphne {server.name} log, last lines ({server.log_path})", _tail(log)))
    return report
