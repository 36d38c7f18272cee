"""Redis killed under a busy room, and sockets churning: issue 14's two fault targets, on the production topology.

Run from the repository root (PostgreSQL on 127.0.0.1 and `redis-server`
installed; the database lantern_bench_outage is made afresh and dropped at
the end, and Redis is a private redis-server of this script's own on a free
loopback port, started and killed here, so no other Redis is touched):

    .venv/bin/python bench/outage.py            # 40 members + host, 20 messages/s for 60 s, Redis down 30 s; 1,000 cycles
    .venv/bin/python bench/outage.py --members 6 --duration 12 --outage-at 3 --outage 5 --cycles 60 --talkers 3   # smoke

Two Daphne processes (bench/topology.py, `python -m config.serve` with the
shipped settings: 20 s presence heartbeat, channel-layer queue of 1,000)
on one fresh PostgreSQL database and the private Redis.

**Redis outage** (target: 0 lost, 0 duplicated shown). One room hosted by
a mentor, `--members` members, half on each process, the host on A. Every
member and the host is a `RoomPage` (bench/wsclient.py): it does with each
frame what static/js/room.js does (reconnects with its backoff, keeps the
delivery watermark by `seq`, asks `history`/`replay` as docs/rooms.md,
"Delivery" says, shows each id once), and its form sends with a client id
and presses Retry whenever 5 s pass unanswered. Members write in turn,
`--rate` messages a second for `--duration` s, each body tagged; the
flood limit is raised only as far as that rotation needs. `--outage-at` s
into the sending, Redis is killed (SIGKILL: it forgets every group) and
started again empty on the same port `--outage` s later. After the last
send the pages get up to `--settle` s (more than two presence heartbeats,
whose `head` frames recover a last message lost with nothing after it) to
show everything; then every page is counted against the database: each
stored visible message (id and seq) must be shown by every page exactly
once, with its seq, and the page's watermark must reach the room's head.
Lost = (page, stored message) pairs not shown; duplicated shown = an id put
in a page's list twice, or one sent text shown under two ids.

**Churn** (target: 0 presence rows left for closed sockets). A second room
with a host and `--talkers` members (RoomPages) writing `--churn-rate`
messages a second, while `--lanes` visitors (a member each) open a socket
each, wait for its `state` frame (admitted: a presence row exists), hold it
0 to `--hold` s while the room's events reach it, and close it, `--cycles`
times in all, alternating processes; every third close drops the TCP
connection without a closing handshake (a phone losing signal; Quick exit
is the polite close). Then, after up to 15 s for the last goodbyes and one
more heartbeat (a consumer that never left keeps its row fresh), the
room's presence rows are read from the database: rows of visitors, and
talker rows beyond the talker sockets still open, are rows left for closed
sockets. Finally every page closes and the rows of both rooms are read
again.

Every wait is bounded, and so is the whole run (`--time-limit`). Printed:
Markdown tables (the targets, then each part) and one JSON line with
everything. `--set NAME=VALUE` passes a setting to both servers.
"""
import argparse
import asyncio
import collections
import datetime
import json
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import meters  # noqa: E402
from bench import wsclient as ws  # noqa: E402
from bench.topology import REPO_ROOT, production_topology  # noqa: E402
from tests.live_servers import private_redis  # noqa: E402

DATABASE = "lantern_bench_outage"
CHURN_SETTLE_SECONDS = 15  # for the last goodbyes to be processed
FLOOD_MARGIN = 2
CYCLE_TIMEOUT = 10  # a visitor's socket admitted (state frame) within this, or counted as not admitted
# In the servers' logs, beyond meters.LOG_SIGNS: the issue's ghost race and a leave that failed.
GHOST_SIGNS = {
    "Attempt to send on a closed protocol": "Attempt to send on a closed protocol",
    "could not delete a presence row": "rooms: could not delete a presence row",
    "could not leave": "realtime: could not leave a group",
}


