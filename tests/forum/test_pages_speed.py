"""Keyset pagination and pinned query counts: a page costs the same at any size and any depth."""
import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, Thread
from forum.rendering import render_markdown

MAX_QUERIES = 10


def fill_board(board, author, count):
    threads = Thread.objects.bulk_create(
        [Thread(board=board, author=author, title=f"Thread {n}") for n in range(count)]
    )
    Post.objects.bulk_create(
        [Post(thread=t, author=author, is_opening=True, body="hello", body_html=render_markdown("hello")) for t in threads]
    )
    for thread in threads:
        Thread.objects.filter(pk=thread.pk).update(last_post_id=thread.pk)
    return threads


def fill_thread(thread, author, count):
    Post.objects.bulk_create(
        [Post(thread=thread, author=author, body=f"reply {n}", body_html=f"<p>reply {n}</p>") for n in range(count)]
    )


def count_queries(django_assert_max_num_queries, client, url):
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.django_db
def test_board_page_query_count_is_the_same_for_20_and_50_threads(member_client, member, commons_board, settings, django_assert_max_num_queries):
    fill_board(commons_board, member, 120)
    url = reverse("forum:board", args=["commons", "check-in"])
    counts = []
    for size in (20, 50):
        settings.FORUM_PAGE_SIZE = size
        count, response = count_queries(django_assert_max_num_queries, member_client, url)
        assert len(response.context["page"].items) == size
        counts.append(count)
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_thread_page_query_count_is_the_same_for_20_and_50_posts(member_client, member, make_thread, commons_board, settings, django_assert_max_num_queries):
    thread = make_thread(commons_board)
    fill_thread(thread, member, 120)
    url = reverse("forum:thread", args=[thread.pk])
    counts = []
    for size in (20, 50):
        settings.FORUM_PAGE_SIZE = size
        member_client.get(url)  # moves the read state to this page's last post
        count, response = count_queries(django_assert_max_num_queries, member_client, url)
        assert len(response.context["page"].items) == size
        counts.append(count)
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_board_pages_walk_every_thread_once_pinned_first(member_client, member, make_thread, commons_board, settings):
    settings.FORUM_PAGE_SIZE = 7
    fill_board(commons_board, member, 30)
    pinned = make_thread(commons_board, title="Read me first", is_pinned=True)
    seen, url = [], reverse("forum:board", args=["commons", "check-in"])
    while url:
        page = member_client.get(url).context["page"]
        seen += [thread.pk for thread in page.items]
        url = f"?after={page.next_cursor}" if page.next_cursor else None
        url = reverse("forum:board", args=["commons", "check-in"]) + url if url else None
    assert seen[0] == pinned.pk
    assert len(seen) == len(set(seen)) == Thread.objects.filter(board=commons_board).count()


@pytest.mark.django_db
def test_thread_pages_walk_every_post_once_even_when_posts_share_a_moment(member_client, member, make_thread,
                                                                           commons_board, settings):
    settings.FORUM_PAGE_SIZE = 7
    thread = make_thread(commons_board)
    fill_thread(thread, member, 30)
    Post.objects.filter(thread=thread, pk__in=Post.objects.filter(thread=thread).order_by("id")[5:20].values("pk")) \
        .update(created_at=timezone.now())  # fifteen posts written in the same instant
    base = reverse("forum:thread", args=[thread.pk])
    seen, url = [], base
    while url:
        page = member_client.get(url).context["page"]
        seen += [post.pk for post in page.items]
        url = f"{base}?after={page.next_cursor}" if page.next_cursor else None
    stored = list(Post.objects.filter(thread=thread).order_by("created_at", "id").values_list("pk", flat=True))
    assert seen == stored


@pytest.mark.django_db
def test_thread_cursor_of_the_old_form_a_post_id_still_works(member_client, member, make_thread, commons_board):
    thread = make_thread(commons_board)
    fill_thread(thread, member, 5)
    ids = list(Post.objects.filter(thread=thread).order_by("id").values_list("pk", flat=True))
    response = member_client.get(reverse("forum:thread", args=[thread.pk]), {"after": ids[2]})
    assert [post.pk for post in response.context["page"].items] == ids[3:]


@pytest.mark.django_db
def test_deep_page_costs_what_the_first_costs(member_client, member, make_thread, commons_board, settings, django_assert_max_num_queries):
    settings.FORUM_PAGE_SIZE = 20
    thread = make_thread(commons_board)
    fill_thread(thread, member, 300)
    url = reverse("forum:thread", args=[thread.pk])
    member_client.get(url)
    first, _ = count_queries(django_assert_max_num_queries, member_client, url)
    last_id = Post.objects.filter(thread=thread).order_by("-id").values_list("id", flat=True)[10]
    member_client.get(f"{url}?after={last_id}")  # moves the read state forward
    deep, response = count_queries(django_assert_max_num_queries, member_client, f"{url}?after={last_id}")
    assert deep == first and len(response.context["page"].items) == 10


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["!!!", "bm90|enough", "MXxub3QtYS1kYXRlfDM"])
def test_broken_page_link_gets_a_clear_400(member_client, commons_board, cursor):
    response = member_client.get(reverse("forum:board", args=["commons", "check-in"]), {"after": cursor})
    assert response.status_code == 400 and "That link doesn" in response.content.decode()


@pytest.mark.django_db
def test_page_views_never_render_markdown(member_client, make_thread, commons_board, monkeypatch):
    thread = make_thread(commons_board)
    monkeypatch.setattr("forum.rendering.render_markdown", lambda source: pytest.fail("rendered on a page view"))
    monkeypatch.setattr("forum.actions.render_markdown", lambda source: pytest.fail("rendered on a page view"))
    assert member_client.get(reverse("forum:thread", args=[thread.pk])).status_code == 200
    assert member_client.get(reverse("forum:board", args=["commons", "check-in"])).status_code == 200
