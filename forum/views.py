from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum import actions, permissions
from forum.forms import EditForm, ReplyForm, ThreadForm
from forum.models import Board, Reaction, ReactionKind, ThreadReadState
from forum.pagination import BadCursor, paginate_posts, paginate_threads
from forum.search import search_posts
from moderation.crisis_help import crisis_reply


def _bad_page_link(request):
    return render(request, "forum/bad_link.html", status=400)


def _after_write(request, written):
    """Tell the author what happened to their post; help at once when in crisis."""
    decision = written.decision
    if decision.show_help:
        request.session["show_help"] = decision.show_help  # the kind of crisis
    if not decision.visible:
        # The post itself says it is held and why; the page opens on it rather than saying it again on top.
        return redirect(reverse("forum:thread", args=[written.thread.pk]) + f"#post-{written.post.pk}")
    return redirect("forum:thread", thread_id=written.thread.pk)


@login_required
@require_GET
def index(request):
    spaces = permissions.listed_spaces(request.user).prefetch_related(Prefetch("boards", queryset=Board.objects.all()))
    readable = {space.pk for space in permissions.readable_spaces(request.user)}
    return render(request, "forum/index.html", {"spaces": spaces, "readable": readable})


@login_required
@require_GET
def space_page(request, space_slug):
    space = permissions.get_space_for_member(request.user, space_slug)
    if not permissions.can_read_space(request.user, space):
        return render(request, "forum/door.html", {"space": space})
    joined = space.memberships.filter(member=request.user).exists()
    return render(request, "forum/space.html", {"space": space, "boards": space.boards.all(), "joined": joined})


@login_required
@require_POST
def join_space(request, space_slug):
    space = permissions.get_space_for_member(request.user, space_slug)
    if actions.do_join_space(request.user, space):
        messages.success(request, f"Welcome to {space.name}.")
    return redirect("forum:space", space_slug=space.slug)


@login_required
@require_POST
def leave_space(request, space_slug):
    space = permissions.get_space_for_member(request.user, space_slug)
    actions.do_leave_space(request.user, space)
    messages.info(request, f"You left {space.name}. You can come back whenever you like.")
    return redirect("forum:index")


