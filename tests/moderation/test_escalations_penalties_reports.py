from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.models import PostState
from moderation import escalations, penalties
from moderation.models import Appeal, AuditEntry, CareMessage, Escalation, Flag, Lane, Penalty
from moderation.reports import ReportRefused, check_report
from peers.models import TrustLevel


@pytest.fixture
def escalation(member):
    return escalations.open_escalation(member, "imminent", source="screening", excerpt="I can't go on")


@pytest.mark.django_db
def test_acknowledge_records_time_and_who(escalation, crisis_staff):
    assert escalations.check_acknowledge(crisis_staff, escalation) is True
    assert escalations.check_acknowledge(crisis_staff, escalation) is False
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged" and escalation.acknowledged_by == crisis_staff
    assert escalation.seconds_to_acknowledge >= 0


@pytest.mark.django_db
def test_care_message_reaches_the_member_and_acknowledges(escalation, crisis_staff, member):
    escalations.check_send_care_message(crisis_staff, escalation, "We're here. Would you like to talk?")
    assert CareMessage.objects.get(member=member).text == "We're here. Would you like to talk?"
    escalation.refresh_from_db()
    assert escalation.status == "acknowledged"


@pytest.mark.django_db
def test_close_needs_an_outcome_and_keeps_notes(escalation, crisis_staff):
    with pytest.raises(escalations.EscalationRefused):
        escalations.check_close(crisis_staff, escalation, "whatever")
    escalations.check_add_note(crisis_staff, escalation, "Called back, safe for now.")
    escalations.check_close(crisis_staff, escalation, "reached", "Will follow up tomorrow.")
    escalation.refresh_from_db()
    assert escalation.status == "closed" and escalation.outcome == "reached"
    assert [n.text for n in escalation.notes.all()] == ["Called back, safe for now.", "Will follow up tomorrow."]
    assert AuditEntry.objects.filter(action="escalation.close.reached").exists()


@pytest.mark.django_db
def test_unacknowledged_escalation_becomes_overdue_once(escalation, settings):
    settings.CRISIS_ACKNOWLEDGE_SECONDS = 300
    assert escalations.mark_overdue(now=timezone.now() + timedelta(seconds=200)) == 0
    assert escalations.mark_overdue(now=timezone.now() + timedelta(seconds=301)) == 1
    assert escalations.mark_overdue(now=timezone.now() + timedelta(seconds=900)) == 0
    escalation.refresh_from_db()
    assert escalation.overdue_at is not None


@pytest.mark.django_db
def test_urgent_first_puts_open_imminent_before_concern_and_acknowledged(member, make_member, crisis_staff):
    concern = escalations.open_escalation(make_member("A1"), "concern", source="screening")
    imminent = escalations.open_escalation(make_member("A2"), "imminent", source="screening")
    handled = escalations.open_escalation(make_member("A3"), "imminent", source="screening")
    escalations.check_acknowledge(crisis_staff, handled)
    assert escalations.urgent_first() == [imminent, concern, handled]


@pytest.mark.django_db
def test_dashboard_stats_count_and_median(member, make_member, crisis_staff):
    for n in range(3):
        e = escalations.open_escalation(make_member(f"S{n}"), "concern", source="screening")
        Escalation.objects.filter(pk=e.pk).update(opened_at=timezone.now() - timedelta(seconds=60 * (n + 1)))
        escalations.check_acknowledge(crisis_staff, Escalation.objects.get(pk=e.pk))
    escalations.open_escalation(member, "imminent", source="screening")
    stats = escalations.dashboard_stats()
    assert stats["open_imminent"] == 1 and stats["open_concern"] == 3
    assert 110 <= stats["median_seconds_to_acknowledge"] <= 130


@pytest.mark.django_db
def test_silenced_member_can_read_but_not_post(moderator, member, member_client, make_thread, make_member, commons_board):
    thread = make_thread(commons_board, author=make_member("Opener7"))
    penalties.check_issue_penalty(moderator, member, "silence", "heated replies", duration="24h")
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "one more thing"})
    assert response.status_code == 400 and "You can read, but not post" in response.content.decode()
    assert member_client.get(reverse("forum:thread", args=[thread.pk])).status_code == 200
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_silence_ends_by_itself(moderator, member):
    penalties.check_issue_penalty(moderator, member, "silence", "cool off", duration="24h")
    member.refresh_from_db()
    assert member.is_silenced
    member.silenced_until = timezone.now() - timedelta(seconds=1)
    assert not member.is_silenced


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["suspension", "ban"])
def test_suspension_and_ban_end_sessions_and_refuse_login(moderator, member, kind):
    device = Client()
    device.force_login(member)
    penalties.check_issue_penalty(moderator, member, kind, "recruiting members", days=7 if kind == "suspension" else None)
    assert not device.get("/").context["user"].is_authenticated
    login = Client().post(reverse("peers:login"), {"pseudonym": member.pseudonym, "passphrase": "correct horse battery staple"})
    assert login.status_code == 200 and "don't match an account" in login.content.decode().replace("&#x27;", "'")


