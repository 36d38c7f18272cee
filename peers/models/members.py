from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from peers.validators import validate_pseudonym


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    MENTOR = "mentor", "Peer mentor"
    MODERATOR = "moderator", "Moderator"
    CRISIS_STAFF = "crisis_staff", "Crisis staff"
    ADMIN = "admin", "Admin"


class TrustLevel(models.IntegerChoices):
    NEWCOMER = 0, "Newcomer"
    MEMBER = 1, "Member"
    TRUSTED = 2, "Trusted"


class MemberManager(BaseUserManager):
    def get_by_natural_key(self, pseudonym):
        member = self.find(pseudonym)
        if member is None:
            raise self.model.DoesNotExist
        return member

    def find(self, pseudonym):
        """The member a typed pseudonym names (`peers.pseudonyms.normalise_pseudonym`), or None."""
        from peers.pseudonyms import normalise_pseudonym

        key = normalise_pseudonym(pseudonym)
        return self.filter(pseudonym__iexact=key).first() if key and key.isascii() else None

    def create_user(self, pseudonym, password=None, **fields):
        member = self.model(pseudonym=pseudonym, **fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, pseudonym, password=None, **fields):
        fields.update(role=Role.ADMIN, trust_level=TrustLevel.TRUSTED)
        return self.create_user(pseudonym, password, **fields)


class Member(AbstractBaseUser):
    """A person on Lantern, known only by a pseudonym.

    There is deliberately no email, phone, real-name, IP or user-agent
    field: what is never stored cannot be taken, subpoenaed or leaked.
    """

    pseudonym = models.CharField(max_length=24, unique=True, validators=[validate_pseudonym])
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    trust_level = models.PositiveSmallIntegerField(choices=TrustLevel.choices, default=TrustLevel.NEWCOMER)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Kept in step with moderation's Penalty rows by its actions, so checking
    # them costs no query on every request and every websocket frame.
    silenced_until = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    discreet_mode = models.BooleanField(
        default=False, help_text="Neutral page titles and icon, for a device someone else may look at."
    )

    objects = MemberManager()

    USERNAME_FIELD = "pseudonym"
    REQUIRED_FIELDS = []

    class Meta:
        constraints = [models.UniqueConstraint(Lower("pseudonym"), name="member_pseudonym_ci_unique")]

    def __str__(self):
        return self.pseudonym

    # The role is the one source of what someone may do: admins may do
    # everything in the Django admin and nobody else may enter it. Finer
    # rules live in each app's permissions module.
    @property
    def is_staff(self):
        return self.role == Role.ADMIN

    is_superuser = is_staff

    def has_perm(self, perm, obj=None):
        return self.is_active and self.is_staff

    def has_perms(self, perm_list, obj=None):
        return self.has_perm(None)

    def has_module_perms(self, app_label):
        return self.is_active and self.is_staff

    @property
    def is_silenced(self):
        return self.silenced_until is not None and self.silenced_until > timezone.now()

    @property
    def is_suspended(self):
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    def get_full_name(self):
        return self.pseudonym

    get_short_name = get_full_name


class RecoveryCode(models.Model):
    """One single-use recovery code, kept only as a salted SHA-256 digest.

    A code carries 60 random bits, so a fast hash is enough: unlike a
    passphrase it cannot be guessed from a word list.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="recovery_codes")
    salt = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"recovery code of {self.member_id}"


class MemberSession(AbstractBaseSession):
    """Django's session row plus the member it belongs to.

    Knowing the member lets "log out everywhere", recovery and account
    deletion end every session at once.
    """

    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions")

    @classmethod
    def get_session_store_class(cls):
        from peers.sessions import SessionStore

        return SessionStore


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class MentorApplication(models.Model):
    """A member asking to become a peer mentor; staff decide."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="mentor_applications")
    statement = models.TextField()
    status = models.CharField(max_length=8, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="pending"), name="one_pending_mentor_application"
            )
        ]
