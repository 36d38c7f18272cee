"""What moderation holds about a member: their export, and the copies of their words erasure blanks.

Export and erasure receivers, like `forum/member_data.py`.
"""
from django.db.models import Q
from django.dispatch import receiver

from moderation.models import (
    Appeal,
    AuditEntry,
    CareMessage,
    CrisisDuty,
    Escalation,
    EscalationNote,
    Flag,
    Penalty,
    Report,
)
from peers.export import iso, ref
from peers.signals import collect_member_data, member_deleting

ERASED = "(erased at the member's request)"


def _penalty(penalty):
    appeal = getattr(penalty, "appeal", None)
    return {
        "ref": ref(penalty), "kind": penalty.get_kind_display(), "reason": penalty.reason, "from": iso(penalty.starts_at),
        "until": iso(penalty.ends_at), "revoked": iso(penalty.revoked_at),
        "appeal": appeal and {"ref": ref(appeal), "text": appeal.text, "written": iso(appeal.created_at),
                              "decision": appeal.get_decision_display(), "decision_note": appeal.decision_note},
    }


def _escalation(escalation):
    return {
        "ref": ref(escalation), "opened": iso(escalation.opened_at), "why": escalation.source, "risk": escalation.risk,
        "your_words": escalation.excerpt, "status": escalation.get_status_display(),
        "closed": iso(escalation.closed_at), "outcome": escalation.get_outcome_display(),
        "staff_notes": [{"ref": ref(note), "written": iso(note.created_at), "text": note.text} for note in escalation.notes.all()],
    }


@receiver(collect_member_data)
def export_moderation(sender, member, **kwargs):
    reports = Report.objects.filter(reporter=member).order_by("id")
    flags = Flag.objects.filter(author=member).order_by("id")
    return "moderation", {
        "penalties": [_penalty(p) for p in Penalty.objects.filter(member=member).select_related("appeal").order_by("id")],
        "reports_you_made": [
            {"ref": ref(report), "reason": report.get_reason_display(), "note": report.note, "made": iso(report.created_at),
             "upheld": report.upheld}
            for report in reports
        ],
        "your_writing_in_the_review_queue": [
            {"ref": ref(flag), "why": flag.reasons, "since": iso(flag.created_at), "status": flag.get_status_display(),
             "resolution": flag.resolution}
            for flag in flags
        ],
        "crisis_escalations_about_you": [
            _escalation(e) for e in Escalation.objects.filter(member=member).prefetch_related("notes").order_by("id")
        ],
        "care_messages_to_you": [
            {"ref": ref(care), "sent": iso(care.created_at), "text": care.text, "seen": iso(care.seen_at)}
            for care in CareMessage.objects.filter(member=member).order_by("id")
        ],
        "as_staff": _staff_rows(member),
    }


def _staff_rows(member):
    """What a moderator, mentor or crisis staff member did: a reference and a date for each, no one else's words."""
    rows = {
        "penalties_issued": (Penalty.objects.filter(issued_by=member), "starts_at"),
        "appeals_decided": (Appeal.objects.filter(decided_by=member), "decided_at"),
        "queue_items_claimed": (Flag.objects.filter(claimed_by=member), "claimed_at"),
        "escalations_acknowledged": (Escalation.objects.filter(acknowledged_by=member), "acknowledged_at"),
        "escalation_notes_written": (EscalationNote.objects.filter(author=member), "created_at"),
        "care_messages_sent": (CareMessage.objects.filter(sender=member), "created_at"),
        "crisis_duty": (CrisisDuty.objects.filter(member=member), "changed_at"),
    }
    found = {
        name: [{"ref": ref(row), "when": iso(getattr(row, when))} for row in queryset.order_by("id")]
        for name, (queryset, when) in rows.items()
    }
    found["audit_log_entries"] = [
        {"ref": ref(entry), "when": iso(entry.created_at), "action": entry.action}
        for entry in AuditEntry.objects.filter(Q(actor_id=member.pk)).order_by("id")
    ]
    return found


@receiver(member_deleting)
def erase_copies(sender, member, erase_content, **kwargs):
    """Runs inside the deletion transaction. The queue and crisis staff kept copies of the
    member's words (a flag's screened text, an escalation's excerpt); erasing blanks them."""
    if not erase_content:
        return
    Escalation.objects.filter(member=member).update(excerpt=ERASED)
    Flag.objects.filter(author=member).update(text="", spans=[])
