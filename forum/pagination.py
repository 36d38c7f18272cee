"""Keyset (cursor) pagination: page 100 costs what page 1 costs.

A cursor is the sort key of the last row shown, so the next page is one
indexed range scan, never an OFFSET.
"""
import base64
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q


class BadCursor(ValueError):
    pass


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _encode(*parts):
    return base64.urlsafe_b64encode("|".join(str(p) for p in parts).encode()).decode().rstrip("=")


def _decode(cursor, count):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raise BadCursor(cursor) from None
    parts = raw.split("|")
    if len(parts) != count:
        raise BadCursor(cursor)
    return parts


def paginate_threads(queryset, cursor, size):
    """One board's threads, pinned first, then newest activity.

    Ordered by board too (one board is filtered, so the order is the same):
    the order then matches the `thread_board_listing` index exactly, and a
    page is an ordered index scan that stops after `size` rows instead of a
    sort of every thread on the board.
    """
    queryset = queryset.order_by("board_id", "-is_pinned", "-last_activity_at", "-id")
    if cursor:
        pinned, moment, pk = _decode(cursor, 3)
        try:
            pinned, moment, pk = pinned == "1", datetime.fromisoformat(moment), int(pk)
        except ValueError:
            raise BadCursor(cursor) from None
        queryset = queryset.filter(
            Q(is_pinned__lt=pinned)
            | Q(is_pinned=pinned, last_activity_at__lt=moment)
            | Q(is_pinned=pinned, last_activity_at=moment, id__lt=pk)
        )
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows else None
    next_cursor = _encode(int(last.is_pinned), last.last_activity_at.isoformat(), last.pk) if more else None
    return Page(rows, next_cursor)


def paginate_posts(queryset, cursor, size):
    """One thread's posts, oldest first; the cursor is the last post's (created_at, id).

    Ordered by (created_at, id), the `post_thread_order` index after the
    thread. Ordered by id alone, PostgreSQL may walk the primary key of the
    whole posts table and filter for the thread: 23 ms and growing with the
    table for a thread whose posts sit in the middle of it (100,000 posts,
    docs/benchmarks.md).
    """
    queryset = queryset.order_by("created_at", "id")
    if cursor:
        queryset = queryset.filter(_after_post(cursor))
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows else None
    return Page(rows, _encode(last.created_at.isoformat(), last.pk) if more else None)


def _after_post(cursor):
    if cursor.isdigit():  # a link made before cursors held the time: a post id
        return Q(id__gt=int(cursor))
    moment, pk = _decode(cursor, 2)
    try:
        moment, pk = datetime.fromisoformat(moment), int(pk)
    except ValueError:
        raise BadCursor(cursor) from None
    return Q(created_at__gt=moment) | Q(created_at=moment, id__gt=pk)
