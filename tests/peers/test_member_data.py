"""Deleting an account finishes, erasure leaves no word behind, and the export holds every row."""
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum import actions as forum_actions
from forum.models import Post, Reaction, SpaceMembership, Thread, ThreadReadState
from moderation import penalties, reports
from moderation.models import (
    Appeal, CareMessage, CrisisDuty, Escalation, EscalationNote, Flag, Lane, Penalty, Report,
)
from peers import actions
from peers.member_data import FORMER_MENTOR
from peers.models import Member, MentorApplication
from rooms.models import Room, RoomEntry, RoomMessage, RoomMute, RoomPresence, RoomRemoval
from tests.conftest import DEFAULT_PASSPHRASE
from tests.helpers import text_of

WORD = "zorblaxian"


def room_for(host, space, *, minutes, title="Evening circle", **fields):
    start = timezone.now() + timedelta(minutes=minutes)
    return Room.objects.create(space=space, host=host, title=title, starts_at=start, ends_at=start + timedelta(hours=1), **fields)


def delete_through_the_page(client, content):
    return client.post(reverse("peers:delete_account"),
                       {"delete-current": DEFAULT_PASSPHRASE, "delete-content": content, "delete-confirm": "on"})


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["erase", "keep"])
def test_delete_mentor_with_rooms_finishes_and_rooms_keep_a_former_mentor_host(client, mentor, member, content):
    from forum.models import Space

    commons = Space.objects.get(slug="commons")
    past = room_for(mentor, commons, minutes=-24 * 60)
    live = room_for(mentor, commons, minutes=-10)
    coming = room_for(mentor, commons, minutes=24 * 60)
    cohosted = room_for(member, commons, minutes=60, cohost=mentor)
    client.force_login(mentor)
    response = delete_through_the_page(client, content)
    assert response.status_code == 200 and "Your account is deleted" in text_of(response)
    assert not Member.objects.filter(pk=mentor.pk).exists()
    for room in (past, live, coming):
        room.refresh_from_db()
        assert room.host.pseudonym == FORMER_MENTOR and not room.host.is_active
    assert live.ended_at is not None and coming.ended_at is not None and past.ended_at is None
    cohosted.refresh_from_db()
    assert cohosted.cohost is None and cohosted.ended_at is None
    assert client.post(reverse("peers:login"), {"pseudonym": FORMER_MENTOR, "passphrase": "anything at all"}).status_code == 200


def plant_everywhere(writer, other, moderator, crisis_staff, commons_board):
    """Everything `writer` (a peer mentor) can write, each holding WORD, and the copies the app makes."""
    commons = commons_board.space
    forum_actions.check_create_thread(writer, commons_board, title=f"{WORD} title", body=f"{WORD} opening",
                                      content_warning=f"{WORD} warning")
    thread = Thread.objects.get(title=f"{WORD} title")
    forum_actions.check_reply(other, thread, body="thank you for this")
    forum_actions.check_create_thread(writer, commons_board, title=f"alone {WORD}", body=f"nobody answered {WORD}")
    theirs = Post.objects.create(thread=Thread.objects.create(board=commons_board, author=other, title="Theirs"),
                                 author=other, body="their words", body_html="<p>their words</p>", is_opening=True)
    forum_actions.check_reply(writer, theirs.thread, body=f"my reply {WORD}")
    forum_actions.check_reply(writer, theirs.thread, body=f"I want to kill myself tonight {WORD}")  # crisis: flag + excerpt
    room = room_for(writer, commons, minutes=-5, title=f"{WORD} circle", description=f"about {WORD}",
                    extra_rules=f"no {WORD}")
    said = RoomMessage.objects.create(room=room, author=writer, body=f"hello room {WORD}", seq=1)
    RoomMessage.objects.create(room=room, author=writer, body=f"held words {WORD}", state="held", held_reason=WORD)
    reports.check_report(other, said, "worried")  # copies the message into a flag and an escalation
    reports.check_report(writer, theirs, "other", note=f"I want to die {WORD}")  # a note, screened: an escalation
    MentorApplication.objects.create(member=writer, statement=f"why me {WORD}", status="approved")
    penalty = penalties.check_issue_penalty(moderator, writer, "warning", "a reason")
    penalties.check_appeal(writer, penalty or Penalty.objects.get(member=writer), f"please {WORD}")
    return room


