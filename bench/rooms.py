"""Room fan-out and crisis alert on the production topology, against a bare relay.

Run from the repository root (PostgreSQL and Redis running; the database
lantern_bench_rooms is dropped and made afresh):

    .venv/bin/python bench/rooms.py                      # 100 members, a message every 100 ms, 30 s
    .venv/bin/python bench/rooms.py --duration 5 --members 20    # a smoke run

Two Daphne processes (bench/topology.py) serve one room hosted by a
mentor, with `--members` members who agreed to its rules, half on each
process, plus the host's socket on process A. Every `--interval` seconds
one member sends an ordinary message; senders go round the members in
turn, so each writes once every members x interval seconds (10 s by
default), under the flood limit of 5 in 10 s, which stays as it is unless
small options would trip it (the output says so when it was raised).
Each body carries a unique tag. The client stamps each send and each
receipt with time.perf_counter(); every socket lives in this one process,
so the clock is shared. Every member counts as a recipient, the sender
included: the room sends each message to all, and the author's copy is
how a client learns its message was stored. The host's copies are not
counted. A delivery that has not arrived `--grace` seconds after the last
send is late if it comes within `--late` seconds more, else lost; the
measurement (CPU included) ends with the grace.

At the same time, every `--crisis-every` seconds a member on process A
writes a crisis message (screened imminent: held from the room, escalated)
while a crisis staff member watches /ws/crisis/ on process B. The
crisis.escalation frame names only the escalation, so each is matched to
its message through the database afterwards (Escalation.excerpt holds the
text and its tag). Crisis messages are not part of the fan-out counts.

Then the baseline: the same sockets on /bench/ws/broadcast/<group>/ (a
consumer that only relays through the same Redis), same split, rate and
duration, no crisis messages.

Each phase starts once every socket is in and the servers are idle, with
one uncounted message from a member on each process (and, for Lantern,
one crisis message) so first-use costs fall outside the measurement.
While it sends and drains, CPU is read for each Daphne process and this
client (/proc/<pid>/stat), Redis (INFO cpu) and the whole PostgreSQL
server (/proc), with the machine's busy share (/proc/stat) and this
database's own counters (pg_stat_database: connections opened,
transactions, statement time). Redis and PostgreSQL serve whoever else
uses them too; the database counters do not.

Printed: a Markdown table per measurement (fan-out, crisis alert, CPU per
process per phase with this database's counters) and one JSON line with
everything. `--set NAME=VALUE` passes a setting to both servers for an
experiment (e.g. ROOM_PRESENCE_HEARTBEAT_SECONDS=3600); the output records it.
"""
import argparse
import asyncio
import json
import math
import os
import platform
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import meters  # noqa: E402
from bench import wsclient as ws  # noqa: E402
from bench.cast import check_texts, make_members, make_room  # noqa: E402
from bench.topology import REDIS_URL, production_topology  # noqa: E402

DATABASE = "lantern_bench_rooms"


def make_cast(members):
    """Runs in `manage.py shell`: a mentor's room holding `members` members, crisis staff; all signed in."""
    check_texts()
    host = make_members("BenchHost", 1, role="mentor", trust=2)[0]
    crisis = make_members("BenchCrisis", 1, role="crisis_staff", trust=2)[0]
    people = make_members("BenchMember", members)
    room = make_room(host[0], "Evening check-in", members + 10, [pk for pk, _ in people])
    return {"room": room, "host": host, "crisis": crisis, "members": people}


def flood_limit_needed(args):
    """The most messages one member sends in any flood window here: ordinary turns, crisis turns, warm-up."""
    ordinary = ws.flood_messages_needed(args.members, args.interval, ws.FLOOD_SECONDS)
    crisis_senders = math.ceil(args.members / 2)
    crisis = ws.flood_messages_needed(crisis_senders, args.crisis_every, ws.FLOOD_SECONDS) if args.crisis_every else 0
    return ordinary + crisis + 1


async def warm_up(senders, sockets, dashboard):
    """One ordinary and one crisis message from a member on each process, not counted: first uses out of the way."""
    tally = ws.Tally()
    tally.listen(sockets)
    for n, sock in enumerate(senders):
        await ws.send_message(sock, tally, f"w{n}", ws.ORDINARY[0])
        if dashboard is not None:
            await ws.send_message(sock, tally, f"wc{n}", ws.CRISIS[0], held=True)

    def crisis_seen():
        return len(dashboard.escalations) >= len(senders) and ws.frame_counts(sockets)["alert"] >= len(senders)

    await ws.wait_for(lambda: tally.received() >= tally.expected() and (dashboard is None or crisis_seen()),
                      ws.WARM_TIMEOUT)
    if dashboard is not None:
        dashboard.escalations.clear()


