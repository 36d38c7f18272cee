"""What screening does to a write: escalations in the same transaction, flags, holds."""
import pytest
from django.db import transaction
from django.urls import reverse

from forum.models import Post, PostState
from moderation.models import Escalation, Flag, Lane
from peers.models import TrustLevel


def reply(client, thread, body):
    return client.post(reverse("forum:reply", args=[thread.pk]), {"body": body})


@pytest.fixture
def thread(make_thread, make_member, commons_board):
    return make_thread(commons_board, author=make_member("Opener1"))


@pytest.mark.django_db
def test_imminent_post_opens_escalation_and_crisis_flag(member_client, member, thread):
    reply(member_client, thread, "I have the pills in front of me and I'm taking them all tonight")
    post = Post.objects.latest("id")
    escalation = Escalation.objects.get()
    assert (escalation.member, escalation.risk, escalation.post, escalation.status) == (member, "imminent", post, "open")
    flag = Flag.objects.get(post=post)
    assert flag.lane == Lane.CRISIS_IMMINENT and "self_harm" in flag.reasons
    assert flag.spans and flag.text.startswith("I have the pills")


@pytest.mark.django_db
def test_concern_post_opens_concern_escalation_and_stays_visible(member_client, thread):
    reply(member_client, thread, "been having thoughts of ending my life again")
    assert Escalation.objects.get().risk == "concern"
    assert Post.objects.latest("id").state == PostState.VISIBLE
    assert Flag.objects.get().lane == Lane.CRISIS_CONCERN


@pytest.mark.django_db
def test_escalation_is_rolled_back_with_the_write(member, thread):
    from forum.actions import check_reply

    with pytest.raises(RuntimeError), transaction.atomic():
        check_reply(member, thread, body="tonight I end it, I have the rope ready")
        assert Escalation.objects.count() == 1
        raise RuntimeError("the write fails after screening")
    assert not Escalation.objects.exists() and thread.posts.count() == 1


@pytest.mark.django_db
def test_contact_post_is_flagged_in_the_danger_and_contact_lane(member_client, thread):
    reply(member_client, thread, "add me on telegram @easyjobs, work pays cash daily")
    flag = Flag.objects.get()
    assert flag.lane == Lane.DANGER_CONTACT and "contact" in flag.reasons
    assert not Escalation.objects.exists()


@pytest.mark.django_db
def test_newcomer_link_is_held_for_review(client, make_member, thread):
    newcomer = make_member("Fresh1", trust_level=TrustLevel.NEWCOMER)
    client.force_login(newcomer)
    reply(client, thread, "This article helped me: https://example.org/healing")
    post = Post.objects.latest("id")
    assert post.state == PostState.HELD and "While you are new" in post.held_reason
    assert Flag.objects.get(post=post).lane == Lane.HELD_NEWCOMER


@pytest.mark.django_db
def test_newcomer_first_post_in_opt_in_space_is_held_then_not(client, make_member, make_thread, mens_space, mens_board, settings):
    settings.FORUM_LIMITS = {k: {**v, "seconds_between_posts": 0} for k, v in settings.FORUM_LIMITS.items()}
    from forum.models import SpaceMembership

    newcomer = make_member("Fresh2", trust_level=TrustLevel.NEWCOMER)
    SpaceMembership.objects.create(space=mens_space, member=newcomer)
    thread = make_thread(mens_board, author=make_member("Opener2"))
    client.force_login(newcomer)
    reply(client, thread, "Thank you for writing this.")
    first = Post.objects.latest("id")
    assert first.state == PostState.HELD
    from forum.actions import do_set_post_state

    do_set_post_state(first, PostState.VISIBLE)
    reply(client, thread, "It helps to read.")
    assert Post.objects.latest("id").state == PostState.VISIBLE


@pytest.mark.django_db
def test_member_links_are_not_held(member_client, thread):
    reply(member_client, thread, "This article helped me: https://example.org/healing")
    assert Post.objects.latest("id").state == PostState.VISIBLE and not Flag.objects.exists()


@pytest.mark.django_db
def test_newcomer_is_promoted_after_time_and_visible_posts(make_member, settings, thread):
    from datetime import timedelta

    from django.utils import timezone

    from forum.actions import check_reply

    settings.FORUM_LIMITS = {k: {**v, "seconds_between_posts": 0} for k, v in settings.FORUM_LIMITS.items()}
    settings.TRUST_PROMOTION = {"days": 3, "approved_posts": 2}
    newcomer = make_member("Fresh3", trust_level=TrustLevel.NEWCOMER, date_joined=timezone.now() - timedelta(days=4))
    check_reply(newcomer, thread, body="Hello, I'm glad this exists.")
    newcomer.refresh_from_db()
    assert newcomer.trust_level == TrustLevel.NEWCOMER
    check_reply(newcomer, thread, body="Thank you all.")
    newcomer.refresh_from_db()
    assert newcomer.trust_level == TrustLevel.MEMBER
