from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from moderation.audit import AuditedAdmin
from peers.models import Member, Role, TrustLevel


@admin.register(Member)
class MemberAdmin(AuditedAdmin, UserAdmin):
    """Members as admins see them: a pseudonym, a role and a trust level, nothing more to see."""

    ordering = ("pseudonym",)
    list_display = ("pseudonym", "role", "trust_level", "is_active", "date_joined")
    list_filter = ("role", "trust_level", "is_active")
    search_fields = ("pseudonym",)
    readonly_fields = ("date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("pseudonym", "password")}),
        ("Role and trust", {"fields": ("role", "trust_level", "is_active")}),
        ("Preferences", {"fields": ("discreet_mode",)}),
        ("Dates", {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("pseudonym", "usable_password", "password1", "password2")}),)
    filter_horizontal = ()

    def audit_changes(self, obj, changed):
        """A role, trust or active change reads in the log as the same action made anywhere else."""
        entries = []
        if "role" in changed:
            entries.append((f"role.set.{Role(obj.role).name.lower()}", "changed in the admin"))
        if "trust_level" in changed:
            entries.append((f"trust.set.{TrustLevel(obj.trust_level).name.lower()}", "changed in the admin"))
        if "is_active" in changed:
            entries.append(("member.activate" if obj.is_active else "member.deactivate", "changed in the admin"))
        rest = [field for field in changed if field not in ("role", "trust_level", "is_active")]
        if rest:
            entries.extend(super().audit_changes(obj, rest))
        return entries
