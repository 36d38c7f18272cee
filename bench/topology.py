"""The production topology for benchmarks: PostgreSQL, Redis and two Daphne processes.

    with production_topology("lantern_bench") as topology:
        topology.servers      # two LiveServer objects (tests/live_servers.py), ports differ
        topology.manage(...)  # manage.py in the servers' environment
        topology.shell(code)  # manage.py shell -c code, returns the last JSON line it printed

Both processes serve bench.asgi:application: Lantern plus the bare
baselines (bench/baseline.py), so a benchmark and its baseline run on the
same processes, database and Redis. The database is created fresh under
`database_name`; Redis keys carry a prefix of their own, so nothing else on
the Redis server is touched.
"""
import contextlib
import dataclasses
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.live_servers import (  # noqa: E402
    GENEROUS_RATES,
    fresh_postgres_database,
    run_manage,
    start_daphne,
    stop,
    wait_until_healthy,
)

POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")


@dataclasses.dataclass
class Topology:
    env: dict
    servers: list
    workdir: Path

    def manage(self, *args, timeout=600):
        return run_manage(self.env, *args, timeout=timeout)

    def shell(self, code, timeout=600):
        """Run `code` in `manage.py shell -c`; the last line it printed that starts with `{`, parsed."""
        lines = [line for line in self.manage("shell", "-c", code, timeout=timeout).splitlines() if line.startswith("{")]
        if not lines:
            raise RuntimeError("the shell script printed no JSON line")
        return json.loads(lines[-1])


@contextlib.contextmanager
def production_topology(database_name, processes=2, extra_env=None, migrate=True):
    database_url = fresh_postgres_database(POSTGRES_SERVER, database_name)
    if database_url is None:
        raise SystemExit(f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
    workdir = Path(tempfile.mkdtemp(prefix=f"{database_name}-"))
    prefix = f"{database_name}-{secrets.token_hex(4)}"
    env = {
        **os.environ, **GENEROUS_RATES,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix,
        "LANTERN_VAR_DIR": str(workdir / "var"), "DEBUG": "0", "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    topology = Topology(env, [], workdir)
    if migrate:
        topology.manage("migrate", "--noinput")
    try:
        for index in range(processes):
            name = "AB"[index] if index < 2 else str(index)
            topology.servers.append(start_daphne(name, env, workdir / f"daphne-{name}.log", app="bench.asgi:application"))
        deadline = time.monotonic() + 60
        for server in topology.servers:
            wait_until_healthy(server, deadline)
        yield topology
    finally:
        for server in topology.servers:
            stop(server)
