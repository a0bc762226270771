"""Playwright on Debian's Chromium, against pytest-django's live server.

Every page a journey visits passes through `Journey.check`, which runs axe-core
(no serious or critical violations, WCAG 2.2 AA rules) and the page-soundness checks.
"""

import os
import shutil
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the
    # browser is open; the ORM calls tests make between browser steps are still
    # synchronous, so Django's guard against async use is lifted meanwhile.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed for browser tests: scripts/test installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Journey:
    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.axe = Axe()
        self.visited = []

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check()

    def follow(self, locator):
        """Click a link or button that loads a new page, then check that page."""
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def check(self):
        page = self.page
        self.visited.append(page.url)
        h1s = page.locator("h1")
        assert h1s.count() == 1, f"{page.url} has {h1s.count()} h1 elements"
        heading = " ".join(h1s.inner_text().split())
        title = page.title().removeprefix("Error: ")
        assert title.startswith(heading), f"title {page.title()!r} vs h1 {heading!r}"
        ids = Counter(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        assert not [i for i, n in ids.items() if n > 1], f"duplicate ids on {page.url}"
        results = self.axe.run(page, options=AXE_OPTIONS)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"accessibility violations on {page.url}: {serious}"

    def sign_in(self, email, password):
        self.goto("/sign-in/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.follow(self.page.get_by_role("button", name="Sign in"))

    def sign_out(self):
        self.follow(self.page.get_by_role("button", name="Sign out"))

    def fill_date(self, legend, day, month, year):
        """Fill the GOV.UK date input (day, month, year) whose fieldset legend is `legend`."""
        fields = self.page.get_by_role("group", name=legend)
        fields.get_by_label("Day", exact=True).fill(str(day))
        fields.get_by_label("Month").fill(str(month))
        fields.get_by_label("Year").fill(str(year))

    def request_support(self, offer_slug, need):
        """As the signed-in council contact, ask for an offer, saying what help they need."""
        self.goto(f"/offers/{offer_slug}/")
        self.follow(self.page.get_by_role("button", name="Ask for this support"))
        self.page.get_by_label("What would you like help with?").fill(need)
        self.follow(self.page.get_by_role("button", name="Send request"))

    def answer_invitation(self, choice, reason=""):
        """As the signed-in peer, open their invitation from their profile and answer it."""
        self.follow(self.page.get_by_role("link", name="Your profile"))
        self.follow(self.page.get_by_role("link", name="Invitation:", exact=False).first)
        self.page.get_by_label(choice).check()
        if reason:
            self.page.get_by_label("If you decline, why?").fill(reason)
        self.follow(self.page.get_by_role("button", name="Send answer"))


@pytest.fixture
def journey(browser, live_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    yield Journey(page, live_server.url)
    context.close()
