"""Seed a benchmark database with a large, realistic forum, fast; used by bench/pages.py.

Run inside `manage.py shell -c` on a freshly migrated database (never on a
real one: it adds members and posts without screening):

    from bench.seed_posts import seed; seed(posts=100_000)

It prints one JSON line: the timings, what it made, the page URLs a
benchmark should fetch (by kind) and signed-in sessions for `clients`
ordinary members.

What the app would have made, made in bulk:
- members with one shared password hash (hashing 300 times would take
  longer than the rest), pseudonyms valid for `validate_pseudonym`;
- threads with a skew (a few of 5,000+ posts at 100,000 posts, many short),
  posts inserted in the order of their timestamps, so a long thread's posts
  are spread over the table as they would be after years of use; one long
  thread is a burst (two weeks, half-way through the history), the others
  run for years;
- bodies built from paragraphs rendered by `forum.rendering.render_markdown`;
  a post's HTML is its paragraphs' HTML joined, which is what rendering the
  whole body gives (checked on a sample, the run fails otherwise);
- the denormalised fields the actions keep: `Thread.reply_count`,
  `last_post_id`, `last_activity_at` (as `refresh_thread` computes them),
  reaction counters matching the Reaction rows, a followed ThreadReadState
  for each member in each thread they posted in, opt-in memberships for
  authors in the opt-in space, thread state following its opening post;
- the body search index (migration 0002) dropped during the load and built
  again from its own definition, then VACUUM ANALYZE.
"""
import bisect
import json
import math
import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from bench.screening import ORDINARY
from forum.models import (
    REACTION_COUNTERS,
    Audience,
    Board,
    Post,
    PostState,
    Reaction,
    ReactionKind,
    SpaceMembership,
    Thread,
)
from forum.pagination import paginate_threads
from forum.rendering import render_markdown
from peers.models import Member, Role, TrustLevel
from tests.live_servers import session_for

SPAN_DAYS = 730
BATCH = 5_000
LONG_SHARE = 0.06  # each long thread holds 6% of all posts: 6,000 of 100,000
LONG_THREADS = 4
MEDIUM_THREADS, MEDIUM_SHARE = 20, 0.005
REACTION_COUNT_CHOICES = {ReactionKind.HEAR: (0, 1, 1, 2, 3, 5), ReactionKind.STRENGTH: (0, 0, 0, 1, 2),
                          ReactionKind.ME_TOO: (0, 0, 0, 1, 3)}
ADJECTIVES = ["Quiet", "Brave", "Gentle", "Steady", "Bright", "Calm", "Kind", "Hopeful", "Patient", "Warm",
              "Silver", "Morning", "Evening", "Open", "Clear"]
NOUNS = ["River", "Harbor", "Meadow", "Lantern", "Willow", "Sparrow", "Cedar", "Beacon", "Stone", "Field",
         "Anchor", "Garden", "Bridge", "Heron", "Path"]
TITLES = ["A hard week, but I'm still here", "Question about {}", "Small win: {}", "Does anyone else feel this way?",
          "Checking in", "How do you handle {}?", "Update on my situation", "Thank you all", "Tips for {}",
          "First time posting", "Something I learned about {}", "Good news for once"]
TOPICS = ["sleep", "court dates", "housing forms", "job interviews", "trusting people", "family visits",
          "budgeting", "therapy", "the holidays", "new routines", "bus passes", "night shifts"]


def _paragraph_sources(rng, count):
    """Markdown blocks of 60-500 characters: plain, emphasis, links, lists, quotes."""
    blocks = []
    for index in range(count):
        sentences = rng.sample(ORDINARY, rng.randint(1, 5))
        shape = index % 10
        if shape == 0:
            blocks.append("\n".join(f"- {s.rstrip('.?!')}" for s in sentences[:4]) if len(sentences) > 1 else sentences[0])
        elif shape == 1:
            blocks.append("> " + " ".join(sentences))
        elif shape == 2:
            sentences[0] = f"*{sentences[0]}*"
            blocks.append(" ".join(sentences))
        elif shape == 3:
            blocks.append(" ".join(sentences) + f" There is more at https://example.org/help/{index} if it helps.")
        elif shape == 4:
            blocks.append(f"**{sentences[0]}** " + " ".join(sentences[1:]))
        else:
            blocks.append(" ".join(sentences))
    return blocks


