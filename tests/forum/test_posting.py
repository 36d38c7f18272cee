import pytest
from django.urls import reverse

from forum.models import Post, PostRevision, PostState, Thread, ThreadReadState
from tests.helpers import text_of


def new_thread_url(board):
    return reverse("forum:new_thread", args=[board.space.slug, board.slug])


@pytest.mark.django_db
def test_create_thread_shows_it_on_the_board_and_follows_it(member_client, member, commons_board):
    response = member_client.post(
        new_thread_url(commons_board), {"title": "First week out", "body": "It was *hard* but I made it."}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("forum:thread", args=[thread.pk])
    page = text_of(member_client.get(response["Location"]))
    assert "First week out" in page and "<em>hard</em>" in page
    board = text_of(member_client.get(reverse("forum:board", args=["commons", "check-in"])))
    assert "First week out" in board
    assert ThreadReadState.objects.get(thread=thread, member=member).following


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": "", "body": "text"}, "title", "can't be empty"),
        ({"title": "   \u200b ", "body": "text"}, "title", "can't be empty"),
        ({"title": "x" * 151, "body": "text"}, "title", "at most 150 characters"),
        ({"title": "ok", "body": " \n\t "}, "body", "can't be empty"),
        ({"title": "ok", "body": "y" * 20_001}, "body", "at most 20,000 characters"),
        ({"title": "ok", "body": "fine", "content_warning": "z" * 151}, "content_warning", "at most 150"),
    ],
)
def test_create_thread_with_bad_input_is_refused_and_stores_nothing(member_client, commons_board, data, field, message):
    response = member_client.post(new_thread_url(commons_board), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Thread.objects.exists() and not Post.objects.exists()


@pytest.mark.django_db
def test_post_of_exactly_20000_characters_is_accepted(member_client, commons_board):
    response = member_client.post(new_thread_url(commons_board), {"title": "Long", "body": "a" * 20_000})
    assert response.status_code == 302 and len(Post.objects.get().body) == 20_000


@pytest.mark.django_db
def test_oversized_request_gets_a_clear_page_and_stores_nothing(member_client, commons_board):
    response = member_client.post(new_thread_url(commons_board), {"title": "Huge", "body": "b" * 700_000})
    assert response.status_code == 400
    assert "too large" in text_of(response)
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_titles_and_bodies_lose_invisible_and_bidi_characters(member_client, commons_board):
    member_client.post(
        new_thread_url(commons_board),
        {"title": "Hi\u202e evil\u200b title\x07", "body": "pay\u200bpal \u2066hidden\u2069 family 👩\u200d👧"},
    )
    thread = Thread.objects.get()
    post = thread.posts.get()
    assert thread.title == "Hi evil title"
    assert post.body == "paypal hidden family 👩\u200d👧"


@pytest.mark.django_db
def test_counters_moved_by_each_reply_match_a_full_recount(member, make_member, make_thread, commons_board, settings):
    from forum.actions import check_reply, refresh_thread

    settings.FORUM_LIMITS = {level: {**limits, "seconds_between_posts": 0} for level, limits in settings.FORUM_LIMITS.items()}
    thread = make_thread(commons_board, author=make_member("OtherPerson1"))
    for body in ("First reply.", "I have the pills here and I'm going to take them all tonight", "Third reply."):
        check_reply(member, Thread.objects.get(pk=thread.pk), body=body)
    moved = Thread.objects.values("reply_count", "last_post_id", "last_activity_at").get(pk=thread.pk)
    refresh_thread(thread)  # recounts from the posts themselves
    recounted = Thread.objects.values("reply_count", "last_post_id", "last_activity_at").get(pk=thread.pk)
    assert moved == recounted and moved["reply_count"] == 2  # the held crisis reply is not counted
    assert moved["last_post_id"] == Post.objects.get(body="Third reply.").pk


@pytest.mark.django_db
def test_reply_appears_in_thread_and_counts(member_client, member, make_member, make_thread, commons_board):
    thread = make_thread(commons_board, author=make_member("OtherPerson1"))
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Me too. **Hang in there.**"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert "<strong>Hang in there.</strong>" in text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))


@pytest.mark.django_db
def test_reply_to_locked_thread_is_refused(member_client, make_thread, make_member, commons_board):
    thread = make_thread(commons_board, author=make_member("Opener4"), is_locked=True)
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "hello"})
    assert response.status_code == 400 and "closed to replies" in text_of(response)
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_content_warning_folds_the_post_without_javascript(member_client, make_thread, make_member, commons_board):
    thread = make_thread(commons_board, author=make_member("Opener3"))
    member_client.post(
        reverse("forum:reply", args=[thread.pk]), {"body": "What happened that night...", "content_warning": "violence"}
    )
    page = text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))
    assert '<details class="content-warning">' in page
    assert "<summary>Content warning: violence</summary>" in page
    assert page.index("<summary>Content warning: violence</summary>") < page.index("What happened that night")


