"""Small words that must be right: times, plurals, a welcome after joining."""
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tests.helpers import text_of


def render(source, **context):
    return Template("{% load when %}" + source).render(Context(context))


@pytest.mark.parametrize("seconds, words", [(0, "just now"), (59, "just now"), (60, "1 minute ago"),
                                            (3 * 3600, "3 hours ago")])
def test_ago_never_says_zero_minutes(seconds, words):
    assert render("{{ moment|ago }}", moment=timezone.now() - timedelta(seconds=seconds)).replace("\xa0", " ") == words


@pytest.mark.parametrize("seconds, words", [(5, "under a minute"), (120, "2 minutes")])
def test_waited_says_under_a_minute(seconds, words):
    assert render("{{ moment|waited }}", moment=timezone.now() - timedelta(seconds=seconds)).replace("\xa0", " ") == words


@pytest.mark.django_db
def test_a_new_post_says_just_now_not_zero_minutes(member_client, make_thread, commons_board):
    page = text_of(member_client.get(reverse("forum:thread", args=[make_thread(commons_board).pk])))
    assert "just now" in page and "0 minutes" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("wait, words", [(1, "Please wait 1 second before"), (7, "Please wait 7 seconds before")])
def test_posting_too_soon_says_second_or_seconds(member, settings, make_post, make_thread, commons_board, wait, words):
    from forum.limits import rate_refusal

    settings.FORUM_LIMITS = {kind: {**limits, "seconds_between_posts": wait}
                             for kind, limits in settings.FORUM_LIMITS.items()}
    thread = make_thread(commons_board)
    make_post(thread, author=member)
    assert rate_refusal(member, new_thread=False).startswith(words)


@pytest.mark.django_db
def test_escalation_time_has_no_double_full_stop(client, crisis_staff, member):
    from moderation.escalations import open_escalation

    escalation = open_escalation(member, "concern", source="screening", excerpt="...")
    client.force_login(crisis_staff)
    page = text_of(client.get(reverse("moderation:escalation", args=[escalation.pk])))
    assert "a.m.." not in page and "p.m.." not in page and ".." not in page.split("<blockquote>")[0].split("<h1>")[1]


@pytest.mark.django_db
def test_continue_after_the_recovery_codes_lands_on_a_welcome(client):
    data = {"pseudonym": "NewHere1", "passphrase": "a long enough phrase", "passphrase_again": "a long enough phrase",
            "agree": "on"}
    codes = text_of(client.post(reverse("peers:join"), data))
    assert 'action="/"' in codes and 'name="welcome" value="1"' in codes
    welcome = text_of(client.get("/", {"welcome": "1", "kept": "on"}))
    assert "Welcome to Lantern, NewHere1" in welcome and "Say hello, or just read" in welcome
    assert "Welcome back" in text_of(client.get("/"))


@pytest.mark.django_db
def test_held_post_notice_shows_once_on_the_page_it_lands_on(member_client, make_thread, make_member, commons_board):
    from moderation.api import HELD_FOR_CONTACT

    thread = make_thread(commons_board, author=make_member("Opener9"))
    response = member_client.post(reverse("forum:reply", args=[thread.pk]),
                                  {"body": "text me at 555-201-3344 and we can talk privately"})
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{thread.posts.latest('pk').pk}")
    page = text_of(member_client.get(response["Location"]))
    assert page.count(HELD_FOR_CONTACT) == 1


@pytest.mark.django_db
def test_deleting_a_post_asks_first(member_client, member, make_thread, commons_board):
    thread = make_thread(commons_board, author=member)
    page = text_of(member_client.get(reverse("forum:thread", args=[thread.pk])))
    asked = page.index("<summary>Delete</summary>")
    assert page.index("Delete this post?") > asked
    assert page.index("Yes, delete this post") > asked


@pytest.mark.django_db
def test_deciding_an_appeal_is_confirmed(client, member, moderator, make_member):
    from moderation import penalties

    penalty = penalties.check_issue_penalty(moderator, member, "warning", "sample")
    appeal = penalties.check_appeal(member, penalty, "I was quoting someone else.")
    client.force_login(make_member("OtherModerator1", role="moderator"))
    response = client.post(reverse("moderation:decide_appeal", args=[appeal.pk]),
                           {"decision": "overturned", "note": "Quoting, not saying"}, follow=True)
    assert f"Decided: penalty overturned for {member.pseudonym}." in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no/such/page/", "/t/999999/", "/s/nowhere/"])
def test_under_debug_a_missing_page_is_lanterns_own_with_quick_exit(client, member, settings, path):
    settings.DEBUG = True  # as `make run` sets it
    client.force_login(member)
    response = client.get(path)
    page = text_of(response)
    assert response.status_code == 404
    assert 'id="quick-exit"' in page
    assert "URLconf" not in page and "urlpatterns" not in page.lower()
