from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moderation.models import AuditEntry, Escalation
from peers import mentoring
from peers.models import ApplicationStatus, MentorApplication, Role, TrustLevel
from tests.helpers import text_of


@pytest.fixture
def veteran(make_member):
    return make_member("LongRoad5", trust_level=TrustLevel.MEMBER, date_joined=timezone.now() - timedelta(days=90))


@pytest.mark.django_db
def test_eligible_member_applies_and_staff_approve(client, veteran, moderator):
    client.force_login(veteran)
    client.post(reverse("peers:mentor_apply"), {"statement": "I want to give back what I was given."})
    application = MentorApplication.objects.get()
    assert application.status == ApplicationStatus.PENDING
    staff = Client()
    staff.force_login(moderator)
    assert "I want to give back" in text_of(staff.get(reverse("peers:mentor_applications")))
    staff.post(reverse("peers:mentor_decide", args=[application.pk]), {"decision": "approve", "note": "Welcome aboard"})
    veteran.refresh_from_db()
    assert veteran.role == Role.MENTOR
    assert AuditEntry.objects.get(action="mentor.approve").reason == "Welcome aboard"
    assert "Welcome aboard" in text_of(client.get(reverse("peers:mentor_apply")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"date_joined_days": 5}, "30 days old"),
        ({"trust_level": TrustLevel.NEWCOMER}, "a little longer"),
        ({"role": Role.MODERATOR}, "Only members can apply"),
    ],
)
def test_ineligible_member_cannot_apply(make_member, fields, message):
    days = fields.pop("date_joined_days", 90)
    applicant = make_member(date_joined=timezone.now() - timedelta(days=days), **{"trust_level": TrustLevel.MEMBER, **fields})
    with pytest.raises(mentoring.MentoringRefused, match=message):
        mentoring.check_apply(applicant, "please")
    assert not MentorApplication.objects.exists()


@pytest.mark.django_db
def test_one_pending_application_at_a_time(veteran):
    mentoring.check_apply(veteran, "first")
    with pytest.raises(mentoring.MentoringRefused, match="waiting for a decision"):
        mentoring.check_apply(veteran, "second")


@pytest.mark.django_db
@pytest.mark.parametrize("statement", ["", "   ", "x" * 2001])
def test_empty_or_oversized_statement_is_refused(veteran, statement):
    with pytest.raises(mentoring.MentoringRefused):
        mentoring.check_apply(veteran, statement)
    assert not MentorApplication.objects.exists()


@pytest.mark.django_db
def test_statement_in_crisis_reaches_crisis_staff(veteran):
    mentoring.check_apply(veteran, "honestly some nights I still think about ending my life")
    assert Escalation.objects.filter(member=veteran).exists()


@pytest.mark.django_db
def test_decline_needs_a_note_and_keeps_the_role(veteran, moderator):
    application = mentoring.check_apply(veteran, "I would like to help")
    with pytest.raises(mentoring.MentoringRefused):
        mentoring.check_decide(moderator, application, approve=False, note="")
    mentoring.check_decide(moderator, application, approve=False, note="Let's talk again in a few months")
    veteran.refresh_from_db()
    assert veteran.role == Role.MEMBER and AuditEntry.objects.filter(action="mentor.decline").exists()


@pytest.mark.django_db
def test_mentor_steps_down_and_staff_revoke(client, mentor, make_member, moderator):
    client.force_login(mentor)
    client.post(reverse("peers:mentor_step_down"))
    mentor.refresh_from_db()
    assert mentor.role == Role.MEMBER and AuditEntry.objects.get(action="mentor.step_down").actor_id == mentor.pk
    other = make_member("Guide2", role=Role.MENTOR)
    with pytest.raises(mentoring.MentoringRefused):
        mentoring.check_revoke(moderator, other, "")
    mentoring.check_revoke(moderator, other, "Broke confidentiality")
    other.refresh_from_db()
    assert other.role == Role.MEMBER


@pytest.mark.django_db
def test_application_review_is_404_for_members(member_client, veteran):
    application = mentoring.check_apply(veteran, "hello")
    assert member_client.get(reverse("peers:mentor_applications")).status_code == 404
    assert member_client.post(reverse("peers:mentor_decide", args=[application.pk]), {"decision": "approve", "note": "x"}).status_code == 404
    veteran.refresh_from_db()
    assert veteran.role == Role.MEMBER
