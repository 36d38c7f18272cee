"""The Men's Space on the boards, with several people in their own browsers, through the real pages only.

Members who join the opt-in space start threads, reply behind a content
warning, react and find threads by search; a member who never joined gets
404 for the thread and finds nothing (docs/boards.md). A newcomer's first
post in an opt-in space waits for a moderator (docs/moderation.md), so a
moderator approves it from the review queue before anyone else can see it.
"""
import dataclasses
import re
import secrets
import string
import urllib.parse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit

SPACE = "Men's Space"
BOARD = "Men's talk"
DOOR_HEADING = "A space for men and boys"
# Gentle, ordinary sentences: screening holds crisis words, contact details and recruiting.
TITLE = "Finding my feet again"
OPENING = "Some mornings feel lighter now. I planted {word} seeds on the windowsill and watched them come up."
REPLY = "Thank you for writing this. I know those slow mornings too, and it helps to read that they can get lighter."
WARNING = "hard memories"
HELD_NOTICE = "Only you and the moderators can see this for now."


@dataclasses.dataclass
class Thread:
    url: str
    word: str


@dataclasses.dataclass
class Account:
    pseudonym: str
    passphrase: str


def at_thread(thread):
    """The thread's page, perhaps opened at a held post (it says why it is held)."""
    return re.compile(re.escape(thread.url) + r"(#post-\d+)?$")


def distinctive_word():
    # Letters only: digits could read as a number or a handle to screening.
    return "windlark" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))


@pytest.fixture
def moderator(demo_accounts):
    # No page can make a moderator (roles are set at /admin/), and members'
    # first posts in the Men's Space wait for one.
    return Account("demo_moderator", demo_accounts["demo_moderator"])


def post_by(page, pseudonym):
    return page.get_by_role("article", name=f"Post by {pseudonym}", exact=True)


def join_mens_space_from_its_door(page, lantern):
    page.goto(lantern.url("/s/mens-space/"))
    expect(page.get_by_role("heading", name=DOOR_HEADING)).to_be_visible()
    expect(page.locator(".door-text")).to_contain_text("happen to men and boys too")
    submit(page, page.get_by_role("button", name="Join this space"))
    expect(page.get_by_role("status").filter(has_text=f"Welcome to {SPACE}.")).to_be_visible()
    expect(page.get_by_role("heading", name=SPACE, exact=True)).to_be_visible()


