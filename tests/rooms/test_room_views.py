"""The room pages: the list, scheduling, the ground rules and the room (docs/rooms.md)."""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import SpaceMembership
from rooms import schedule
from rooms.models import Room, RoomEntry, RoomPresence, RoomRemoval
from tests.rooms.conftest import soon

MAX_LIST_QUERIES = 5


@pytest.fixture
def make_room(mentor, commons):
    def make(*, space=None, title="Evening check-in", minutes=-5, length=60, **fields):
        return schedule.check_schedule_room(mentor, space=space or commons, title=title, **soon(minutes, length), **fields)

    return make


@pytest.fixture
def room(make_room):
    return make_room()


@pytest.fixture
def mens_room(mentor, mens_space, make_room):
    SpaceMembership.objects.create(space=mens_space, member=mentor)
    return make_room(space=mens_space, title="Men's circle")


@pytest.fixture
def mentor_client(client, mentor):
    client.force_login(mentor)
    return client


def schedule_data(space, **changes):
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    data = {
        "space": space.pk, "title": "Sunday circle", "description": "A gentle hour.", "extra_rules": "",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "length_minutes": 60, "capacity": 12, "cohost": "",
    }
    data.update(changes)
    return data


# --- The list ----------------------------------------------------------------------


@pytest.mark.django_db
def test_room_list_shows_rooms_soonest_first_with_status(member_client, make_room):
    later = make_room(title="Later circle", minutes=120)
    now = make_room(title="Open circle", minutes=-5)
    response = member_client.get(reverse("rooms:list"))
    assert response.status_code == 200
    assert [r.pk for r in response.context["rooms"]] == [now.pk, later.pk]
    page = response.content.decode()
    assert page.index("Open circle") < page.index("Later circle")
    assert "Waiting for the host" in page
    assert "Starts at" in page
    assert f'datetime="{later.starts_at.isoformat()}"' in page
    assert reverse("rooms:room", args=[later.pk]) in page
    assert "Schedule a room" not in page


@pytest.mark.django_db
def test_room_list_says_live_when_the_host_is_here(member_client, mentor, room):
    RoomPresence.objects.create(room=room, member=mentor, channel_name="specific.host")
    response = member_client.get(reverse("rooms:list"))
    assert response.context["rooms"][0].status == "live"
    assert "Live now" in response.content.decode()


@pytest.mark.django_db
def test_room_list_is_live_for_a_present_cohost_but_not_for_a_member(member_client, member, make_member, mentor, commons):
    from peers.models import Role

    helper = make_member("HelperMentor2", role=Role.MENTOR)
    room = schedule.check_schedule_room(mentor, space=commons, title="Shared", cohost=helper, **soon(-5))
    RoomPresence.objects.create(room=room, member=member, channel_name="specific.member")
    assert member_client.get(reverse("rooms:list")).context["rooms"][0].status == "waiting"
    RoomPresence.objects.create(room=room, member=helper, channel_name="specific.cohost")
    assert member_client.get(reverse("rooms:list")).context["rooms"][0].status == "live"


@pytest.mark.django_db
def test_room_list_offers_scheduling_to_mentors(mentor_client):
    page = mentor_client.get(reverse("rooms:list")).content.decode()
    assert "Schedule a room" in page
    assert reverse("rooms:new") in page


@pytest.mark.django_db
def test_room_list_needs_sign_in(client):
    response = client.get(reverse("rooms:list"))
    assert response.status_code == 302
    assert reverse("peers:login") in response["Location"]


@pytest.mark.django_db
def test_mens_room_is_hidden_and_404_for_an_outsider(client, outsider, mens_room):
    client.force_login(outsider)
    assert mens_room not in client.get(reverse("rooms:list")).context["rooms"]
    assert client.get(reverse("rooms:room", args=[mens_room.pk])).status_code == 404
    assert client.post(reverse("rooms:agree", args=[mens_room.pk])).status_code == 404
    assert not RoomEntry.objects.filter(room=mens_room, member=outsider).exists()


@pytest.mark.django_db
def test_mens_room_is_listed_and_open_to_a_member_of_the_space(client, mens_member, mens_room):
    client.force_login(mens_member)
    assert "Men&#x27;s circle" in client.get(reverse("rooms:list")).content.decode()
    assert client.get(reverse("rooms:room", args=[mens_room.pk])).status_code == 200


@pytest.mark.django_db
def test_room_list_leaves_out_ended_rooms(member_client, room):
    room.ended_at = timezone.now()
    room.save(update_fields=["ended_at"])
    assert list(member_client.get(reverse("rooms:list")).context["rooms"]) == []


