"""A real Lantern (Daphne subprocess) and a real Chromium for end-to-end tests.

The server runs on a database of its own, so these tests never use the
`db` fixture. Chromium is Debian's, never a downloaded one; without it the
tests skip, or fail under LANTERN_REQUIRE_SERVICES=1.
"""
import dataclasses
import os
import re
import secrets
import time
from pathlib import Path

import pytest

from tests.conftest import service_missing
from tests.live_servers import (
    GENEROUS_RATES,
    REPO_ROOT,
    fresh_postgres_database,
    is_postgres,
    run_manage,
    start_daphne,
    stop,
    wait_until_healthy,
)

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts" / "e2e"
DEFAULT_QUICK_EXIT_URL = "https://weather.com/"
WEATHER_PAGE = "<!doctype html><title>Weather</title><h1>Weather forecast</h1>"
PASSPHRASE = "quiet rivers carry lanterns home"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google's services; the network here is closed.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# --- Collection ---------------------------------------------------------------


def _is_e2e(item):
    return Path(item.path).resolve().is_relative_to(E2E_DIR)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)
    # A module that sets RUN_LAST (the log check) goes after every other test,
    # so it sees what they made the server write. sort() is stable.
    items.sort(key=lambda item: _is_e2e(item) and getattr(item.module, "RUN_LAST", False))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- The server ---------------------------------------------------------------


def _server_environment(var_dir):
    env = {**os.environ, **GENEROUS_RATES, "LANTERN_VAR_DIR": str(var_dir), "DEBUG": "0"}
    # Daphne writes its access log to stdout; unbuffered, the log test can read it live.
    env["PYTHONUNBUFFERED"] = "1"
    database_url = env.pop("DATABASE_URL", "")
    if is_postgres(database_url):
        env["DATABASE_URL"] = fresh_postgres_database(database_url, "lantern_e2e")
        if env["DATABASE_URL"] is None:
            service_missing("PostgreSQL named in DATABASE_URL is not reachable")
    if env.get("REDIS_URL"):
        prefix = f"lantern-e2e-{secrets.token_hex(4)}"
        env["CACHE_KEY_PREFIX"] = env["CHANNEL_LAYER_PREFIX"] = prefix
    return env


@pytest.fixture(scope="session")
def live_server_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("lantern-e2e")


@pytest.fixture(scope="session")
def live_server_log(live_server_dir):
    return live_server_dir / "server.log"


@pytest.fixture(scope="session")
def live_server_env(live_server_dir):
    return _server_environment(live_server_dir / "var")


@pytest.fixture(scope="session")
def demo_accounts(live_server_url, live_server_env):
    """The demo staff accounts (seed_demo) on the live server's database: pseudonym -> passphrase."""
    from peers.management.commands.seed_demo import DEMO_ACCOUNTS

    run_manage(live_server_env, "seed_demo", timeout=120)
    return {pseudonym: passphrase for pseudonym, passphrase, _, _ in DEMO_ACCOUNTS}


@pytest.fixture(scope="session")
def live_server_url(live_server_log, live_server_env):
    run_manage(live_server_env, "migrate", "--noinput")
    server = start_daphne("e2e", live_server_env, live_server_log)
    try:
        wait_until_healthy(server, time.monotonic() + 30)
        yield server.url
    finally:
        stop(server)


@pytest.fixture(scope="session")
def quick_exit_url():
    # The server reads the same variable (config/settings.py).
    return os.environ.get("QUICK_EXIT_URL") or DEFAULT_QUICK_EXIT_URL


# --- The browser --------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("LANTERN_CHROMIUM") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        service_missing(f"Chromium is not installed at {path} (set LANTERN_CHROMIUM to its path)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def browser_context_args():
    """Options for browser.new_context(); a module overrides this fixture to change them."""
    return {}


def _guard_outside_requests(context, live_server_url, quick_exit_url):
    """Serve the quick-exit page locally, refuse every other host; return what was refused."""
    refused = []
    own_origin = f"{live_server_url}/"

    def handle(route):
        url = route.request.url
        if url == quick_exit_url:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=WEATHER_PAGE)
        else:
            refused.append(url)
            route.abort("blockedbyclient")

    context.route(lambda url: not url.startswith(own_origin), handle)
    return refused


@pytest.fixture
def context(browser, live_server_url, quick_exit_url, browser_context_args):
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    refused = _guard_outside_requests(context, live_server_url, quick_exit_url)
    yield context
    context.close()
    assert refused == [], (
        f"Lantern pages asked other hosts for {refused} (docs/design.md, invariant 6)")


