"""Mixed load on the production topology: busy rooms and members reading the boards at once.

Run from the repository root (PostgreSQL and Redis running; the database
lantern_bench_load is dropped and made afresh):

    .venv/bin/python bench/load.py                               # 10 rooms x 20 members, 8 readers, 60 s
    .venv/bin/python bench/load.py --layout shared               # the same on two processes doing both
    .venv/bin/python bench/load.py --duration 5 --rooms 4 --per-room 10 --http-clients 2   # a smoke run

`--layout split` (the default, as deploy/ ships it: docs/deploy.md) runs
four Daphne processes (bench/topology.py): two take the sockets, two the
pages, and the page processes run at `--page-nice` (5), standing in for the
socket units' larger systemd CPUWeight. `--layout shared` runs two
processes that take both. The socket processes serve `--rooms` rooms, each
hosted by its own mentor and holding `--per-room` members, half of each
room on each process (the hosts alternate between them). In every room
one member sends an ordinary message every `--interval` seconds, senders
in turn (each member writes once every per-room x interval seconds, under
the flood limit of 5 in 10 s); the rooms' schedules are staggered. Every
member socket of a room counts as a recipient of its messages, the
sender's own copy included; the hosts' copies are not counted. Send and
receipt are stamped with time.perf_counter() in this one process. A
delivery not received `--grace` seconds after the last send is late if it
comes within `--late` seconds more, else lost; the measurement (CPU
included) ends with the grace.

Meanwhile `--http-clients` readers, each signed in as a member, each with
one keep-alive connection (http.client in a thread; no HTTP client library
is installed), alternate over the two page processes and fetch, in turn, the
home page, the Commons space page, a board page and a thread page (the
setup writes `--threads` threads of `--posts` posts) as fast as the
server answers.

Measurement starts once every socket is in and the servers are idle, after
one uncounted message per room and one fetch of each page on each process.
CPU and database counters are read as in bench/rooms.py.

Printed: Markdown tables (rooms, pages per kind, errors, CPU per process
and this database's counters) and one JSON line with everything.
`--set NAME=VALUE` passes a setting to both servers for an experiment
(e.g. ROOM_PRESENCE_HEARTBEAT_SECONDS=3600); the output records it.
"""
import argparse
import asyncio
import collections
import concurrent.futures
import http.client
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import meters  # noqa: E402
from bench import wsclient as ws  # noqa: E402
from bench.cast import check_texts, make_members, make_room  # noqa: E402
from bench.topology import REDIS_URL, production_topology  # noqa: E402

DATABASE = "lantern_bench_load"
HTTP_TIMEOUT = 10


def make_cast(rooms, per_room, threads, posts):
    """Runs in `manage.py shell`: the rooms with their hosts and members, and threads to read; all signed in."""
    check_texts()
    hosts = make_members("BenchHost", rooms, role="mentor", trust=2)
    people = make_members("BenchMember", rooms * per_room)
    cast = []
    for index, host in enumerate(hosts):
        members = people[index * per_room:(index + 1) * per_room]
        room = make_room(host[0], f"Evening check-in {index + 1}", per_room + 5, [pk for pk, _ in members])
        cast.append({"room": room, "host": host, "members": members})
    return {"rooms": cast, "threads": make_threads(threads, posts, [pk for pk, _ in people])}


def make_threads(count, posts, author_ids):
    """`count` threads of `posts` posts in the Commons boards, by rotating authors; their ids.

    Written with the do_ actions and a screening decision, past the posting
    rate limits: this is furniture for the readers, not what is measured.
    """
    from forum import actions
    from forum.models import Board
    from moderation.api import screen_write
    from peers.models import Member

    boards = list(Board.objects.filter(space__slug="commons").order_by("position"))
    authors = list(Member.objects.filter(pk__in=author_ids).order_by("pk"))
    ids = []
    for n in range(count):
        body = lambda k: " ".join(ws.ORDINARY[(k + i) % len(ws.ORDINARY)] for i in range(3))  # noqa: E731
        decision = screen_write(body(n), author=authors[n % len(authors)])
        opening = actions.do_create_thread(authors[n % len(authors)], boards[n % len(boards)],
                                           title=f"Checking in, week {n + 1}", body=body(n), content_warning="",
                                           decision=decision).post
        for k in range(1, posts):
            author = authors[(n + k) % len(authors)]
            actions.do_reply(author, opening.thread, body=body(n + k), content_warning="",
                             decision=screen_write(body(n + k), author=author))
        ids.append(opening.thread_id)
    return {"threads": ids, "boards": [board.slug for board in boards]}


