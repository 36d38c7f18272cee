"""Before "I agree", a member reads that everyone in a room sees their pseudonym, even when they only listen."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Space
from rooms import schedule
from tests.helpers import text_of


@pytest.fixture
def room(mentor):
    start = timezone.now() - timedelta(minutes=5)
    return schedule.check_schedule_room(mentor, space=Space.objects.get(slug="commons"), title="Evening circle",
                                     starts_at=start, ends_at=start + timedelta(hours=1))


@pytest.mark.django_db
def test_rules_page_says_who_will_see_you_before_i_agree(member_client, member, room):
    page = text_of(member_client.get(reverse("rooms:room", args=[room.pk])))
    assert "I agree to these ground rules" in page
    notice = page.index("everyone there sees your pseudonym")
    assert member.pseudonym in page[notice - 200:notice + 200]
    assert "even if you only listen" in page
    assert notice < page.index("I agree to these ground rules")


@pytest.mark.django_db
def test_rooms_list_says_listeners_are_seen(member_client):
    assert "others in the room see your pseudonym" in text_of(member_client.get(reverse("rooms:list")))


@pytest.mark.django_db
def test_in_the_room_the_list_of_names_says_everyone_sees_it_and_messages_scroll_by_keyboard(member_client, member, room):
    schedule.check_agree_to_rules(member, room)
    page = text_of(member_client.get(reverse("rooms:room", args=[room.pk])))
    assert "Everyone in the room sees these names, yours too" in page
    assert 'id="room-messages" class="room-messages" aria-live="polite" aria-label="Messages" tabindex="0"' in page