class BodyMaker:
    """Post bodies of 100-1,500 characters (log-uniform), with HTML from render_markdown."""

    def __init__(self, rng, pool_size=800):
        self.rng = rng
        sources = sorted(_paragraph_sources(rng, pool_size), key=len)
        self.sources = sources
        self.html = [render_markdown(source) for source in sources]
        self.lengths = [len(source) for source in sources]

    def make(self):
        target = math.exp(self.rng.uniform(math.log(100), math.log(1500)))
        parts, length, last_was_list = [], 0, False
        while length < target:
            fits = bisect.bisect_right(self.lengths, max(target - length, self.lengths[0]))
            index = self.rng.randrange(max(fits, 1))
            is_list = self.sources[index].startswith("- ")
            if is_list and last_was_list:
                continue  # two lists in a row would merge into one: a different rendering
            parts.append(index)
            length += self.lengths[index] + 2
            last_was_list = is_list
        return "\n\n".join(self.sources[i] for i in parts), "\n".join(self.html[i] for i in parts)


def _make_members(rng, count):
    password = make_password("bench members all share one passphrase")
    joined = timezone.now() - timedelta(days=SPAN_DAYS + 30)
    names = [f"{a}{n}{i}" for i, (a, n) in enumerate((a, n) for a in ADJECTIVES for n in NOUNS)][:count]
    while len(names) < count:
        names.append(f"Bench-Member-{len(names)}")
    members = []
    for index, name in enumerate(names):
        role = Role.MENTOR if index % 25 == 24 else Role.MEMBER
        trust = TrustLevel.TRUSTED if role == Role.MENTOR else (TrustLevel.NEWCOMER if index % 10 == 9 else TrustLevel.MEMBER)
        members.append(Member(pseudonym=name[:24], password=password, role=role, trust_level=trust,
                              date_joined=joined + timedelta(days=rng.uniform(0, 60))))
    return Member.objects.bulk_create(members)


def _thread_sizes(rng, posts, threads):
    long_size, medium_size = int(posts * LONG_SHARE), max(2, int(posts * MEDIUM_SHARE))
    rest_posts = posts - LONG_THREADS * long_size - MEDIUM_THREADS * medium_size
    rest = threads - LONG_THREADS - MEDIUM_THREADS
    weights = [rng.lognormvariate(0, 1.3) for _ in range(rest)]
    scale = (rest_posts - rest) / sum(weights)
    sizes = [1 + int(w * scale) for w in weights]
    for index in range(rest_posts - sum(sizes)):
        sizes[index % rest] += 1
    return [long_size] * LONG_THREADS + [medium_size] * MEDIUM_THREADS + sizes


def _plan_threads(rng, posts, thread_count, boards, authors):
    """Threads (unsaved, ordered by creation) and each one's post times."""
    now = timezone.now() - timedelta(hours=1)
    start = now - timedelta(days=SPAN_DAYS)
    open_boards = [b for b in boards if b.space.audience == Audience.OPEN]
    weights = [8 if b.space.audience == Audience.OPEN else 3 for b in boards]
    plans = []
    for rank, size in enumerate(_thread_sizes(rng, posts, thread_count)):
        board = open_boards[rank % len(open_boards)] if rank < LONG_THREADS else rng.choices(boards, weights)[0]
        if rank == 0:  # a burst: thousands of posts in two weeks, half-way through the history
            begin = start + timedelta(days=SPAN_DAYS * 0.5)
            end = begin + timedelta(days=14)
        elif rank < LONG_THREADS + MEDIUM_THREADS:  # years of steady replies
            begin = start + timedelta(days=rng.uniform(0, SPAN_DAYS * 0.2))
            end = now
        else:
            begin = start + timedelta(days=rng.uniform(0, SPAN_DAYS))
            end = min(now, begin + timedelta(days=rng.expovariate(1 / 20)))
        seconds = (end - begin).total_seconds()
        times = [begin] + sorted(begin + timedelta(seconds=rng.uniform(0, seconds)) for _ in range(size - 1))
        plans.append((board, times))
    plans.sort(key=lambda plan: plan[1][0])
    threads, pinned = [], set()
    for board, times in plans:
        held = len(times) == 1 and rng.random() < 0.05  # held for review: nobody else could have replied
        threads.append(Thread(board=board, author=rng.choice(authors[board.space.audience]),
                              title=rng.choice(TITLES).format(rng.choice(TOPICS)),
                              state=PostState.HELD if held else PostState.VISIBLE, created_at=times[0],
                              last_activity_at=times[0], is_pinned=board.pk not in pinned,  # each board's oldest
                              is_locked=rng.random() < 0.01))
        pinned.add(board.pk)
    return threads, [times for _, times in plans]


