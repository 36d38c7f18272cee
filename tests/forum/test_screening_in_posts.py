"""Posts pass through moderation screening before anyone else can see them."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Post, PostState
from moderation.models import Escalation, WatchedWord
from tests.helpers import text_of


@pytest.fixture
def thread(make_thread, make_member, commons_board):
    return make_thread(commons_board, author=make_member("Opener9"))


def reply(client, thread, body):
    return client.post(reverse("forum:reply", args=[thread.pk]), {"body": body}, follow=True)


@pytest.mark.django_db
def test_post_reply_with_phone_number_is_held_and_author_told_why(member_client, thread):
    response = reply(member_client, thread, "text me at 555-201-3344 and we can talk privately")
    post = Post.objects.latest("id")
    assert post.state == PostState.HELD
    assert "Contact details and invitations to talk elsewhere are checked first" in text_of(response)


@pytest.mark.django_db
def test_post_with_imminent_crisis_is_held_and_author_sees_help_at_once(member_client, thread):
    response = reply(member_client, thread, "I have the pills here and I'm going to take them all tonight")
    post = Post.objects.latest("id")
    assert post.state == PostState.HELD
    page = text_of(response)
    assert "We're glad you told us" in page and "988" in page and "1-888-373-7888" in page
    assert "No one from our crisis team is on duty right now" in page  # tests/moderation/test_crisis_replies.py
    assert "We're glad you told us" not in text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))


@pytest.mark.django_db
def test_post_with_concern_is_shown_behind_an_automatic_content_warning(member_client, thread):
    response = reply(member_client, thread, "these days my mind keeps drifting to ending it all")
    post = Post.objects.latest("id")
    assert post.state == PostState.VISIBLE and post.content_warning
    assert "We're glad you told us" in text_of(response)


@pytest.mark.django_db
def test_ordinary_post_is_visible_without_help_banner(member_client, thread):
    response = reply(member_client, thread, "This exam week is going to be the death of me lol")
    assert Post.objects.latest("id").state == PostState.VISIBLE
    assert "We're glad you told us" not in text_of(response)


@pytest.mark.django_db
def test_watched_word_block_refuses_and_stores_nothing(member_client, thread):
    WatchedWord.objects.create(pattern="forbiddenword", action="block")
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "this has ForbiddenWord in it"})
    assert response.status_code == 400 and "breaks the community guidelines" in text_of(response)
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_thread_whose_opening_post_is_held_is_hidden_from_others(member_client, client, make_member, commons_board):
    member_client.post(
        reverse("forum:new_thread", args=["commons", "check-in"]),
        {"title": "Work offer", "body": "I can get you a modeling job, message me on whatsapp"},
    )
    client.force_login(make_member("Bystander5"))
    assert "Work offer" not in text_of(client.get(reverse("forum:board", args=["commons", "check-in"])))


@pytest.mark.django_db
def test_editing_in_contact_details_holds_the_post(member_client, member, make_thread, commons_board):
    post = make_thread(commons_board, author=member).posts.get()
    member_client.post(reverse("forum:edit_post", args=[post.pk]), {"title": "Hi", "body": "add me on snap: river.moon_07"})
    post.refresh_from_db()
    assert post.state == PostState.HELD


CRISIS = "I have the pills here and I'm going to take them all tonight"


@pytest.mark.django_db
def test_a_silenced_member_in_crisis_is_refused_but_heard(member_client, member, thread):
    member.silenced_until = timezone.now() + timedelta(days=1)
    member.save(update_fields=["silenced_until"])
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": CRISIS})
    page = text_of(response)
    assert response.status_code == 400 and "You can read, but not post" in page
    assert "We're glad you told us" in page and "988" in page
    assert not Post.objects.filter(author=member).exists()
    escalation = Escalation.objects.get(member=member)
    assert escalation.risk == "imminent"


@pytest.mark.django_db
def test_over_the_thread_limit_a_crisis_still_reaches_crisis_staff(member_client, member, commons_board, settings):
    settings.FORUM_LIMITS = {level: {**limits, "threads_per_day": 0} for level, limits in settings.FORUM_LIMITS.items()}
    url = reverse("forum:new_thread", args=[commons_board.space.slug, commons_board.slug])
    response = member_client.post(url, {"title": "tonight", "body": CRISIS})
    page = text_of(response)
    assert response.status_code == 400 and "threads a day" in page
    assert "We're glad you told us" in page
    assert Escalation.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_a_refused_ordinary_reply_shows_no_help_and_opens_nothing(member_client, member, thread):
    member.silenced_until = timezone.now() + timedelta(days=1)
    member.save(update_fields=["silenced_until"])
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Lovely weather today."})
    assert response.status_code == 400 and "We're glad you told us" not in text_of(response)
    assert not Escalation.objects.exists()
