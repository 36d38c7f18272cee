"""What the boards hold about a member: their export, and their erasure."""
from django.db.models import Exists, OuterRef
from django.dispatch import receiver

from forum.actions import refresh_thread
from forum.models import Post, Reaction, SpaceMembership, Thread, ThreadReadState
from peers.signals import collect_member_data, member_deleting

FORMER_MEMBER_TITLE = "A conversation started by a former member"


@receiver(collect_member_data)
def export_boards(sender, member, **kwargs):
    posts = Post.objects.filter(author=member).select_related("thread").order_by("id")
    return "boards", {
        "spaces_joined": list(SpaceMembership.objects.filter(member=member).values_list("space__name", flat=True)),
        "threads_started": list(Thread.objects.filter(author=member).order_by("id").values_list("title", flat=True)),
        "posts": [
            {
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
        "reactions_given": Reaction.objects.filter(member=member).count(),
        "threads_followed": ThreadReadState.objects.filter(member=member, following=True).count(),
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
