"""Every write on the boards. Views call check_* (permission, limits,
screening); check_* calls do_* (one transaction)."""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from config.refusals import Refused
from forum import permissions
from forum.limits import rate_refusal
from forum.models import (
    Audience,
    REACTION_COUNTERS,
    Post,
    PostRevision,
    PostState,
    Reaction,
    SpaceMembership,
    Thread,
    ThreadReadState,
)
from forum.rendering import render_markdown
from moderation.api import record_screened_write, screen_write
from moderation.trust import maybe_promote


@dataclass(frozen=True)
class Written:
    post: Post
    decision: object  # moderation.api.WriteDecision

    @property
    def thread(self):
        return self.post.thread


def _ensure_may_write(member):
    if member.is_authenticated and member.is_silenced:
        until = timezone.localtime(member.silenced_until).strftime("%d %B %Y, %H:%M %Z")
        raise Refused(f"You can read, but not post, until {until}. You can appeal from your account page.")


def _refuse_heard(member, refusal, *texts):
    """Raise Refused(refusal), with show_help if the refused text is a crisis (moderation.api.refused_but_heard)."""
    from moderation.api import refused_but_heard

    error = Refused(refusal)
    error.show_help = refused_but_heard(member, "\n\n".join(text for text in texts if text))
    raise error


def _screen_or_refuse(member, space, *texts):
    first_in_space = space.audience == "opt_in" and not Post.objects.filter(
        author=member, state=PostState.VISIBLE, thread__board__space=space
    ).exists()
    decision = screen_write("\n\n".join(text for text in texts if text), author=member, first_in_space=first_in_space)
    if decision.blocked:
        raise Refused(decision.block_message)
    return decision


def _after_screening(member, post, decision):
    record_screened_write(member, post, decision)
    if decision.visible:
        maybe_promote(member)


def _state(decision):
    return PostState.VISIBLE if decision.visible else PostState.HELD


def _content_warning(given, decision):
    return given or decision.content_warning


def check_create_thread(member, board, *, title, body, content_warning=""):
    try:
        _ensure_may_write(member)
        if not permissions.can_write(member) or not permissions.can_read_space(member, board.space):
            raise Refused("You can't start a thread here.")
        refusal = rate_refusal(member, new_thread=True)
        if refusal:
            raise Refused(refusal)
    except Refused as refused:
        _refuse_heard(member, str(refused), title, body, content_warning)
    decision = _screen_or_refuse(member, board.space, title, body, content_warning)
    return do_create_thread(member, board, title=title, body=body, content_warning=content_warning, decision=decision)


def do_create_thread(member, board, *, title, body, content_warning, decision):
    with transaction.atomic():
        thread = Thread.objects.create(board=board, author=member, title=title, state=_state(decision))
        post = _create_post(member, thread, body, content_warning, decision, is_opening=True)
        refresh_thread(thread)
        ThreadReadState.objects.create(thread=thread, member=member, following=True, last_seen_post_id=post.pk)
        _after_screening(member, post, decision)
    return Written(post, decision)


def check_reply(member, thread, *, body, content_warning=""):
    try:
        _ensure_may_write(member)
        if not permissions.can_reply(member, thread):
            raise Refused("This thread is closed to replies." if thread.is_locked else "You can't reply here.")
        refusal = rate_refusal(member, new_thread=False)
        if refusal:
            raise Refused(refusal)
    except Refused as refused:
        _refuse_heard(member, str(refused), body, content_warning)
    decision = _screen_or_refuse(member, thread.board.space, body, content_warning)
    return do_reply(member, thread, body=body, content_warning=content_warning, decision=decision)


def do_reply(member, thread, *, body, content_warning, decision):
    with transaction.atomic():
        post = _create_post(member, thread, body, content_warning, decision, is_opening=False)
        _count_reply(thread, post)
        do_follow_thread(member, thread, following=True)
        _after_screening(member, post, decision)
    return Written(post, decision)


def _create_post(member, thread, body, content_warning, decision, *, is_opening):
    return Post.objects.create(
        thread=thread,
        author=member,
        is_opening=is_opening,
        body=body,
        body_html=render_markdown(body),
        content_warning=_content_warning(content_warning, decision),
        state=_state(decision),
        held_reason=decision.held_reason,
    )


def _count_reply(thread, post):
    """A new reply moves the thread's counters forward without recounting it.

    `refresh_thread` counts every post, which took 8.7 ms on a 7,281-post
    thread (docs/benchmarks.md); a reply only adds one. Held replies count
    when approved (moderation recounts then). Greatest keeps the newest of
    two replies saved at once, whichever commits last.
    """
    if post.state != PostState.VISIBLE:
        return
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1,
        last_post_id=Greatest(Coalesce(F("last_post_id"), 0), post.pk),
        last_activity_at=Greatest(F("last_activity_at"), post.created_at),
    )