@pytest.mark.django_db
def test_penalty_needs_a_reason_and_a_valid_duration(moderator, member):
    with pytest.raises(penalties.PenaltyRefused):
        penalties.check_issue_penalty(moderator, member, "silence", "", duration="24h")
    with pytest.raises(penalties.PenaltyRefused):
        penalties.check_issue_penalty(moderator, member, "silence", "why", duration="1y")
    assert not Penalty.objects.exists()


@pytest.mark.django_db
def test_appeal_once_decided_by_another_moderator(moderator, member, make_member):
    penalty = penalties.check_issue_penalty(moderator, member, "silence", "heated", duration="7d")
    appeal = penalties.check_appeal(member, penalty, "I was defending someone.")
    with pytest.raises(penalties.PenaltyRefused, match="already appealed"):
        penalties.check_appeal(member, penalty, "again")
    with pytest.raises(penalties.PenaltyRefused, match="Another moderator"):
        penalties.check_decide_appeal(moderator, appeal, "overturned", "fair point")
    penalties.check_decide_appeal(make_member(role="moderator"), appeal, "overturned", "context shows defence")
    member.refresh_from_db()
    assert not member.is_silenced and Appeal.objects.get().decision == "overturned"


@pytest.fixture
def post(make_thread, make_member, commons_board):
    return make_thread(commons_board, author=make_member("Author9")).posts.get()


@pytest.mark.django_db
def test_report_once_per_member_per_post(member, post):
    check_report(member, post, "spam")
    with pytest.raises(ReportRefused, match="already reported"):
        check_report(member, post, "harassment")
    flag = Flag.objects.get(post=post)
    assert flag.lane == Lane.REPORTED and flag.report_weight == 2


@pytest.mark.django_db
def test_weighted_reports_hide_the_post_pending_review(make_member, post, settings):
    settings.MODERATION_REPORT_HIDE_WEIGHT = 5
    check_report(make_member("R1", trust_level=TrustLevel.TRUSTED), post, "harassment")
    post.refresh_from_db()
    assert post.state == PostState.VISIBLE
    check_report(make_member("R2", trust_level=TrustLevel.MEMBER), post, "harassment")
    post.refresh_from_db()
    assert post.state == PostState.HELD


@pytest.mark.django_db
def test_worried_report_opens_a_crisis_escalation_for_the_author(member, post):
    check_report(member, post, "worried", "They said goodbye to everyone yesterday.")
    escalation = Escalation.objects.get(member=post.author)
    assert escalation.source == "report" and Flag.objects.get(post=post).lane == Lane.CRISIS_CONCERN


@pytest.mark.django_db
def test_report_note_with_a_crisis_reaches_crisis_staff_for_the_reporter(member, post):
    check_report(member, post, "other", "this thread makes me want to kill myself tonight")
    assert Escalation.objects.filter(member=member).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("reason, note", [("love", ""), ("spam", "x" * 501)])
def test_bad_report_changes_nothing(member, post, reason, note):
    with pytest.raises(ReportRefused):
        check_report(member, post, reason, note)
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_check_escalations_command_marks_overdue(escalation, settings):
    from io import StringIO

    from django.core.management import call_command

    Escalation.objects.filter(pk=escalation.pk).update(opened_at=timezone.now() - timedelta(minutes=10))
    out = StringIO()
    call_command("check_escalations", stdout=out)
    assert out.getvalue().strip() == "1 escalation newly overdue."
    escalation.refresh_from_db()
    assert escalation.overdue_at is not None


@pytest.mark.django_db
def test_appeal_in_crisis_reaches_crisis_staff(moderator, member):
    penalty = penalties.check_issue_penalty(moderator, member, "warning", "tone")
    penalties.check_appeal(member, penalty, "this was the last straw, I want to kill myself tonight")
    assert Escalation.objects.filter(member=member, risk="imminent").exists()


@pytest.mark.django_db
def test_a_member_can_only_mark_their_own_care_message_read(member, make_member, crisis_staff, escalation):
    message = escalations.check_send_care_message(crisis_staff, escalation, "We're here.")
    assert escalations.do_mark_care_seen(make_member("Nosy1"), message.pk) is False
    assert escalations.do_mark_care_seen(member, message.pk) is True
    message.refresh_from_db()
    assert message.seen_at is not None
