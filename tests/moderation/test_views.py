"""The moderation pages through HTTP: who may reach them, and what they show and do."""
import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from forum.models import PostState
from moderation import escalations, penalties, queue
from moderation.models import AuditEntry, CareMessage, Escalation, Flag, Lane, Report
from peers.models import Role
from tests.helpers import text_of


@pytest.fixture
def flagged(make_thread, make_post, make_member, commons_board):
    author = make_member("Recruiter1")
    post = make_post(make_thread(commons_board), author=author, body="message me on whatsapp for work", state=PostState.HELD)
    return queue.open_flag(post, Lane.DANGER_CONTACT, reasons=["contact"], text=post.body, spans=[(14, 22, "contact", "app")])


@pytest.fixture
def escalation(member, flagged):
    return escalations.open_escalation(member, "imminent", source="screening", excerpt="I can't do this anymore tonight")


def routes(prefixes):
    namespace = get_resolver().namespace_dict["moderation"][1]
    for entry in namespace.url_patterns:
        if isinstance(entry, URLPattern) and str(entry.pattern).startswith(prefixes):
            yield entry.name


def url_for(name, flagged, escalation):
    kwargs = {"flag_id": flagged.pk, "member_id": flagged.author_id, "appeal_id": 1, "escalation_id": escalation.pk}
    wanted = get_resolver().namespace_dict["moderation"][1].reverse_dict.getlist(name)[0][0][0][1]
    return reverse(f"moderation:{name}", kwargs={k: kwargs[k] for k in wanted})


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MEMBER, Role.MENTOR, Role.CRISIS_STAFF])
def test_moderation_pages_answer_404_to_non_moderators(make_member, flagged, escalation, role):
    client = signed_in(make_member(role=role))
    for name in routes("moderation/"):
        url = url_for(name, flagged, escalation)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"decision": "approve", "reason": "Looks fine"}).status_code == 404, url
    flagged.refresh_from_db()
    assert flagged.status == "open" and not AuditEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MEMBER, Role.MENTOR, Role.MODERATOR])
def test_crisis_pages_answer_404_to_everyone_but_crisis_staff(make_member, flagged, escalation, role):
    client = signed_in(make_member(role=role))
    for name in routes("crisis/"):
        url = url_for(name, flagged, escalation)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"text": "hello", "outcome": "reached"}).status_code == 404, url
    escalation.refresh_from_db()
    assert escalation.status == "open" and not escalation.notes.exists() and not CareMessage.objects.exists()


@pytest.mark.django_db
def test_queue_shows_the_item_with_highlighted_match_and_context(moderator, flagged):
    page = text_of(signed_in(moderator).get(reverse("moderation:queue")))
    assert "Danger, recruitment or contact" in page
    assert '<mark class="contact" title="contact: app">whatsapp</mark>' in page
    assert "Recruiter1</a>," in page and "member, 0 earlier items, 0 penalties" in " ".join(page.split())
    assert "now held for review" in page
    assert "Redact “whatsapp”" in page


@pytest.mark.django_db
def test_queue_fragment_is_the_list_alone(moderator, flagged):
    response = signed_in(moderator).get(reverse("moderation:queue"), {"fragment": "1"})
    assert "<html" not in response.content.decode() and f'id="flag-{flagged.pk}"' in response.content.decode()


