"""A crisis message reaches crisis staff live, and its author sees help at once."""
import re

from playwright.sync_api import expect

CRISIS_TEXT = "I have the pills in front of me and I'm going to take them all tonight"


def test_crisis_post_shows_help_to_author_and_alerts_dashboard_without_reload(page, new_person_page, lantern, demo_accounts):
    staff = new_person_page("crisis-staff")
    lantern.log_in(staff, "demo_crisis", demo_accounts["demo_crisis"])
    staff.goto(lantern.url("/crisis/"))
    if staff.get_by_role("button", name="Go on duty").count():
        staff.get_by_role("button", name="Go on duty").click()
    expect(staff.get_by_role("button", name="Go off duty")).to_be_visible()
    staff.evaluate("window.__sameDocument = true")

    member = lantern.join(page)
    page.goto(lantern.url("/s/commons/check-in/new/"))
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("Your post").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Post").click()
    expect(page).to_have_url(re.compile(r"/t/\d+/"))
    help_box = page.get_by_role("alert", name=re.compile("We're glad you told us"))
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("988")
    expect(help_box).to_contain_text("1-888-373-7888")
    expect(help_box).to_contain_text("is on duty now and has been told")  # demo_crisis went on duty above

    alert = staff.locator("#escalations").get_by_text(member.pseudonym)
    expect(alert).to_be_visible(timeout=10_000)
    expect(staff.locator("#escalations")).to_contain_text("Imminent")
    assert staff.evaluate("window.__sameDocument === true"), "the dashboard reloaded instead of updating live"

