"""The production topology for benchmarks: PostgreSQL, Redis and two Daphne processes.

    with production_topology("lantern_bench") as topology:
        topology.servers      # two LiveServer objects (tests/live_servers.py), ports differ
        topology.manage(...)  # manage.py in the servers' environment
        topology.shell(code)  # manage.py shell -c code, returns the last JSON line it printed

Both processes serve bench.asgi:application: Lantern plus the bare
baselines (bench/baseline.py), so a benchmark and its baseline run on the
same processes, database and Redis. The database is created fresh under
`database_name` (and dropped on leaving with `drop_database=True`); Redis
keys carry a prefix of their own, so nothing else on the Redis server is
touched. `redis_url` puts the servers on another Redis than BENCH_REDIS
(bench/outage.py: a private one it kills).
"""
import contextlib
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.live_servers import (  # noqa: E402
    drop_postgres_database, fresh_postgres_database, manage_json, run_manage, running_daphnes, server_environment,
)

POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")


@dataclasses.dataclass
class Topology:
    env: dict
    servers: list
    workdir: Path
    redis_url: str = REDIS_URL

    def manage(self, *args, timeout=600):
        return run_manage(self.env, *args, timeout=timeout)

    def shell(self, code, timeout=600):
        """Run `code` in `manage.py shell -c`; the last line it printed that starts with `{`, parsed."""
        return manage_json(self.env, code, timeout=timeout)


@contextlib.contextmanager
def production_topology(database_name, processes=2, extra_env=None, migrate=True, redis_url=None,
                        drop_database=False):
    database_url = fresh_postgres_database(POSTGRES_SERVER, database_name)
    if database_url is None:
        raise SystemExit(f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
    redis_url = redis_url or REDIS_URL
    workdir = Path(tempfile.mkdtemp(prefix=f"{database_name}-"))
    env = server_environment(database_name, database_url, redis_url, workdir / "var",
                             DJANGO_SETTINGS_MODULE="bench.settings", **(extra_env or {}))
    topology = Topology(env, [], workdir, redis_url)
    try:
        if migrate:
            topology.manage("migrate", "--noinput")
        names = [("AB"[index] if index < 2 else str(index)) for index in range(processes)]
        with running_daphnes(env, workdir, names=names, timeout=60, app="bench.asgi:application") as servers:
            topology.servers = list(servers.values())
            yield topology
    finally:
        if drop_database:  # the servers have stopped: nothing holds a connection to it
            drop_postgres_database(POSTGRES_SERVER, database_name)
