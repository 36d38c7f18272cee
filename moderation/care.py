"""The private care conversation inside an escalation: crisis staff and the member, no one else.

Not a message between members (DESIGN.md invariant 5): one side is always
crisis staff. Staff write with `escalations.check_send_care_message`; the
member answers here, in words or with one tap ("I'm safe now", "I still
need help"). The member's words go through the same screening as every
other text: a crisis in them raises the escalation to imminent and, like
"I still need help", opens it again (acknowledged or closed) so someone on
duty must answer it. Every answer is
audited, reaches crisis staff live (`crisis.escalation`) and the member's
other pages (`member.care`), goes with the account (CareMessage.member
cascades) and is in the member's data export.
"""
from django.db import transaction
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from moderation import audit
from moderation.crisis_help import CrisisKind, crisis_kind
from moderation.escalations import EscalationRefused, notify
from moderation.models import CareAnswer, CareMessage, Escalation, EscalationStatus
from moderation.screening import Category, Risk
from peers.signals import collect_member_data
from realtime.events import member_group
from realtime.send import send_event_on_commit

ANSWER_TEXT = {CareAnswer.SAFE: "I'm safe now.", CareAnswer.NEED_HELP: "I still need help."}
TEXT_MAX = 2000


def get_escalation_for_member(member, escalation_id):
    """The member's own escalation (one with a care conversation), else 404: no one else's exists for them."""
    escalation = Escalation.objects.filter(pk=escalation_id, member_id=member.pk).first()
    if escalation is None or not escalation.care_messages.filter(from_member=False).exists():
        raise Http404
    return escalation


def conversation(escalation):
    return escalation.care_messages.select_related("sender").order_by("created_at", "pk")


def kind_of(escalation, screening=None):
    """The kind of crisis to show help for: what the member just wrote, else what opened the escalation."""
    kind = crisis_kind(screening) if screening is not None else ""
    if kind:
        return kind
    return CrisisKind.DANGER if Category.DANGER in escalation.categories else CrisisKind.SELF_HARM


def check_answer_care(member, escalation, text="", answer=""):
    """The member writes back, or taps an answer. Returns (message, needs_help): show help now when needs_help."""
    from moderation.api import screen_text
    from forum.text import clean_text

    if escalation.member_id != member.pk:
        raise Http404
    if answer and answer not in CareAnswer.values:
        raise EscalationRefused("Choose one of the answers.")
    text = ANSWER_TEXT[answer] if answer else clean_text(text or "").strip()
    if not 1 <= len(text) <= TEXT_MAX:
        raise EscalationRefused(f"A message is 1 to {TEXT_MAX:,} characters.")
    screening = screen_text(text)
    needs_help = answer == CareAnswer.NEED_HELP or screening.is_crisis
    with transaction.atomic():
        message = CareMessage.objects.create(
            member=member, escalation=escalation, sender=member, from_member=True, answer=answer, text=text,
        )
        # Answering is reading: what staff sent leaves the top of the member's pages.
        escalation.care_messages.filter(from_member=False, seen_at__isnull=True).update(seen_at=timezone.now())
        _raise_escalation(escalation, screening, needs_help)
        audit.record(member, f"escalation.member_answer.{answer}" if answer else "escalation.member_reply", escalation)
        notify(escalation)
        send_event_on_commit(member_group(member.pk), {"type": "member.care", "message_id": message.pk})
    return message, (kind_of(escalation, screening) if needs_help else "")


def _raise_escalation(escalation, screening, needs_help):
    fields = []
    if screening.risk == Risk.IMMINENT and escalation.risk != Risk.IMMINENT:
        escalation.risk = str(Risk.IMMINENT)
        fields.append("risk")
    new = [str(category) for category in screening.categories if str(category) not in escalation.categories]
    if new:
        escalation.categories = [*escalation.categories, *new]
        fields.append("categories")
    if needs_help and escalation.status != EscalationStatus.OPEN:
        # Someone must read it now, whoever acknowledged it before: open again, at the top of the
        # dashboard; unacknowledged, it becomes overdue and alerts everyone on duty again.
        escalation.status, escalation.outcome, escalation.closed_at = EscalationStatus.OPEN, "", None
        escalation.overdue_at = None
        fields += ["status", "outcome", "closed_at", "overdue_at"]
    if fields:
        escalation.save(update_fields=fields)


@receiver(collect_member_data)
def export_care_conversation(sender, member, **kwargs):
    rows = CareMessage.objects.filter(member=member).order_by("created_at", "pk")
    return "care_conversation", [
        {
            "from": "you" if row.from_member else "our care team",
            "written": row.created_at.isoformat(),
            "answer": row.get_answer_display() if row.answer else None,
            "text": row.text,
        }
        for row in rows
    ]
