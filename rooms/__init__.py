"""Live peer rooms: scheduling, entry, chat, hosting and the room socket (docs/rooms.md)."""
