"""Every page and every role: allowed or denied as ``cses.accounts.roles`` intends.

Declared once (NetBox style): each page names the capabilities it needs; a role is allowed exactly
when ROLE_CAPABILITIES gives it all of them. Anonymous visitors are sent to log in. A page added to
the URL configuration without a row here fails ``test_every_page_is_in_the_matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cses.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from cses.cases.intake import submit_application
from cses.cases.models import CaseMember, CaseSource
from cses.interfaces.iv_a_referrals import load_referral_file
from cses.people.models import Employer
from cses.synthetic.factories import make_case, make_user, sample_application

SAMPLE = Path(__file__).resolve().parent.parent / "docs" / "samples" / "iv-a-referrals-sample.txt"


@dataclass(frozen=True)
class Page:
    name: str
    needs: tuple[str, ...]  # capabilities; empty means any logged-in user reaching the view
    kwargs: Callable[[dict], dict] = lambda world: {}
    method: str = "get"
    public: bool = False


def _case(world):
    return {"case_number": world["case"].case_number}


def _member(world):
    return {**_case(world), "member_id": world["cp"].pk}


def _paternity_records(world) -> tuple:
    """A signed acknowledgment and a scheduled genetic test of the world's child, made on first
    use (posting an empty form to them changes nothing)."""
    if "acknowledgment" not in world:
        import datetime as dt

        from django.utils import timezone

        from cses.paternity.models import Acknowledgment, GeneticTest

        child = CaseMember.objects.get(case=world["case"], role="CH")
        signed = dt.date(2026, 1, 5)
        world["acknowledgment"] = Acknowledgment.objects.create(
            child=child,
            father=world["ncp"].person,
            mother_signed_on=signed,
            father_signed_on=signed,
            witness_name="W",
            witness_signed_on=signed,
            rescission_deadline=signed + dt.timedelta(days=60),
        )
        world["genetic_test"] = GeneticTest.objects.create(
            child=child,
            alleged_father=world["ncp"].person,
            appointment_at=timezone.now(),
            location="Hartford",
            laboratory="DDC",
        )
    return world["acknowledgment"], world["genetic_test"]


def _acknowledgment(world):
    return {**_case(world), "ack_id": _paternity_records(world)[0].pk}


def _genetic_test(world):
    return {**_case(world), "test_id": _paternity_records(world)[1].pk}


def _review(world):
    """An open review of an order on the world's case, made on first use."""
    if "review" not in world:
        import datetime as dt

        from django.utils import timezone

        from cses.orders.models import OrderVersion, Review, SupportOrder

        order = SupportOrder.objects.create(
            case=world["case"],
            docket_number="FA-REVIEW-1",
            court="fsm",
            issued_by="FSM",
            entered_at=timezone.now(),
        )
        OrderVersion.objects.create(
            order=order,
            version=1,
            kind="prior",
            basis="court_record",
            effective_from=dt.date(2020, 1, 1),
            frequency="weekly",
            current_support=100,
            current_support_weekly=100,
            entered_at=timezone.now(),
        )
        world["review"] = Review.objects.create(
            case=world["case"],
            order=order,
            source="custodial",
            requested_on=dt.date(2025, 1, 2),
            due_by=dt.date(2025, 7, 1),
        )
    return {**_case(world), "review_id": world["review"].pk}


def _worksheet(world):
    """A guidelines worksheet saved to the world's case, made on first use."""
    if "worksheet" not in world:
        from cses.orders.worksheets import save_worksheet

        world["worksheet"] = save_worksheet(
            case=world["case"],
            purpose="establishment",
            by=None,
            inputs={
                "children": 1,
                "custodial": {"gross_weekly_income": "500"},
                "noncustodial": {"gross_weekly_income": "800"},
            },
        )
    return {**_case(world), "pk": world["worksheet"].pk}


def _order(world):
    """A support order on the world's case, entered from the court record on first use."""
    if "order" not in world:
        from cses.synthetic.factories import make_order

        world["order"] = make_order(world["case"])
    return {**_case(world), "order_id": world["order"].pk}


def _order_child(world):
    kwargs = _order(world)
    return {**kwargs, "child_id": world["order"].children.first().pk}