def make_cast(members, talkers, visitors):
    """Runs in `manage.py shell`: the outage room (host + members) and the churn room (host, talkers, visitors)."""
    from django.conf import settings

    from bench.cast import check_texts, make_members, make_room
    from rooms.models import RoomMessage, RoomPresence

    check_texts()
    host = make_members("OutageHost", 1, role="mentor", trust=2)[0]
    people = make_members("OutageMember", members)
    churn_host = make_members("ChurnHost", 1, role="mentor", trust=2)[0]
    churn_talkers = make_members("ChurnTalker", talkers)
    churn_visitors = make_members("ChurnVisitor", visitors)
    return {
        "room": make_room(host[0], "Evening check-in", members + 10, [pk for pk, _ in people]),
        "host": host, "members": people,
        "churn_room": make_room(churn_host[0], "Drop-in hour", talkers + visitors + 10,
                                [pk for pk, _ in churn_talkers + churn_visitors]),
        "churn_host": churn_host, "talkers": churn_talkers, "visitors": churn_visitors,
        "heartbeat_s": settings.ROOM_PRESENCE_HEARTBEAT_SECONDS,
        "tables": {"message": RoomMessage._meta.db_table, "presence": RoomPresence._meta.db_table},
    }


# --- The database, read directly (bounded, a connection per reading)


class Database:
    def __init__(self, url, tables):
        self.url, self.tables = url.replace("postgres://", "postgresql://", 1), tables

    def _rows(self, sql, params):
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def visible(self, room):
        """{id: (seq, body, client_id)} of the room's visible messages."""
        rows = self._rows(f'SELECT id, seq, body, client_id FROM "{self.tables["message"]}" '
                          "WHERE room_id = %s AND state = 'visible'", (room,))
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def presence(self, room):
        """[(member id, channel name, seen_at)] of the room's presence rows."""
        return self._rows(f'SELECT member_id, channel_name, seen_at FROM "{self.tables["presence"]}" '
                          "WHERE room_id = %s", (room,))


async def read(function, *args):
    return await asyncio.to_thread(function, *args)


def pages_for(cast_host, cast_members, servers, room, seed, prefix=""):
    a, b = servers
    host = ws.RoomPage(f"{prefix}host", a, room, cast_host[1], seed)
    members = [ws.RoomPage(f"{prefix}member{n}", (a, b)[n % 2], room, session, seed)
               for n, (_, session) in enumerate(cast_members)]
    return host, members


async def open_pages(pages):
    """Start every page, a few at a time; the ones not admitted and caught up within ADMIT_TIMEOUT."""
    for n, page in enumerate(pages):
        page.start()
        if n % 10 == 9:
            await asyncio.sleep(0.2)  # as people arrive, not all in one instant
    await ws.wait_for(lambda: all(p.admitted.is_set() and p.watermark >= 0 for p in pages), ws.ADMIT_TIMEOUT)
    return [p.name for p in pages if not (p.admitted.is_set() and p.watermark >= 0)]


async def stop_pages(pages):
    await asyncio.gather(*(page.stop() for page in pages), return_exceptions=True)


class Sends:
    """The sends of a phase: who, when, what came of them (by client id)."""

    def __init__(self, give_up):
        self.give_up, self.records, self.tasks = give_up, {}, []

    def send(self, page, tag, text):
        client_id = secrets.token_hex(12)  # room.js's newClientId: 12 random bytes in hex
        record = {"tag": tag, "sender": page.name, "at": time.perf_counter(), "outcome": None, "presses": 0}
        self.records[client_id] = record

        async def go():
            record["outcome"], record["presses"] = await page.say(ws.tagged(text, tag), client_id, self.give_up)

        self.tasks.append(asyncio.create_task(go()))
        return client_id

    async def settle(self):
        await asyncio.gather(*self.tasks, return_exceptions=True)

    def summary(self):
        outcomes = collections.Counter(record["outcome"] for record in self.records.values())
        # "echo": its own message came back before the ack; room.js counts that as sent, too.
        return {"sent": len(self.records), "answered": outcomes["ack"] + outcomes["echo"],
                "refused": outcomes["refused"], "unanswered": outcomes["unanswered"],
                "retry_presses": sum(max(0, record["presses"] - 1) for record in self.records.values())}


