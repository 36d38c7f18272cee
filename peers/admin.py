from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from peers.models import Member


@admin.register(Member)
class MemberAdmin(UserAdmin):
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