def _receipt(world):
    """A receipt identified with the world's case, made on first use."""
    if "receipt" not in world:
        import datetime as dt
        from decimal import Decimal

        from cses.receipts.models import Receipt

        world["receipt"] = Receipt.objects.create(
            source_reference="MATRIX-1",
            source="parent_payment",
            method="check",
            received_on=dt.date(2026, 5, 15),
            amount=Decimal("25.00"),
            case=world["case"],
            status="identified",
        )
    return world["receipt"]


def _suspense_receipt(world):
    if "suspense_receipt" not in world:
        from decimal import Decimal

        from cses.receipts.services import record_payment

        world["suspense_receipt"] = record_payment(amount=Decimal("25.00"), method="cash")
    return {"pk": world["suspense_receipt"].pk}


def _payment_file(world):
    if "payment_file" not in world:
        from cses.receipts.imports import load_payment_file

        world["payment_file"] = load_payment_file(b"source_reference\n", name="empty.csv")
    return {"pk": world["payment_file"].batch_id}


def _hold(world):
    """A hold on the world's case, made on first use."""
    if "hold" not in world:
        import datetime as dt

        from cses.disbursement.services import place_hold

        world["hold"] = place_hold(
            case=world["case"], reason="dispute", held_from=dt.date(2026, 5, 1)
        )
    return {**_case(world), "hold_id": world["hold"].pk}


def _disbursement(world):
    """A sent direct deposit on the world's case, made on first use (no ledger entry: posting an
    empty form to its return pages changes nothing)."""
    if "disbursement" not in world:
        import datetime as dt
        from decimal import Decimal

        from cses.disbursement.models import Disbursement
        from cses.disbursement.services import set_payment_instruction

        day = dt.date(2026, 5, 18)
        instruction = set_payment_instruction(
            person=world["cp"].person,
            method="direct_deposit",
            effective_from=dt.date(2026, 1, 1),
            routing_number="021000021",
            account_number="123456789",
        )
        world["disbursement"] = Disbursement.objects.create(
            case=world["case"],
            payee=world["cp"].person,
            instruction=instruction,
            method="direct_deposit",
            amount=Decimal("25.00"),
            created_on=day,
            due_by=day,
            status="sent",
            sent_on=day,
        )
    return {**_case(world), "pk": world["disbursement"].pk}


def _disbursement_file(world):
    if "disbursement_file" not in world:
        import datetime as dt
        from decimal import Decimal

        from cses.disbursement.models import DisbursementFile

        world["disbursement_file"] = DisbursementFile.objects.create(
            kind="check_register",
            created_on=dt.date(2026, 5, 18),
            content="payee,amount\n",
            sha256="0" * 64,
            entry_count=0,
            total_amount=Decimal("0.00"),
        )
    return {"pk": world["disbursement_file"].pk}