def _list_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_LIST_QUERIES) as captured:
        response = client.get(reverse("rooms:list"))
    assert response.status_code == 200
    return len(captured.captured_queries), len(response.context["rooms"])


@pytest.mark.django_db
def test_room_list_query_count_is_the_same_for_5_and_30_rooms(member_client, mentor, commons, django_assert_max_num_queries):
    def fill(count):
        start = timezone.now() - timedelta(minutes=5)
        made = Room.objects.bulk_create([
            Room(space=commons, host=mentor, title=f"Room {n}", starts_at=start, ends_at=start + timedelta(hours=1))
            for n in range(count)
        ])
        RoomPresence.objects.create(room=made[0], member=mentor, channel_name=f"specific.{count}")

    fill(5)
    small = _list_queries(member_client, django_assert_max_num_queries)
    fill(25)
    large = _list_queries(member_client, django_assert_max_num_queries)
    assert (small[1], large[1]) == (5, 30)
    assert small[0] == large[0]


# --- Scheduling ------------------------------------------------------------------------


@pytest.mark.django_db
def test_schedule_form_is_404_for_members(member_client, commons):
    assert member_client.get(reverse("rooms:new")).status_code == 404
    assert member_client.post(reverse("rooms:new"), schedule_data(commons)).status_code == 404
    assert not Room.objects.exists()