# --- Readers (threads; http.client keeps one connection alive per reader)


def page_paths(forum, n):
    thread = forum["threads"][n % len(forum["threads"])]
    board = forum["boards"][n % len(forum["boards"])]
    return [("home", "/"), ("space", "/s/commons/"), ("board", f"/s/commons/{board}/"), ("thread", f"/t/{thread}/")]


def fetch(connection, session, path):
    """GET `path` on `connection`; (status, bytes). Raises OSError or HTTPException on failure."""
    connection.request("GET", path, headers={"Cookie": f"sid={session}"})
    response = connection.getresponse()
    body = response.read()
    if response.will_close:
        connection.close()
    return response.status, len(body)


def read_pages(server, session, paths, until, results):
    """Fetch `paths` in turn until perf_counter() passes `until` (None: each once).

    Appends (kind, status or error name, ms, bytes) to `results` for each request.
    """
    connection, n = http.client.HTTPConnection("127.0.0.1", server.port, timeout=HTTP_TIMEOUT), 0
    try:
        while (n < len(paths)) if until is None else (time.perf_counter() < until):
            kind, path = paths[n % len(paths)]
            n += 1
            began = time.perf_counter()
            try:
                status, size = fetch(connection, session, path)
            except (OSError, http.client.HTTPException) as error:
                status, size = type(error).__name__, 0
                connection.close()  # http.client reconnects on the next request
            results.append((kind, status, (time.perf_counter() - began) * 1000, size))
    finally:
        connection.close()


def page_summary(results):
    by_kind = collections.defaultdict(list)
    for row in results:
        by_kind[row[0]].append(row)
    summary = {}
    for kind, rows in [("all", results), *sorted(by_kind.items())]:
        latencies = ws.percentiles([ms for _, status, ms, _ in rows if status == 200])
        summary[kind] = {
            "requests": len(rows),
            "non_200": sum(1 for _, status, _, _ in rows if isinstance(status, int) and status != 200),
            "failed": sum(1 for _, status, _, _ in rows if not isinstance(status, int)),
            "latency_ms": {name: None if value is None else round(value, 1) for name, value in latencies.items()},
            "kb": round(sum(size for *_, size in rows) / max(len(rows), 1) / 1024, 1),
        }
    summary["statuses"] = dict(collections.Counter(str(status) for _, status, _, _ in results))
    return summary


# --- Rooms


def split(topology, layout):
    """(socket processes, page processes): the first two and the last two, or the same two."""
    servers = topology.servers
    return (servers[:2], servers[2:]) if layout == "split" else (servers, servers)


def room_sockets(servers, cast):
    hosts, rooms = [], []
    for index, room in enumerate(cast["rooms"]):
        path = f"/ws/rooms/{room['room']}/"
        hosts.append(ws.Socket(f"host{index}", servers[index % 2], path, room["host"][1], room=index, measured=False))
        rooms.append([ws.Socket(f"room{index}-member{n}", servers[n % 2], path, session, room=index)
                      for n, (_, session) in enumerate(room["members"])])
    return hosts, rooms


async def admit(topology, cast, hosts, rooms):
    """Hosts first (members may write only while a host is there), then members; presence settled, servers quiet."""
    await ws.open_all(hosts)
    await ws.wait_admitted(hosts, ws.ADMIT_TIMEOUT)
    members = [sock for room in rooms for sock in room]
    await ws.open_all(members)
    await ws.wait_admitted(members, ws.ADMIT_TIMEOUT)
    expected = [{room["host"][0], *(pk for pk, _ in room["members"])} for room in cast["rooms"]]
    settled = await ws.wait_for(
        lambda: all(sock.presence_ids == expected[sock.room] for sock in [*hosts, *members]), ws.SETTLE_TIMEOUT)
    await meters.wait_until_quiet(topology.servers)
    return settled


