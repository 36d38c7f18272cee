"""What the boards hold about a member: their export, and their erasure."""
from django.db import connection
from django.db.models import Exists, OuterRef
from django.dispatch import receiver

from forum.actions import refresh_thread
from forum.models import Post, Reaction, SpaceMembership, Thread, ThreadReadState
from peers.export import ref
from peers.signals import collect_member_data, member_deleting

FORMER_MEMBER_TITLE = "A conversation started by a former member"


@receiver(collect_member_data)
def export_boards(sender, member, **kwargs):
    posts = Post.objects.filter(author=member).select_related("thread").order_by("id")
    return "boards", {
        "spaces_joined": [
            {"ref": ref(joined), "space": joined.space.name}
            for joined in SpaceMembership.objects.filter(member=member).select_related("space").order_by("id")
        ],
        "threads_started": [
            {"ref": ref(thread), "title": thread.title} for thread in Thread.objects.filter(author=member).order_by("id")
        ],
        "posts": [
            {
                "ref": ref(post),
                "thread": post.thread.title,
                "written": post.created_at.isoformat(),
                "edited": post.edited_at.isoformat() if post.edited_at else None,
                "deleted_by_you": post.deleted_at is not None,
                "state": post.get_state_display(),
                "content_warning": post.content_warning,
                "text": post.body,
            }
            for post in posts
        ],
        "reactions_given": [
            {"ref": ref(reaction), "kind": reaction.get_kind_display(), "post": reaction.post_id}
            for reaction in Reaction.objects.filter(member=member).order_by("id")
        ],
        "threads_read": [
            {"ref": ref(state), "thread": state.thread.title, "following": state.following}
            for state in ThreadReadState.objects.filter(member=member).select_related("thread").order_by("id")
        ],
    }


@receiver(member_deleting)
def erase_boards(sender, member, erase_content, **kwargs):
    """Runs inside the deletion transaction. Without `erase_content`, posts stay and show "former member"."""
    if not erase_content:
        return
    others_replied = Exists(Post.objects.filter(thread=OuterRef("pk")).exclude(author=member))
    started = Thread.objects.filter(author=member).annotate(others=others_replied)
    Thread.objects.filter(pk__in=[t.pk for t in started if not t.others]).delete()
    touched = set(Post.objects.filter(author=member).values_list("thread_id", flat=True))
    Post.objects.filter(author=member).delete()
    # A title can say as much as a post; a thread others answered keeps a neutral one.
    Thread.objects.filter(author=member).update(title=FORMER_MEMBER_TITLE, author=None)
    for thread in Thread.objects.filter(pk__in=touched):
        refresh_thread(thread)
    _merge_search_index()


def _merge_search_index():
    """SQLite's FTS5 index keeps a deleted row's words in its segments until they are merged
    (SQLite 3.40 has no secure-delete); merge them now, or erased words stay on disk and in backups."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL searches an expression index; its dead entries go with the table's vacuum
    with connection.cursor() as cursor:
        for table in ("forum_post_fts", "forum_thread_fts"):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
