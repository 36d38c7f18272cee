from moderation.models.audit import AuditEntry
from moderation.models.escalation import CareAnswer, CareMessage, CrisisDuty, Escalation, EscalationNote, EscalationOutcome, EscalationStatus
from moderation.models.help import HelpKind, HelpResource
from moderation.models.penalty import Appeal, AppealDecision, Penalty, PenaltyKind
from moderation.models.queue import Flag, FlagStatus, Lane, Report, ReportReason
from moderation.models.watched import WatchedAction, WatchedWord

__all__ = [
    "Appeal", "AppealDecision", "AuditEntry", "CareAnswer", "CareMessage", "CrisisDuty", "Escalation", "EscalationNote",
    "EscalationOutcome", "EscalationStatus", "Flag", "FlagStatus", "HelpKind", "HelpResource", "Lane", "Penalty", "PenaltyKind",
    "Report", "ReportReason", "WatchedAction", "WatchedWord",
]
