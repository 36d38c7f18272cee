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


@pytest.mark.django_db
def test_on_postgresql_the_table_itself_refuses_update_and_delete(entry):
    """Raw SQL, as from a shell or a future bug, is stopped by the trigger (migration 0008)."""
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL trigger: runs in the PostgreSQL pass of make test (.ci/run runs both)")
    for sql in ("UPDATE moderation_auditentry SET reason = 'rewritten' WHERE id = %s",
                "DELETE FROM moderation_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.reason == "victim-blaming in a reply"


def _admin_change(client, member, **fields):
    data = {"pseudonym": member.pseudonym, "role": member.role, "trust_level": member.trust_level,
            "is_active": "on" if member.is_active else "", "discreet_mode": "", **fields}
    return client.post(f"/admin/peers/member/{member.pk}/change/", {k: v for k, v in data.items() if v != ""})


@pytest.mark.django_db
def test_a_role_change_made_in_the_admin_is_in_the_audit_log(client, admin_member, member):
    client.force_login(admin_member)
    response = _admin_change(client, member, role="moderator", trust_level="2")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "moderator"
    actions = set(AuditEntry.objects.filter(actor_id=admin_member.pk, target_id=str(member.pk))
                  .values_list("action", flat=True))
    assert actions == {"role.set.moderator", "trust.set.trusted"}


@pytest.mark.django_db
def test_deactivating_and_editing_hotlines_in_the_admin_are_logged_without_values(client, admin_member, member):
    from moderation.models import HelpResource

    client.force_login(admin_member)
    assert _admin_change(client, member, is_active="").status_code == 302
    assert AuditEntry.objects.filter(action="member.deactivate", target_id=str(member.pk)).exists()
    resource = HelpResource.objects.first()
    response = client.post(f"/admin/moderation/helpresource/{resource.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.delete.helpresource")
    assert entry.actor_id == admin_member.pk and entry.target_id == str(resource.pk)
