"""Real Lantern servers for tests: Daphne subprocesses started through config.serve.

Shared by the browser tests (tests/e2e) and the two-process tests
(tests/scale). Each server runs on a database of its own, never the
pytest one, so these tests do not use the `db` fixture.
"""
import asyncio
import concurrent.futures
import contextlib
import dataclasses
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from importlib import import_module
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
HEALTH_TIMEOUT_SECONDS = 30
# Many joins and logins come from 127.0.0.1 in one run.
GENEROUS_RATES = {
    **{name: "1000/h" for name in ("LANTERN_RATE_JOIN_IP", "LANTERN_RATE_RECOVER_IP", "LANTERN_RATE_RECOVER_PSEUDONYM")},
    # Log-in counts wrong passphrases (peers/ratelimits.py), as numbers, not rates.
    **{name: "1000" for name in ("LANTERN_LOGIN_CLIENT_FAILURES", "LANTERN_LOGIN_IP_FAILURES",
                                 "LANTERN_LOGIN_PSEUDONYM_FREE_FAILURES")},
}


def tail(text, lines=30):
    # Every test of a session repeats a session fixture's failure; keep it short.
    return "\n".join(text.strip().splitlines()[-lines:])


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url):
    return urllib.parse.urlsplit(url or "").scheme in ("postgres", "postgresql", "pgsql", "postgis")


def fresh_postgres_database(server_url, name):
    """Recreate database `name` on the server of `server_url`; the URL pointing at it, or None if unreachable."""
    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    libpq_url = parts._replace(scheme="postgresql").geturl()
    try:
        with psycopg.connect(libpq_url, autocommit=True, connect_timeout=3) as connection:
            # FORCE: servers left over from an interrupted run must not block a fresh start.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    return parts._replace(path=f"/{name}").geturl()


def drop_postgres_database(server_url, name):
    """Drop database `name` on the server of `server_url` if it exists; whether the server answered."""
    import psycopg

    libpq_url = urllib.parse.urlsplit(server_url)._replace(scheme="postgresql").geturl()
    try:
        with psycopg.connect(libpq_url, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.OperationalError:
        return False
    return True


def _service_missing(message):
    # Imported late: bench/ uses this module outside pytest, where tests.conftest's models cannot load.
    from tests.conftest import service_missing

    service_missing(message)


def postgres_database_or_skip(name):
    """A fresh database `name` on the PostgreSQL that DATABASE_URL names (else the local one): its URL.

    Skips, or fails under LANTERN_REQUIRE_SERVICES, when PostgreSQL is not reachable.
    """
    env_database = os.environ.get("DATABASE_URL", "")
    server_url = env_database if is_postgres(env_database) else DEFAULT_POSTGRES_URL
    database_url = fresh_postgres_database(server_url, name)
    if database_url is None:
        _service_missing(f"PostgreSQL is not reachable at {urllib.parse.urlsplit(server_url).netloc}")
    return database_url


def redis_url_or_skip():
    """REDIS_URL (else the local Redis), once it answers; skips, or fails under LANTERN_REQUIRE_SERVICES."""
    import redis

    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        _service_missing(f"Redis is not reachable at {url}")
    return url


def server_environment(name, database_url, redis_url, var_dir, **variables):
    """The environment of live servers sharing one database and one Redis, under a key prefix of their own.

    `variables` come on top of this process's environment and generous rate
    limits; the data stores, prefix, data folder and DEBUG are the test's, whatever `variables` say.
    """
    prefix = f"lantern-{name}-{secrets.token_hex(4)}"
    return {
        **os.environ, **GENEROUS_RATES, **variables,
        "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix,
        "LANTERN_VAR_DIR": str(var_dir), "DEBUG": "0", "PYTHONUNBUFFERED": "1",
    }


def run_manage(env, *args, timeout=300):
    """`manage.py *args` in the servers' environment; its output, or the test fails with its last lines."""
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode:
        pytest.fail(f"manage.py {args[0]} failed for the test servers:\n{tail(done.stdout + done.stderr)}")
    return done.stdout


def manage_json(env, script, timeout=120):
    """Run `script` in `manage.py shell -c` in the servers' environment; the last JSON line it printed, parsed."""
    output = run_manage(env, "shell", "-c", script, timeout=timeout)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"the shell script printed no JSON:\n{tail(output)}")
    return json.loads(lines[-1])


def run_on_own_loop(scenario, *args):
    """Run `scenario(*args)` to the end on a new event loop in a thread of its own.

    Playwright's sync API (the e2e tests' session-scoped browser) leaves its
    event loop marked as running on the main thread, where no other loop can
    start; the socket tests against live servers run after it.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario(*args))).result()


def add_server_logs(report, servers):
    """On a failed test's report, each server's last log lines."""
    if report.failed:
        for server in servers:
            report.sections.append((f"Daphne {server.name} log, last lines ({server.log_path})", server.log_tail()))


@dataclasses.dataclass
class LiveServer:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def ws_url(self, path):
        return f"ws://127.0.0.1:{self.port}{path}"

    def log_tail(self):
        return tail(self.log_path.read_text()) if self.log_path.exists() else ""


def health_status(url):
    # No proxy: a proxy from the environment must not answer for 127.0.0.1.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/health/", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def start_daphne(name, env, log_path, app="config.asgi:application", port=None, options=()):
    """Start Lantern the production way (python -m config.serve) on a free port; output goes to `log_path`."""
    port = port or free_port()
    command = [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), *options, app]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return LiveServer(name, port, process, log_path)


def wait_until_healthy(server, deadline, status=None):
    """Until /health/ answers 200, or the test fails with the server's last log lines.

    `status(server)` asks /health/ (default: a plain GET to the server's URL).
    """
    status = status or (lambda server: health_status(server.url))
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        if status(server) == 200:
            return
        time.sleep(0.2)
    pytest.fail(f"server {server.name} did not answer /health/ with 200 in time:\n{server.log_tail()}")


@contextlib.contextmanager
def running_daphnes(env, workdir, names=("A", "B"), timeout=HEALTH_TIMEOUT_SECONDS, **options):
    """{name: LiveServer}, each started with start_daphne(**options) and healthy; all stopped on leaving.

    The caller may replace a server in the dict (a restart); whatever is in it at the end is stopped.
    """
    servers = {}
    try:
        for name in names:
            servers[name] = start_daphne(name, env, Path(workdir) / f"daphne-{name}.log", **options)
        deadline = time.monotonic() + timeout
        for server in servers.values():
            wait_until_healthy(server, deadline)
        yield servers
    finally:
        for server in servers.values():
            if server.process.poll() is None:
                stop(server)


class PrivateRedis:
    """A redis-server of one's own on a free loopback port, keeping nothing on disk, so stopping it touches
    nothing else; it keeps its port, so it can be killed and started again (tests/resilience, bench/outage.py).
    """

    def __init__(self, workdir):
        self.port, self.workdir, self.process = free_port(), Path(workdir), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout=10):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"redis-server did not start on port {self.port} within {timeout} s")

    def kill(self):
        """As a crash: no goodbye to clients, and everything it held is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


@contextlib.contextmanager
def private_redis(workdir):
    """A started PrivateRedis, killed on leaving whatever happened."""
    server = PrivateRedis(workdir)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def stop(server):
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def session_for(member):
    """A signed-in session for `member` in the configured session store; its key (the `sid` cookie)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(member.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()
    return store.session_key