@login_required
@require_GET
def board_page(request, space_slug, board_slug):
    member = request.user
    board = permissions.get_board_for_member(member, space_slug, board_slug)
    states = ThreadReadState.objects.filter(thread=OuterRef("pk"), member=member)
    threads = (
        board.threads.filter(permissions.post_filter(member))
        .select_related("author")
        .annotate(
            last_seen=Subquery(states.values("last_seen_post_id")[:1]),
            following=Subquery(states.values("following")[:1]),
        )
    )
    try:
        page = paginate_threads(threads, request.GET.get("after"), settings.FORUM_PAGE_SIZE)
    except BadCursor:
        return _bad_page_link(request)
    return render(request, "forum/board.html", {"board": board, "space": board.space, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, space_slug, board_slug):
    board = permissions.get_board_for_member(request.user, space_slug, board_slug)
    form = ThreadForm(request.POST or None)
    crisis_help = None
    if request.method == "POST" and form.is_valid():
        try:
            written = actions.check_create_thread(request.user, board, **form.cleaned_data)
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
            crisis_help = _help_if(refusal)
        else:
            return _after_write(request, written)
    status = 400 if form.errors else 200
    context = {"board": board, "form": form, "crisis_help": crisis_help}
    return render(request, "forum/new_thread.html", context, status=status)


def _thread_context(request, thread, reply_form):
    member = request.user
    posts = thread.posts.filter(permissions.post_filter(member)).select_related("author")
    page = paginate_posts(posts, request.GET.get("after"), settings.FORUM_PAGE_SIZE)
    mine = Reaction.objects.filter(member=member, post__in=[post.pk for post in page.items])
    given = {(post_id, kind) for post_id, kind in mine.values_list("post_id", "kind")}
    for post in page.items:
        post.can_edit = permissions.can_edit_post(member, post)
        # Reversed once per post, not once per reaction button (templates/forum/post.html).
        post.react_url = reverse("forum:react", args=[post.pk])
        post.reactions_shown = [
            (kind, label, getattr(post, f"{kind}_count"), (post.pk, kind) in given) for kind, label in ReactionKind.choices
        ]
    return {
        "thread": thread,
        "board": thread.board,
        "space": thread.board.space,
        "page": page,
        "form": reply_form,
        "can_reply": permissions.can_reply(member, thread),
        "moderating": permissions.is_moderating(member),
    }


@login_required
@require_GET
def thread_page(request, thread_id):
    member = request.user
    thread = permissions.get_thread_for_member(member, thread_id)
    try:
        context = _thread_context(request, thread, ReplyForm())
    except BadCursor:
        return _bad_page_link(request)
    state = ThreadReadState.objects.filter(thread=thread, member=member).first()
    context["following"] = bool(state and state.following)
    if context["page"].items:
        actions.do_mark_thread_seen(member, thread, context["page"].items[-1].pk, state)
    context["crisis_help"] = _pop_help(request)
    return render(request, "forum/thread.html", context)


def _help_if(refusal):
    """Help when a refused write read as a crisis (forum.actions._refuse_heard)."""
    return crisis_reply(refusal.show_help) if refusal.show_help else None


def _pop_help(request):
    kind = request.session.pop("show_help", "")
    return crisis_reply(kind) if kind else None


@login_required
@require_POST
def reply(request, thread_id):
    thread = permissions.get_thread_for_member(request.user, thread_id)
    form = ReplyForm(request.POST)
    crisis_help = None
    if form.is_valid():
        try:
            return _after_write(request, actions.check_reply(request.user, thread, **form.cleaned_data))
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
            crisis_help = _help_if(refusal)
    context = {**_thread_context(request, thread, form), "crisis_help": crisis_help}
    return render(request, "forum/thread.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    post = permissions.get_post_for_member(request.user, post_id)
    if not permissions.can_edit_post(request.user, post):
        return render(request, "403.html", status=403)
    initial = {"body": post.body, "content_warning": post.content_warning, "title": post.thread.title}
    form = EditForm(request.POST or None, initial=initial, with_title=post.is_opening)
    if request.method == "POST" and form.is_valid():
        try:
            return _after_write(request, actions.check_edit_post(request.user, post, **form.cleaned_data))
        except actions.Refused as refusal:
            form.add_error(None, str(refusal))
    status = 400 if form.errors else 200
    return render(request, "forum/edit_post.html", {"post": post, "form": form}, status=status)


@login_required
@require_POST
def delete_post(request, post_id):
    post = permissions.get_post_for_member(request.user, post_id)
    try:
        actions.check_delete_post(request.user, post)
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.info(request, "Your post is deleted.")
    return redirect("forum:thread", thread_id=post.thread_id)


@login_required
@require_POST
def react(request, post_id):
    post = permissions.get_post_for_member(request.user, post_id)
    try:
        actions.check_toggle_reaction(request.user, post, request.POST.get("kind", ""))
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
    return redirect(reverse("forum:thread", args=[post.thread_id]) + f"#post-{post.pk}")


@login_required
@require_POST
def follow(request, thread_id):
    thread = permissions.get_thread_for_member(request.user, thread_id)
    following = request.POST.get("following") == "1"
    actions.do_follow_thread(request.user, thread, following=following)
    messages.info(request, "You follow this thread." if following else "You no longer follow this thread.")
    return redirect("forum:thread", thread_id=thread.pk)


@login_required
@require_GET
def post_history(request, post_id):
    if not permissions.can_see_edit_history(request.user):
        return render(request, "404.html", status=404)
    post = permissions.get_post_for_member(request.user, post_id)
    return render(request, "forum/history.html", {"post": post, "revisions": post.revisions.all()})


@login_required
@require_GET
def following(request):
    member = request.user
    states = (
        ThreadReadState.objects.filter(member=member, following=True)
        .filter(permissions.post_filter(member, "thread__"))
        .filter(permissions.space_filter(member, "thread__board__space__"))
        .select_related("thread__board__space")
        .order_by("-thread__last_activity_at")
        .distinct()[:100]
    )
    return render(request, "forum/following.html", {"states": states})


@login_required
@require_GET
def search(request):
    query = request.GET.get("q", "")
    results = search_posts(request.user, query) if query.strip() else None
    return render(request, "forum/search.html", {"query": query, "results": results})


@require_GET
def leaving(request):
    target = request.GET.get("to", "")
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(target) > 2000:
        return render(request, "forum/bad_link.html", status=400)
    return render(request, "forum/leaving.html", {"target": target, "host": parts.hostname})