async def talk(members, args, tally, crisis=None):
    """Ordinary messages every `interval` s, rotating senders; with `crisis`, crisis messages too."""
    count = int(args.duration / args.interval)

    async def ordinary():
        async for n in ws.paced(count, args.interval):
            await ws.send_message(members[n % len(members)], tally, f"m{n}", ws.ORDINARY[n % len(ws.ORDINARY)])

    async def alarming():
        senders = [sock for sock in members if sock.server is crisis["server"]][::-1]
        async for n in ws.paced(int(args.duration / args.crisis_every), args.crisis_every, args.crisis_every / 2):
            sock, tag = senders[n % len(senders)], f"c{n}"
            crisis["tally"].send(tag, time.perf_counter())
            await ws.send_message(sock, tally, tag, ws.CRISIS[n % len(ws.CRISIS)], held=True)

    await asyncio.gather(ordinary(), *([alarming()] if crisis and args.crisis_every else []))


async def measure(topology, meter, listeners, members, args, dashboard=None):
    """Warm up, send for `duration` s, wait `grace` s (then up to `late` s more); tallies, CPU up to the grace."""
    tally, crisis = ws.Tally(), {"tally": ws.CrisisTally(), "server": topology.servers[0]}
    await warm_up(members[-2:], listeners, dashboard)
    tally.listen(listeners)
    frames_before, start, marks = ws.frame_counts(listeners), meter.snapshot(), meters.log_marks(topology.servers)
    await talk(members, args, tally, crisis if dashboard else None)

    def complete():
        return tally.received() >= tally.expected() and (
            dashboard is None or len(dashboard.escalations) >= len(crisis["tally"].sent))

    await ws.wait_for(complete, args.grace)
    tally.cutoff, usage = time.perf_counter(), meter.since(start)
    usage["frames"] = dict(ws.frame_counts(listeners) - frames_before)
    await ws.wait_for(complete, args.late)
    usage["server_log"] = meters.log_signs(topology.servers, marks)
    return tally, crisis["tally"], usage


def room_sockets(topology, cast, path, lantern_room):
    a, b = topology.servers
    host = ws.Socket("host", a, path, cast["host"][1], measured=False, expects_state=lantern_room)
    members = [ws.Socket(f"member{n}", (a, b)[n % 2], path, session, expects_state=lantern_room)
               for n, (_, session) in enumerate(cast["members"])]
    return host, members


async def lantern_phase(topology, meter, cast, args):
    a, b = topology.servers
    host, members = room_sockets(topology, cast, f"/ws/rooms/{cast['room']}/", True)
    dashboard = ws.Socket("crisis staff", b, "/ws/crisis/", cast["crisis"][1], room=None, measured=False,
                          expects_state=False)
    everyone = [host, *members, dashboard]
    try:
        await ws.open_all([host])
        await ws.wait_admitted([host], ws.ADMIT_TIMEOUT)
        began = time.perf_counter()
        await ws.open_all(members)
        await ws.wait_admitted(members, ws.ADMIT_TIMEOUT)
        admitted_s = time.perf_counter() - began
        await ws.open_all([dashboard])
        expected_ids = {cast["host"][0], *(pk for pk, _ in cast["members"])}
        settled = await ws.wait_for(lambda: all(sock.presence_ids == expected_ids for sock in [host, *members]),
                                    ws.SETTLE_TIMEOUT)
        presence_frames = ws.frame_counts([host, *members])["presence"]
        await meters.wait_until_quiet(topology.servers)
        tally, crisis, cpu = await measure(topology, meter, [host, *members], members, args, dashboard)
        tags = await asyncio.to_thread(topology.shell, "import json; from bench.cast import escalation_tags; "
                                       f"print(json.dumps(escalation_tags([{cast['room']}])))")
        crisis_summary = crisis.summary(dashboard, {int(pk): tag for pk, tag in tags.items()})
    finally:
        await ws.close_all(everyone)
    await meters.wait_until_quiet(topology.servers)
    return {
        "fanout": tally.summary(), "crisis": crisis_summary, "cpu": cpu, "sockets": ws.socket_problems(everyone),
        "admission_s": round(admitted_s, 2), "presence_settled": settled,
        "presence_frames_on_admission": presence_frames,
    }


async def baseline_phase(topology, meter, cast, args):
    host, members = room_sockets(topology, cast, f"/bench/ws/broadcast/rooms{secrets.token_hex(4)}/", False)
    everyone = [host, *members]
    try:
        await ws.open_all(everyone)
        await meters.wait_until_quiet(topology.servers)
        tally, _, cpu = await measure(topology, meter, everyone, members, args)
    finally:
        await ws.close_all(everyone)
    return {"fanout": tally.summary(), "cpu": cpu, "sockets": ws.socket_problems(everyone)}


def ratio(top, bottom):
    return round(top / bottom, 2) if top and bottom else None


