"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

Chromium is installed by `.ci/run` (`apt-get install chromium`) when missing; without it these
tests are skipped with the reason. Never `playwright install`: it downloads a browser.
"""

import os
import pathlib
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = pathlib.Path(__file__).with_name("vendor").joinpath("axe.min.js")
DEMO_PASSWORD = "correct-horse-battery"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _playwright_browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # tests themselves are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(_playwright_browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url  # links in e-mails lead to this server
    context = _playwright_browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def phone_page(_playwright_browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    context = _playwright_browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, locale="nl-NL"
    )
    yield context.new_page()
    context.close()


def log_in(page, email, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main form button[type=submit]").first.click()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return the violations of the given impacts."""
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def has_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def login_as(context, user, base_url):
    """Open a session for `user` in this browser context (the login itself is tested in
    test_accounts_flow, with its two-factor step)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])


def assert_fits_a_phone_and_passes_axe(browser, base_url, user, path, width=375):
    """`path` as `user` sees it on a phone `width` px wide (375 unless told): no sideways
    scrolling, no serious or critical accessibility violations."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 740})
    login_as(context, user, base_url)
    page = context.new_page()
    page.goto(path)
    assert not has_horizontal_scroll(page), path
    assert axe_violations(page) == [], path
    context.close()


def plan_with_one_result():
    """The smallest plan a jaarverslag can be made of: one programme, one project, one
    highlighted 2025 result. Returns the project."""
    from programmes.models import Programme, Project, Result, StrategicPlan

    plan = StrategicPlan.objects.create(
        title="Samen kansen zien en waarmaken",
        first_year=2025,
        last_year=2030,
        mission="m",
        core_values="k",
    )
    programme = Programme.objects.create(
        plan=plan, number=1, name="Versterk de basis", theme="t", description="d"
    )
    project = Project.objects.create(programme=programme, name="Kennis", slug="kennis")
    Result.objects.create(project=project, year=2025, text="Resultaat", is_highlight=True)
    return project


@pytest.fixture
def new_context(_playwright_browser, live_server, settings):
    """A factory of browser contexts, one per person in a flow."""
    settings.ALLOWED_HOSTS = ["*"]
    contexts = []

    def make(user=None):
        context = _playwright_browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(15_000)
        if user is not None:
            login_as(context, user, live_server.url)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def open_page(_playwright_browser, live_server, settings):
    """A factory of pages at a viewport, logged in as a user; every context is closed at the
    end of the test, also when it fails (no connection stays open to the live server)."""
    settings.ALLOWED_HOSTS = ["*"]
    contexts = []

    def make(user, viewport, *, javascript=True):
        context = _playwright_browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="nl-NL",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            login_as(context, user, live_server.url)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