def refresh_thread(thread):
    """Recount a thread's visible posts and activity; call inside the write's transaction."""
    stats = thread.posts.filter(state=PostState.VISIBLE, deleted_at__isnull=True).aggregate(
        count=Count("id"), last_id=Max("id"), last_at=Max("created_at")
    )
    thread.reply_count = max(stats["count"] - 1, 0)
    thread.last_post_id = stats["last_id"]
    thread.last_activity_at = stats["last_at"] or thread.created_at
    thread.save(update_fields=["reply_count", "last_post_id", "last_activity_at"])


def check_edit_post(member, post, *, body, content_warning="", title=None):
    _ensure_may_write(member)
    if not permissions.can_edit_post(member, post):
        raise Refused("You can only edit your own posts.")
    decision = _screen_or_refuse(member, post.thread.board.space, title or "", body, content_warning)
    return do_edit_post(post, body=body, content_warning=content_warning, title=title, decision=decision)


def do_edit_post(post, *, body, content_warning, title, decision):
    """Keep the old text as a revision, render the new one, and apply screening again."""
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, content_warning=post.content_warning)
        post.body, post.body_html = body, render_markdown(body)
        post.content_warning = _content_warning(content_warning, decision)
        post.edited_at = timezone.now()
        if post.state == PostState.VISIBLE or not decision.visible:
            post.state, post.held_reason = _state(decision), decision.held_reason
        post.save(update_fields=["body", "body_html", "content_warning", "edited_at", "state", "held_reason"])
        if post.is_opening:
            _follow_opening_post(post, title)
        refresh_thread(post.thread)
        record_screened_write(post.author, post, decision)
    return Written(post, decision)


def _follow_opening_post(post, title):
    thread = post.thread
    thread.state = post.state
    fields = ["state"]
    if title:
        thread.title = title
        fields.append("title")
    thread.save(update_fields=fields)


def do_set_post_state(post, state, *, reason=""):
    """A moderator's decision on a post (and its thread, for an opening post)."""
    if post.state == state:
        return False
    with transaction.atomic():
        post.state = state
        post.held_reason = reason if state == PostState.HELD else ""
        post.save(update_fields=["state", "held_reason"])
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(state=state)
        refresh_thread(post.thread)
    return True


REDACTED = "[removed by a moderator]"


def do_redact_post(post, start, end):
    """Replace body[start:end] with a marker, keeping the old text as a revision."""
    if not 0 <= start < end <= len(post.body):
        raise Refused("That part of the text does not exist.")
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, content_warning=post.content_warning)
        post.body = post.body[:start] + REDACTED + post.body[end:]
        post.body_html = render_markdown(post.body)
        post.save(update_fields=["body", "body_html"])
    return post


def check_delete_post(member, post):
    if not permissions.can_delete_post(member, post):
        raise Refused("You can only delete your own posts.")
    return do_delete_post(post)


def do_delete_post(post):
    """Soft delete by the author: others see that it was deleted, moderators still see the text."""
    if post.is_deleted:
        return False
    with transaction.atomic():
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        refresh_thread(post.thread)
    return True


def check_toggle_reaction(member, post, kind):
    _ensure_may_write(member)
    if kind not in REACTION_COUNTERS:
        raise Refused("That is not a reaction Lantern has.")
    if not permissions.can_react(member, post):
        raise Refused("You can't react to this post.")
    return do_toggle_reaction(member, post, kind)


def do_toggle_reaction(member, post, kind):
    """Give the reaction, or take it back if given; returns True when it is now given."""
    counter = REACTION_COUNTERS[kind]
    with transaction.atomic():
        deleted, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(**{counter: F(counter) - 1})
            return False
        Reaction.objects.create(post=post, member=member, kind=kind)
        Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + 1})
    return True


def do_follow_thread(member, thread, *, following):
    state, _ = ThreadReadState.objects.get_or_create(thread=thread, member=member)
    if state.following == following:
        return False
    state.following = following
    state.save(update_fields=["following"])
    return True


def do_mark_thread_seen(member, thread, last_post_id, state):
    """Remember the newest post the member has seen; never moves backwards.

    `state` is the member's ThreadReadState for the thread as the caller
    read it (None when there is none), which saves a query on every view.
    """
    if state is None:
        ThreadReadState.objects.bulk_create(
            [ThreadReadState(thread=thread, member=member, last_seen_post_id=last_post_id)], ignore_conflicts=True
        )
    elif state.last_seen_post_id < last_post_id:
        ThreadReadState.objects.filter(pk=state.pk, last_seen_post_id__lt=last_post_id).update(
            last_seen_post_id=last_post_id
        )


def do_join_space(member, space):
    """Join an opt-in space; returns whether the member just joined (other spaces need no joining)."""
    if space.audience != Audience.OPT_IN:
        return False
    _, created = SpaceMembership.objects.get_or_create(space=space, member=member)
    return created


def do_leave_space(member, space):
    deleted, _ = SpaceMembership.objects.filter(space=space, member=member).delete()
    return bool(deleted)