def count_pages(pages, stored):
    """Every page against the database's visible messages `stored` ({id: (seq, body, client_id)})."""
    head = max((seq for seq, _, _ in stored.values()), default=0)
    totals = collections.Counter()
    worst = []
    for page in pages:
        shown = page.shown
        missing = [pk for pk in stored if pk not in shown]
        wrong_seq = [pk for pk in stored if pk in shown and shown[pk] != stored[pk][0]]
        not_stored = [pk for pk in shown if pk not in stored]
        listed_twice = sum(count - 1 for count in page.listed.values() if count > 1)
        tags = collections.Counter(ws.tag_of(stored[pk][1]) for pk in shown if pk in stored)
        same_text_twice = sum(count - 1 for tag, count in tags.items() if tag and count > 1)
        totals.update({"shown": len(stored) - len(missing), "lost": len(missing), "wrong_seq": len(wrong_seq),
                       "not_stored": len(not_stored), "duplicated": listed_twice + same_text_twice,
                       "at_head": int(page.watermark == head), "message_frames": page.frames["message"],
                       "resync": page.frames["resync"], "head_frames": page.frames["head"],
                       "replay_requests": page.catch_ups["replay"], "history_requests": page.catch_ups["history"],
                       "reconnects": page.reconnects, "error_frames": len(page.errors),
                       "final_close": int(page.final_close is not None)})
        if missing:
            worst.append((page.name, len(missing), sorted(stored[pk][0] for pk in missing)[:10]))
    totals["expected"] = len(stored) * len(pages)
    totals["pages"] = len(pages)
    totals = dict(totals)
    totals["error_texts"] = dict(collections.Counter(text for page in pages for text in page.errors).most_common(3))
    return totals, sorted(worst, key=lambda row: -row[1])[:5]


def stored_checks(stored):
    """Numbering as docs/rooms.md promises: seqs 1..N with no gap, ids growing with seqs; one row per sent text."""
    by_seq = sorted((seq, pk) for pk, (seq, _, _) in stored.items())
    seqs = [seq for seq, _ in by_seq]
    ids = [pk for _, pk in by_seq]
    tags = collections.Counter(ws.tag_of(body) for _, body, _ in stored.values())
    return {"stored": len(stored), "seqs_dense": seqs == list(range(1, len(seqs) + 1)), "ids_in_seq_order": ids == sorted(ids),
            "stored_twice": sum(count - 1 for tag, count in tags.items() if tag and count > 1)}


def latencies(pages, sends, stored, window):
    """Send-to-shown ms over (page, message) for sends whose send time falls in `window` (start, end)."""
    by_tag = {ws.tag_of(body): pk for pk, (_, body, _) in stored.items()}
    values = []
    for record in sends.records.values():
        if not window[0] <= record["at"] < window[1] or record["tag"] not in by_tag:
            continue
        pk = by_tag[record["tag"]]
        values += [(page.shown_at[pk] - record["at"]) * 1000 for page in pages if pk in page.shown_at]
    return {name: None if value is None else round(value, 1) for name, value in ws.percentiles(values).items()}


# --- Part 1: Redis killed under a room at 20 messages/s


