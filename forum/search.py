"""Full-text search over posts and thread titles.

PostgreSQL: an expression GIN index on to_tsvector('english', ...) and
websearch_to_tsquery. SQLite: FTS5 tables kept in step by triggers. Both
indexes are made by migration 0002. Visibility is applied on top, so a
held, hidden, removed, deleted or out-of-audience post never comes back.
"""
import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from forum import permissions
from forum.models import Post

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def _sqlite_match(query):
    # Each word as a quoted FTS5 string: the member's text is never FTS5 syntax.
    words = _WORD.findall(query)[:20]
    return " ".join(f'"{word}"' for word in words)


def _matching(query):
    if connection.vendor == "postgresql":
        posts = RawSQL(
            "SELECT id FROM forum_post WHERE to_tsvector('english', body) @@ websearch_to_tsquery('english', %s)",
            [query],
        )
        threads = RawSQL(
            "SELECT id FROM forum_thread WHERE to_tsvector('english', title) @@ websearch_to_tsquery('english', %s)",
            [query],
        )
    else:
        match = _sqlite_match(query)
        if not match:
            return None
        posts = RawSQL("SELECT rowid FROM forum_post_fts WHERE forum_post_fts MATCH %s", [match])
        threads = RawSQL("SELECT rowid FROM forum_thread_fts WHERE forum_thread_fts MATCH %s", [match])
    return Q(pk__in=posts) | Q(is_opening=True, thread_id__in=threads)


def search_posts(member, query, *, limit=30):
    """Posts the member may see that match `query`, newest first."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    condition = _matching(query) if query else None
    if condition is None:
        return []
    return list(
        Post.objects.filter(condition, deleted_at__isnull=True)
        .filter(state="visible", thread__state="visible")
        .filter(permissions.space_filter(member, "thread__board__space__"))
        .select_related("thread__board__space", "author")
        .order_by("-created_at", "-id")
        .distinct()[:limit]
    )