def rows_holding(word):
    """(table, row) for every row of every table whose text holds `word`, read straight from the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            found += [(table, row) for row in cursor.fetchall() if word in " ".join(map(str, row)).casefold()]
    return found


@pytest.fixture(autouse=True)
def _no_posting_pauses(monkeypatch):
    monkeypatch.setattr(forum_actions, "rate_refusal", lambda member, **kwargs: None)


@pytest.mark.django_db
def test_erase_leaves_no_word_of_the_member_in_any_table(mentor, make_member, moderator, crisis_staff, commons_board):
    other = make_member("Neighbour12")
    plant_everywhere(mentor, other, moderator, crisis_staff, commons_board)
    planted = {table for table, _ in rows_holding(WORD)}
    assert {"forum_post", "forum_thread", "peers_room", "peers_roommessage", "moderation_flag", "moderation_escalation",
            "moderation_report", "peers_mentorapplication", "moderation_appeal"} <= planted
    actions.do_delete_member(mentor, erase_content=True)
    assert rows_holding(WORD) == []
    assert Post.objects.filter(body="thank you for this").exists()  # others' words stay


@pytest.mark.django_db
def test_keep_leaves_writing_under_former_member_but_no_account(mentor, make_member, moderator, crisis_staff, commons_board):
    other = make_member("Neighbour12")
    room = plant_everywhere(mentor, other, moderator, crisis_staff, commons_board)
    actions.do_delete_member(mentor, erase_content=False)
    assert RoomMessage.objects.get(room=room, body=f"hello room {WORD}").author is None
    assert not Member.objects.filter(pseudonym=mentor.pseudonym).exists()


def member_foreign_keys():
    """(model, field name) for every foreign key or one-to-one field in the project that points at a member."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.many_to_one or field.one_to_one:
                if field.concrete and field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
                    yield model, field.name


@pytest.fixture
def every_row(member, make_member, commons_board):
    """A row for every foreign key that can point at a member, pointing at `member`.

    A new model with such a key makes test_export_holds_every_row_pointing_at_the_member fail
    until a row is planted here and its app exports it.
    """
    other = make_member("Neighbour12")
    commons = commons_board.space
    thread = Thread.objects.create(board=commons_board, author=member, title="Mine")
    post = Post.objects.create(thread=thread, author=member, body="my words", body_html="<p>my words</p>")
    actions.do_issue_recovery_codes(member)
    SpaceMembership.objects.create(space=commons, member=member)
    Reaction.objects.create(post=Post.objects.create(thread=thread, author=other, body="x", body_html="x"), member=member, kind="hear")
    ThreadReadState.objects.create(thread=thread, member=member)
    room = room_for(member, commons, minutes=-5, cohost=member)
    RoomEntry.objects.create(room=room, member=member)
    RoomPresence.objects.create(room=room, member=member, channel_name="test!one")
    message = RoomMessage.objects.create(room=room, author=member, body="room words", seq=1)
    RoomMute.objects.create(room=room, member=member, by=member, until=timezone.now())
    RoomRemoval.objects.create(room=room, member=member, by=member)
    MentorApplication.objects.create(member=member, statement="why", decided_by=member, status="approved")
    penalty = Penalty.objects.create(member=member, kind="warning", reason="r", issued_by=member)
    Appeal.objects.create(penalty=penalty, text="please", decided_by=member)
    Flag.objects.create(post=post, author=member, claimed_by=member, lane=Lane.REPORTED)
    Report.objects.create(reporter=member, room_message=message, reason="other", note="a note", weight=1)
    escalation = Escalation.objects.create(member=member, acknowledged_by=member, risk="concern", source="report", excerpt="x")
    EscalationNote.objects.create(escalation=escalation, author=member, text="a note")
    CareMessage.objects.create(member=member, sender=member, escalation=escalation, text="we are here")
    CrisisDuty.objects.create(member=member)
    LogEntry.objects.create(user=member, object_id=str(other.pk), object_repr=str(other), action_flag=CHANGE, change_message="changed")
    from django.test import Client

    client = Client()
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_export_holds_every_row_pointing_at_the_member(member, every_row):
    response = every_row.get(reverse("peers:download_data"))
    data = json.loads(response.content)
    refs = set()

    def walk(value):
        if isinstance(value, dict):
            if "ref" in value:
                refs.add(value["ref"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    missing = []
    for model, name in member_foreign_keys():
        rows = model.objects.filter(**{name: member})
        label = model._meta.label_lower
        assert rows.exists(), f"plant a {label}.{name} row in the every_row fixture"
        if model._meta.pk.get_internal_type() in ("AutoField", "BigAutoField"):
            missing += [f"{label}:{pk} ({name})" for pk in rows.values_list("pk", flat=True) if f"{label}:{pk}" not in refs]
        elif len([r for r in refs if r.startswith(f"{label}:")]) < rows.count():
            missing.append(f"{label} ({name})")
    assert missing == []
    assert any(line.startswith("boards / posts: ") for line in data["summary"])


@pytest.mark.django_db
def test_export_keeps_secrets_and_others_identities_out(member, every_row, make_member):
    other = make_member("Reporter9")
    Report.objects.create(reporter=other, post=Post.objects.filter(author=member).first(), reason="spam", weight=1)
    response = every_row.get(reverse("peers:download_data"))
    body = response.content.decode()
    session_key = every_row.session.session_key
    assert session_key not in body and member.password not in body
    assert "Reporter9" not in body and not any(code.digest in body for code in member.recovery_codes.all())


@pytest.mark.django_db
def test_export_summary_as_plain_text(member, every_row):
    response = every_row.get(reverse("peers:download_data"), {"summary": "1"})
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "rooms / messages: 1" in text and "moderation / penalties: 1" in text
