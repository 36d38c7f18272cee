"""The care conversation in real browsers, at phone width: crisis staff write, the member answers privately."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS_DIR, submit

CRISIS_TEXT = "I have the pills in front of me and I'm going to take them all tonight"
CARE = "This is the care team. Are you safe right now?"


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def screenshot(page, name):
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)


def test_member_answers_the_care_team_with_one_tap_and_staff_see_it_live(lantern, new_person_page, demo_accounts):
    page = new_person_page("member")
    member = lantern.join(page)
    page.goto(lantern.url("/s/commons/check-in/new/"))
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("Your post").fill(CRISIS_TEXT)
    submit(page, page.get_by_role("button", name="Post"))
    expect(page.get_by_role("alert", name=re.compile("We're glad you told us"))).to_be_visible()
    screenshot(page, "care-1-help-box")

    staff = new_person_page("crisis-staff")
    lantern.log_in(staff, "demo_crisis", demo_accounts["demo_crisis"])
    staff.goto(lantern.url("/crisis/"))
    staff.locator("#escalations").get_by_role("link", name=re.compile(member.pseudonym)).first.click()
    staff.get_by_label("Message to the member").fill(CARE)
    submit(staff, staff.get_by_role("button", name="Send care message"))
    expect(staff.get_by_role("status")).to_contain_text("Sent.")
    expect(staff.get_by_role("region", name="A message from our care team")).to_have_count(0)
    staff.evaluate("window.__sameDocument = true")

    care = page.get_by_role("region", name="A message from our care team")
    expect(care).to_contain_text(CARE)  # live, without a reload
    expect(care).not_to_contain_text("posting")
    screenshot(page, "care-2-banner")
    submit(page, care.get_by_role("button", name="I'm safe now"))
    expect(page.get_by_role("heading", name="Your conversation with our care team")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Thank you for letting us know.")
    screenshot(page, "care-3-conversation")

    expect(staff.locator("#escalation-conversation")).to_contain_text("tapped I'm safe now")  # live
    assert staff.evaluate("window.__sameDocument === true"), "the escalation page reloaded instead of updating live"

    page.get_by_label("Or write back in your own words").fill("I'm at my sister's tonight. Thank You.")
    submit(page, page.get_by_role("button", name="Send to our care team"))
    expect(staff.locator("#escalation-conversation")).to_contain_text("I'm at my sister's tonight.")
