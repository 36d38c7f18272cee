"""A refusal no view caught becomes a 400 page with its message, not a 500 (config/refusals.py)."""
import pytest

from config.refusals import Refused
from moderation.queue import QueueRefused


@pytest.mark.django_db
@pytest.mark.urls("tests.config.refused_urls")
def test_an_uncaught_refusal_is_a_400_page_that_says_why(member_client):
    response = member_client.get("/test-refused/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Only moderators can do this." in page and "Nothing was changed." in page
    assert "Quick exit" in page


def test_every_app_refusal_is_the_shared_one():
    from forum.actions import Refused as ForumRefused
    from moderation.escalations import EscalationRefused
    from moderation.penalties import PenaltyRefused
    from moderation.reports import ReportRefused
    from peers.mentoring import MentoringRefused
    from rooms.schedule import RoomRefused

    assert ForumRefused is Refused
    for kind in (QueueRefused, EscalationRefused, PenaltyRefused, ReportRefused, MentoringRefused, RoomRefused):
        assert issubclass(kind, Refused)
