"""The private care conversation inside an escalation (moderation/care.py).

Crisis staff and the member only: answered in words or with one tap,
screened, audited, live over the member's own socket and crisis staff's,
erased with the account and in the member's data export.
"""
import json

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse

from moderation.escalations import check_close, check_send_care_message, do_set_duty, open_escalation
from moderation.models import AuditEntry, CareMessage, Escalation
from peers.actions import do_delete_member
from tests.helpers import text_of

CARE = "Hi, this is Sam from the care team. Are you safe right now?"


@pytest.fixture
def escalation(member, crisis_staff):
    escalation = open_escalation(member, "concern", source="screening", categories=["self_harm"], excerpt="...")
    check_send_care_message(crisis_staff, escalation, CARE)
    return escalation


def answer(client, escalation, **data):
    return client.post(reverse("moderation:care_answer", args=[escalation.pk]), data, follow=True)


def from_member(escalation):
    return list(CareMessage.objects.filter(escalation=escalation, from_member=True).order_by("pk"))


@pytest.mark.django_db
def test_care_banner_offers_one_tap_answers_and_a_private_reply_not_a_post(member_client, escalation):
    page = text_of(member_client.get(reverse("home")))
    assert CARE in page
    assert "I'm safe now" in page and "I still need help" in page
    assert "Only our crisis team sees your answer" in page
    assert "answer by posting" not in page
    assert reverse("moderation:care_conversation", args=[escalation.pk]) in page


@pytest.mark.django_db
@pytest.mark.parametrize("tap, shown", [("safe", "I'm safe now"), ("need_help", "I still need help")])
def test_one_tap_answer_is_stored_audited_and_the_message_leaves_the_banner(
    member_client, member, escalation, tap, shown
):
    response = answer(member_client, escalation, answer=tap)
    [message] = from_member(escalation)
    assert message.answer == tap and message.member == member
    assert AuditEntry.objects.filter(action=f"escalation.member_answer.{tap}", target_id=str(escalation.pk)).exists()
    page = text_of(response)
    assert "No one from our crisis team is on duty right now; they will see it when they next come on duty" in page
    assert CareMessage.objects.get(escalation=escalation, from_member=False).seen_at is not None
    assert "Thank you, I've read this" not in text_of(member_client.get(reverse("home")))
    assert shown in page  # in the conversation, as the member's own line


@pytest.mark.django_db
def test_still_need_help_shows_help_at_once_and_reopens_a_closed_escalation(member_client, escalation, crisis_staff):
    check_close(crisis_staff, escalation, "reached")
    response = answer(member_client, escalation, answer="need_help")
    escalation.refresh_from_db()
    assert escalation.status == "open" and escalation.outcome == "" and escalation.closed_at is None
    page = text_of(response)
    assert "We're glad you told us" in page and "988" in page


@pytest.mark.django_db
def test_still_need_help_on_an_acknowledged_escalation_opens_it_again_and_the_dashboard_shows_it(
    client, member_client, escalation, crisis_staff
):
    assert escalation.status == "acknowledged"  # sending the care message acknowledged it
    answer(member_client, escalation, answer="need_help")
    escalation.refresh_from_db()
    assert escalation.status == "open"
    client.force_login(crisis_staff)
    dashboard = text_of(client.get(reverse("moderation:crisis")))
    assert "The member answered" in dashboard and "I still need help." in dashboard


@pytest.mark.django_db
def test_safe_now_on_a_closed_escalation_leaves_it_closed(member_client, escalation, crisis_staff):
    check_close(crisis_staff, escalation, "reached")
    response = answer(member_client, escalation, answer="safe")
    escalation.refresh_from_db()
    assert escalation.status == "closed"
    assert "We're glad you told us" not in text_of(response)


@pytest.mark.django_db
def test_written_answer_is_screened_and_a_danger_in_it_raises_the_escalation(member_client, escalation):
    response = answer(member_client, escalation, text="he knows where I live and he is outside my door right now")
    escalation.refresh_from_db()
    assert escalation.risk == "imminent" and "danger" in escalation.categories
    page = text_of(response)
    assert "Your safety comes first" in page and "get somewhere safe" in page
    assert from_member(escalation)[0].text.startswith("he knows where I live")


@pytest.mark.django_db
def test_with_staff_on_duty_the_member_is_told_they_can_see_it(member_client, escalation, crisis_staff):
    do_set_duty(crisis_staff, True)
    page = text_of(answer(member_client, escalation, text="Yes, I'm at my sister's. Thank you."))
    assert "Our crisis team is on duty and can see it now" in page


