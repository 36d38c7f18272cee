"""What a member in crisis is told at once is true at the moment it is shown (moderation/crisis_help.py).

Self-harm and danger get different words and a different order of hotlines;
"crisis staff have been told" is said only while someone is on duty, and
with no one on duty the member is told so plainly, hotlines first.
"""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Space
from moderation.escalations import do_set_duty
from moderation.models import Escalation
from rooms import chat, schedule
from tests.helpers import text_of

SELF_HARM = [
    "I have the pills here and I'm going to take them all tonight",
    "these days my mind keeps drifting to ending it all",
]
DANGER = [
    "he knows where I live and he is outside my door right now",
    "my trafficker found me and says he will kill me tonight",
]
PROMISES = ["will reach out to you", "has been told"]


@pytest.fixture
def thread(make_thread, make_member, commons_board):
    return make_thread(commons_board, author=make_member("Opener9"))


def reply(client, thread, body):
    return client.post(reverse("forum:reply", args=[thread.pk]), {"body": body}, follow=True)


def help_box(response):
    page = text_of(response)
    match = re.search(r'<section class="help-now.*?</section>', page, re.S)
    assert match, "no help box on the page"
    return re.sub(r"<[^>]+>", " ", match.group(0))


def order_of(box, *names):
    return [box.index(name) for name in names]


@pytest.mark.django_db
@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm_with_no_one_on_duty_says_so_and_puts_988_first(member_client, thread, text):
    box = help_box(reply(member_client, thread, text))
    assert "No one from our crisis team is on duty right now" in box
    assert "when they next come on duty" in box
    assert not any(promise in box for promise in PROMISES)
    assert "If you might act on these thoughts" in box
    first_988, first_911, first_trafficking = order_of(box, "988 Suicide", "Emergency services", "Trafficking Hotline")
    assert first_988 < first_911 < first_trafficking
    assert box.index("Trafficking Hotline") < box.index("No one from our crisis team")  # hotlines first


@pytest.mark.django_db
@pytest.mark.parametrize("text", DANGER)
def test_danger_gets_safety_words_with_911_and_the_trafficking_hotline_first(member_client, thread, text):
    box = help_box(reply(member_client, thread, text))
    assert "Your safety comes first" in box and "get somewhere safe" in box and "call 911" in box
    assert "act on these thoughts" not in box
    first_911, first_trafficking, first_988 = order_of(box, "Emergency services", "Trafficking Hotline", "988 Suicide")
    assert first_911 < first_trafficking < first_988
    assert "No one from our crisis team is on duty right now" in box
    assert "danger" in Escalation.objects.latest("pk").categories


@pytest.mark.django_db
@pytest.mark.parametrize("text", SELF_HARM[:1] + DANGER[:1])
def test_with_crisis_staff_on_duty_the_member_is_told_they_know(member_client, thread, crisis_staff, text):
    do_set_duty(crisis_staff, True)
    box = help_box(reply(member_client, thread, text))
    assert "Someone from our crisis team is on duty now and has been told" in box
    assert "No one from our crisis team" not in box


@pytest.mark.django_db
def test_staff_gone_off_duty_are_not_promised(member_client, thread, crisis_staff):
    do_set_duty(crisis_staff, True)
    do_set_duty(crisis_staff, False)
    box = help_box(reply(member_client, thread, SELF_HARM[0]))
    assert "No one from our crisis team is on duty right now" in box


@pytest.mark.django_db
def test_held_crisis_post_notice_promises_no_one(member_client, thread):
    page = text_of(reply(member_client, thread, SELF_HARM[0]))
    notice = re.search(r'<p class="notice held" role="note">(.*?)</p>', page, re.S).group(1)  # on the held post
    assert "holding this for a moment" in notice
    assert not any(promise in notice for promise in PROMISES)


@pytest.mark.django_db
def test_staff_coming_on_duty_are_told_what_waited_for_them(client, member_client, thread, crisis_staff):
    reply(member_client, thread, SELF_HARM[0])
    reply(member_client, thread, DANGER[0])
    client.force_login(crisis_staff)
    response = client.post(reverse("moderation:crisis_duty"), {"on_duty": "1"}, follow=True)
    assert "2 escalations are waiting for someone to acknowledge them" in text_of(response)


@pytest.mark.django_db
def test_staff_coming_on_duty_with_nothing_waiting_hear_only_that_they_are_on_duty(client, crisis_staff):
    client.force_login(crisis_staff)
    page = text_of(client.post(reverse("moderation:crisis_duty"), {"on_duty": "1"}, follow=True))
    assert "You are on duty" in page and "waiting for someone" not in page


def make_room(mentor):
    start = timezone.now() - timedelta(minutes=5)
    return schedule.check_schedule_room(mentor, space=Space.objects.get(slug="commons"), title="Evening circle",
                                     starts_at=start, ends_at=start + timedelta(hours=1))


def help_event_for(member, room, text):
    schedule.check_agree_to_rules(member, room)
    _, _, own_events = chat.check_send_message(member, room, text, sender_channel="member-socket")
    [event] = [event for event in own_events if event["type"] == "room.help"]
    return event


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("text, kind, first", [(SELF_HARM[0], "self_harm", "988"), (DANGER[0], "danger", "911")])
def test_room_help_follows_the_kind_of_crisis_and_who_is_on_duty(member, mentor, crisis_staff, text, kind, first):
    room = make_room(mentor)
    chat.check_arrive(mentor, room, "host-socket")  # the host is there: messages are stored
    event = help_event_for(member, room, text)
    assert event["kind"] == kind and event["resources"][0]["phone"] == first
    assert event["on_duty"] is False and "No one from our crisis team" in event["who_knows"]
    do_set_duty(crisis_staff, True)
    event = help_event_for(member, room, text + " again")
    assert event["on_duty"] is True and "has been told" in event["who_knows"]
