import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from moderation import audit
from moderation.models import AuditEntry


@pytest.fixture
def entry(moderator, member):
    return audit.record(moderator, "member.warn", member, reason="victim-blaming in a reply")


@pytest.mark.django_db
def test_record_keeps_who_what_target_why_and_when(entry, moderator, member):
    entry.refresh_from_db()
    assert (entry.actor_id, entry.actor_label, entry.action) == (moderator.pk, moderator.pseudonym, "member.warn")
    assert (entry.target_type, entry.target_id, entry.target_label) == ("peers.member", str(member.pk), member.pseudonym)
    assert entry.reason == "victim-blaming in a reply" and entry.created_at


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted(entry):
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.reason == "victim-blaming in a reply"


@pytest.mark.django_db
def test_deleting_the_actor_leaves_the_entry_intact(entry, moderator):
    moderator.delete()
    entry.refresh_from_db()
    assert entry.actor_label == "CalmCompass9"


@pytest.mark.django_db
def test_admin_shows_the_log_read_only(admin_member, entry):
    request = RequestFactory().get("/admin/")
    request.user = admin_member
    model_admin = site._registry[AuditEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