@pytest.mark.django_db
def test_edit_keeps_history_for_moderators_only(client, member_client, member, moderator, make_thread, commons_board):
    thread = make_thread(commons_board, body="first words")
    post = thread.posts.get()
    response = member_client.post(
        reverse("forum:edit_post", args=[post.pk]), {"title": "A better title", "body": "second words"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.body == "second words" and post.edited_at and thread.title == "A better title"
    assert PostRevision.objects.get(post=post).body == "first words"
    assert member_client.get(reverse("forum:post_history", args=[post.pk])).status_code == 404
    client.force_login(moderator)
    assert "first words" in text_of(client.get(reverse("forum:post_history", args=[post.pk])))


@pytest.mark.django_db
def test_editing_someone_elses_post_is_forbidden(client, make_member, make_thread, commons_board):
    thread = make_thread(commons_board)
    client.force_login(make_member("Stranger22"))
    post = thread.posts.get()
    assert client.post(reverse("forum:edit_post", args=[post.pk]), {"body": "mine now"}).status_code == 403
    post.refresh_from_db()
    assert post.body != "mine now"


@pytest.mark.django_db
def test_delete_is_soft_and_shown_as_deleted(member_client, moderator, client, make_thread, make_post, commons_board):
    thread = make_thread(commons_board)
    post = make_post(thread, body="regrettable words")
    member_client.post(reverse("forum:delete_post", args=[post.pk]))
    post.refresh_from_db()
    assert post.deleted_at is not None
    page = text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))
    assert "deleted by its author" in page and "regrettable words" not in page
    client.force_login(moderator)
    assert "regrettable words" in text_of(client.get(reverse("forum:thread", args=[thread.pk])))
    thread.refresh_from_db()
    assert thread.reply_count == 0


@pytest.mark.django_db
def test_held_post_is_seen_only_by_author_and_moderators(member, make_member, moderator, client, make_thread, make_post, commons_board):
    thread = make_thread(commons_board)
    make_post(thread, body="waiting words", state=PostState.HELD, held_reason="Checked first, to keep everyone safe.")
    client.force_login(member)
    page = text_of(client.get(reverse("forum:thread", args=[thread.pk])))
    assert "waiting words" in page and "Only you and the moderators can see this" in page
    client.force_login(make_member("Bystander4"))
    assert "waiting words" not in text_of(client.get(reverse("forum:thread", args=[thread.pk])))
    client.force_login(moderator)
    assert "waiting words" in text_of(client.get(reverse("forum:thread", args=[thread.pk])))


@pytest.mark.django_db
@pytest.mark.parametrize("state", [PostState.HIDDEN, PostState.REMOVED])
def test_hidden_and_removed_posts_are_not_shown_to_members(member_client, make_post, make_thread, commons_board, state):
    thread = make_thread(commons_board)
    make_post(thread, body="moderated words", state=state)
    assert "moderated words" not in text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))


@pytest.mark.django_db
def test_new_posts_since_last_visit_are_marked(client, member, make_member, make_thread, make_post, commons_board):
    thread = make_thread(commons_board, author=make_member("Starter5"), title="Marked thread")
    client.force_login(member)
    board_url = reverse("forum:board", args=["commons", "check-in"])
    assert "badge new" in thread_row(client.get(board_url), "Marked thread")
    client.get(reverse("forum:thread", args=[thread.pk]))
    assert "badge new" not in thread_row(client.get(board_url), "Marked thread")
    make_post(thread, author=thread.author, body="something new")
    assert "badge new" in thread_row(client.get(board_url), "Marked thread")


def thread_row(response, title):
    page = text_of(response)
    start = page.index(title)
    return page[start : page.index("</li>", start)]


@pytest.mark.django_db
def test_follow_and_unfollow_a_thread(member_client, member, make_thread, make_member, commons_board):
    thread = make_thread(commons_board, author=make_member("Starter6"), title="Follow me")
    member_client.post(reverse("forum:follow", args=[thread.pk]), {"following": "1"})
    assert "Follow me" in text_of(member_client.get(reverse("forum:following")))
    member_client.post(reverse("forum:follow", args=[thread.pk]), {"following": "0"})
    assert "Follow me" not in text_of(member_client.get(reverse("forum:following")))
