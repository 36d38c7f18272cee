"""How fast a change of access closes the sockets it should, on two Daphne processes with Redis (issue 13).

Run from the repository root (PostgreSQL and Redis on 127.0.0.1):

    .venv/bin/python bench/access_close.py                  # 20 members, 5 moderators, 5 crisis staff
    .venv/bin/python bench/access_close.py --members 40

On the production topology (bench/topology.py: two Daphne processes, Redis,
a fresh PostgreSQL database `lantern_bench_queue`, dropped at the end) it
1. makes a mentor's open room holding `--members` members, moderators,
   crisis staff and an admin, all signed in;
2. opens, for each member, a personal socket (/ws/me/) on one process and
   a room socket on the other; for each moderator /ws/moderation/ and for
   each crisis worker /ws/crisis/, alternating processes;
3. in `manage.py shell` (a third process, as an admin's or moderator's
   request would be), one at a time 0.2 s apart: bans each member and takes
   the role from each moderator and crisis worker, stamping `time.time()`
   in the first on-commit callback (after COMMIT, before the events leave);
4. stamps each socket's close with the same clock, and prints, per socket
   kind, how many closed, with which code, and the commit-to-close time
   (p50, p90, max); the promise is every one within 1 s. Meanwhile it
   keeps one bystander of each kind open and checks it was not closed.
"""
import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from bench.topology import production_topology  # noqa: E402

DATABASE = "lantern_bench_queue"  # the one bench database this branch may make (issue 13's brief)
PROMISE_SECONDS = 1.0


def make_cast(members, staff):
    """Runs in `manage.py shell`: everyone signed in, the members in an open room."""
    from bench.cast import make_members, make_room

    host = make_members("AccessHost", 1, role="mentor", trust=2)[0]
    people = make_members("AccessMember", members + 1)
    room = make_room(host[0], "Access check", members + 10, [pk for pk, _ in people])
    return {
        "room": room, "members": people, "admin": make_members("AccessAdmin", 1, role="admin", trust=2)[0],
        "moderators": make_members("AccessMod", staff + 1, role="moderator", trust=2),
        "crisis": make_members("AccessCrisis", staff + 1, role="crisis_staff", trust=2),
    }


def change_access(admin_id, member_ids, staff_ids, gap):
    """Runs in `manage.py shell`: ban each member, demote each staff member; {id: commit time}."""
    from django.db import transaction

    from moderation.penalties import check_issue_penalty
    from peers import actions
    from peers.models import Member, Role

    admin, committed = Member.objects.get(pk=admin_id), {}

    def changed(pk, change):
        # Stamped by the first on-commit callback: after COMMIT, before the events go to Redis.
        with transaction.atomic():
            transaction.on_commit(lambda: committed.__setitem__(pk, time.time()))
            change(Member.objects.get(pk=pk))
        time.sleep(gap)

    for pk in member_ids:
        changed(pk, lambda member: check_issue_penalty(admin, member, "ban", "bench: access change"))
    for pk in staff_ids:
        changed(pk, lambda member: actions.do_set_role(member, Role.MEMBER))
    return committed


class Watched:
    def __init__(self, kind, member_id, server, path, session):
        self.kind, self.member_id, self.server, self.path, self.session = kind, member_id, server, path, session
        self.closed_at, self.code, self.ready = None, None, asyncio.Event()

    async def run(self):
        async with connect(self.server.ws_url(self.path), origin=self.server.url, proxy=None,
                           additional_headers={"Cookie": f"sid={self.session}"}, open_timeout=10) as connection:
            if self.kind != "room":
                self.ready.set()
            try:
                async for text in connection:
                    if json.loads(text).get("type") == "state":
                        self.ready.set()
            except ConnectionClosed:
                pass
            self.closed_at, self.code = time.time(), connection.close_code


async def run(topology, cast, gap):
    a, b = topology.servers
    room_path = f"/ws/rooms/{cast['room']}/"
    watched = []
    for n, (pk, session) in enumerate(cast["members"]):
        watched += [Watched("personal", pk, (a, b)[n % 2], "/ws/me/", session),
                    Watched("room", pk, (b, a)[n % 2], room_path, session)]
    for kind, path, people in (("moderation", "/ws/moderation/", cast["moderators"]), ("crisis", "/ws/crisis/", cast["crisis"])):
        watched += [Watched(kind, pk, (a, b)[n % 2], path, session) for n, (pk, session) in enumerate(people)]
    tasks = [asyncio.create_task(sock.run()) for sock in watched]
    await asyncio.wait_for(asyncio.gather(*(sock.ready.wait() for sock in watched)), 60)
    bystanders = {cast["members"][-1][0], cast["moderators"][-1][0], cast["crisis"][-1][0]}
    members = [pk for pk, _ in cast["members"][:-1]]
    staff = [pk for pk, _ in cast["moderators"][:-1] + cast["crisis"][:-1]]
    committed = await asyncio.to_thread(
        topology.shell, "import json; from bench.access_close import change_access; "
                        f"print(json.dumps(change_access({cast['admin'][0]}, {members}, {staff}, {gap})))")
    await asyncio.sleep(3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return watched, {int(pk): at for pk, at in committed.items()}, bystanders


def report(watched, committed, bystanders):
    print("| socket | changed | closed | codes | commit to close p50 / p90 / max (ms) | within 1 s |")
    print("| --- | ---: | ---: | --- | --- | --- |")
    for kind in ("personal", "room", "moderation", "crisis"):
        changed = [s for s in watched if s.kind == kind and s.member_id in committed]
        closed = [s for s in changed if s.closed_at is not None]
        delays = sorted((s.closed_at - committed[s.member_id]) * 1000 for s in closed)
        codes = sorted({s.code for s in closed})
        cut = statistics.quantiles(delays, n=10, method="inclusive") if len(delays) > 1 else delays * 9
        within = sum(d <= PROMISE_SECONDS * 1000 for d in delays)
        print(f"| {kind} | {len(changed)} | {len(closed)} | {codes} | "
              f"{statistics.median(delays):.0f} / {cut[8]:.0f} / {max(delays):.0f} | {within} / {len(changed)} |")
    kept = [s for s in watched if s.member_id in bystanders]
    print(f"bystanders (no change): {len(kept)} sockets, {sum(s.closed_at is not None for s in kept)} closed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between two changes")
    args = parser.parse_args()
    with production_topology(DATABASE, drop_database=True) as topology:
        cast = topology.shell("import json; from bench.access_close import make_cast; "
                              f"print(json.dumps(make_cast({args.members}, {args.staff})))")
        report(*asyncio.run(run(topology, cast, args.gap)))


if __name__ == "__main__":
    main()