@pytest.mark.django_db
def test_claim_and_resolve_through_the_page(moderator, flagged):
    client = signed_in(moderator)
    client.post(reverse("moderation:claim", args=[flagged.pk]))
    response = client.post(reverse("moderation:resolve", args=[flagged.pk]), {"decision": "remove", "reason": "Recruitment or grooming"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    flagged.post.refresh_from_db()
    assert flagged.status == "resolved" and flagged.post.state == PostState.REMOVED
    assert AuditEntry.objects.get(action="post.remove").reason == "Recruitment or grooming"


@pytest.mark.django_db
def test_resolve_without_reason_changes_nothing(moderator, flagged):
    response = signed_in(moderator).post(reverse("moderation:resolve", args=[flagged.pk]), {"decision": "approve"}, follow=True)
    assert "needs a reason" in text_of(response)
    flagged.refresh_from_db()
    assert flagged.status == "open"


@pytest.mark.django_db
def test_bulk_remove_through_the_page(moderator, make_thread, make_post, commons_board):
    thread = make_thread(commons_board)
    flags = [queue.open_flag(make_post(thread, state="held"), Lane.WATCHED, reasons=["watched"]) for _ in range(3)]
    signed_in(moderator).post(reverse("moderation:bulk"), {"flags": [f.pk for f in flags], "decision": "remove", "reason": "Spam"})
    assert Flag.objects.filter(status="resolved").count() == 3


@pytest.mark.django_db
def test_silence_from_the_member_page(moderator, flagged):
    signed_in(moderator).post(
        reverse("moderation:penalise", args=[flagged.author_id]), {"kind": "silence", "duration": "72h", "reason": "Spam"}
    )
    flagged.author.refresh_from_db()
    assert flagged.author.is_silenced


@pytest.mark.django_db
def test_report_page_files_a_report(member_client, member, make_thread, make_member, commons_board):
    post = make_thread(commons_board, author=make_member("Poster4")).posts.get()
    response = member_client.post(reverse("moderation:report_post", args=[post.pk]), {"reason": "victim_blaming", "note": "unkind"})
    assert response.status_code == 302
    assert Report.objects.get().reason == "victim_blaming" and Flag.objects.get().lane == Lane.REPORTED


@pytest.mark.django_db
def test_report_for_a_post_out_of_audience_is_404(member_client, make_thread, mens_member, mens_board):
    post = make_thread(mens_board, author=mens_member).posts.get()
    assert member_client.post(reverse("moderation:report_post", args=[post.pk]), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_care_message_shows_on_the_next_page_until_read(member_client, crisis_staff, escalation):
    escalations.check_send_care_message(crisis_staff, escalation, "We're thinking of you. We're here.")
    page = text_of(member_client.get(reverse("forum:index")))
    assert "A message from our care team" in page and "We're thinking of you" in page
    message = CareMessage.objects.get()
    member_client.post(reverse("moderation:care_seen", args=[message.pk]), {"next": "/boards/"})
    assert "We're thinking of you" not in text_of(member_client.get(reverse("forum:index")))


@pytest.mark.django_db
def test_crisis_dashboard_lists_open_escalations_and_marks_overdue(crisis_staff, escalation, settings):
    from datetime import timedelta

    from django.utils import timezone

    Escalation.objects.filter(pk=escalation.pk).update(opened_at=timezone.now() - timedelta(minutes=6))
    page = text_of(signed_in(crisis_staff).get(reverse("moderation:crisis")))
    assert "Imminent" in page and "overdue" in page and "I can't do this anymore" in page


@pytest.mark.django_db
def test_crisis_staff_acknowledge_note_and_close_through_pages(crisis_staff, escalation):
    client = signed_in(crisis_staff)
    client.post(reverse("moderation:acknowledge", args=[escalation.pk]))
    client.post(reverse("moderation:escalation_note", args=[escalation.pk]), {"text": "Reached out."})
    client.post(reverse("moderation:escalation_close", args=[escalation.pk]), {"outcome": "referred", "note": "988"})
    escalation.refresh_from_db()
    assert escalation.status == "closed" and escalation.outcome == "referred" and escalation.notes.count() == 2


@pytest.mark.django_db
def test_member_appeals_from_the_account_page(member_client, member, moderator):
    penalty = penalties.check_issue_penalty(moderator, member, "warning", "tone")
    page = text_of(member_client.get(reverse("peers:account")))
    assert "Moderation decisions about you" in page and "Reason: tone" in page
    member_client.post(reverse("moderation:appeal", args=[penalty.pk]), {"text": "I was quoting someone."})
    assert "You appealed" in text_of(member_client.get(reverse("peers:account")))


@pytest.mark.django_db
def test_audit_log_filters_by_actor_action_and_target(moderator, make_member, flagged):
    other = make_member("OtherMod", role=Role.MODERATOR)
    queue.check_claim(moderator, flagged)
    penalties.check_issue_penalty(other, flagged.author, "warning", "first warning")
    client = signed_in(moderator)
    by_actor = text_of(client.get(reverse("moderation:audit"), {"actor": "OtherMod"}))
    assert "penalty.warning" in by_actor and "flag.claim" not in by_actor
    by_action = text_of(client.get(reverse("moderation:audit"), {"action": "flag"}))
    assert "flag.claim" in by_action and "penalty.warning" not in by_action
    by_target = text_of(client.get(reverse("moderation:audit"), {"target": "Recruiter1"}))
    assert "penalty.warning" in by_target


@pytest.mark.django_db
def test_crisis_staff_release_a_held_post_after_looking(crisis_staff, member, make_thread, make_post, commons_board):
    post = make_post(make_thread(commons_board), author=member, body="tonight I end it", state=PostState.HELD)
    escalation = escalations.open_escalation(member, "imminent", source="screening", post=post, excerpt=post.body)
    signed_in(crisis_staff).post(reverse("moderation:escalation_release_post", args=[escalation.pk]))
    post.refresh_from_db()
    assert post.state == PostState.VISIBLE and AuditEntry.objects.filter(action="escalation.release_post").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("next_url, expected", [("/boards/", "/boards/"), ("//evil.example/x", "/"), ("https://evil.example/", "/")])
def test_care_seen_returns_only_within_lantern(member_client, member, next_url, expected):
    message = CareMessage.objects.create(member=member, text="hello")
    response = member_client.post(reverse("moderation:care_seen", args=[message.pk]), {"next": next_url})
    assert response["Location"] == expected


@pytest.mark.django_db
def test_care_fragment_sends_the_member_back_to_the_page_they_are_on(member_client, member):
    CareMessage.objects.create(member=member, text="hello")
    fragment = member_client.get(reverse("moderation:care"), HTTP_REFERER="http://testserver/boards/")
    assert 'name="next" value="/boards/"' in fragment.content.decode()


@pytest.mark.django_db
def test_crisis_dashboard_is_live_only_on_duty(crisis_staff):
    client = signed_in(crisis_staff)
    assert 'data-live-url="/ws/crisis/"' not in client.get(reverse("moderation:crisis")).content.decode()
    client.post(reverse("moderation:crisis_duty"), {"on_duty": "1"})
    assert 'data-live-url="/ws/crisis/"' in client.get(reverse("moderation:crisis")).content.decode()


@pytest.mark.django_db
def test_staff_pages_answer_404_to_anonymous_visitors_not_a_login_redirect(client, flagged, escalation):
    names = [f"moderation:{name}" for name in routes(("moderation/", "crisis/"))]
    names += ["peers:mentor_applications", "peers:mentor_decide", "peers:mentor_revoke"]
    assert len(names) > 20
    for name in names:
        if name.startswith("moderation:"):
            url = url_for(name.split(":")[1], flagged, escalation)
        else:
            url = reverse(name, kwargs={"application_id": 1} if "decide" in name else {"member_id": 1} if "revoke" in name else {})
        for response in (client.get(url), client.post(url, {"decision": "approve", "reason": "x"})):
            assert response.status_code == 404, url
