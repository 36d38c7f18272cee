"""Every page, found by walking the URL patterns: safety headers, Quick exit and Get help.

A new page is covered without touching this file. A page whose URL takes
arguments needs a sample in SAMPLE_KWARGS, or this test fails and says so.
"""
import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from peers.models import Role


@pytest.fixture
def sample_kwargs(make_thread, make_member, commons_board):
    """A value for every URL argument, so pages with arguments are walked too."""
    from moderation import escalations, penalties, queue
    from moderation.models import CareMessage, Lane

    author, moderator = make_member("SampleAuthor1"), make_member("SampleModerator1", role=Role.MODERATOR)
    thread = make_thread(commons_board, author=author)
    post = thread.posts.get()
    flag = queue.open_flag(post, Lane.WATCHED, reasons=["watched"], text=post.body)
    escalation = escalations.open_escalation(author, "concern", source="screening", post=post, excerpt=post.body)
    penalty = penalties.check_issue_penalty(moderator, author, "warning", "sample")
    appeal = penalties.check_appeal(author, penalty, "sample appeal")
    care = CareMessage.objects.create(member=author, text="sample care")
    from peers.models import MentorApplication
    from rooms.schedule import check_schedule_room

    application = MentorApplication.objects.create(member=author, statement="sample statement")
    host = make_member("SampleMentor1", role=Role.MENTOR)
    start = timezone.now() + timedelta(minutes=30)
    room = check_schedule_room(host, space=commons_board.space, title="Sample room", starts_at=start,
                               ends_at=start + timedelta(hours=1))
    return {
        "space_slug": "commons", "board_slug": "check-in", "thread_id": thread.pk, "post_id": post.pk,
        "flag_id": flag.pk, "escalation_id": escalation.pk, "member_id": author.pk, "appeal_id": appeal.pk,
        "penalty_id": penalty.pk, "message_id": care.pk, "application_id": application.pk, "room_id": room.pk,
    }

# Django admin pages that take object ids are reached from its index; walking
# its generic change views adds nothing the admin index does not already show.
SKIP_PREFIXES = ("admin/",)
ADMIN_PAGES = ["admin/", "admin/peers/member/", "admin/moderation/helpresource/", "admin/peers/member/add/"]


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + _route_text(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _route_text(pattern):
    text = str(pattern)
    return text[1:-1] if text.startswith("^") and text.endswith("$") else text.lstrip("^")


def site_paths(samples):
    paths = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or route.startswith("static/"):
            continue
        arguments = re.findall(r"<(?:\w+:)?(\w+)>", route)
        missing = [name for name in arguments if name not in samples]
        assert not missing, f"add a sample for {missing} to the sample_kwargs fixture so /{route} is checked"
        paths.append(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(samples[m.group(1)]), route))
    return ["/" + path for path in sorted(set(paths))] + ["/" + page for page in ADMIN_PAGES]


EXPECTED_HEADERS = {
    "Referrer-Policy": "same-origin",  # never a referrer to another host; see docs/architecture.md
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def assert_safety_headers(response, path):
    for name, value in EXPECTED_HEADERS.items():
        assert response.get(name) == value, f"{path}: {name} is {response.get(name)!r}"
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    sources = {token for token in csp.replace(";", " ").split() if not token.endswith("-src") and "-" not in token[:1]}
    assert sources <= {"'self'", "'none'", "frame-ancestors", "base-uri", "form-action"}, f"{path}: {csp}"
    assert "camera=()" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def assert_safety_shell(html, path):
    exit_link = re.search(r'<a id="quick-exit"[^>]*>Quick exit</a>', html)
    assert exit_link, f"{path}: no Quick exit button"
    assert 'href="https://weather.com/"' in exit_link.group(0), path
    assert re.search(r'<a [^>]*href="/help/"[^>]*>Get help now</a>', html), f"{path}: no Get help now link"
    assert '<script src="/static/js/quick-exit.js"' in html, f"{path}: quick-exit script missing"
    for url in re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', html):
        assert url == "https://weather.com/", f"{path}: loads or links {url} from another host"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "member", "admin"])
def test_every_page_has_safety_headers_and_quick_exit(client, make_member, sample_kwargs, who):
    if who != "anonymous":
        client.force_login(make_member(role=Role.ADMIN if who == "admin" else Role.MEMBER))
    checked = 0
    for path in site_paths(sample_kwargs):
        response = client.get(path)
        assert_safety_headers(response, path)
        is_page = response.status_code == 200 and response["Content-Type"].startswith("text/html")
        if is_page and not response.has_header("X-Lantern-Fragment"):
            assert_safety_shell(response.content.decode(), path)
            assert "no-store" in response["Cache-Control"], path
            checked += 1
    assert checked >= {"anonymous": 4, "member": 12, "admin": 20}[who]


@pytest.mark.django_db
def test_not_found_page_is_safe_and_neutral(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert_safety_headers(response, "404")
    assert_safety_shell(response.content.decode(), "404")


@pytest.mark.django_db
def test_static_files_get_safety_headers(client):
    response = client.get("/static/js/quick-exit.js")
    assert response.status_code == 200
    assert_safety_headers(response, "static")


@pytest.mark.django_db
def test_hsts_only_under_https(client):
    assert "Strict-Transport-Security" not in client.get("/guidelines/")
    secure = client.get("/guidelines/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_quick_exit_url_is_configurable(client, settings):
    settings.QUICK_EXIT_URL = "https://www.example.org/forecast"
    html = client.get("/").content.decode()
    assert 'data-exit-url="https://www.example.org/forecast"' in html


@pytest.mark.django_db
def test_expired_form_page_keeps_the_safety_shell(member):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    response = browser.post("/account/discreet/", {"discreet_mode": "on"})
    assert response.status_code == 403
    assert_safety_shell(response.content.decode(), "csrf failure")
    assert "nothing was saved" in response.content.decode()
