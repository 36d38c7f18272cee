import re

import pytest
from django.urls import reverse

from forum.models import Post, PostState, Reaction, Thread
from peers.models import TrustLevel
from tests.helpers import text_of


@pytest.fixture
def someones_post(make_member, make_thread, commons_board):
    thread = make_thread(commons_board, author=make_member("Writer77"))
    return thread.posts.get()


@pytest.mark.django_db
def test_reaction_counts_once_per_kind_and_toggles(member_client, member, someones_post):
    url = reverse("forum:react", args=[someones_post.pk])
    member_client.post(url, {"kind": "hear"})
    member_client.post(url, {"kind": "strength"})
    someones_post.refresh_from_db()
    assert (someones_post.hear_count, someones_post.strength_count, someones_post.me_too_count) == (1, 1, 0)
    member_client.post(url, {"kind": "hear"})
    someones_post.refresh_from_db()
    assert someones_post.hear_count == 0 and Reaction.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_others_see_counts_never_who_reacted(member_client, member, client, make_member, someones_post):
    member_client.post(reverse("forum:react", args=[someones_post.pk]), {"kind": "me_too"})
    client.force_login(make_member("Reader88"))
    page = text_of(client.get(reverse("forum:thread", args=[someones_post.thread_id])))
    assert 'Me too <span class="count">1</span>' in page
    assert member.pseudonym not in page


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["love", "", "hear' OR 1=1"])
def test_unknown_reaction_changes_nothing(member_client, someones_post, kind):
    member_client.post(reverse("forum:react", args=[someones_post.pk]), {"kind": kind})
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_reacting_to_your_own_post_is_refused(member_client, member, make_thread, commons_board):
    post = make_thread(commons_board, author=member).posts.get()
    member_client.post(reverse("forum:react", args=[post.pk]), {"kind": "hear"})
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_search_finds_visible_posts_and_titles(member_client, make_thread, make_post, commons_board):
    thread = make_thread(commons_board, title="Gardening after leaving", body="Tomatoes help me breathe.")
    make_post(thread, body="I grow basil on my windowsill.")
    by_body = text_of(member_client.get(reverse("forum:search"), {"q": "basil"}))
    by_title = text_of(member_client.get(reverse("forum:search"), {"q": "gardening"}))
    assert "1 result" in by_body and "windowsill" in by_body
    assert "Gardening after leaving" in by_title and "Tomatoes" in by_title


@pytest.mark.django_db
@pytest.mark.parametrize("state", [PostState.HELD, PostState.HIDDEN, PostState.REMOVED])
def test_search_never_returns_held_hidden_or_removed_posts(member_client, member, make_thread, make_post, commons_board, state):
    thread = make_thread(commons_board)
    make_post(thread, author=member, body="marigold secret words", state=state)
    assert "marigold" not in text_of(member_client.get(reverse("forum:search"), {"q": "marigold"})).replace('value="marigold"', "")


@pytest.mark.django_db
def test_search_skips_deleted_posts(member_client, make_thread, make_post, commons_board):
    from django.utils import timezone

    make_post(make_thread(commons_board), body="periwinkle thoughts", deleted_at=timezone.now())
    assert "0 results" in text_of(member_client.get(reverse("forum:search"), {"q": "periwinkle"}))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b", "*", "a OR", "x" * 5000, "💜", "' OR 1=1 --", "title:secret"])
def test_search_treats_any_query_as_plain_words(member_client, query):
    response = member_client.get(reverse("forum:search"), {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
def test_newcomer_waits_between_posts_and_has_daily_caps(client, make_member, make_thread, commons_board, settings):
    newcomer = make_member("FreshStart1", trust_level=TrustLevel.NEWCOMER)
    client.force_login(newcomer)
    thread = make_thread(commons_board)
    reply = reverse("forum:reply", args=[thread.pk])
    assert client.post(reply, {"body": "first"}).status_code == 302
    too_soon = client.post(reply, {"body": "second"})
    assert too_soon.status_code == 400 and "Please wait" in text_of(too_soon)
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "newcomer": {**settings.FORUM_LIMITS["newcomer"], "seconds_between_posts": 0}}
    new = reverse("forum:new_thread", args=["commons", "check-in"])
    for n in range(3):
        assert client.post(new, {"title": f"t{n}", "body": "b"}).status_code == 302
    capped = client.post(new, {"title": "t4", "body": "b"})
    assert capped.status_code == 400 and "3 threads a day" in text_of(capped)
    assert Thread.objects.filter(author=newcomer).count() == 3


@pytest.mark.django_db
def test_established_member_is_not_held_to_newcomer_caps(member_client, commons_board, settings):
    settings.FORUM_LIMITS = {**settings.FORUM_LIMITS, "member": {**settings.FORUM_LIMITS["member"], "seconds_between_posts": 0}}
    new = reverse("forum:new_thread", args=["commons", "check-in"])
    assert all(member_client.post(new, {"title": f"t{n}", "body": "b"}).status_code == 302 for n in range(5))
    assert Post.objects.count() == 5


def _folded_and_open(page, word):
    """Where `word` shows on the page: inside a content warning's <details>, or in the open."""
    folded = "".join(re.findall(r'<details class="content-warning">.*?</details>', page, re.S))
    unfolded = re.sub(r'<details class="content-warning">.*?</details>', "", page, flags=re.S)
    return word in folded, word in unfolded.replace(f'value="{word}"', "")


@pytest.mark.django_db
@pytest.mark.parametrize("warning", ["hard memories", "mentions of self-harm or danger"])
@pytest.mark.parametrize("found_by", ["body", "title"])
def test_search_keeps_a_content_warning_folded(member_client, make_thread, make_post, commons_board, warning, found_by):
    thread = make_thread(commons_board, title="Lighthouse evenings", body="The night he took me to the marina")
    thread.posts.update(content_warning=warning)
    make_post(thread, body="Reply about the marina with no warning")
    query = "marina" if found_by == "body" else "lighthouse"
    page = text_of(member_client.get(reverse("forum:search"), {"q": query}))
    assert f"Content warning: {warning}" in page
    assert _folded_and_open(page, "The night he took me") == (True, False)
    if found_by == "body":
        assert _folded_and_open(page, "with no warning") == (False, True)
