"""Who may see and do what on the boards. Views and actions both ask here.

A space a member may not know about answers 404 everywhere; an opt-in
space they have not joined shows only its door page.
"""
from django.db.models import Q
from django.http import Http404

from forum.models import Audience, Board, Post, PostState, Space, Thread
from peers.models import Role

STAFF_ROLES = {Role.MENTOR, Role.MODERATOR, Role.CRISIS_STAFF, Role.ADMIN}
# Moderation needs to read everything, opt-in spaces included.
MODERATING_ROLES = {Role.MODERATOR, Role.CRISIS_STAFF, Role.ADMIN}


def is_moderating(member):
    return member.is_authenticated and member.is_active and member.role in MODERATING_ROLES


def space_filter(member, prefix=""):
    """A Q selecting the spaces whose content `member` may read."""
    if is_moderating(member):
        return Q()
    allowed = Q(**{f"{prefix}audience": Audience.OPEN}) | Q(
        **{f"{prefix}audience": Audience.OPT_IN, f"{prefix}memberships__member": member}
    )
    if member.role in STAFF_ROLES:
        allowed |= Q(**{f"{prefix}audience": Audience.STAFF})
    return allowed


def readable_spaces(member):
    return Space.objects.filter(space_filter(member)).distinct()


def listed_spaces(member):
    """Spaces shown on the index: readable ones plus the doors of opt-in spaces."""
    return Space.objects.filter(space_filter(member) | Q(audience=Audience.OPT_IN)).distinct()


def can_read_space(member, space):
    if is_moderating(member) or space.audience == Audience.OPEN:
        return True
    if space.audience == Audience.STAFF:
        return member.role in STAFF_ROLES
    return space.memberships.filter(member=member).exists()


def can_see_space_door(member, space):
    return space.audience == Audience.OPT_IN or can_read_space(member, space)


def get_space_for_member(member, slug):
    """The space, if the member may at least see its door; else 404."""
    space = Space.objects.filter(slug=slug).first()
    if space is None or not can_see_space_door(member, space):
        raise Http404
    return space


def get_board_for_member(member, space_slug, board_slug):
    board = Board.objects.select_related("space").filter(space__slug=space_slug, slug=board_slug).first()
    if board is None or not can_read_space(member, board.space):
        raise Http404
    return board


def post_filter(member, prefix=""):
    """A Q for posts (or, with prefix, threads) the member may see in spaces they can read."""
    if is_moderating(member):
        return Q()
    visible = Q(**{f"{prefix}state": PostState.VISIBLE})
    return visible | Q(**{f"{prefix}state": PostState.HELD, f"{prefix}author": member})


def get_thread_for_member(member, thread_id):
    thread = Thread.objects.select_related("board__space").filter(pk=thread_id).filter(post_filter(member)).first()
    if thread is None or not can_read_space(member, thread.board.space):
        raise Http404
    return thread


def get_post_for_member(member, post_id):
    post = (
        Post.objects.select_related("thread__board__space", "author")
        .filter(pk=post_id)
        .filter(post_filter(member), post_filter(member, "thread__"))
        .first()
    )
    if post is None or not can_read_space(member, post.thread.board.space):
        raise Http404
    return post


def can_write(member):
    """Signed in, active and not silenced (a silenced member can still read)."""
    return member.is_authenticated and member.is_active and not member.is_silenced


def can_reply(member, thread):
    return can_write(member) and thread.state == PostState.VISIBLE and (not thread.is_locked or is_moderating(member))


def can_edit_post(member, post):
    return (
        can_write(member)
        and post.author_id == member.pk
        and not post.is_deleted
        and post.state in (PostState.VISIBLE, PostState.HELD)
    )


can_delete_post = can_edit_post


def can_react(member, post):
    return can_write(member) and post.state == PostState.VISIBLE and not post.is_deleted and post.author_id != member.pk


def can_see_edit_history(member):
    return is_moderating(member)
