from peers.models.members import (
    ApplicationStatus,
    Member,
    MemberManager,
    MemberSession,
    MentorApplication,
    RecoveryCode,
    Role,
    TrustLevel,
)

__all__ = [
    "ApplicationStatus", "Member", "MemberManager", "MemberSession", "MentorApplication", "RecoveryCode", "Role",
    "TrustLevel",
]