async def warm_up(page_servers, cast, rooms, listeners):
    """One message per room and each page once on each page process, none of it counted."""
    tally = ws.Tally()
    tally.listen(listeners)
    for index, room in enumerate(rooms):
        await ws.send_message(room[-1], tally, f"w{index}", ws.ORDINARY[0])
    session = cast["rooms"][0]["members"][0][1]
    for server in page_servers:
        for n in range(len(cast["forum"]["boards"])):
            await asyncio.to_thread(read_pages, server, session, page_paths(cast["forum"], n), None, [])
    await ws.wait_for(lambda: tally.received() >= tally.expected(), ws.WARM_TIMEOUT)


async def talk(rooms, args, tally):
    count = int(args.duration / args.interval)

    async def one_room(index, members):
        async for n in ws.paced(count, args.interval, offset=index * args.interval / len(rooms)):
            await ws.send_message(members[n % len(members)], tally, f"r{index}-{n}", ws.ORDINARY[n % len(ws.ORDINARY)])

    await asyncio.gather(*(one_room(index, members) for index, members in enumerate(rooms)))


async def run(topology, cast, args):
    meter = meters.Meter(topology.servers, REDIS_URL, topology.env["DATABASE_URL"])
    socket_servers, page_servers = split(topology, args.layout)
    hosts, rooms = room_sockets(socket_servers, cast)
    everyone = [*hosts, *(sock for room in rooms for sock in room)]
    readers = [(page_servers[n % 2], cast["rooms"][n % len(cast["rooms"])]["members"][n // len(cast["rooms"])][1])
               for n in range(args.http_clients)]
    tally, pages = ws.Tally(), []
    try:
        settled = await admit(topology, cast, hosts, rooms)
        await warm_up(page_servers, cast, rooms, everyone)
        tally.listen(everyone)
        frames_before, start, marks = ws.frame_counts(everyone), meter.snapshot(), meters.log_marks(topology.servers)
        loop, until = asyncio.get_running_loop(), time.perf_counter() + args.duration
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(args.http_clients, 1)) as pool:
            reading = [loop.run_in_executor(pool, read_pages, server, session, page_paths(cast["forum"], n), until,
                                            pages) for n, (server, session) in enumerate(readers)]
            await asyncio.gather(talk(rooms, args, tally), *reading)
        await ws.wait_for(lambda: tally.received() >= tally.expected(), args.grace)
        tally.cutoff, usage = time.perf_counter(), meter.since(start)
        usage["frames"] = dict(ws.frame_counts(everyone) - frames_before)
        await ws.wait_for(lambda: tally.received() >= tally.expected(), args.late)
        usage["server_log"] = meters.log_signs(topology.servers, marks)
    finally:
        await ws.close_all(everyone)
    return {"messages": tally.summary(), "pages": page_summary(pages), "cpu": usage,
            "sockets": ws.socket_problems(everyone), "presence_settled": settled}


def report(args, result):
    rooms, pages, sockets = result["messages"], result["pages"], result["sockets"]
    sockets_total = args.rooms * args.per_room
    layout = (f"sockets on 2 Daphne processes, pages on 2 others at nice {args.page_nice}" if args.layout == "split"
              else "sockets and pages on the same 2 Daphne processes")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {args.rooms} rooms x "
          f"{args.per_room} members (+ a host each), half on each socket process; {layout}; a message per room every "
          f"{args.interval * 1000:.0f} ms; {args.http_clients} page readers; {args.duration:g} s; room flood limit "
          f"{result['flood_limit']} in {ws.FLOOD_SECONDS} s\n")
    lat, own, others = rooms["latency_ms"], rooms["own_copy_latency_ms"], rooms["others_latency_ms"]
    print(meters.markdown_table(["rooms", "value"], [
        ["websocket clients (hosts not counted)", sockets_total], ["messages sent", rooms["sent"]],
        ["refused, by the server or a closed socket", rooms["refused"]],
        [f"deliveries expected (sent x {args.per_room}, own copy included)", rooms["expected"]],
        ["received within the grace", rooms["received"]], ["late (after the grace)", rooms["late"]],
        ["lost (never arrived)", rooms["lost"]], ["duplicated", rooms["duplicated"]],
        ["delivered to another room / unknown", rooms["misrouted"] + rooms["strays"]],
        ["send to receipt p50 / p99 / max (ms)", f"{lat['p50']} / {lat['p99']} / {lat['max']}"],
        ["sender's own copy p50 / p99 (ms)", f"{own['p50']} / {own['p99']}"],
        ["everyone else's p50 / p99 (ms)", f"{others['p50']} / {others['p99']}"],
    ]))
    print()
    headers = ["pages", "requests", "per second", "non-200", "failed", "p50 (ms)", "p99 (ms)", "max (ms)", "KB"]
    print(meters.markdown_table(headers, [
        [kind, row["requests"], round(row["requests"] / args.duration, 1), row["non_200"], row["failed"],
         row["latency_ms"]["p50"], row["latency_ms"]["p99"], row["latency_ms"]["max"], row["kb"]]
        for kind, row in pages.items() if kind != "statuses"]))
    print()
    print(meters.markdown_table(["errors", "count"], [
        ["page answers other than 200", pages["all"]["non_200"]],
        ["page requests failed (refused, reset, timeout)", pages["all"]["failed"]],
        ["sockets refused at the handshake", sockets["refused"]], ["sockets never admitted", sockets["not_admitted"]],
        ["sockets closed unexpectedly", sockets["closed_unexpectedly"]],
        ["error frames from the server", sockets["error_frames"]],
    ]))
    print()
    phases = {"load": result["cpu"]}
    print(meters.markdown_table(["server log lines while loaded", "load"], meters.log_rows(phases)))
    print()
    requests = {"load": rooms["sent"] + pages["all"]["requests"]}
    rows = meters.cpu_rows(phases) + meters.database_rows(phases, requests, "room message or page request")
    print(meters.markdown_table(["while loaded", "load"], rows))
    print()
    options = {"layout": args.layout, "page_nice": args.page_nice if args.layout == "split" else None,
               "rooms": args.rooms, "per_room": args.per_room, "interval_s": args.interval,
               "http_clients": args.http_clients, "duration_s": args.duration, "threads": args.threads,
               "posts": args.posts, "set": args.set}
    print(json.dumps({"benchmark": "load", "options": options, **result}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--per-room", type=int, default=20, help="members per room (host not counted)")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between messages in each room")
    parser.add_argument("--http-clients", type=int, default=8, help="page readers, each with one keep-alive connection")
    parser.add_argument("--threads", type=int, default=20, help="threads for the readers (a board page holds 20)")
    parser.add_argument("--posts", type=int, default=20, help="posts per thread")
    parser.add_argument("--layout", choices=["split", "shared"], default="split",
                        help="split: sockets and pages on processes of their own (deploy/); shared: the same two")
    parser.add_argument("--page-nice", type=int, default=5, help="niceness of the page processes (split layout)")
    ws.add_delivery_options(parser)
    args = parser.parse_args()
    if args.per_room < 2 or args.rooms < 1 or args.http_clients > args.rooms * args.per_room:
        parser.error("need at least 1 room of 2 members, and no more readers than members")
    warm_up_message = 1
    needed = ws.flood_messages_needed(args.per_room, args.interval, ws.FLOOD_SECONDS) + warm_up_message
    flood_limit = max(ws.FLOOD_MESSAGES, needed)
    extra_env = {**({"ROOM_FLOOD_MESSAGES": str(flood_limit)} if flood_limit > ws.FLOOD_MESSAGES else {}),
                 **meters.parse_settings(parser, args.set)}
    with production_topology(DATABASE, processes=4 if args.layout == "split" else 2, extra_env=extra_env) as topology:
        if args.layout == "split":
            for server in split(topology, args.layout)[1]:
                os.setpriority(os.PRIO_PROCESS, server.process.pid, args.page_nice)
        cast = topology.shell("import json; from bench.load import make_cast; "
                              f"print(json.dumps(make_cast({args.rooms}, {args.per_room}, {args.threads}, "
                              f"{args.posts})))")
        cast["forum"] = cast.pop("threads")
        result = asyncio.run(run(topology, cast, args))
    result["flood_limit"] = flood_limit
    report(args, result)


if __name__ == "__main__":
    main()