def _screenshot_path(item):
    safe_name = re.sub(r"[^\w.-]+", "_", item.name)
    return ARTIFACTS_DIR / f"{safe_name}.png"


@pytest.fixture
def page(context, request):
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and not page.is_closed():
        path = _screenshot_path(request.node)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot of the failure: {path}")


@pytest.fixture
def new_person_page(browser, live_server_url, quick_exit_url, browser_context_args, request):
    """Open a page in a browser context of its own (own cookies), guarded like the `context` fixture."""
    opened = []

    def open_page(label):
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(10_000)
        refused = _guard_outside_requests(context, live_server_url, quick_exit_url)
        page = context.new_page()
        opened.append((label, context, page, refused))
        return page

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for label, context, page, refused in opened:
        if report is not None and report.failed and not page.is_closed():
            path = _screenshot_path(request.node)
            path = path.with_name(f"{path.stem}-{label}.png")
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            print(f"screenshot of {label}'s page at the failure: {path}")
        context.close()
        assert refused == [], (
            f"Lantern pages asked other hosts for {refused} (docs/design.md, invariant 6)")


# --- Member journeys through the real pages ---------------------------------------


def submit(page, button):
    """Click a form's button; fail at once, with the server's words, if the POST was refused."""
    # Wait for the whole navigation (the POST and the page it redirects to),
    # not only the POST's answer: acting on a page still navigating is a race.
    with page.expect_navigation(), page.expect_response(lambda response: response.request.method == "POST") as posted:
        button.click()
    response = posted.value
    if response.status not in (200, 302):
        page.wait_for_load_state()
        main = page.locator("main")
        shown = (main if main.count() else page.locator("body")).inner_text()[:300]
        pytest.fail(f"POST {response.url} answered {response.status} (the server log says why): {shown}")


@dataclasses.dataclass
class Joined:
    pseudonym: str
    passphrase: str
    codes: list


def unique_pseudonym(stem="Fern"):
    # Hex never forms an email or phone shape, and a run never reuses a name.
    return f"{stem}{secrets.token_hex(3)}"


class Lantern:
    """The steps a member takes, written once so each test reads as its story."""

    PASSPHRASE = PASSPHRASE
    unique_pseudonym = staticmethod(unique_pseudonym)

    def __init__(self, base_url):
        self.base_url = base_url

    def url(self, path):
        return f"{self.base_url}{path}"

    def submit_join(self, page, pseudonym, passphrase=PASSPHRASE):
        page.goto(self.url("/join/"))
        page.fill("#id_pseudonym", pseudonym)
        page.fill("#id_passphrase", passphrase)
        page.fill("#id_passphrase_again", passphrase)
        page.check("#id_agree")
        submit(page, page.get_by_role("button", name="Join"))

    def join(self, page, pseudonym=None, passphrase=PASSPHRASE):
        """Join and continue to the welcome page; returns the codes shown on the way."""
        pseudonym = pseudonym or unique_pseudonym()
        self.submit_join(page, pseudonym, passphrase)
        codes = page.locator("ol.recovery-codes code")
        codes.first.wait_for()
        codes = codes.all_inner_texts()
        page.get_by_label("I have kept my recovery codes somewhere safe").check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile(r"/\?welcome=1"))
        page.get_by_role("heading", name=f"Welcome to Lantern, {pseudonym}").wait_for()
        return Joined(pseudonym, passphrase, codes)

    def log_in(self, page, pseudonym, passphrase):
        page.goto(self.url("/login/"))
        page.fill("#id_pseudonym", pseudonym)
        page.fill("#id_passphrase", passphrase)
        submit(page, page.get_by_role("button", name="Log in"))

    def log_out(self, page):
        submit(page, page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out"))
        page.get_by_text("You are signed out.").wait_for()

    def recover(self, page, pseudonym, code, new_passphrase):
        page.goto(self.url("/recover/"))
        page.fill("#id_pseudonym", pseudonym)
        page.fill("#id_code", code)
        page.fill("#id_passphrase", new_passphrase)
        page.fill("#id_passphrase_again", new_passphrase)
        submit(page, page.get_by_role("button", name="Set new passphrase"))

    def signed_in_as(self, page, pseudonym):
        return page.get_by_role("navigation", name="Main").get_by_role("link", name=pseudonym, exact=True)


@pytest.fixture
def lantern(live_server_url):
    return Lantern(live_server_url)