PAGES = [
    Page("case-search", (Cap.CASES_VIEW,)),
    Page("case-detail", (Cap.CASES_VIEW,), _case),
    Page("case-note", (Cap.CASES_VIEW, Cap.CASES_NOTE), _case, "post"),
    Page("case-move", (Cap.CASES_VIEW, Cap.CASES_TRANSITION), _case, "post"),
    Page("case-close", (Cap.CASES_VIEW, Cap.CASES_CLOSE), _case, "post"),
    Page("case-cancel-closure", (Cap.CASES_VIEW, Cap.CASES_CLOSE), _case, "post"),
    Page("case-reopen", (Cap.CASES_VIEW, Cap.CASES_CLOSE), _case, "post"),
    Page("case-family-violence", (Cap.CASES_VIEW, Cap.CASES_FAMILY_VIOLENCE), _member, "post"),
    Page("case-letter", (Cap.CASES_VIEW,), _member),
    Page("case-paternity", (Cap.CASES_VIEW,), _case),
    Page("paternity-acknowledgment", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _case, "post"),
    Page(
        "paternity-acknowledgment-file",
        (Cap.CASES_VIEW, Cap.PATERNITY_RECORD),
        _acknowledgment,
        "post",
    ),
    Page(
        "paternity-acknowledgment-rescind",
        (Cap.CASES_VIEW, Cap.PATERNITY_RECORD),
        _acknowledgment,
        "post",
    ),
    Page("paternity-test-schedule", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _case, "post"),
    Page("paternity-test-samples", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _genetic_test, "post"),
    Page("paternity-test-no-show", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _genetic_test, "post"),
    Page("paternity-test-cancel", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _genetic_test, "post"),
    Page("paternity-test-result", (Cap.CASES_VIEW, Cap.PATERNITY_RECORD), _genetic_test, "post"),
    Page("paternity-adjudicate", (Cap.CASES_VIEW, Cap.PATERNITY_ADJUDICATE), _case, "post"),
    Page("review-list", (Cap.CASES_VIEW,), _case),
    Page("review-request", (Cap.CASES_VIEW, Cap.ORDERS_REVIEW), _case),
    Page("review-detail", (Cap.CASES_VIEW,), _review),
    Page("review-worksheet", (Cap.CASES_VIEW, Cap.ORDERS_REVIEW), _review, "post"),
    Page("review-decide", (Cap.CASES_VIEW, Cap.ORDERS_REVIEW), _review, "post"),
    Page("worksheet-list", (Cap.CASES_VIEW,), _case),
    Page("worksheet-new", (Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET), _case),
    Page("worksheet-new", (Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET), _case, "post"),
    Page("worksheet-preview", (Cap.CASES_VIEW, Cap.ORDERS_WORKSHEET), _case, "post"),
    Page("worksheet-detail", (Cap.CASES_VIEW,), _worksheet),
    Page("worksheet-pdf", (Cap.CASES_VIEW,), _worksheet),
    Page("order-list", (Cap.CASES_VIEW,), _case),
    Page("order-new", (Cap.CASES_VIEW, Cap.ORDERS_ENTER), _case),
    Page("order-new", (Cap.CASES_VIEW, Cap.ORDERS_ENTER), _case, "post"),
    Page("order-detail", (Cap.CASES_VIEW,), _order),
    Page("order-modify", (Cap.CASES_VIEW, Cap.ORDERS_ENTER), _order),
    Page("order-vacate", (Cap.CASES_VIEW, Cap.ORDERS_ENTER), _order, "post"),
    Page("order-child-schooling", (Cap.CASES_VIEW, Cap.ORDERS_ENTER), _order_child, "post"),
    Page("person-detail", (Cap.CASES_VIEW,), lambda w: {"person_id": w["cp"].person_id}),
    Page(
        "person-reveal-ssn",
        (Cap.CASES_VIEW, Cap.PEOPLE_VIEW_SSN),
        lambda w: {"person_id": w["ncp"].person_id},
        "post",
    ),
    Page("intake-new", (Cap.INTAKE_CREATE,)),
    Page("intake-matches", (Cap.INTAKE_CREATE,)),
    Page("intake-queue", (Cap.INTAKE_REVIEW,)),
    Page("intake-review", (Cap.INTAKE_REVIEW,), lambda w: {"reference": w["queued"].reference}),
    Page("referral-import", (Cap.INTAKE_IMPORT,)),
    Page("referral-report", (Cap.INTAKE_IMPORT,), lambda w: {"pk": w["loaded"].pk}),
    Page("receipt-detail", (Cap.PAYMENTS_VIEW,), lambda w: {"pk": _receipt(w).pk}),
    Page("payments-checkbook", (Cap.PAYMENTS_VIEW,)),
    Page("case-payments", (Cap.CASES_VIEW, Cap.PAYMENTS_VIEW), _case),
    Page("payments-upload", (Cap.PAYMENTS_PROCESS,)),
    Page("payments-batch", (Cap.PAYMENTS_VIEW,), _payment_file),
    Page("payments-window", (Cap.PAYMENTS_PROCESS,)),
    Page("payments-suspense", (Cap.PAYMENTS_VIEW,)),
    Page("suspense-receipt", (Cap.PAYMENTS_VIEW,), _suspense_receipt),
    Page("suspense-identify", (Cap.PAYMENTS_PROCESS,), _suspense_receipt, "post"),
    Page("suspense-refund", (Cap.PAYMENTS_PROCESS,), _suspense_receipt, "post"),
    Page("suspense-hold", (Cap.PAYMENTS_PROCESS,), _suspense_receipt, "post"),
    Page("payment-instruction", (Cap.CASES_VIEW, Cap.PAYMENTS_VIEW), _case),
    Page("payment-instruction-set", (Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS), _case, "post"),
    Page("disbursement-hold-place", (Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS), _case, "post"),
    Page("disbursement-hold-release", (Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS), _hold, "post"),
    Page(
        "disbursement-undeliverable",
        (Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS),
        _disbursement,
        "post",
    ),
    Page("disbursement-ach-return", (Cap.CASES_VIEW, Cap.PAYMENTS_PROCESS), _disbursement, "post"),
    Page("disbursement-files", (Cap.PAYMENTS_PROCESS,)),
    Page("disbursement-file-download", (Cap.PAYMENTS_PROCESS,), _disbursement_file),
    Page("portal-home", ()),  # parents and employers only: checked separately below
    # The world's parent account is the custodial party of the world's case.
    Page("portal-review-request", (Cap.PORTAL_PARENT,), _order),
    Page("portal-review-request", (Cap.PORTAL_PARENT,), _order, "post"),
    Page("portal-review", (Cap.PORTAL_PARENT,), _review),
    Page("home", ()),  # staff get their home, portal users their portal: checked below
    Page("public-apply", (), public=True),
    Page("public-apply-done", (), public=True),
    Page("public-estimate", (), public=True),
    Page("login", (), public=True),
    Page("logout", (), method="post", public=True),
]
PORTAL_ROLES = {Role.PARENT, Role.EMPLOYER}