def _post(rng, bodies, thread, author, created_at, is_opening):
    body, html = bodies.make()
    state, roll = PostState.VISIBLE, rng.random()
    if is_opening:
        state = thread.state
    elif roll < 0.003:
        state = PostState.HELD
    elif roll < 0.005:
        state = PostState.HIDDEN
    elif roll < 0.006:
        state = PostState.REMOVED
    post = Post(thread=thread, author=author, is_opening=is_opening, body=body, body_html=html, state=state,
                held_reason="Waiting for a moderator to look." if state == PostState.HELD else "",
                content_warning="self-harm" if rng.random() < 0.02 else "", created_at=created_at)
    if rng.random() < 0.03:
        post.edited_at = created_at + timedelta(minutes=rng.uniform(1, 600))
    if not is_opening and rng.random() < 0.01:
        post.deleted_at = created_at + timedelta(hours=rng.uniform(1, 48))
    return post


def _reactions(rng, post, members):
    """Reaction rows for a post (a third of visible posts get some), its counters set to match."""
    if post.state != PostState.VISIBLE or post.deleted_at or rng.random() > 0.3:
        return []
    rows = []
    for kind, counter in REACTION_COUNTERS.items():
        count = rng.choice(REACTION_COUNT_CHOICES[kind])
        givers = [m for m in rng.sample(members, count + 1) if m.pk != post.author_id][:count]
        setattr(post, counter, len(givers))
        rows += [Reaction(post=post, member=m, kind=kind, created_at=post.created_at) for m in givers]
    return rows


def _insert_posts(rng, threads, times, authors, members, bodies):
    events = sorted((moment, index) for index, moments in enumerate(times) for moment in moments)
    seen, batch, inserted, reactions = set(), [], 0, 0
    for moment, index in events:
        thread = threads[index]
        opening = index not in seen
        seen.add(index)
        author = thread.author if opening else rng.choice(authors[thread.board.space.audience])
        batch.append(_post(rng, bodies, thread, author, moment, opening))
        if len(batch) == BATCH:
            reactions += _flush(rng, batch, members)
            inserted, batch = inserted + BATCH, []
    reactions += _flush(rng, batch, members)
    return inserted + len(batch), reactions


def _flush(rng, batch, members):
    pending = [(post, _reactions(rng, post, members)) for post in batch]
    Post.objects.bulk_create(batch)
    rows = [row for post, rows in pending for row in rows]
    for row in rows:
        row.post_id = row.post.pk
    Reaction.objects.bulk_create(rows)
    return len(rows)


def _denormalise(cursor):
    """What refresh_thread and the write actions leave behind, in a few statements."""
    cursor.execute("""
        UPDATE forum_thread t SET reply_count = GREATEST(s.n - 1, 0), last_post_id = s.last_id,
               last_activity_at = COALESCE(s.last_at, t.created_at)
        FROM (SELECT thread_id, count(id) AS n, max(id) AS last_id, max(created_at) AS last_at FROM forum_post
              WHERE state = 'visible' AND deleted_at IS NULL GROUP BY thread_id) s
        WHERE s.thread_id = t.id""")
    cursor.execute("""
        INSERT INTO forum_threadreadstate (thread_id, member_id, last_seen_post_id, following)
        SELECT thread_id, author_id, max(id), true FROM forum_post WHERE author_id IS NOT NULL GROUP BY thread_id, author_id""")


def _cursors(board, size):
    """Next-page cursors of every page of a board, as the view makes them."""
    cursors, cursor = [], None
    while True:
        page = paginate_threads(Thread.objects.filter(board=board, state=PostState.VISIBLE), cursor, size)
        if not page.next_cursor:
            return cursors
        cursors.append(page.next_cursor)
        cursor = page.next_cursor


