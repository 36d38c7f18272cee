"""The moderation queue page with one author's long history (issue 13, item 3).

Run from the repository root, PostgreSQL on 127.0.0.1 (user postgres):

    .venv/bin/python bench/review_queue.py                 # 10,000 open flags; one author with 1,000 flags and 1,000 penalties
    .venv/bin/python bench/review_queue.py --requests 50 --old

It makes the database `lantern_bench_queue` if it is missing, migrates it and,
when it holds no flags, seeds it (never point it at a real database: it adds
members, posts, flags and penalties without screening):
- 2,000 ordinary authors with 9,500 held posts, each with an open flag: 10
  in the crisis lane, 10 contact, the rest held newcomer posts and watched
  words;
- one author (the troll) with 1,000 flags, 500 of them open in the
  "reported" lane (so they fill the top of the queue after the crisis
  lanes) and 500 resolved, and 1,000 penalties.

Then, in this process, signed in as a moderator through Django's test client
(middleware, session, view and template, no network): `--requests` GETs of
/moderation/ after two warm-up requests; it prints p50, p90, p99 and max, and
the SQL the page makes with each query's time. `--old` also times the
query the page used before (both counts joined to the flags), with a
`--old-timeout` (default 30 s) statement timeout, since at this size it does
not finish.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATABASE = "lantern_bench_queue"
TARGET_P50_MS = 50


def make_database():
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)


def setup_django():
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _lane(n):
    """10 crisis items, 10 contact items, then held newcomer posts and watched words."""
    from moderation.models import Lane

    if n < 20:
        return Lane.CRISIS_CONCERN if n < 10 else Lane.DANGER_CONTACT
    return Lane.HELD_NEWCOMER if n % 2 else Lane.WATCHED


def seed(authors=2_000, open_flags=9_500, troll_open=500, troll_resolved=500, troll_penalties=1_000):
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from forum.models import Board, Post, PostState, Space, Thread
    from moderation.models import Flag, FlagStatus, Lane, Penalty, PenaltyKind
    from peers.models import Member, Role

    started = time.perf_counter()
    hashed = make_password("bench passphrase for the queue")
    with transaction.atomic():
        space, _ = Space.objects.get_or_create(slug="bench-queue", defaults={"name": "Bench queue"})
        board, _ = Board.objects.get_or_create(space=space, slug="held", defaults={"name": "Held"})
        people = Member.objects.bulk_create(
            [Member(pseudonym=f"author_{n:04d}", password=hashed) for n in range(authors)]
            + [Member(pseudonym="troll_0001", password=hashed)]
        )
        *ordinary, troll = people
        Member.objects.create_user("bench_moderator", "bench passphrase for the queue", role=Role.MODERATOR)
        thread = Thread.objects.create(board=board, author=ordinary[0], title="Held posts")
        writers = [ordinary[n % authors] for n in range(open_flags)] + [troll] * (troll_open + troll_resolved)
        posts = Post.objects.bulk_create(
            [Post(thread=thread, author=who, body=f"post {n} by {who.pseudonym}, message me on whatsapp",
                  body_html="<p>held</p>", state=PostState.HELD) for n, who in enumerate(writers)]
        )
        flags = [Flag(post=post, author=post.author, lane=_lane(n),
                      reasons=["contact"], text=post.body, spans=[[len(post.body) - 8, len(post.body), "contact", "app"]])
                 for n, post in enumerate(posts[:open_flags])]
        troll_posts = posts[open_flags:]
        flags += [Flag(post=post, author=troll, lane=Lane.REPORTED, reasons=["harassment"], text=post.body, report_weight=3)
                  for post in troll_posts[:troll_open]]
        flags += [Flag(post=post, author=troll, lane=Lane.REPORTED, reasons=["harassment"], text=post.body,
                       status=FlagStatus.RESOLVED, resolution="remove") for post in troll_posts[troll_open:]]
        Flag.objects.bulk_create(flags, batch_size=2_000)
        Penalty.objects.bulk_create([Penalty(member=troll, kind=PenaltyKind.WARNING, reason=f"warning {n}")
                                     for n in range(troll_penalties)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - started:.1f} s: {len(flags):,} flags "
          f"({Flag.objects.filter(status='open').count():,} open), {Penalty.objects.count():,} penalties")


def measure(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from peers.models import Member

    client = Client()
    client.force_login(Member.objects.get(pseudonym="bench_moderator"))
    for _ in range(2):
        page = client.get("/moderation/")
        assert page.status_code == 200, page.status_code
    text = " ".join(page.content.decode().split())
    assert "troll_0001</a>, newcomer, 500 earlier items, 1000 penalties" in text, "the troll's counts are not on the page"
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get("/moderation/")
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get("/moderation/")
    cut = statistics.quantiles(times, n=100, method="inclusive")
    print(f"/moderation/ x {requests}: p50 {cut[49]:.1f} ms, p90 {cut[89]:.1f} ms, p99 {cut[98]:.1f} ms, "
          f"max {max(times):.1f} ms (target p50 <= {TARGET_P50_MS} ms: {'met' if cut[49] <= TARGET_P50_MS else 'NOT met'})")
    print(f"{len(queries)} queries, {sum(float(q['time']) for q in queries) * 1000:.1f} ms in the database:")
    for query in queries:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:110]}")


def time_old_query(timeout_s):
    from django.db import connection, transaction
    from django.db.models import Count, Q
    from django.db.utils import OperationalError

    from moderation import queue
    from moderation.models import FlagStatus

    rows = (
        queue.open_flags().select_related("post__thread__board__space", "author", "claimed_by")
        .annotate(
            author_flags=Count("author__flags_against", filter=Q(author__flags_against__status=FlagStatus.RESOLVED), distinct=True),
            author_penalties=Count("author__penalties", distinct=True),
        )[:200]
    )
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(timeout_s * 1000)}")
            list(rows)
    except OperationalError:
        print(f"the old query (counts joined to the flags): cancelled after {timeout_s:.0f} s")
    else:
        print(f"the old query (counts joined to the flags): {(time.perf_counter() - started) * 1000:.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--old", action="store_true", help="also time the query the page used before")
    parser.add_argument("--old-timeout", type=float, default=30)
    args = parser.parse_args()
    make_database()
    setup_django()
    from moderation.models import Flag

    if not Flag.objects.exists():
        seed()
    measure(args.requests)
    if args.old:
        time_old_query(args.old_timeout)


if __name__ == "__main__":
    main()
