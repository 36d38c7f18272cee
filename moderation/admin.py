from django.contrib import admin

from moderation.audit import AuditedAdmin
from moderation.models import AuditEntry, HelpResource, WatchedWord


@admin.register(HelpResource)
class HelpResourceAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("name", "region", "kind", "phone", "text", "is_emergency", "position", "is_active")
    list_filter = ("region", "kind", "is_emergency", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name", "region")


@admin.register(WatchedWord)
class WatchedWordAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("pattern", "is_regex", "action", "is_active", "note")
    list_filter = ("action", "is_regex", "is_active")
    search_fields = ("pattern", "note")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log can be searched, never changed."""

    list_display = ("created_at", "actor_label", "action", "target_label", "reason")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_label", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