def _page_urls(rng, boards, long_threads, size):
    """URLs by kind, in the spaces every member reads."""
    urls = {"board first page": [], "board deep page": [], "long thread first page": [],
            "long thread middle page": [], "long thread last page": [], "short thread": []}
    for board in boards:
        if board.space.audience != Audience.OPEN:
            continue
        base = f"/s/{board.space.slug}/{board.slug}/"
        urls["board first page"].append(base)
        cursors = _cursors(board, size)
        deep = dict.fromkeys([cursors[len(cursors) // 2], cursors[-1]]) if cursors else {}
        urls["board deep page"] += [f"{base}?after={cursor}" for cursor in deep]
    for thread in long_threads:
        ids = list(thread.posts.filter(state=PostState.VISIBLE).order_by("id").values_list("id", flat=True))
        urls["long thread first page"].append(f"/t/{thread.pk}/")
        urls["long thread middle page"].append(f"/t/{thread.pk}/?after={ids[(len(ids) // 2) // size * size - 1]}")
        urls["long thread last page"].append(f"/t/{thread.pk}/?after={ids[(len(ids) - 1) // size * size - 1]}")
    short = Thread.objects.filter(board__space__audience=Audience.OPEN, state=PostState.VISIBLE, reply_count__lt=size)
    short = list(short.values_list("pk", flat=True))
    urls["short thread"] = [f"/t/{pk}/" for pk in rng.sample(short, min(60, len(short)))]
    return urls


def _check_rendering(rng, bodies, samples=300):
    for _ in range(samples):
        body, html = bodies.make()
        if render_markdown(body) != html:
            raise AssertionError(f"joined paragraphs render differently from the whole body:\n{body}")


def seed(posts=100_000, threads=None, members=300, clients=16, rng_seed=20260101):
    """Fill the (fresh) database; print one JSON line describing what was made."""
    rng = random.Random(rng_seed)
    threads = threads or max(60, posts // 50)
    timings, started = {}, time.perf_counter()

    def lap(name, since):
        timings[name] = round(time.perf_counter() - since, 2)
        return time.perf_counter()

    mark = time.perf_counter()
    people = _make_members(rng, members)
    mentors = [m for m in people if m.role == Role.MENTOR]
    opt_in = rng.sample(people, len(people) // 5)
    authors = {Audience.OPEN: people, Audience.OPT_IN: opt_in, Audience.STAFF: mentors}
    boards = list(Board.objects.select_related("space").order_by("space__position", "position"))
    SpaceMembership.objects.bulk_create(
        [SpaceMembership(space=space, member=m) for space in {b.space for b in boards if b.space.audience == Audience.OPT_IN}
         for m in opt_in])
    mark = lap("members", mark)
    bodies = BodyMaker(rng)
    _check_rendering(rng, bodies)
    mark = lap("render paragraphs", mark)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef('forum_post_body_fts'::regclass)")
        search_index = cursor.fetchone()[0]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("DROP INDEX forum_post_body_fts")
        planned, times = _plan_threads(rng, posts, threads, boards, authors)
        thread_rows = Thread.objects.bulk_create(planned)
        made, reactions = _insert_posts(rng, thread_rows, times, authors, people, bodies)
        mark = lap("insert threads, posts, reactions", mark)
        _denormalise(cursor)
        mark = lap("counters and read states", mark)
    with connection.cursor() as cursor:
        # After the commit: the deferred foreign-key checks must have run before an index is built.
        cursor.execute("SET maintenance_work_mem = '256MB'")
        cursor.execute(search_index)
        mark = lap("search index", mark)
        cursor.execute("VACUUM ANALYZE")
    mark = lap("vacuum analyze", mark)
    timings["total"] = round(time.perf_counter() - started, 2)
    ordered = sorted(Thread.objects.filter(board__space__audience=Audience.OPEN), key=lambda t: -t.reply_count)
    clients_members = [m for m in people if m.role == Role.MEMBER and m.trust_level == TrustLevel.MEMBER][:clients]
    print(json.dumps({
        "timings": timings,
        "made": {"members": len(people), "threads": len(thread_rows), "posts": made, "reactions": reactions,
                 "longest threads": [t.reply_count + 1 for t in ordered[:LONG_THREADS]]},
        "urls": _page_urls(rng, boards, ordered[:LONG_THREADS], settings.FORUM_PAGE_SIZE),
        "sessions": [session_for(m) for m in clients_members],
        "pseudonyms": [m.pseudonym for m in clients_members],
    }))