@pytest.mark.django_db
@pytest.mark.parametrize("data, error", [
    ({"text": ""}, "A message is 1 to 2,000 characters."),
    ({"text": "   "}, "A message is 1 to 2,000 characters."),
    ({"text": "a" * 2001}, "A message is 1 to 2,000 characters."),
    ({"answer": "maybe"}, "Choose one of the answers."),
])
def test_bad_answer_is_refused_with_a_message_and_stores_nothing(member_client, escalation, data, error):
    page = text_of(answer(member_client, escalation, **data))
    assert error in page
    assert from_member(escalation) == []
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["newcomer", "outsider", "moderator", "crisis_staff"])
def test_no_one_else_can_read_or_answer_the_conversation(client, escalation, request, who):
    client.force_login(request.getfixturevalue(who))
    conversation = reverse("moderation:care_conversation", args=[escalation.pk])
    assert client.get(conversation).status_code == 404
    assert client.get(conversation + "?fragment=1").status_code == 404
    assert client.post(reverse("moderation:care_answer", args=[escalation.pk]), {"answer": "safe"}).status_code == 404
    assert from_member(escalation) == []


@pytest.mark.django_db
def test_an_escalation_staff_never_wrote_about_has_no_conversation(member_client, member):
    quiet = open_escalation(member, "concern", source="screening", excerpt="...")
    assert member_client.get(reverse("moderation:care_conversation", args=[quiet.pk])).status_code == 404


@pytest.mark.django_db
def test_staff_see_the_answers_on_the_escalation_page_and_not_as_their_own_care_message(
    client, member_client, escalation, crisis_staff
):
    answer(member_client, escalation, answer="safe")
    answer(member_client, escalation, text="I'm at a friend's place tonight.")
    client.force_login(crisis_staff)
    page = text_of(client.get(reverse("moderation:escalation", args=[escalation.pk])))
    assert "tapped I'm safe now" in page.replace("<strong>", "").replace("</strong>", "")
    assert "I'm at a friend's place tonight." in page and CARE in page
    assert "Thank you, I've read this" not in page  # the clash: staff were shown their own message as addressed to them
    fragment = text_of(client.get(reverse("moderation:escalation_conversation", args=[escalation.pk])))
    assert "I'm at a friend's place tonight." in fragment


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [1, 8])
def test_conversation_page_queries_do_not_grow_with_its_length(
    member_client, escalation, answers, django_assert_max_num_queries
):
    for number in range(answers):
        answer(member_client, escalation, text=f"Answer number {number}")
    with django_assert_max_num_queries(12):
        response = member_client.get(reverse("moderation:care_conversation", args=[escalation.pk]))
    assert text_of(response).count("Answer number") == answers


@pytest.mark.django_db
@pytest.mark.parametrize("erase_content", [True, False])
def test_the_conversation_goes_with_the_account(member, member_client, escalation, erase_content):
    answer(member_client, escalation, text="Private words for the team.")
    exported = json.loads(member_client.get(reverse("peers:download_data")).content)
    assert [line["from"] for line in exported["care_conversation"]] == ["our care team", "you"]
    assert exported["care_conversation"][1]["text"] == "Private words for the team."
    do_delete_member(member, erase_content=erase_content)
    assert not CareMessage.objects.filter(escalation=escalation).exists()
    assert Escalation.objects.filter(pk=escalation.pk).exists()  # the staff record stays, with no member


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_answers_reach_crisis_staff_live_and_staff_messages_reach_the_member_live(member, crisis_staff):
    from tests.realtime.test_consumers import socket

    escalation = await database_sync_to_async(open_escalation)(member, "concern", source="screening", excerpt="...")
    async with socket("/ws/me/", member) as (me, _), socket("/ws/crisis/", crisis_staff) as (staff, _):
        await database_sync_to_async(check_send_care_message)(crisis_staff, escalation, CARE)
        assert (await me.receive_json_from())["type"] == "member.care"
        while not await staff.receive_nothing(timeout=0.2):
            await staff.receive_json_from()  # the acknowledgement that sending implies
        from moderation.care import check_answer_care

        await database_sync_to_async(check_answer_care)(member, escalation, "I'm okay, thank you")
        assert (await staff.receive_json_from())["type"] == "crisis.escalation"
        assert (await me.receive_json_from())["type"] == "member.care"  # the member's other pages
