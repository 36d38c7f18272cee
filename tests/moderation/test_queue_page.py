"""The queue page's cost: it must not grow with one author's history."""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.models import Flag, FlagStatus, Lane, Penalty, PenaltyKind
from tests.helpers import text_of


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def history(author, *, flags, penalties, open_flags):
    Flag.objects.bulk_create(
        [Flag(author=author, lane=Lane.WATCHED, status=FlagStatus.RESOLVED, text="old") for _ in range(flags)]
        + [Flag(author=author, lane=Lane.HELD_NEWCOMER, text=f"{author.pseudonym} open {n}") for n in range(open_flags)]
    )
    Penalty.objects.bulk_create([Penalty(member=author, kind=PenaltyKind.WARNING, reason="r") for _ in range(penalties)])


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_queue_page_queries_do_not_grow_with_items_or_history(moderator, make_member, size, django_assert_max_num_queries):
    for n in range(size):
        history(make_member(f"Author{n}"), flags=n, penalties=n % 4, open_flags=2)
    client = signed_in(moderator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_queue_page_counts_each_authors_history_without_multiplying(moderator, make_member):
    troll, quiet = make_member("Troll1"), make_member("Quiet1")
    history(troll, flags=7, penalties=5, open_flags=3)
    history(quiet, flags=0, penalties=1, open_flags=1)
    Flag.objects.create(author=None, lane=Lane.WATCHED, text="from a former member")
    with CaptureQueriesContext(connection) as queries:
        page = " ".join(text_of(signed_in(moderator).get(reverse("moderation:queue"))).split())
    assert page.count("Troll1</a>, member, 7 earlier items, 5 penalties") == 3
    assert page.count("Quiet1</a>, member, 0 earlier items, 1 penalty.") == 1
    assert "By a former member." in page
    # Flags and penalties joined in one query multiply into flags x penalties rows per item.
    joined = [q["sql"] for q in queries if "moderation_penalty" in q["sql"] and "moderation_flag" in q["sql"]]
    assert joined == []


@pytest.mark.django_db
def test_queue_page_shows_the_most_urgent_page_and_the_total(moderator, make_member):
    history(make_member("Many1"), flags=0, penalties=0, open_flags=55)
    crisis = Flag.objects.create(author=None, lane=Lane.CRISIS_IMMINENT, text="the most urgent")
    page = text_of(signed_in(moderator).get(reverse("moderation:queue")))
    assert page.count('class="flag lane-') == 50
    assert page.index(f'id="flag-{crisis.pk}"') < page.index("Many1 open 0")
    assert "The 50 most urgent of 56 open items" in page