@pytest.fixture
def world(db):
    case = make_case(office_code="HFD")
    members = {m.role: m for m in CaseMember.objects.filter(case=case)}
    queued = submit_application(application=sample_application(), channel=CaseSource.ONLINE)
    report = load_referral_file(SAMPLE.read_bytes(), name=SAMPLE.name)
    from cses.interfaces.models import InboundFile

    return {
        "case": case,
        "cp": members["CP"],
        "ncp": members["NCP"],
        "queued": queued,
        "loaded": InboundFile.objects.order_by("pk").last(),
        "report": report,
    }


def _user_for(role, world):
    extra = {}
    if role == Role.PARENT:
        extra["person"] = world["cp"].person
    if role == Role.EMPLOYER:
        extra["employer"], _ = Employer.objects.get_or_create(
            fein="991234567",
            defaults={
                "name": "Matrix Co",
                "line1": "1 Main St",
                "city": "Hartford",
                "zip_code": "06103",
            },
        )
    return make_user(role, "HFD", **extra)


def _expected_allowed(page: Page, role: str) -> bool:
    if page.public:
        return True
    if page.name == "portal-home":
        return role in PORTAL_ROLES
    return all(c in ROLE_CAPABILITIES[role] for c in page.needs)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", list(Role))
def test_each_role_reaches_exactly_its_pages(client, world, role):
    client.force_login(_user_for(role, world))
    wrong = []
    for page in PAGES:
        url = reverse(page.name, kwargs=page.kwargs(world))
        response = getattr(client, page.method)(url)
        allowed = _expected_allowed(page, role)
        denied = response.status_code == 403 or (not page.public and _is_login_redirect(response))
        if allowed == denied or response.status_code == 404 or response.status_code >= 500:
            wrong.append(f"{page.method.upper()} {page.name}: {response.status_code}")
        if page.name == "logout":
            client.force_login(_user_for(role, world))
    assert wrong == [], f"{role}: " + "; ".join(wrong)


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for page in PAGES:
        response = getattr(client, page.method)(reverse(page.name, kwargs=page.kwargs(world)))
        if page.public:
            assert response.status_code in (200, 302), page.name
            # Logging out lands on the log-in page; the other public pages stand on their own.
            assert _is_login_redirect(response) == (page.name == "logout"), page.name
        else:
            assert _is_login_redirect(response), f"{page.name}: {response.status_code}"


def test_the_admin_is_for_administrators_only(client, world):
    for role in Role:
        client.force_login(_user_for(role, world))
        response = client.get("/admin/core/parameter/")
        assert (response.status_code == 200) == (role == Role.ADMINISTRATOR), role


def _page_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            route = str(entry.pattern)
            if route.startswith(("admin/", "api/", "i18n/")):
                continue
            names |= _page_names(entry, prefix + route)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_every_page_is_in_the_matrix():
    assert _page_names(get_resolver()) == {p.name for p in PAGES}
