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
from peers.models.rooms import Room, RoomEntry, RoomMessage, RoomMessageState, RoomMute, RoomPresence, RoomRemoval

__all__ = [
    "ApplicationStatus", "Member", "MemberManager", "MemberSession", "MentorApplication", "RecoveryCode", "Role",
    "TrustLevel", "Room", "RoomEntry", "RoomMessage", "RoomMessageState", "RoomMute", "RoomPresence", "RoomRemoval",
]
