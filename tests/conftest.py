"""The fixed cast and the factories every test uses.

Tests that need PostgreSQL, Redis, Chromium or the shared dev set skip when those are missing,
except under LANTERN_REQUIRE_SERVICES=1 (set by .ci/run), where a missing
service fails the test instead, so CI never passes by skipping.
"""
import os

import pytest

from peers.models import Member, Role, TrustLevel

REQUIRE_SERVICES = os.environ.get("LANTERN_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")
DEFAULT_PASSPHRASE = "correct horse battery staple"


def service_missing(message):
    """Skip, or fail when CI requires every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (LANTERN_REQUIRE_SERVICES is set, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(settings):
    # Argon2 is exercised by its own test and by the e2e server; elsewhere a
    # fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _clear_own_cache()
    yield
    _clear_own_cache()


def _clear_own_cache():
    """Empty this test run's cache only: on Redis, Django's clear() is FLUSHDB, which would also
    wipe the channel-layer groups of live servers and benchmarks sharing that Redis database."""
    from django.core.cache import cache

    if not hasattr(cache, "_cache") or not hasattr(cache._cache, "get_client"):
        cache.clear()  # local memory: this process's own
        return
    try:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    except Exception:  # Redis down: the tests that need it say so themselves
        pass


@pytest.fixture
def make_member(db):
    counter = iter(range(1, 10_000))

    def make(pseudonym=None, *, passphrase=DEFAULT_PASSPHRASE, role=Role.MEMBER, trust_level=TrustLevel.MEMBER, **fields):
        pseudonym = pseudonym or f"{role.replace('_', '')}{next(counter)}"
        return Member.objects.create_user(pseudonym, passphrase, role=role, trust_level=trust_level, **fields)

    return make


@pytest.fixture
def member(make_member):
    return make_member("QuietHarbor42")


@pytest.fixture
def newcomer(make_member):
    return make_member("NewLeaf7", trust_level=TrustLevel.NEWCOMER)


@pytest.fixture
def mentor(make_member):
    return make_member("SteadyBeacon3", role=Role.MENTOR, trust_level=TrustLevel.TRUSTED)


@pytest.fixture
def moderator(make_member):
    return make_member("CalmCompass9", role=Role.MODERATOR, trust_level=TrustLevel.TRUSTED)


@pytest.fixture
def crisis_staff(make_member):
    return make_member("WarmAnchor5", role=Role.CRISIS_STAFF, trust_level=TrustLevel.TRUSTED)


@pytest.fixture
def admin_member(make_member):
    return make_member("ClearSummit1", role=Role.ADMIN, trust_level=TrustLevel.TRUSTED)


@pytest.fixture
def outsider(make_member):
    """A member outside the audience of restricted spaces (the forum issue gives this teeth)."""
    return make_member("HiddenOtter8")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def redis_url():
    """A reachable Redis: REDIS_URL, or the local default on a database of its own."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        service_missing(f"Redis is not reachable at {url}")
    return url


# --- Boards -------------------------------------------------------------------
# Spaces and boards come from forum's seed migration, as in production.


@pytest.fixture
def commons_board(db):
    from forum.models import Board

    return Board.objects.get(space__slug="commons", slug="check-in")


@pytest.fixture
def mens_space(db):
    from forum.models import Space

    return Space.objects.get(slug="mens-space")


@pytest.fixture
def mens_board(mens_space):
    return mens_space.boards.get(slug="mens-talk")


@pytest.fixture
def staff_board(db):
    from forum.models import Board

    return Board.objects.get(space__slug="mentor-lounge", slug="mentor-notes")


@pytest.fixture
def mens_member(make_member, mens_space):
    from forum.models import SpaceMembership

    man = make_member("SteadyRiver30")
    SpaceMembership.objects.create(space=mens_space, member=man)
    return man


@pytest.fixture
def make_thread(db, member):
    from forum.actions import refresh_thread
    from forum.models import Post, Thread
    from forum.rendering import render_markdown

    def make(board, *, author=None, title="A quiet evening", body="Cooking pasta tonight. Small wins.", state="visible", **fields):
        author = author or member
        thread = Thread.objects.create(board=board, author=author, title=title, state=state, **fields)
        Post.objects.create(thread=thread, author=author, is_opening=True, body=body, body_html=render_markdown(body), state=state)
        refresh_thread(thread)
        return thread

    return make


@pytest.fixture
def make_post(db, member):
    from forum.actions import refresh_thread
    from forum.models import Post
    from forum.rendering import render_markdown

    def make(thread, *, author=None, body="I hear you. It gets easier.", state="visible", **fields):
        post = Post.objects.create(
            thread=thread, author=author or member, body=body, body_html=render_markdown(body), state=state, **fields
        )
        refresh_thread(thread)
        return post

    return make
