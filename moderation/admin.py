from django.contrib import admin

from moderation.models import HelpResource


@admin.register(HelpResource)
class HelpResourceAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "phone", "text", "is_emergency", "position", "is_active")
    list_filter = ("region", "is_emergency", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name", "region")
