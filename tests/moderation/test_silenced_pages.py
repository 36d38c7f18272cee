"""A silenced member reads, where the write box would be, why they cannot post and how to appeal."""
import pytest
from django.urls import reverse

from moderation.penalties import check_appeal, check_issue_penalty
from tests.helpers import text_of

REASON = "Sharing another member's story without asking"


@pytest.fixture
def thread(make_thread, make_member, commons_board):
    return make_thread(commons_board, author=make_member("Opener9"))


@pytest.fixture
def silenced(member, moderator):
    return check_issue_penalty(moderator, member, "silence", REASON, duration="72h")


def pages(thread):
    board = thread.board
    return {
        "thread": reverse("forum:thread", args=[thread.pk]),
        "board": reverse("forum:board", args=[board.space.slug, board.slug]),
        "new thread": reverse("forum:new_thread", args=[board.space.slug, board.slug]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["thread", "board", "new thread"])
def test_silenced_member_sees_why_and_how_to_appeal_where_they_would_write(member_client, thread, silenced, where):
    page = text_of(member_client.get(pages(thread)[where]))
    assert "You can read, but not post, for now" in page
    assert REASON in page
    assert f'{reverse("peers:account")}#penalty-{silenced.pk}' in page
    assert "Post reply" not in page and ">Start a thread<" not in page


@pytest.mark.django_db
def test_after_appealing_the_notice_says_it_is_being_looked_at(member_client, member, thread, silenced):
    check_appeal(member, silenced, "I had asked them first, in the thread.")
    page = text_of(member_client.get(pages(thread)["thread"]))
    assert "You appealed; a moderator who did not make the decision will look at it." in page
    assert "appeal once from your account page" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["thread", "board", "new thread"])
def test_a_member_free_to_post_sees_no_notice(member_client, thread, where):
    page = text_of(member_client.get(pages(thread)[where]))
    assert "You can read, but not post" not in page


@pytest.mark.django_db
def test_the_account_page_has_the_appeal_the_notice_links_to(member_client, silenced):
    page = text_of(member_client.get(reverse("peers:account")))
    assert f'id="penalty-{silenced.pk}"' in page and "Send appeal" in page
