"""Reports: moderators read their notes, and a silenced member can still say they are worried."""
import pytest
from django.test import Client
from django.urls import reverse

from forum.models import PostState
from moderation import penalties
from moderation.models import Escalation, Flag, Report
from moderation.reports import ReportRefused, check_report
from tests.helpers import text_of


@pytest.fixture
def post(make_thread, make_post, make_member, commons_board):
    author = make_member("Writer5")
    return make_post(make_thread(commons_board, author=author), author=author, body="see you all, goodbye")


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_queue_shows_each_reports_reason_and_note(moderator, make_member, post):
    check_report(make_member("Friend1"), post, "worried", "They gave away their things <b>this week</b>.")
    check_report(make_member("Friend2"), post, "other")
    response = signed_in(moderator).get(reverse("moderation:queue"))
    page = text_of(response)
    assert "Reported: I'm worried about this person: “They gave away their things <b>this week</b>.”" in page
    assert "&lt;b&gt;this week" in response.content.decode()  # escaped, shown as typed
    assert "Reported: Something else</li>" in page


@pytest.mark.django_db
def test_queue_hides_notes_of_reports_already_decided(moderator, make_member, post):
    check_report(make_member("Friend1"), post, "spam", "an old note")
    Report.objects.update(upheld=False)
    page = text_of(signed_in(moderator).get(reverse("moderation:queue")))
    assert "an old note" not in page


def silence(moderator, member):
    penalties.check_issue_penalty(moderator, member, "silence", "cooling off", duration="24h")
    member.refresh_from_db()
    assert member.is_silenced


@pytest.mark.django_db
def test_silenced_member_can_still_say_they_are_worried(moderator, member, post):
    silence(moderator, member)
    response = signed_in(member).post(reverse("moderation:report_post", args=[post.pk]), {"reason": "worried", "note": "please check on them"})
    assert response.status_code == 302
    escalation = Escalation.objects.get(member=post.author)
    assert escalation.source == "report" and escalation.excerpt == post.body
    report = Report.objects.get(reporter=member)
    assert report.weight == 0 and Flag.objects.get(post=post).report_weight == 0


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["harassment", "victim_blaming", "recruitment", "spam", "other"])
def test_silenced_member_cannot_file_other_reports(moderator, member, post, reason):
    silence(moderator, member)
    response = signed_in(member).post(reverse("moderation:report_post", args=[post.pk]), {"reason": reason})
    assert response.status_code == 400 and "still tell us you're worried" in text_of(response)
    assert not Report.objects.exists() and not Flag.objects.exists()


@pytest.mark.django_db
def test_silenced_members_worried_reports_never_hide_a_post(moderator, make_member, post, settings):
    settings.MODERATION_REPORT_HIDE_WEIGHT = 1
    for n in range(3):
        reporter = make_member(f"Quiet{n}x")
        silence(moderator, reporter)
        check_report(reporter, post, "worried")
    post.refresh_from_db()
    assert post.state == PostState.VISIBLE


@pytest.mark.django_db
def test_nobody_reports_their_own_writing(moderator, post):
    with pytest.raises(ReportRefused):
        check_report(post.author, post, "worried")