async def outage_part(topology, redis, cast, database, args):
    host, members = pages_for(cast["host"], cast["members"], topology.servers, cast["room"], args.seed)
    pages = [host, *members]
    meter = meters.Meter(topology.servers, topology.redis_url, topology.env["DATABASE_URL"])
    result = {}
    try:
        result["not_admitted"] = await open_pages(pages)
        await meters.wait_until_quiet(topology.servers)
        # Warm-up, stored and counted like the rest but not timed: a message from a member on each process.
        warm = Sends(args.give_up)
        for page in members[-2:]:
            warm.send(page, f"w-{page.name}", ws.ORDINARY[0])
        await warm.settle()
        await ws.wait_for(lambda: all(len(p.shown) >= len(warm.records) for p in pages), ws.WARM_TIMEOUT)

        sends, marks, start = Sends(args.give_up), meters.log_marks(topology.servers), meter.snapshot()
        clock = {}

        async def outage():
            await asyncio.sleep(args.outage_at)
            clock["killed"] = time.perf_counter()
            await read(redis.kill)
            await asyncio.sleep(args.outage)
            await read(redis.start)
            clock["back"] = time.perf_counter()

        clock["start"] = time.perf_counter()
        fault = asyncio.create_task(outage())
        count = int(args.duration * args.rate)
        async for n in ws.paced(count, 1 / args.rate):
            sends.send(members[n % len(members)], f"m{n}", ws.ORDINARY[n % len(ws.ORDINARY)])
        clock["last_send"] = time.perf_counter()
        await fault
        await sends.settle()
        clock["settled"] = time.perf_counter()

        # Until every page shows everything stored (bounded): a lost last message comes back with a `head`.
        stored = {}
        deadline = time.perf_counter() + args.settle
        while True:
            stored = await read(database.visible, cast["room"])
            head = max((seq for seq, _, _ in stored.values()), default=0)
            if all(set(stored) <= set(p.shown) and p.watermark >= head for p in pages):
                clock["complete"] = time.perf_counter()
                break
            if time.perf_counter() >= deadline:
                break
            await asyncio.sleep(1)
        usage = meter.since(start)
        stored = await read(database.visible, cast["room"])
        counted, worst = count_pages(pages, stored)
        during_ids = {pk for pk, (_, body, _) in stored.items()
                      if any(record["tag"] == ws.tag_of(body) and clock["killed"] <= record["at"] < clock["back"]
                             for record in sends.records.values())}
        caught_up = [max((p.shown_at.get(pk, float("inf")) for pk in during_ids), default=clock["back"]) - clock["back"]
                     for p in pages]
        result.update({
            "sends": sends.summary(), "sent_during_outage": sum(
                1 for record in sends.records.values() if clock["killed"] <= record["at"] < clock["back"]),
            "database": stored_checks(stored), "pages": counted, "worst_pages": worst,
            "outage_s": round(clock["back"] - clock["killed"], 1),
            "kill_at_s": round(clock["killed"] - clock["start"], 1),
            "sending_s": round(clock["last_send"] - clock["start"], 1),
            "complete_after_last_send_s": round(clock["complete"] - clock["last_send"], 1) if "complete" in clock else None,
            "outage_messages_on_every_page_after_back_s": round(max(caught_up), 1) if during_ids else None,
            "outage_messages_after_back_p50_s": round(sorted(caught_up)[len(caught_up) // 2], 1) if during_ids else None,
            # Sent in the last second before the kill, a message may be in the layer when Redis dies: counted
            # with those written while it was down.
            "latency_before_ms": latencies(pages, sends, stored, (clock["start"], clock["killed"] - 1)),
            "latency_after_back_ms": latencies(pages, sends, stored, (clock["back"], clock["last_send"] + 1)),
            "latency_sent_during_ms": latencies(pages, sends, stored, (clock["killed"] - 1, clock["back"])),
            "cpu": {name: value["pct_of_core"] for name, value in usage["usage"].items()
                    if name.startswith("Daphne") or name in ("client", "PostgreSQL")},
            "machine_pct": usage["usage"]["machine"]["pct_of_all_cores"], "wall_s": usage["wall_s"],
            "server_log": meters.log_signs(topology.servers, marks, {**meters.LOG_SIGNS, **GHOST_SIGNS}),
        })
    finally:
        await stop_pages(pages)
    return result


# --- Part 2: sockets that come and go while the room talks


async def visit(server, path, session, abrupt, hold, outcomes, events):
    """One connect/close cycle of a visitor; its outcome counted in `outcomes`."""
    sock = ws.Socket("visitor", server, path, session, room=None, measured=False)
    if not await sock.open():
        outcomes["refused at the handshake"] += 1
        return
    await ws.wait_for(lambda: sock.admitted.is_set() or sock.reader.done(), CYCLE_TIMEOUT)
    if sock.admitted.is_set():
        outcomes["admitted"] += 1
        await asyncio.sleep(hold)
    else:
        outcomes["not admitted"] += 1
    if sock.closed_unexpectedly is not None:
        outcomes["closed by the server"] += 1
        await sock.close()
    elif abrupt:
        sock.closing = True
        sock.connection.transport.abort()  # no closing handshake: the server learns it from TCP
        try:
            await asyncio.wait_for(sock.reader, ws.CLOSE_TIMEOUT)
        except (TimeoutError, Exception):
            sock.reader.cancel()
        outcomes["dropped (no closing handshake)"] += 1
    else:
        await sock.close()
        outcomes["closed politely"] += 1
    events.update(sock.frames)
    if sock.errors:
        outcomes["error frames"] += len(sock.errors)


async def churn_part(topology, cast, database, args):
    host, talkers = pages_for(cast["churn_host"], cast["talkers"], topology.servers, cast["churn_room"], args.seed,
                              "churn-")
    pages = [host, *talkers]
    room, path = cast["churn_room"], f"/ws/rooms/{cast['churn_room']}/"
    visitor_ids = {pk for pk, _ in cast["visitors"]}
    rng = random.Random(args.seed)
    holds = [rng.uniform(0, args.hold) for _ in range(args.cycles)]
    outcomes, events = collections.Counter(), collections.Counter()
    meter = meters.Meter(topology.servers, topology.redis_url, topology.env["DATABASE_URL"])
    result = {}
    try:
        result["not_admitted"] = await open_pages(pages)
        await meters.wait_until_quiet(topology.servers)
        sends, marks, start = Sends(args.give_up), meters.log_marks(topology.servers), meter.snapshot()
        churning = True

        async def talk():
            async for n in ws.paced(int(args.churn_limit * args.churn_rate) + 1, 1 / args.churn_rate):
                if not churning:
                    return
                sends.send(talkers[n % len(talkers)], f"c{n}", ws.ORDINARY[n % len(ws.ORDINARY)])

        began = time.perf_counter()
        talking = asyncio.create_task(talk())

        async def lane(index):
            for cycle in range(index, args.cycles, args.lanes):
                if time.perf_counter() - began > args.churn_limit:
                    outcomes["not run (time limit)"] += 1
                    continue
                await visit(topology.servers[cycle % 2], path, cast["visitors"][index][1], cycle % 3 == 0,
                            holds[cycle], outcomes, events)

        await asyncio.gather(*(lane(index) for index in range(args.lanes)))
        churned = time.perf_counter() - began
        churning = False
        await talking
        await sends.settle()
        usage = meter.since(start)
        server_log = meters.log_signs(topology.servers, marks, {**meters.LOG_SIGNS, **GHOST_SIGNS})

        def left(rows):
            open_talker_sockets = sum(1 for page in pages if page.connection is not None)
            visitors = sum(1 for member, _, _ in rows if member in visitor_ids)
            others = len(rows) - visitors
            return {"visitor_rows": visitors, "page_rows": others, "open_page_sockets": open_talker_sockets,
                    "rows_for_closed_sockets": visitors + max(0, others - open_talker_sockets)}

        settled_in = None
        deadline = time.perf_counter() + CHURN_SETTLE_SECONDS
        while time.perf_counter() < deadline:
            if left(await read(database.presence, room))["rows_for_closed_sockets"] == 0:
                settled_in = round(time.perf_counter() - began - churned, 1)
                break
            await asyncio.sleep(0.5)
        after_churn = left(await read(database.presence, room))
        await asyncio.sleep(cast["heartbeat_s"] + 2)  # a consumer that never left would beat on for its row
        rows = await read(database.presence, room)
        after_beat = left(rows)
        stored = await read(database.visible, room)
        await ws.wait_for(lambda: all(set(stored) <= set(p.shown) for p in pages), args.settle)
        counted, _ = count_pages(pages, stored)
        result.update({
            "cycles": args.cycles, "lanes": args.lanes, "churn_s": round(churned, 1), "outcomes": dict(outcomes),
            "events_at_visitors": {kind: events[kind] for kind in ("message", "presence", "head", "state")},
            "sends": sends.summary(), "talk_pages": counted, "rows_after_churn": after_churn,
            "rows_settled_after_s": settled_in, "rows_after_a_heartbeat": after_beat,
            "cpu": {name: value["pct_of_core"] for name, value in usage["usage"].items()
                    if name.startswith("Daphne") or name in ("client", "PostgreSQL", "Redis")},
            "machine_pct": usage["usage"]["machine"]["pct_of_all_cores"], "server_log": server_log,
        })
    finally:
        await stop_pages(pages)
    return result


async def rows_when_all_closed(database, rooms, timeout=15):
    """Presence rows of `rooms` once every socket has closed (bounded wait for the last goodbyes)."""
    counts = {}
    deadline = time.perf_counter() + timeout
    while True:
        counts = {room: len(await read(database.presence, room)) for room in rooms}
        if not any(counts.values()) or time.perf_counter() >= deadline:
            return counts
        await asyncio.sleep(0.5)


async def run(topology, redis, cast, args):
    database = Database(topology.env["DATABASE_URL"], cast["tables"])
    outage = churn = None
    async with asyncio.timeout(args.time_limit):
        if args.only in (None, "outage"):
            outage = await outage_part(topology, redis, cast, database, args)
            print(json.dumps({"part": "outage", **outage}, default=str), flush=True)  # kept should a later part fail
        if args.only in (None, "churn"):
            churn = await churn_part(topology, cast, database, args)
            print(json.dumps({"part": "churn", **churn}, default=str), flush=True)
        closed = await rows_when_all_closed(database, [cast["room"], cast["churn_room"]])
    return outage, churn, closed


# --- Report


def machine_state():
    with open("/proc/meminfo") as meminfo:
        memory = {line.split(":")[0]: int(line.split()[1]) for line in meminfo}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"), "commit": commit,
            "uncommitted_changes": bool(dirty), "python": platform.python_version(), "cpus": os.cpu_count(),
            "loadavg": [round(value, 2) for value in os.getloadavg()],
            "mem_available_mib": memory.get("MemAvailable", 0) // 1024, "mem_total_mib": memory.get("MemTotal", 0) // 1024}


def yes(condition):
    return "yes" if condition else "**no**"


def outage_met(outage):
    pages = outage["pages"]
    return (pages["lost"] == 0 and pages["duplicated"] == 0 and pages["wrong_seq"] == 0 and pages["not_stored"] == 0
            and outage["database"]["stored_twice"] == 0 and outage["database"]["seqs_dense"]
            and outage["sends"]["refused"] == 0 and outage["sends"]["unanswered"] == 0
            and pages["at_head"] == pages["pages"] and not outage["not_admitted"])


def churn_met(churn):
    return (churn["rows_after_a_heartbeat"]["rows_for_closed_sockets"] == 0
            and churn["rows_after_churn"]["rows_for_closed_sockets"] == 0
            and churn["outcomes"].get("admitted", 0) == churn["cycles"])


def report(args, flood_limit, before, after, outage, churn, closed):
    print(f"{before['utc']} to {after['utc']} UTC; commit {before['commit']}"
          f"{' with uncommitted changes' if before['uncommitted_changes'] else ''}; Python {before['python']}, "
          f"{before['cpus']} CPUs, load average {before['loadavg']} before and {after['loadavg']} after, "
          f"{before['mem_available_mib']:,} of {before['mem_total_mib']:,} MiB available; room flood limit "
          f"{flood_limit} in {ws.FLOOD_SECONDS} s\n")
    rows = []
    if outage:
        pages, sends = outage["pages"], outage["sends"]
        rows.append([f"Redis killed for {outage['outage_s']:g} s while a room gets {args.rate:g} messages/s: "
                     "0 lost, 0 duplicated shown",
                     f"{pages['pages']} pages (room.js client) on 2 processes; {outage['database']['stored']:,} stored; "
                     f"{pages['shown']:,} / {pages['expected']:,} shown, {pages['lost']:,} lost, "
                     f"{pages['duplicated']:,} duplicated; every page complete "
                     f"{outage['outage_messages_on_every_page_after_back_s']} s after Redis was back",
                     yes(outage_met(outage))])
    if churn:
        rows.append([f"{churn['cycles']:,} connect/close cycles with events flowing: 0 presence rows left for closed sockets",
                     f"{churn['outcomes'].get('admitted', 0):,} admitted and closed "
                     f"({churn['outcomes'].get('dropped (no closing handshake)', 0):,} dropped) in {churn['churn_s']} s "
                     f"while {churn['sends']['sent']:,} messages flowed; rows left: "
                     f"{churn['rows_after_churn']['rows_for_closed_sockets']} after the churn, "
                     f"{churn['rows_after_a_heartbeat']['rows_for_closed_sockets']} a heartbeat later",
                     yes(churn_met(churn))])
    print(meters.markdown_table(["target (issue 14)", "measured", "met"], rows))
    if outage:
        pages, sends, db = outage["pages"], outage["sends"], outage["database"]
        lb, la, ld = outage["latency_before_ms"], outage["latency_after_back_ms"], outage["latency_sent_during_ms"]
        print()
        print(meters.markdown_table(["Redis outage", "measured"], [
            ["pages: members + host, on 2 Daphne processes", pages["pages"]],
            ["messages sent / while Redis was down", f"{sends['sent']:,} / {outage['sent_during_outage']:,}"],
            ["sending; Redis killed at / down for (s)", f"{outage['sending_s']} s; {outage['kill_at_s']} / {outage['outage_s']}"],
            ["acknowledged (ack, or its own message back) / refused / unanswered",
             f"{sends['answered']:,} / {sends['refused']} / {sends['unanswered']}"],
            ["Retry presses (same client id)", sends["retry_presses"]],
            ["stored visible (warm-up included); seqs 1..N with no gap; ids in seq order; a text stored twice",
             f"{db['stored']:,}; {yes(db['seqs_dense'])}; {yes(db['ids_in_seq_order'])}; {db['stored_twice']}"],
            ["(page, message) shown / expected", f"{pages['shown']:,} / {pages['expected']:,}"],
            ["lost / duplicated shown / shown with another seq / shown but not stored",
             f"{pages['lost']} / {pages['duplicated']} / {pages['wrong_seq']} / {pages['not_stored']}"],
            ["pages whose watermark reached the head", f"{pages['at_head']} / {pages['pages']}"],
            ["message frames received (catch-ups resend; the page shows each id once)", f"{pages['message_frames']:,}"],
            ["resync frames / replay requests / history requests",
             f"{pages['resync']:,} / {pages['replay_requests']:,} / {pages['history_requests']:,}"],
            ["reconnects / pages closed for good / error frames",
             f"{pages['reconnects']} / {pages['final_close']} / {pages['error_frames']}"],
            ["sent up to 1 s before the kill: send to shown p50 / p99 / max (ms)",
             f"{lb['p50']} / {lb['p99']} / {lb['max']}"],
            ["sent in the last second before the kill or while Redis was down: send to shown p50 / p99 / max (ms)",
             f"{ld['p50']} / {ld['p99']} / {ld['max']}"],
            ["written while Redis was down: on every page (p50 page / last page) s after Redis was back",
             f"{outage['outage_messages_after_back_p50_s']} / {outage['outage_messages_on_every_page_after_back_s']}"],
            ["sent after Redis was back: send to shown p50 / p99 / max (ms)", f"{la['p50']} / {la['p99']} / {la['max']}"],
            ["every page complete, after the last send (s)", outage["complete_after_last_send_s"]],
            ["pages not admitted at the start", len(outage["not_admitted"])],
            ["CPU, % of one core", ", ".join(f"{name} {value:.0f}" for name, value in outage["cpu"].items())
             + f"; machine {outage['machine_pct']:.0f}% of all cores"],
            ["server log lines", ", ".join(f"{label}: {n}" for label, n in outage["server_log"].items())],
        ]))
        if pages["error_texts"]:
            print(f"\nerror frames, most common: {pages['error_texts']}")
        if outage["worst_pages"]:
            print(f"\npages missing messages (name, missing, first seqs): {outage['worst_pages']}")
    if churn:
        outcomes, events = churn["outcomes"], churn["events_at_visitors"]
        talk = churn["talk_pages"] or {}
        print()
        print(meters.markdown_table(["socket churn", "measured"], [
            ["cycles / lanes at once / seconds", f"{churn['cycles']:,} / {churn['lanes']} / {churn['churn_s']}"],
            ["outcomes", ", ".join(f"{name} {n:,}" for name, n in sorted(outcomes.items()))],
            ["events that reached visitors' sockets (message, presence, head frames)",
             f"{events['message']:,}, {events['presence']:,}, {events['head']:,}"],
            ["room messages meanwhile: sent / acknowledged / refused / unanswered",
             f"{churn['sends']['sent']:,} / {churn['sends']['answered']:,} / {churn['sends']['refused']} / "
             f"{churn['sends']['unanswered']}"],
            ["talkers' pages: lost / duplicated shown", f"{talk.get('lost')} / {talk.get('duplicated')}"],
            ["presence rows after the churn: visitors' / talkers' (open talker sockets)",
             f"{churn['rows_after_churn']['visitor_rows']} / {churn['rows_after_churn']['page_rows']} "
             f"({churn['rows_after_churn']['open_page_sockets']})"],
            ["rows for closed sockets: after the churn (gone after s) / a heartbeat later",
             f"{churn['rows_after_churn']['rows_for_closed_sockets']} ({churn['rows_settled_after_s']}) / "
             f"{churn['rows_after_a_heartbeat']['rows_for_closed_sockets']}"],
            ["CPU, % of one core", ", ".join(f"{name} {value:.0f}" for name, value in churn["cpu"].items())
             + f"; machine {churn['machine_pct']:.0f}% of all cores"],
            ["server log lines", ", ".join(f"{label}: {n}" for label, n in churn["server_log"].items())],
        ]))
    if churn and churn["talk_pages"]["error_texts"]:
        print(f"\nerror frames in the churn room, most common: {churn['talk_pages']['error_texts']}")
    print(f"\npresence rows once every socket had closed: {closed}\n")
    print(json.dumps({"benchmark": "outage", "args": vars(args), "flood_limit": flood_limit, "machine_before": before,
                      "machine_after": after, "outage": outage, "churn": churn, "rows_when_all_closed": closed},
                     default=str))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=40, help="members in the outage room (the host comes on top)")
    parser.add_argument("--rate", type=float, default=20, help="room messages a second")
    parser.add_argument("--duration", type=float, default=60, help="seconds of sending")
    parser.add_argument("--outage-at", type=float, default=15, help="seconds into the sending when Redis is killed")
    parser.add_argument("--outage", type=float, default=30, help="seconds Redis stays down")
    parser.add_argument("--settle", type=float, default=60,
                        help="seconds after the sends settle for every page to show everything (bounded)")
    parser.add_argument("--give-up", type=float, default=60, help="seconds a send keeps pressing Retry")
    parser.add_argument("--cycles", type=int, default=1000, help="connect/close cycles")
    parser.add_argument("--lanes", type=int, default=4, help="visitors coming and going at once")
    parser.add_argument("--hold", type=float, default=0.2, help="a visitor holds its socket 0 to this many s")
    parser.add_argument("--talkers", type=int, default=20, help="members writing in the churn room")
    parser.add_argument("--churn-rate", type=float, default=20, help="messages a second in the churn room")
    parser.add_argument("--churn-limit", type=float, default=600, help="seconds at most for the cycles")
    parser.add_argument("--only", choices=("outage", "churn"), help="run one part")
    parser.add_argument("--time-limit", type=float, default=1500, help="seconds at most for the whole run")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for both servers, e.g. ROOM_PRESENCE_HEARTBEAT_SECONDS=5 (repeatable)")
    args = parser.parse_args()
    if args.members < 2 or args.talkers < 1 or args.lanes < 1:
        parser.error("--members must be at least 2, --talkers and --lanes at least 1")
    if args.outage_at + args.outage > args.duration:
        parser.error("the outage must end before the sending does (--outage-at + --outage <= --duration)")
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    # Raised only as far as the rotation needs, plus FLOOD_MARGIN: a send that leaves late, and the write's own
    # timing, can put one more message in a sender's window (a first run, at the bare need, muted talkers).
    flood_limit = max(ws.FLOOD_MESSAGES,
                      ws.flood_messages_needed(args.members, 1 / args.rate, ws.FLOOD_SECONDS) + 1 + FLOOD_MARGIN,
                      ws.flood_messages_needed(args.talkers, 1 / args.churn_rate, ws.FLOOD_SECONDS) + FLOOD_MARGIN)
    extra_env = {**({"ROOM_FLOOD_MESSAGES": str(flood_limit)} if flood_limit > ws.FLOOD_MESSAGES else {}),
                 **meters.parse_settings(parser, args.set)}
    before = machine_state()
    with private_redis(tempfile.mkdtemp(prefix=f"{DATABASE}-redis-")) as redis, \
            production_topology(DATABASE, extra_env=extra_env, redis_url=redis.url, drop_database=True) as topology:
        print(f"servers' logs: {topology.workdir}; private Redis on port {redis.port}\n", flush=True)
        cast = topology.shell("import json; from bench.outage import make_cast; "
                              f"print(json.dumps(make_cast({args.members}, {args.talkers}, {args.lanes})))")
        outage, churn, closed = asyncio.run(run(topology, redis, cast, args))
    report(args, flood_limit, before, machine_state(), outage, churn, closed)


if __name__ == "__main__":
    main()