@pytest.mark.django_db
def test_schedule_form_says_times_are_utc_and_offers_readable_spaces(mentor_client, mens_space):
    response = mentor_client.get(reverse("rooms:new"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'type="datetime-local"' in page
    assert "UTC" in page
    offered = set(response.context["form"].fields["space"].queryset.values_list("slug", flat=True))
    assert "commons" in offered
    assert mens_space.slug not in offered


@pytest.mark.django_db
def test_mentor_schedules_a_room_and_lands_in_it(mentor_client, mentor, commons):
    data = schedule_data(commons, length_minutes=90, capacity=8, premoderated="on", extra_rules="No fixing each other.")
    response = mentor_client.post(reverse("rooms:new"), data)
    room = Room.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rooms:room", args=[room.pk])
    assert (room.host, room.space, room.title, room.capacity, room.premoderated) == (mentor, commons, "Sunday circle", 8, True)
    assert room.ends_at - room.starts_at == timedelta(minutes=90)
    assert room.starts_at.strftime("%Y-%m-%dT%H:%M") == data["starts_at"]
    assert room.starts_at.utcoffset() == timedelta(0)


@pytest.mark.django_db
def test_schedule_with_cohost_finds_them_ignoring_case(mentor_client, make_member, commons):
    from peers.models import Role

    helper = make_member("HelperMentor2", role=Role.MENTOR)
    response = mentor_client.post(reverse("rooms:new"), schedule_data(commons, cohost="  helpermentor2 "))
    assert response.status_code == 302
    assert Room.objects.get().cohost == helper


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, message",
    [
        ({"cohost": "NobodyByThisName"}, "No member has that pseudonym"),
        ({"capacity": 51}, "less than or equal to 50"),
        ({"capacity": 1}, "greater than or equal to 2"),
        ({"length_minutes": 10}, "greater than or equal to 15"),
        ({"length_minutes": 241}, "less than or equal to 240"),
        ({"starts_at": "tomorrow evening"}, "Enter a valid date/time"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_schedule_form_refuses_bad_input_and_stores_nothing(mentor_client, commons, changes, message):
    response = mentor_client.post(reverse("rooms:new"), schedule_data(commons, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Room.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, message",
    [
        (timedelta(days=-1), "ends in the future"),
        (timedelta(days=61), "starts within 60 days"),
    ],
)
def test_schedule_refusal_shows_as_form_error(mentor_client, commons, start, message):
    when = (timezone.now() + start).strftime("%Y-%m-%dT%H:%M")
    response = mentor_client.post(reverse("rooms:new"), schedule_data(commons, starts_at=when))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Room.objects.exists()


@pytest.mark.django_db
def test_schedule_refuses_a_cohost_who_is_not_a_mentor(mentor_client, member, commons):
    response = mentor_client.post(reverse("rooms:new"), schedule_data(commons, cohost=member.pseudonym))
    assert response.status_code == 400
    assert "co-host must be another peer mentor" in response.content.decode()
    assert not Room.objects.exists()


@pytest.mark.django_db
def test_schedule_refuses_a_space_the_mentor_cannot_read(mentor_client, mens_space):
    response = mentor_client.post(reverse("rooms:new"), schedule_data(mens_space))
    assert response.status_code == 400
    assert not Room.objects.exists()


@pytest.mark.django_db
def test_mentor_in_the_mens_space_can_schedule_there(mentor_client, mentor, mens_space):
    SpaceMembership.objects.create(space=mens_space, member=mentor)
    assert mentor_client.post(reverse("rooms:new"), schedule_data(mens_space)).status_code == 302
    assert Room.objects.get().space == mens_space


# --- Rules and the room ------------------------------------------------------------------


@pytest.mark.django_db
def test_room_shows_ground_rules_until_the_member_agrees(member_client, member, make_room):
    room = make_room(extra_rules="Phones on silent.\nCameras never on.")
    response = member_client.get(reverse("rooms:room", args=[room.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "I agree to these ground rules" in page
    assert "<li>Phones on silent.</li>" in page and "<li>Cameras never on.</li>" in page
    assert "Be kind, and believe each other." in page
    assert "data-room-socket" not in page
    assert 'action="%s"' % reverse("rooms:agree", args=[room.pk]) in page


@pytest.mark.django_db
def test_agreeing_opens_the_room(member_client, member, room):
    response = member_client.post(reverse("rooms:agree", args=[room.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("rooms:room", args=[room.pk])
    assert RoomEntry.objects.filter(room=room, member=member).count() == 1
    page = member_client.get(response["Location"]).content.decode()
    assert f'data-room-socket="/ws/rooms/{room.pk}/"' in page
    assert re.search(r'<ol id="room-messages"[^>]*aria-live="polite"', page)
    assert 'maxlength="2000"' in page
    assert "I agree to these ground rules" not in page
    assert "host-panel" not in page


@pytest.mark.django_db
def test_agree_only_accepts_post(member_client, room):
    assert member_client.get(reverse("rooms:agree", args=[room.pk])).status_code == 405


@pytest.mark.django_db
def test_agree_refused_shows_why_on_the_rules_page(member_client, member, mentor, room):
    RoomRemoval.objects.create(room=room, member=member, by=mentor)
    response = member_client.post(reverse("rooms:agree", args=[room.pk]))
    assert response.status_code == 400
    assert "You can&#x27;t join this room." in response.content.decode()
    assert not RoomEntry.objects.filter(room=room, member=member).exists()


@pytest.mark.django_db
def test_locked_room_refuses_a_new_member_at_the_rules(member_client, member, room):
    room.locked = True
    room.save(update_fields=["locked"])
    response = member_client.post(reverse("rooms:agree", args=[room.pk]))
    assert response.status_code == 400
    assert "closed to new people" in response.content.decode()


@pytest.mark.django_db
def test_removed_member_who_had_agreed_sees_no_socket(member_client, member, mentor, room):
    schedule.check_agree_to_rules(member, room)
    RoomRemoval.objects.create(room=room, member=member, by=mentor)
    page = member_client.get(reverse("rooms:room", args=[room.pk])).content.decode()
    assert "You can&#x27;t join this room." in page
    assert "data-room-socket" not in page


@pytest.mark.django_db
def test_host_skips_the_rules_and_gets_host_tools(mentor_client, room):
    page = mentor_client.get(reverse("rooms:room", args=[room.pk])).content.decode()
    assert "I agree to these ground rules" not in page
    assert 'id="host-panel"' in page
    assert "Slow mode" in page and "Lock the room" in page and "End the session" in page
    for seconds in (0, 10, 30, 60, 120, 300):
        assert f'<option value="{seconds}"' in page


@pytest.mark.django_db
def test_closed_room_says_so_and_has_no_form(member_client, member, room):
    schedule.check_agree_to_rules(member, room)
    room.ended_at = timezone.now()
    room.save(update_fields=["ended_at"])
    page = member_client.get(reverse("rooms:room", args=[room.pk])).content.decode()
    assert "This room has closed." in page
    assert 'id="room-form"' not in page
    assert "data-room-socket" not in page


@pytest.mark.django_db
def test_room_that_has_not_opened_says_when_it_starts(member_client, member, make_room):
    room = make_room(minutes=120)
    schedule.check_agree_to_rules(member, room)
    page = member_client.get(reverse("rooms:room", args=[room.pk])).content.decode()
    assert "Starts at" in page


@pytest.mark.django_db
def test_missing_room_is_404(member_client):
    assert member_client.get(reverse("rooms:room", args=[999_999])).status_code == 404
