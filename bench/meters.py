"""What a benchmark phase costs the servers, what they logged, and the tables that report it.

CPU meters for the Daphne processes, this client, Redis and PostgreSQL
(/proc, INFO cpu), this database's pg_stat_database counters, the signs
of trouble in the Daphne logs, and the Markdown tables bench/rooms.py and
bench/load.py print from them (with `parse_settings`, which reads the
`--set` options those reports record). Apart from bench/wsclient.py
because nothing here touches a socket: it reads the machine and the
servers around the messages.
"""
import asyncio
import collections
import os
import time

import redis


# --- CPU


def _stat_fields(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def process_cpu_seconds(pid):
    """User plus system CPU seconds `pid` has used so far (from /proc/<pid>/stat), or None once it is gone."""
    try:
        fields = _stat_fields(pid)
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds():
    """CPU seconds of the whole local PostgreSQL server, short-lived backends included, or None.

    Backends live for one request (Lantern does not keep connections), so
    their time is counted through the postmaster's reaped-children total.
    """
    total, found = 0, False
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().strip() != "postgres":
                    continue
            fields = _stat_fields(entry)
        except (OSError, ValueError):
            continue
        found = True
        total += int(fields[11]) + int(fields[12])
        if int(fields[1]) == 1 or _comm(fields[1]) != "postgres":  # the postmaster: add its reaped backends
            total += int(fields[13]) + int(fields[14])
    return total / os.sysconf("SC_CLK_TCK") if found else None


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return None


def machine_busy_seconds():
    """(busy, total) CPU seconds over all cores since boot, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:9]]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(values) - values[3] - values[4]) / ticks, sum(values) / ticks


DATABASE_COUNTERS = ("sessions", "xact_commit", "xact_rollback", "active_time")


def database_counters(url):
    """This database's own counters from pg_stat_database (PostgreSQL 14+), or None.

    `sessions` counts connections opened; `active_time` is milliseconds spent
    running statements. Unlike the server's CPU, nothing else on the server
    is in them. Read on a connection of its own, opened and closed here.
    """
    import psycopg

    try:
        libpq_url = url.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(libpq_url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute(f"SELECT {', '.join(DATABASE_COUNTERS)} FROM pg_stat_database "
                               "WHERE datname = current_database()").fetchone()
    except psycopg.Error:
        return None
    return dict(zip(DATABASE_COUNTERS, (float(value or 0) for value in row)))


class Meter:
    """CPU used by the Daphne processes, this client, Redis and PostgreSQL over a phase, and the database's counters.

    Redis and PostgreSQL CPU is the whole server's: anything else it serves
    at the same time is counted too. `machine` is the share of all cores
    busy. The database counters are this benchmark's database only; the
    meter's own connections add one session and one transaction per reading.
    """

    def __init__(self, servers, redis_url, database_url):
        self.pids = {f"Daphne {server.name}": server.process.pid for server in servers}
        self.pids["client"] = os.getpid()
        self.redis = redis.Redis.from_url(redis_url, socket_timeout=5)
        self.database_url = database_url

    def _redis_seconds(self):
        try:
            info = self.redis.info("cpu")
        except redis.RedisError:
            return None
        return float(info["used_cpu_sys"]) + float(info["used_cpu_user"])

    def snapshot(self):
        seconds = {name: process_cpu_seconds(pid) for name, pid in self.pids.items()}
        seconds["Redis"] = self._redis_seconds()
        seconds["PostgreSQL"] = postgres_cpu_seconds()
        return {"at": time.perf_counter(), "cpu": seconds, "machine": machine_busy_seconds(),
                "database": database_counters(self.database_url)}

    def since(self, start):
        """Since `start` (a snapshot): CPU seconds and % of one core per process, % of all cores, database deltas."""
        end = self.snapshot()
        wall = max(end["at"] - start["at"], 1e-9)
        usage = {}
        for name, value in start["cpu"].items():
            if value is not None and end["cpu"][name] is not None:
                used = end["cpu"][name] - value
                usage[name] = {"cpu_s": round(used, 2), "pct_of_core": round(100 * used / wall, 1)}
        (busy0, total0), (busy1, total1) = start["machine"], end["machine"]
        usage["machine"] = {"pct_of_all_cores": round(100 * (busy1 - busy0) / max(total1 - total0, 1e-9), 1)}
        database = None
        if start["database"] and end["database"]:
            database = {name: round(end["database"][name] - start["database"][name], 1) for name in DATABASE_COUNTERS}
        return {"wall_s": round(wall, 2), "usage": usage, "database": database}


# What a server's log says went wrong: the client cannot see a message dropped inside the server.
LOG_SIGNS = {
    "over capacity": "channels_redis: channels over capacity (it drops the message)",
    "channel layer unreachable": "Lantern: channel layer unreachable",
    "realtime: could not": "Lantern: could not join, leave or send",
    " ERROR ": "errors logged",
    "Traceback": "tracebacks",
}


def log_marks(servers):
    """Where each server's log ends now, to read only what a phase adds."""
    return {server.name: server.log_path.stat().st_size if server.log_path.exists() else 0 for server in servers}


def log_signs(servers, marks, signs=None):
    """Lines per kind of `signs` ({text in the line: label}; LOG_SIGNS by default) the servers logged since `marks`."""
    signs = LOG_SIGNS if signs is None else signs
    found = collections.Counter()
    for server in servers:
        with open(server.log_path, errors="replace") as log:
            log.seek(marks.get(server.name, 0))
            for line in log:
                found.update(label for sign, label in signs.items() if sign in line)
    return {label: found[label] for label in signs.values()}


async def wait_until_quiet(servers, timeout=30, below=0.15, window=1.0):
    """Wait until every Daphne process uses under `below` of a core over `window` s (bounded by `timeout`)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        before = [process_cpu_seconds(server.process.pid) for server in servers]
        await asyncio.sleep(window)
        after = [process_cpu_seconds(server.process.pid) for server in servers]
        if all(a is None or b is None or (b - a) / window < below for a, b in zip(before, after)):
            return True
    return False


# --- Output


def markdown_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(["---"] + ["---:"] * (len(headers) - 1)) + " |"]
    lines += ["| " + " | ".join("–" if cell is None else f"{cell:,}" if isinstance(cell, int) else str(cell)
                                for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def database_rows(phases, messages, unit="message sent"):
    """Rows for this database's counters in each phase: connections opened, transactions, statement time.

    `messages`: phase -> messages sent (or requests made) in it, for the per-`unit` rows.
    """
    rows = []
    for label, name in (("PostgreSQL connections opened (this database)", "sessions"),
                        ("PostgreSQL transactions (this database)", "xact_commit"),
                        ("PostgreSQL statement time, ms (this database)", "active_time")):
        cells = [None if not cpu.get("database") else int(cpu["database"][name]) for cpu in phases.values()]
        rows.append([label, *cells])
    for label, name in ((f"connections opened per {unit}", "sessions"), (f"transactions per {unit}", "xact_commit")):
        rows.append([label, *(None if not cpu.get("database") or not messages[phase] else
                              round(cpu["database"][name] / messages[phase], 1) for phase, cpu in phases.items())])
    return rows


def log_rows(phases):
    """Rows `sign | lines in phase 1 | ...` from each phase's `server_log`."""
    return [[label, *(cpu["server_log"][label] for cpu in phases.values())] for label in LOG_SIGNS.values()]


def parse_settings(parser, pairs):
    """`NAME=VALUE` strings as a dict; a malformed one is a usage error."""
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            parser.error(f"--set wants NAME=VALUE, not {pair!r}")
        settings[name] = value
    return settings


def cpu_rows(phases):
    """Rows `name | phase1 % | phase2 % ...` for the CPU meters of each phase."""
    names = list(next(iter(phases.values()))["usage"])  # the same meters in every phase
    rows = []
    for name in names:
        cells = []
        for cpu in phases.values():
            usage = cpu["usage"].get(name, {})
            value = usage.get("pct_of_core", usage.get("pct_of_all_cores"))
            cells.append(None if value is None else f"{value:.0f}%")
        rows.append([name + (" (all cores)" if name == "machine" else " (% of one core)"), *cells])
    return rows
