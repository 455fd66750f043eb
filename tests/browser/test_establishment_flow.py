"""The establishment issue's "done when", in a real browser: a worker takes a case from paternity
through a saved guidelines worksheet to an entered order, and the case moves on its own."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cses.accounts.roles import Role
from cses.cases.lifecycle import move_case
from cses.cases.models import Case, CaseStatus
from cses.orders.models import OrderVersion, SupportOrder, Worksheet
from cses.rules.case_lifecycle import CaseState
from cses.synthetic.factories import make_case, make_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a-long-test-password"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_worker_takes_a_case_from_paternity_to_an_order(live_server):
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (make browser)"
    worker = make_user(Role.OCSS_WORKER, "HFD", username="eworker", password=PASSWORD)
    case = make_case(by=worker, ncp_last="Quarrington", children=1, ncp_verified_address=True)
    case = move_case(case=case, to=CaseState.PATERNITY, by=worker, reason="parent located")
    signed = (dt.date.today() - dt.timedelta(days=10)).isoformat()

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
            page.goto(f"{live_server.url}/login/")
            page.get_by_label("User name").fill("eworker")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", name="Your work")).to_be_visible()

            # The case is in paternity; the worker records the filed acknowledgment (VS56)
            page.goto(f"{live_server.url}/cases/{case.case_number}/")
            expect(page.locator("#case-status")).to_contain_text("Paternity")
            page.get_by_role("link", name="Paternity", exact=True).click()
            form = page.locator("#action-acknowledgment")
            form.get_by_label("Mother signed on").fill(signed)
            form.get_by_label("Father signed on").fill(signed)
            form.get_by_label("Witness's name").fill("Dana Witness")
            form.get_by_label("Witness signed on").fill(signed)
            form.get_by_label("Filed with Vital Records on").fill(signed)
            form.get_by_role("button", name="Record the acknowledgment").click()
            expect(page.locator("body")).to_contain_text("Rescission window open until")

            # Every child has paternity: the case moved to establishment by itself
            page.goto(f"{live_server.url}/cases/{case.case_number}/")
            expect(page.locator("#case-status")).to_contain_text("Establishment")

            # A guidelines worksheet: compute (htmx), then save it to the case
            page.get_by_role("link", name="Guideline worksheets").click()
            page.get_by_role("link", name="New worksheet").click()
            page.get_by_label("Line 1, gross weekly income, custodial party").fill("700")
            page.get_by_label("Line 1, gross weekly income, noncustodial parent").fill("900")
            page.get_by_label("Line 2, federal income tax, noncustodial parent").fill("80")
            page.get_by_role("button", name="Compute").click()
            preview = page.locator("#worksheet-preview")
            expect(preview).to_contain_text("$173.00")
            expect(page.locator("body")).to_contain_text("not for court use")
            page.get_by_role("button", name="Save to case").click()
            expect(page.locator("#worksheet-schedule")).to_contain_text("illustrative")

            # Enter the order from the saved worksheet
            page.get_by_role("link", name="Enter an order from this worksheet").click()
            page.get_by_label("Docket number").fill("HFD-FA26-0001234-S")
            page.get_by_label("Magistrate or judge").fill("FSM Ortiz")
            page.get_by_label("Effective date").fill(dt.date.today().isoformat())
            page.locator("#enter-order").click()
            expect(page.locator("body")).to_contain_text("HFD-FA26-0001234-S")

            # The order is in force and the case moved to enforcement by itself
            page.goto(f"{live_server.url}/cases/{case.case_number}/")
            expect(page.locator("#case-status")).to_contain_text("Enforcement")
            expect(page.locator("#orders-in-force")).to_contain_text("HFD-FA26-0001234-S")
        finally:
            browser.close()

    # Database reads wait until Playwright has stopped: a query made while its event loop runs
    # opens a connection of its own that outlives the test.
    assert Worksheet.objects.filter(case=case).count() == 1
    order = SupportOrder.objects.get(case=case)
    version = OrderVersion.objects.get(order=order)
    assert version.basis == OrderVersion.Basis.GUIDELINES
    assert version.worksheet.case_id == case.pk
    assert version.current_support_weekly == 173
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ENFORCEMENT