def start_thread_in_mens_talk(page, lantern):
    """Member A's way in: Boards, the door, joining, the board, a new thread. Ends on the thread page."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Boards").click()
    expect(page).to_have_url(lantern.url("/boards/"))
    page.get_by_role("link", name=SPACE, exact=True).click()
    join_mens_space_from_its_door(page, lantern)

    page.get_by_role("link", name=BOARD, exact=True).click()
    expect(page.get_by_role("heading", name=BOARD, exact=True)).to_be_visible()
    page.get_by_role("link", name="Start a thread").click()
    word = distinctive_word()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your post").fill(OPENING.format(word=word))
    submit(page, page.get_by_role("button", name="Post", exact=True))

    # A held post (a newcomer's first here) opens the page at the post, which says why it is held.
    expect(page).to_have_url(re.compile(r"/t/\d+/(#post-\d+)?$"))
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator(".post-body")).to_contain_text(word)
    return Thread(url=page.url.split("#")[0], word=word)


def approve_in_queue(page, lantern, moderator, item_text):
    """The moderator approves the held post whose queue item shows `item_text`."""
    if not lantern.signed_in_as(page, moderator.pseudonym).count():
        lantern.log_in(page, moderator.pseudonym, moderator.passphrase)
    # The queue fetches its list again once its live socket opens; act on the list after that.
    with page.expect_response(lambda response: "/moderation/?fragment=1" in response.url):
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Queue").click()
    page.wait_for_load_state("networkidle")
    item = page.locator("li.flag", has_text=item_text)
    expect(item).to_contain_text("Held newcomer post")
    item.get_by_label("Reason").select_option("Looks fine")
    submit(page, item.get_by_role("button", name="Approve", exact=True))
    expect(page.get_by_role("status").filter(has_text="Done: approve.")).to_be_visible()
    expect(page.locator("li.flag", has_text=item_text)).to_have_count(0)


def search_boards(page, lantern, words):
    page.goto(lantern.url("/boards/"))
    page.get_by_label("Search the boards").fill(words)
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
    return page.locator("ul.results")


def test_members_of_the_mens_space_reply_behind_a_warning_react_and_find_the_thread(
    page, lantern, new_person_page, moderator
):
    a = lantern.join(page, lantern.unique_pseudonym("Ash"))
    thread = start_thread_in_mens_talk(page, lantern)
    expect(post_by(page, a.pseudonym)).to_contain_text(thread.word)
    expect(post_by(page, a.pseudonym)).to_contain_text(HELD_NOTICE)  # a newcomer's first post here
    page_m = new_person_page("moderator")
    approve_in_queue(page_m, lantern, moderator, thread.word)

    page_b = new_person_page("B")
    b = lantern.join(page_b, lantern.unique_pseudonym("Birch"))
    join_mens_space_from_its_door(page_b, lantern)
    page_b.get_by_role("link", name=BOARD, exact=True).click()
    page_b.get_by_role("link", name=TITLE, exact=True).click()
    expect(page_b).to_have_url(at_thread(thread))

    page_b.get_by_label("Your post").fill(REPLY)
    page_b.get_by_label("Content warning (optional)").fill(WARNING)
    submit(page_b, page_b.get_by_role("button", name="Post reply"))
    expect(page_b).to_have_url(at_thread(thread))
    folded = post_by(page_b, b.pseudonym).locator("details.content-warning")
    reply_body = folded.locator(".post-body")
    expect(folded.locator("summary")).to_have_text(f"Content warning: {WARNING}")
    expect(reply_body).to_contain_text(REPLY)  # in the page, but folded away
    expect(reply_body).to_be_hidden()
    folded.locator("summary").click()
    expect(reply_body).to_be_visible()

    hear_you = post_by(page_b, a.pseudonym).get_by_role("button", name=re.compile(r"^I hear you"))
    expect(hear_you).to_have_attribute("aria-pressed", "false")
    submit(page_b, hear_you)
    page_b.reload()
    expect(hear_you.locator(".count")).to_have_text("1")
    expect(hear_you).to_have_attribute("aria-pressed", "true")
    strength = post_by(page_b, a.pseudonym).get_by_role("button", name=re.compile(r"^Sending strength"))
    expect(strength).to_have_attribute("aria-pressed", "false")  # only the one B gave

    results = search_boards(page_b, lantern, thread.word)
    expect(page_b.get_by_role("heading", name="1 result", exact=True)).to_be_visible()
    found = results.get_by_role("link", name=TITLE, exact=True)
    thread_path = urllib.parse.urlsplit(thread.url).path
    expect(found).to_have_attribute("href", re.compile(rf"^{re.escape(thread_path)}#post-\d+$"))
    found.click()
    expect(page_b.get_by_role("heading", name=TITLE)).to_be_visible()
    assert page_b.url.startswith(thread.url)

    # What A, the reader, sees once B's reply is approved too.
    approve_in_queue(page_m, lantern, moderator, b.pseudonym)
    page.reload()
    given = post_by(page, a.pseudonym).locator(".reaction", has_text="I hear you")
    expect(given.locator(".count")).to_have_text("1")
    folded_for_a = post_by(page, b.pseudonym).locator("details.content-warning")
    expect(folded_for_a.locator("summary")).to_have_text(f"Content warning: {WARNING}")
    expect(folded_for_a.locator(".post-body")).to_be_hidden()


def test_outsider_gets_not_found_for_a_mens_space_thread_and_finds_nothing(page, lantern, new_person_page, moderator):
    lantern.join(page, lantern.unique_pseudonym("Ash"))
    thread = start_thread_in_mens_talk(page, lantern)
    approve_in_queue(new_person_page("moderator"), lantern, moderator, thread.word)
    search_boards(page, lantern, thread.word)
    expect(page.get_by_role("heading", name="1 result", exact=True)).to_be_visible()  # members can find it

    page_c = new_person_page("C")
    lantern.join(page_c, lantern.unique_pseudonym("Cedar"))
    response = page_c.goto(thread.url)
    assert response.status == 404
    expect(page_c.get_by_role("heading", name="Nothing here")).to_be_visible()
    expect(page_c.locator("main")).not_to_contain_text(TITLE)
    expect(page_c.locator("main")).not_to_contain_text(thread.word)

    page_c.goto(lantern.url("/boards/"))
    expect(page_c.get_by_role("link", name="Daily check-in")).to_be_visible()  # open spaces list their boards
    expect(page_c.get_by_role("link", name=SPACE, exact=True)).to_be_visible()
    expect(page_c.get_by_role("link", name="Read about this space and choose whether to join")).to_be_visible()
    expect(page_c.get_by_role("link", name=BOARD)).to_have_count(0)

    results = search_boards(page_c, lantern, thread.word)
    expect(page_c.get_by_role("heading", name="0 results", exact=True)).to_be_visible()
    expect(results).to_contain_text("Nothing found")
    expect(results.get_by_role("link")).to_have_count(0)
