"""The one exception every action raises when it may not happen (docs/architecture.md, "A write").

Each app's refusals (`QueueRefused`, `RoomRefused`, ...) are subclasses, so a
caller may catch the narrow one it expects or this one. A view that does not
catch it at all still answers with the message on a 400 page
(`config.middleware.RefusedMiddleware`), never a 500.
"""


class Refused(Exception):
    """The action may not happen; `message` is for the person who asked.

    `show_help`: the refused text read as a crisis. Crisis staff have been
    told all the same, and the page shows help now.
    """

    show_help = False

    def __init__(self, message="", *, show_help=False):
        super().__init__(message)
        self.message = message
        if show_help:
            self.show_help = True

    def __str__(self):
        return self.message
