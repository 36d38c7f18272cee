"""axe-core (WCAG 2.2 A and AA rules) finds nothing on each kind of page, at phone and desktop width.

axe is a test asset (tests/e2e/vendor/axe-core, from the npm registry),
evaluated in the page by Playwright; Lantern never serves it. Each person
sees their own pages: a visitor, a member (boards, a thread, search, a
room, the care conversation), a mentor, a moderator and crisis staff.
"""
import json
import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E_DIR, submit
from tests.live_servers import manage_json

AXE_VERSION = "4.14.1"
AXE_SOURCE = (E2E_DIR / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

VISITOR_PAGES = ["/", "/join/", "/login/", "/recover/", "/help/", "/guidelines/", "/no/such/page/"]
MEMBER_PAGES = ["/", "/?welcome=1", "/boards/", "/boards/following/", "/s/commons/", "/s/commons/small-wins/",
                "/s/commons/small-wins/new/", "/search/?q=bank", "/rooms/", "/account/", "/s/mens-space/"]


def violations(page):
    """axe's violations on the page as it stands, as short lines a person can act on."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    assert page.evaluate("axe.version") == AXE_VERSION
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
    found = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}" for v in found]


def check(page, url, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(url)
    page.wait_for_load_state("networkidle")  # live regions fetch their fragment once their socket opens
    return {f"{width} {page.url}": found} if (found := violations(page)) else {}


def check_all(page, urls):
    problems = {}
    for width in WIDTHS:
        for url in urls:
            problems.update(check(page, url, width))
    return problems


def test_axe_test_asset_is_the_vendored_version():
    assert f"axe v{AXE_VERSION}" in AXE_SOURCE[:200]


def test_axe_finds_what_it_should_on_a_lantern_page(page, lantern):
    """Proof that the runs below can fail: faults put into a real page are found."""
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(lantern.url("/"))
    page.evaluate("""() => {
        const main = document.querySelector("main");
        main.insertAdjacentHTML("beforeend", '<img src="/static/img/lantern.svg"><input type="text">');
        const tiny = document.createElement("button");
        tiny.textContent = "x";
        tiny.style.cssText = "width:10px;height:10px;padding:0;min-height:0;font-size:6px";
        main.appendChild(tiny);
        tiny.insertAdjacentElement("afterend", tiny.cloneNode(true));
    }""")
    found = " ".join(violations(page))
    assert "image-alt" in found and "label" in found and "target-size" in found


def test_visitor_pages_have_no_wcag_violations(page, lantern):
    assert check_all(page, [lantern.url(path) for path in VISITOR_PAGES]) == {}


def test_member_pages_have_no_wcag_violations(page, lantern, demo_accounts):
    lantern.join(page)
    urls = [lantern.url(path) for path in MEMBER_PAGES]
    page.goto(lantern.url("/s/commons/small-wins/"))
    page.get_by_role("link", name="I opened a bank account in my own name").click()
    urls.append(page.url)  # a thread, with its reply box
    assert check_all(page, urls) == {}


def test_room_pages_have_no_wcag_violations(lantern, new_person_page, demo_accounts):
    mentor = new_person_page("mentor")
    lantern.log_in(mentor, "demo_mentor", demo_accounts["demo_mentor"])
    mentor.goto(lantern.url("/rooms/new/"))
    new_room_problems = check_all(mentor, [mentor.url])
    mentor.goto(lantern.url("/rooms/new/"))
    mentor.get_by_label("Space").select_option(label="Commons")
    mentor.get_by_label("Title").fill(lantern.unique_pseudonym("Circle "))
    mentor.get_by_label("Starts at (UTC)").fill(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M"))
    mentor.get_by_role("button", name="Schedule the room").click()
    expect(mentor.locator("#room-status")).to_have_text("Live now")
    room_url = mentor.url
    host_problems = check_all(mentor, [room_url])  # the host tools

    member = new_person_page("member")
    lantern.join(member)
    rules_problems = check_all(member, [room_url])  # the ground rules, before agreeing
    member.goto(room_url)
    member.get_by_role("button", name="I agree to these ground rules").click()
    expect(member.get_by_label("Your message")).to_be_enabled()
    member.get_by_label("Your message").fill("Hello, first time here.")
    member.get_by_label("Your message").press("Enter")
    expect(member.locator("#room-messages")).to_contain_text("first time here")
    in_room = {}
    for width in WIDTHS:
        member.set_viewport_size(WIDTHS[width])
        if found := violations(member):
            in_room[f"{width} room, inside"] = found
    assert {**new_room_problems, **host_problems, **rules_problems, **in_room} == {}


def test_staff_pages_and_the_care_conversation_have_no_wcag_violations(
    lantern, new_person_page, demo_accounts, live_server_env
):
    member = new_person_page("member")
    joined = lantern.join(member)
    made = manage_json(live_server_env, (
        "import json; from peers.models import Member; "
        "from moderation.escalations import open_escalation, check_send_care_message; "
        f"m = Member.objects.find({joined.pseudonym!r}); staff = Member.objects.find('demo_crisis'); "
        "e = open_escalation(m, 'concern', source='screening', categories=['self_harm'], excerpt='a hard night'); "
        "check_send_care_message(staff, e, 'This is the care team. Are you safe right now?'); "
        "print(json.dumps({'escalation': e.pk, 'member': m.pk}))"
    ))
    care = check_all(member, [lantern.url("/"), lantern.url(f"/care/conversation/{made['escalation']}/")])

    crisis = new_person_page("crisis")
    lantern.log_in(crisis, "demo_crisis", demo_accounts["demo_crisis"])
    crisis_pages = check_all(crisis, [lantern.url("/crisis/"), lantern.url(f"/crisis/{made['escalation']}/")])

    moderator = new_person_page("moderator")
    lantern.log_in(moderator, "demo_moderator", demo_accounts["demo_moderator"])
    moderation_pages = check_all(moderator, [lantern.url(path) for path in (
        "/moderation/", "/moderation/appeals/", "/moderation/audit/", f"/moderation/members/{made['member']}/")])
    assert {**care, **crisis_pages, **moderation_pages} == {}
