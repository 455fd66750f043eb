"""A worker's day in a real browser: log in, find the case, read it, write in the diary.

Drives Debian's chromium through Playwright against pytest-django's live server (which serves
the static files, so USWDS and htmx load as in production)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cses.accounts.roles import Role
from cses.synthetic.factories import make_case, make_user

# Playwright's sync API runs an event loop in this thread; the test's own database calls are
# synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a-long-test-password"

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; the serialized rollback restores the offices and
    # parameters the migrations loaded, which a transactional test's flush would remove.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_worker_finds_a_case_and_adds_a_diary_note(live_server):
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (make browser)"
    worker = make_user(Role.OCSS_WORKER, "HFD", username="bworker", password=PASSWORD)
    case = make_case(by=worker, ncp_last="Zabriskie")

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)

            # log in
            page.goto(f"{live_server.url}/login/")
            page.get_by_label("User name").fill("bworker")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", name="Your work")).to_be_visible()

            # search by the NCP's last name: htmx swaps in the results
            page.get_by_role("link", name="Search", exact=True).click()
            page.get_by_label("Last name").fill("Zabriskie")
            page.get_by_role("button", name="Search", exact=True).click()
            result = page.locator("#search-results").get_by_role("link", name=case.case_number)
            expect(result).to_be_visible()

            # open the case: the members table lists the parties
            result.click()
            expect(page.get_by_role("heading", name=f"Case {case.case_number}")).to_be_visible()
            members = page.locator("#members")
            expect(members).to_contain_text("Kevin Zabriskie")
            expect(members).to_contain_text("Noncustodial parent")

            # add a diary note through htmx: it appears on top without a reload
            page.evaluate("window.__sameDocument = true")
            page.get_by_label("New note").fill(
                "Left a voicemail for the NCP about genetic testing."
            )
            page.get_by_role("button", name="Add note").click()
            newest = page.locator("#diary > li").first
            expect(newest).to_contain_text("Left a voicemail for the NCP about genetic testing.")
            assert page.evaluate("window.__sameDocument === true")
            expect(page.get_by_label("New note")).to_have_value("")
        finally:
            browser.close()
