import json

import pytest
from django.urls import reverse

from forum.member_data import FORMER_MEMBER_TITLE
from forum.models import Post, Thread
from peers import actions
from tests.helpers import text_of


@pytest.fixture
def history(member, make_member, make_thread, make_post, commons_board):
    """The member started one thread others answered, one nobody did, and replied elsewhere."""
    other = make_member("Neighbour12")
    answered = make_thread(commons_board, author=member, title="My first year out", body="my own story")
    make_post(answered, author=other, body="thank you for sharing")
    alone = make_thread(commons_board, author=member, title="Quiet thread", body="nobody answered")
    elsewhere = make_thread(commons_board, author=other, title="Someone else's", body="their words")
    make_post(elsewhere, author=member, body="my reply words")
    return answered, alone, elsewhere


@pytest.mark.django_db
def test_export_includes_every_post_and_thread(member_client, history):
    data = json.loads(member_client.get(reverse("peers:download_data")).content)
    boards = data["boards"]
    assert {thread["title"] for thread in boards["threads_started"]} == {"My first year out", "Quiet thread"}
    assert {post["text"] for post in boards["posts"]} == {"my own story", "nobody answered", "my reply words"}


@pytest.mark.django_db
def test_delete_with_erase_removes_writing_and_neutralises_titles(member, history):
    answered, alone, elsewhere = history
    actions.do_delete_member(member, erase_content=True)
    assert not Post.objects.filter(body__in=["my own story", "nobody answered", "my reply words"]).exists()
    assert not Thread.objects.filter(pk=alone.pk).exists()
    answered.refresh_from_db()
    assert answered.title == FORMER_MEMBER_TITLE and answered.author is None
    assert list(answered.posts.values_list("body", flat=True)) == ["thank you for sharing"]
    elsewhere.refresh_from_db()
    assert elsewhere.reply_count == 0 and elsewhere.posts.count() == 1


@pytest.mark.django_db
def test_delete_with_keep_shows_posts_under_former_member(member, make_member, client, history):
    answered, _, _ = history
    actions.do_delete_member(member, erase_content=False)
    client.force_login(make_member("Reader31"))
    page = text_of(client.get(reverse("forum:thread", args=[answered.pk])))
    assert "my own story" in page and "former member" in page and "QuietHarbor42" not in page
