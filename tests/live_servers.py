"""Real Lantern servers for tests: Daphne subprocesses started through config.serve.

Shared by the browser tests (tests/e2e) and the two-process tests
(tests/scale). Each server runs on a database of its own, never the
pytest one, so these tests do not use the `db` fixture.
"""
import dataclasses
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
# Many joins and logins come from 127.0.0.1 in one run.
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


def run_manage(env, *args, timeout=300):
    """`manage.py *args` in the servers' environment; its output, or the test fails with its last lines."""
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode:
        pytest.fail(f"manage.py {args[0]} failed for the test servers:\n{tail(done.stdout + done.stderr)}")
    return done.stdout


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


def wait_until_healthy(server, deadline):
    """Until /health/ answers 200, or the test fails with the server's last log lines."""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        if health_status(server.url) == 200:
            return
        time.sleep(0.2)
    pytest.fail(f"server {server.name} did not answer /health/ with 200 in time:\n{server.log_tail()}")


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
