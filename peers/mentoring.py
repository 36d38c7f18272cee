"""Becoming a peer mentor: apply, staff decide, step down or be revoked. All audit-logged."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.refusals import Refused
from moderation import audit, permissions
from peers.actions import do_set_role
from peers.models import ApplicationStatus, MentorApplication, Role

STATEMENT_MAX = 2000


class MentoringRefused(Refused):
    pass


def eligibility_problem(member):
    """Why the member cannot apply yet, or None."""
    rules = settings.MENTOR_ELIGIBILITY
    if member.role != Role.MEMBER:
        return "Only members can apply; staff and mentors already have their role."
    if timezone.now() - member.date_joined < timedelta(days=rules["min_account_days"]):
        return f"You can apply once your account is {rules['min_account_days']} days old."
    if member.trust_level < rules["min_trust_level"] or member.is_silenced:
        return "You can apply once you have been part of the community a little longer."
    if MentorApplication.objects.filter(member=member, status=ApplicationStatus.PENDING).exists():
        return "Your application is waiting for a decision."
    return None


def check_apply(member, statement):
    from moderation.api import screen_private_text

    problem = eligibility_problem(member)
    if problem:
        raise MentoringRefused(problem)
    statement = (statement or "").strip()
    if not 1 <= len(statement) <= STATEMENT_MAX:
        raise MentoringRefused(f"Please write 1 to {STATEMENT_MAX:,} characters about why you want to mentor.")
    with transaction.atomic():
        application = MentorApplication.objects.create(member=member, statement=statement)
        screen_private_text(member, statement)
    return application


def check_decide(staff, application, *, approve, note):
    permissions.check_moderate(staff)
    if application.status != ApplicationStatus.PENDING:
        raise MentoringRefused("This application is already decided.")
    if not (note or "").strip():
        raise MentoringRefused("Please give a note; the member sees it.")
    with transaction.atomic():
        application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.DECLINED
        application.decided_by, application.decision_note, application.decided_at = staff, note.strip(), timezone.now()
        application.save(update_fields=["status", "decided_by", "decision_note", "decided_at"])
        if approve:
            do_set_role(application.member, Role.MENTOR)
        audit.record(staff, "mentor.approve" if approve else "mentor.decline", application.member, note)
    return application


def check_step_down(mentor):
    if mentor.role != Role.MENTOR:
        return False
    with transaction.atomic():
        do_set_role(mentor, Role.MEMBER)
        audit.record(mentor, "mentor.step_down", mentor)
    return True


def check_revoke(staff, mentor, reason):
    permissions.check_moderate(staff)
    if mentor.role != Role.MENTOR:
        return False
    if not (reason or "").strip():
        raise MentoringRefused("Revoking needs a reason.")
    with transaction.atomic():
        do_set_role(mentor, Role.MEMBER)
        audit.record(staff, "mentor.revoke", mentor, reason)
    return True
