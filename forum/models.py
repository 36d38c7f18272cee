from django.conf import settings
from django.db import models
from django.utils import timezone


class Audience(models.TextChoices):
    OPEN = "open", "Every member"
    OPT_IN = "opt_in", "Members who choose to join"
    STAFF = "staff", "Peer mentors and staff only"


class Space(models.Model):
    """A group of boards (and live rooms) that reaches one audience."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.OPEN)
    door_title = models.CharField(max_length=150, blank=True, help_text="Opt-in spaces: the heading of the door page.")
    door_text = models.TextField(blank=True, help_text="Opt-in spaces: plain text shown before someone joins.")
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SpaceMembership(models.Model):
    """A member who opted in to an opt-in space."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "member"], name="space_membership_unique")]


class Board(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="boards")
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["space", "slug"], name="board_slug_unique_in_space")]

    def __str__(self):
        return f"{self.space} / {self.name}"


class PostState(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for review"
    HIDDEN = "hidden", "Hidden by a moderator"
    REMOVED = "removed", "Removed"


class Thread(models.Model):
    """A conversation on a board. Its state follows its opening post's."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="threads")
    title = models.CharField(max_length=150)
    state = models.CharField(max_length=8, choices=PostState.choices, default=PostState.VISIBLE)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # The newest post others can see, kept by the actions, for "new since
    # your last visit" without reading posts on the board page.
    last_post_id = models.BigIntegerField(null=True, blank=True)
    reply_count = models.PositiveIntegerField(default=0)

    class Meta:
        # The listing's order after the board: members' visibility filter
        # (visible, or held and mine) is checked on the rows as they come.
        indexes = [models.Index(fields=["board", "-is_pinned", "-last_activity_at", "-id"], name="thread_board_listing")]

    def __str__(self):
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts")
    is_opening = models.BooleanField(default=False, help_text="The post that started its thread.")
    body = models.TextField(help_text="Markdown, as written.")
    body_html = models.TextField(help_text="Rendered and sanitised once, when saved.")
    content_warning = models.CharField(max_length=150, blank=True)
    state = models.CharField(max_length=8, choices=PostState.choices, default=PostState.VISIBLE)
    held_reason = models.CharField(max_length=300, blank=True, help_text="Shown to the author while held.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True, help_text="Deleted by its author; the text is kept for moderators.")
    hear_count = models.PositiveIntegerField(default=0)
    strength_count = models.PositiveIntegerField(default=0)
    me_too_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["thread", "created_at", "id"], name="post_thread_order")]

    def __str__(self):
        return f"post {self.pk} in {self.thread_id}"

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class PostRevision(models.Model):
    """The text a post had before an edit; moderators can read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    content_warning = models.CharField(max_length=150, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-id"]


class ReactionKind(models.TextChoices):
    HEAR = "hear", "I hear you"
    STRENGTH = "strength", "Sending strength"
    ME_TOO = "me_too", "Me too"


REACTION_COUNTERS = {
    ReactionKind.HEAR: "hear_count",
    ReactionKind.STRENGTH: "strength_count",
    ReactionKind.ME_TOO: "me_too_count",
}


class Reaction(models.Model):
    """Who reacted is known to the database only; pages show counts."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=8, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member", "kind"], name="reaction_once_per_kind")]


class ThreadReadState(models.Model):
    """What a member last saw of a thread, and whether they follow it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_read_states")
    last_seen_post_id = models.BigIntegerField(default=0)
    following = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "member"], name="thread_read_state_unique")]