def fanout_rows(lantern, baseline, members):
    rows = []
    for label, key in (("messages sent", "sent"), ("refused, by the server or a closed socket", "refused"),
                       (f"deliveries expected (sent x {members}, own copy included)", "expected"),
                       ("received within the grace", "received"), ("late (after the grace)", "late"),
                       ("lost (never arrived)", "lost"), ("duplicated", "duplicated"),
                       ("unknown messages received", "strays"),
                       ("crisis messages shown in the room", "crisis_leaked_to_room")):
        rows.append([label, lantern[key], baseline[key], None])
    for name in ("p50", "p90", "p99", "max"):
        mine, bare = lantern["latency_ms"][name], baseline["latency_ms"][name]
        rows.append([f"send to receipt {name} (ms)", mine, bare, ratio(mine, bare)])
    for label, key in (("sender's own copy p50 / p99 (ms)", "own_copy_latency_ms"),
                       ("everyone else's p50 / p99 (ms)", "others_latency_ms")):
        rows.append([label, *(f"{phase[key]['p50']} / {phase[key]['p99']}" for phase in (lantern, baseline)), None])
    return rows


def report(args, flood_limit, lantern, baseline):
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{args.members} members + host, half on each of 2 Daphne processes; one message every "
          f"{args.interval * 1000:.0f} ms for {args.duration:g} s; room flood limit {flood_limit} in "
          f"{ws.FLOOD_SECONDS} s\n")
    print(meters.markdown_table(["fan-out", "Lantern room", "bare relay", "Lantern / relay"],
                                fanout_rows(lantern["fanout"], baseline["fanout"], args.members)))
    crisis, frames = lantern["crisis"], lantern["cpu"]["frames"]
    print()
    print(meters.markdown_table(
        ["crisis alert (A to dashboard on B)", "sent", "arrived", "lost", "duplicated", "p50 (ms)", "p99 (ms)",
         "max (ms)", "help to author", "alert to host"],
        [["crisis.escalation", crisis["sent"], crisis["arrived"], crisis["lost"], crisis["duplicated"],
          crisis["latency_ms"]["p50"], crisis["latency_ms"]["p99"], crisis["latency_ms"]["max"],
          frames.get("help", 0), frames.get("alert", 0)]]))
    print()
    phases = {"Lantern": lantern["cpu"], "relay": baseline["cpu"]}
    print(meters.markdown_table(["server log lines while sending", "Lantern room", "bare relay"],
                                meters.log_rows(phases)))
    print()
    print(meters.markdown_table(["while sending", "Lantern room", "bare relay"],
                                meters.cpu_rows(phases) + meters.database_rows(phases, {
                                    "Lantern": lantern["fanout"]["sent"] + lantern["crisis"]["sent"],
                                    "relay": baseline["fanout"]["sent"]})))
    print(f"\n{args.members} members admitted in {lantern['admission_s']} s "
          f"({lantern['presence_frames_on_admission']:,} presence frames); presence settled: "
          f"{lantern['presence_settled']}; sockets: Lantern {lantern['sockets']}, relay {baseline['sockets']}\n")
    print(json.dumps({
        "benchmark": "rooms", "members": args.members, "interval_s": args.interval, "duration_s": args.duration,
        "crisis_every_s": args.crisis_every, "flood_limit": flood_limit, "set": args.set,
        "lantern": lantern, "baseline": baseline,
        "ratio": {"p50": ratio(lantern["fanout"]["latency_ms"]["p50"], baseline["fanout"]["latency_ms"]["p50"]),
                  "p99": ratio(lantern["fanout"]["latency_ms"]["p99"], baseline["fanout"]["latency_ms"]["p99"])},
    }))


async def run(topology, cast, args):
    meter = meters.Meter(topology.servers, REDIS_URL, topology.env["DATABASE_URL"])
    lantern = await lantern_phase(topology, meter, cast, args)
    baseline = await baseline_phase(topology, meter, cast, args)
    return lantern, baseline


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30, help="seconds of sending per phase")
    parser.add_argument("--members", type=int, default=100, help="members in the room (host not counted)")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between room messages")
    parser.add_argument("--crisis-every", type=float, default=2.0, help="seconds between crisis messages; 0 for none")
    ws.add_delivery_options(parser)
    args = parser.parse_args()
    if args.members < 4:
        parser.error("--members must be at least 4")
    flood_limit = max(ws.FLOOD_MESSAGES, flood_limit_needed(args))
    extra_env = {**({"ROOM_FLOOD_MESSAGES": str(flood_limit)} if flood_limit > ws.FLOOD_MESSAGES else {}),
                 **meters.parse_settings(parser, args.set)}
    with production_topology(DATABASE, extra_env=extra_env) as topology:
        cast = topology.shell("import json; from bench.rooms import make_cast; "
                              f"print(json.dumps(make_cast({args.members})))")
        lantern, baseline = asyncio.run(run(topology, cast, args))
    report(args, flood_limit, lantern, baseline)


if __name__ == "__main__":
    main()
