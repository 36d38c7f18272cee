"""Every moderation, crisis and mentoring action asks who is calling before it changes anything.

The views guard with a decorator too; these call the actions directly, as a
management command, a consumer or an admin hook would, with actors that
must be refused: an ordinary member, a mentor, a moderator doing crisis
work (and crisis staff doing moderation), and a deactivated moderator.
"""
import pytest

from config.refusals import Refused
from forum.models import PostState
from moderation import escalations, penalties, queue, trust
from moderation.models import AuditEntry, Escalation, Flag, Lane, Penalty
from peers import mentoring
from peers.models import ApplicationStatus, MentorApplication, Role, TrustLevel


@pytest.fixture
def flag(make_thread, make_post, commons_board, member):
    post = make_post(make_thread(commons_board), author=member, body="a held post", state=PostState.HELD)
    return queue.open_flag(post, Lane.WATCHED, reasons=["watched"], text=post.body)


@pytest.fixture
def escalation(member):
    return escalations.open_escalation(member, "imminent", source="screening", excerpt="words")


@pytest.fixture
def penalty(moderator, member):
    return penalties.check_issue_penalty(moderator, member, "warning", "first warning")


@pytest.fixture
def application(make_member):
    return MentorApplication.objects.create(member=make_member("hopeful"), statement="I want to help.")


MODERATION = {
    "claim a flag": lambda actor, f: queue.check_claim(actor, f["flag"]),
    "release a flag": lambda actor, f: queue.check_release(actor, f["flag"]),
    "resolve a flag": lambda actor, f: queue.check_resolve(actor, f["flag"], "approve", "fine"),
    "redact a post": lambda actor, f: queue.check_redact(actor, f["flag"], 0, 3, "why"),
    "bulk resolve": lambda actor, f: queue.check_bulk_resolve(actor, [f["flag"]], "approve", "fine"),
    "issue a penalty": lambda actor, f: penalties.check_issue_penalty(actor, f["member"], "ban", "because"),
    "revoke a penalty": lambda actor, f: penalties.check_revoke(actor, f["penalty"], "undo"),
    "set trust": lambda actor, f: trust.check_set_trust(actor, f["member"], TrustLevel.TRUSTED, "earned"),
    "decide a mentor application": lambda actor, f: mentoring.check_decide(actor, f["application"], approve=True,
                                                                           note="welcome"),
    "revoke a mentor": lambda actor, f: mentoring.check_revoke(actor, f["mentor"], "stop"),
}
CRISIS = {
    "acknowledge": lambda actor, f: escalations.check_acknowledge(actor, f["escalation"]),
    "add a note": lambda actor, f: escalations.check_add_note(actor, f["escalation"], "note"),
    "send a care message": lambda actor, f: escalations.check_send_care_message(actor, f["escalation"], "hello"),
    "close": lambda actor, f: escalations.check_close(actor, f["escalation"], "safe", "ok"),
    "go on duty": lambda actor, f: escalations.do_set_duty(actor, True),
    "release the post": lambda actor, f: escalations.check_release_post(actor, f["escalation"]),
}


@pytest.fixture
def things(flag, escalation, penalty, application, member, mentor):
    return {"flag": flag, "escalation": escalation, "penalty": penalty, "application": application,
            "member": member, "mentor": mentor}


def _state():
    """Everything these actions could change, as a comparable snapshot."""
    return (
        list(Flag.objects.values_list("status", "claimed_by", "resolution")),
        list(Escalation.objects.values_list("status", "acknowledged_by", "outcome")),
        list(Penalty.objects.values_list("kind", "revoked_at")),
        list(MentorApplication.objects.values_list("status")),
        AuditEntry.objects.count(),
    )


def _refused_and_unchanged(action, actor, things):
    before = _state()
    with pytest.raises(Refused) as refused:
        action(actor, things)
    assert str(refused.value).startswith("Only ")
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("action", MODERATION.values(), ids=MODERATION.keys())
@pytest.mark.parametrize("role", [Role.MEMBER, Role.MENTOR, Role.CRISIS_STAFF])
def test_moderation_actions_refuse_anyone_not_moderating(action, role, things, make_member):
    _refused_and_unchanged(action, make_member(f"not_a_mod_{role}", role=role), things)


@pytest.mark.django_db
@pytest.mark.parametrize("action", CRISIS.values(), ids=CRISIS.keys())
@pytest.mark.parametrize("role", [Role.MEMBER, Role.MENTOR, Role.MODERATOR])
def test_crisis_actions_refuse_anyone_not_crisis_staff(action, role, things, make_member):
    _refused_and_unchanged(action, make_member(f"not_staff_{role}", role=role), things)


@pytest.mark.django_db
@pytest.mark.parametrize("action", MODERATION.values(), ids=MODERATION.keys())
def test_a_deactivated_moderator_is_refused(action, things, make_member):
    gone = make_member("gone_mod", role=Role.MODERATOR, is_active=False)
    _refused_and_unchanged(action, gone, things)


@pytest.mark.django_db
def test_the_right_people_still_get_through(things, moderator, crisis_staff):
    assert queue.check_claim(moderator, things["flag"]) is True
    assert escalations.check_acknowledge(crisis_staff, things["escalation"]) is not False
    mentoring.check_decide(moderator, things["application"], approve=True, note="welcome")
    assert MentorApplication.objects.get().status == ApplicationStatus.APPROVED
