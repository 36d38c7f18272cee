"""The review queue updates live, without wiping a form a moderator has started to fill in."""
import re

from playwright.sync_api import expect


def post_held_contact(page, lantern, title):
    lantern.join(page)
    page.goto(lantern.url("/s/commons/check-in/new/"))
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill("add me on snap: river.moon_07 and we can talk there")
    page.get_by_role("button", name="Post").click()
    expect(page).to_have_url(re.compile(r"/t/\d+/"))


def test_new_items_appear_live_and_a_chosen_reason_survives(page, new_person_page, lantern, demo_accounts):
    post_held_contact(page, lantern, "First offer")
    moderator = new_person_page("moderator")
    lantern.log_in(moderator, "demo_moderator", demo_accounts["demo_moderator"])
    moderator.goto(lantern.url("/moderation/"))
    queue = moderator.locator("#queue")
    first = queue.locator("li.flag").filter(has_text="First offer")
    expect(first).to_be_visible()
    moderator.wait_for_load_state("networkidle")  # the refresh made when the socket opens
    moderator.evaluate("window.__sameDocument = true")
    first.locator("form.resolve select[name=reason]").select_option("Spam")

    second_author = new_person_page("second-author")
    post_held_contact(second_author, lantern, "Second offer")

    show_latest = moderator.get_by_role("button", name=re.compile("Show the latest"))
    expect(show_latest).to_be_visible(timeout=10_000)
    expect(first.locator("form.resolve select[name=reason]")).to_have_value("Spam")
    show_latest.click()
    expect(queue.locator("li.flag").filter(has_text="Second offer")).to_be_visible()
    assert moderator.evaluate("window.__sameDocument === true")
