"""Given the Content-Security-Policy enforced, when the public, a peer, a council's
contact and staff open their pages in Chromium, then nothing on them breaks it: every
script and style comes from a file, GOV.UK Frontend's script still runs, and the
browser reports no violation (and no unknown feature in the Permissions-Policy)."""

import pytest
from django.utils import timezone

from peerwork.accounts.models import Role
from peerwork.reports.models import Report
from tests.accounts.factories import UserFactory
from tests.engagements.factories import EngagementFactory
from tests.peers.factories import PeerFactory
from tests.programmes.factories import PollingRoundFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"

# Runs before any script of the page's own, on every page: keeps each violation the
# browser reports.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
      `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class PolicyWatch:
    """Fails on any violation, or any console message about either policy."""

    def __init__(self, journey):
        self.journey = journey
        self.console = []
        page = journey.page
        page.context.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            self.console.append(f"{message.type}: {text}")

    def visit(self, path):
        page = self.journey.page
        response = page.goto(self.journey.base_url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "content-security-policy-report-only" not in response.headers
        self.journey.check()
        self.assert_clean()

    def assert_clean(self):
        page = self.journey.page
        violations = page.evaluate("window.cspViolations")
        assert violations == [], f"{page.url}: {violations}"
        assert self.console == [], f"{page.url}: {self.console}"
        # GOV.UK Frontend's scripts ran: the body is marked, and the components started.
        classes = page.eval_on_selector("body", "body => body.className")
        assert "js-enabled" in classes and "govuk-frontend-supported" in classes
        assert page.locator("[data-govuk-skip-link-init]").count() == 1, page.url


def test_pages_of_every_role_keep_to_the_content_security_policy(journey):
    watch = PolicyWatch(journey)
    engagement = EngagementFactory()
    report = Report.objects.create(
        engagement=engagement, kind="report", status="published", published_at=timezone.now()
    )
    PollingRoundFactory()
    PollingRoundFactory(satisfied_with_area="81.0")
    staff = UserFactory(role=Role.PROGRAMME_STAFF)
    peer = UserFactory(role=Role.PEER)
    PeerFactory(user=peer, email=peer.email)
    contact = UserFactory(role=Role.COUNCIL_CONTACT, council=engagement.council)

    for path in ("/", "/offers/", "/offers/corporate-peer-challenge/", "/reports/"):
        watch.visit(path)
    watch.visit(f"/reports/{report.pk}/")
    watch.visit("/become-a-peer/kind/")

    journey.sign_in(peer.email, PASSWORD)
    watch.assert_clean()
    for path in ("/my/profile/", "/my/profile/edit/", "/my/availability/"):
        watch.visit(path)
    # A form that fails shows its error summary (focused by GOV.UK Frontend's script).
    journey.follow(journey.page.get_by_role("button", name="Add these dates"))
    assert "There is a problem" in journey.page.locator("main").inner_text()
    watch.assert_clean()
    journey.sign_out()

    journey.sign_in(contact.email, PASSWORD)
    watch.visit("/engagements/")
    watch.visit(f"/engagements/{engagement.pk}/")
    journey.sign_out()

    journey.sign_in(staff.email, PASSWORD)
    for path in (
        "/peers/",
        "/councils/",
        "/users/",
        f"/engagements/{engagement.pk}/",
        f"/engagements/{engagement.pk}/team/",
        "/programmes/polling/trend/",
        "/impact/annual/2019/",
        "/offers/corporate-peer-challenge/edit/",
    ):
        watch.visit(path)
