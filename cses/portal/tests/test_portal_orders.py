"""A parent's support orders on the portal, and their request for a review (45 CFR 303.8(b)):
their own order's terms only, the review's source by their role on the case, the refusal of a
second request, and nothing of a protected party's whereabouts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cses.accounts.roles import Role
from cses.cases.models import CaseMember, DiaryEntry, MemberRole
from cses.orders.models import OrderChild, Review
from cses.orders.reviews import decide_review
from cses.synthetic.factories import make_order


def shown_date(day: dt.date) -> str:
    return date_filter(day)


def member(case, role: str) -> CaseMember:
    return CaseMember.objects.select_related("person").get(case=case, role=role)


def parent_of(user_of, case, role: str = MemberRole.CUSTODIAL_PARTY):
    return user_of(Role.PARENT, None, person=member(case, role).person)


def request_url(case, order) -> str:
    return reverse("portal-review-request", args=[case.case_number, order.pk])


def answers(order, *, confirm: bool = True, reason: str = "") -> dict[str, str]:
    data = {f"order-{order.pk}-reason": reason}
    if confirm:
        data[f"order-{order.pk}-confirm"] = "on"
    return data


@pytest.fixture
def ordered(case_of, worker):
    """A case with an order of $100 a week, $20 on arrears, health insurance from the
    noncustodial parent who pays 60 % of uncovered costs."""
    case = case_of(by=worker)
    order = make_order(
        case,
        by=worker,
        docket_number="HHD-FA25-0001111-S",
        arrearage_payment=Decimal("20.00"),
        medical_coverage_by="noncustodial",
        unreimbursed_medical_percent=Decimal("60.00"),
    )
    return case, order


def test_a_parent_sees_their_own_order_terms_and_not_another_familys(
    client, user_of, case_of, worker, ordered
):
    # given the parent's order, and another family's
    case, order = ordered
    other = case_of(by=worker, cp_last="Someoneelse", ncp_last="Otherfamily")
    make_order(other, by=worker, docket_number="NNH-FA25-0009999-S", current_support="275.00")
    child_ends = OrderChild.objects.get(order=order).support_ends_on
    client.force_login(parent_of(user_of, case))
    # when the custodial party opens the portal
    html = client.get(reverse("portal-home")).content.decode()
    # then the order's terms are there in plain words
    assert "HHD-FA25-0001111-S" in html
    assert "$100.00 weekly" in html and "$20.00 weekly" in html
    assert "They have been in effect since Jan. 6, 2025." in html
    assert "The noncustodial parent must provide it." in html
    assert "The noncustodial parent pays 60% of them." in html
    assert "Child0" in html and shown_date(child_ends) in html
    assert "This order has not been reviewed." in html
    assert "Request a review of this order" in html
    # and nothing of the other family's
    assert "NNH-FA25-0009999-S" not in html and "$275.00" not in html
    assert "Otherfamily" not in html


def test_the_noncustodial_parent_reads_the_terms_as_their_own(client, user_of, ordered):
    case, _order = ordered
    client.force_login(parent_of(user_of, case, MemberRole.NONCUSTODIAL_PARENT))
    html = client.get(reverse("portal-home")).content.decode()
    assert "These are the amounts you must pay." in html
    assert "You must provide it." in html and "You pay 60% of them." in html


def test_a_custodial_partys_request_opens_a_review_with_the_reason_in_the_diary(
    client, user_of, ordered
):
    # given the custodial party on the portal
    case, order = ordered
    parent = parent_of(user_of, case)
    client.force_login(parent)
    # when they confirm a request for a review, with a reason
    response = client.post(request_url(case, order), answers(order, reason="He changed jobs."))
    # then a review is open at the custodial party's request, due in 180 days
    review = Review.objects.get(order=order)
    today = timezone.localdate()
    assert (review.source, review.requested_on, review.due_by, review.requested_by) == (
        Review.Source.CUSTODIAL,
        today,
        today + dt.timedelta(days=180),
        parent,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal-review", args=[case.case_number, review.pk])
    # and the diary has the request and the reason
    diary = list(DiaryEntry.objects.filter(case=case, author=parent).values_list("text", flat=True))
    assert any("opened (Custodial party's request)" in text for text in diary)
    assert any("parent portal" in text and "He changed jobs." in text for text in diary)
    # and the confirmation gives the due date and says when a change must be shown
    page = client.get(response["Location"]).content.decode()
    assert "We received your request for a review." in page
    assert shown_date(review.due_by) in page
    assert "within 180 days" in page
    assert "substantial change in circumstances" in page and "303.8(b)(6)" in page
    # and the portal shows the review under way, with no second form
    home = client.get(reverse("portal-home")).content.decode()
    assert "Under review" in home and "A review of this order is under way." in home
    assert f'name="order-{order.pk}-confirm"' not in home


def test_a_second_request_is_refused_with_the_reason(client, user_of, ordered):
    case, order = ordered
    client.force_login(parent_of(user_of, case))
    client.post(request_url(case, order), answers(order))
    response = client.post(request_url(case, order), answers(order))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Your request was not sent" in html
    assert f"Order {order.docket_number} already has an open review" in html
    assert Review.objects.filter(order=order).count() == 1


def test_the_noncustodial_parents_request_is_theirs(client, user_of, ordered):
    case, order = ordered
    client.force_login(parent_of(user_of, case, MemberRole.NONCUSTODIAL_PARENT))
    client.post(request_url(case, order), answers(order))
    review = Review.objects.get(order=order)
    assert review.source == Review.Source.NONCUSTODIAL
    assert DiaryEntry.objects.filter(
        case=case, text__contains="by the noncustodial parent through the parent portal"
    ).exists()


def test_a_request_must_be_confirmed(client, user_of, ordered):
    case, order = ordered
    client.force_login(parent_of(user_of, case))
    response = client.post(request_url(case, order), answers(order, confirm=False))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Check the box to confirm that you want a review." in html
    assert f'aria-describedby="id_order-{order.pk}-confirm_error"' in html
    assert not Review.objects.exists()


def test_another_familys_order_and_review_are_not_found(client, user_of, case_of, worker, ordered):
    # given another family's order, with a review
    case, _order = ordered
    other = case_of(by=worker, cp_last="Someoneelse")
    theirs = make_order(other, by=worker)
    their_review = Review.objects.create(
        case=other,
        order=theirs,
        source=Review.Source.AGENCY,
        requested_on=dt.date(2025, 3, 1),
        due_by=dt.date(2025, 8, 28),
    )
    client.force_login(parent_of(user_of, case))
    # then neither their order nor their review can be reached, by their case or by ours
    for url in (
        request_url(other, theirs),
        reverse("portal-review-request", args=[case.case_number, theirs.pk]),
        reverse("portal-review", args=[other.case_number, their_review.pk]),
        reverse("portal-review", args=[case.case_number, their_review.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(request_url(other, theirs), answers(theirs)).status_code == 404
    assert Review.objects.filter(order=theirs).count() == 1


def test_a_parent_without_a_person_record_finds_no_order(client, user_of, ordered):
    case, order = ordered
    client.force_login(user_of(Role.PARENT, None))
    assert client.get(request_url(case, order)).status_code == 404


def test_nothing_of_a_protected_partys_whereabouts_appears(client, user_of, case_of, worker):
    # given a custodial party protected by the family-violence indicator, and an order
    case = case_of(by=worker, cp_family_violence=True)
    order = make_order(case, by=worker)
    client.force_login(parent_of(user_of, case, MemberRole.NONCUSTODIAL_PARENT))
    # when the noncustodial parent reads the order and asks for a review
    home = client.get(reverse("portal-home")).content.decode()
    response = client.post(request_url(case, order), answers(order), follow=True)
    # then the order is there, and nothing of where the custodial party lives
    assert order.docket_number in home and "Confidential" in home
    for page in (home, response.content.decode()):
        assert "Asylum" not in page and "Hartford" not in page and "06103" not in page
    assert Review.objects.get(order=order).source == Review.Source.NONCUSTODIAL


def test_an_order_reviewed_long_ago_needs_no_change_shown(client, user_of, case_of, worker):
    case = case_of(by=worker)
    make_order(case, by=worker, effective_from=dt.date(2020, 1, 6))
    client.force_login(parent_of(user_of, case))
    html = client.get(reverse("portal-home")).content.decode()
    assert "36 months ago or more" in html and "303.8(b)(5)" in html


def test_a_decided_review_shows_its_outcome(client, user_of, ordered, worker):
    case, order = ordered
    review = Review.objects.create(
        case=case,
        order=order,
        source=Review.Source.AGENCY,
        requested_on=dt.date(2025, 3, 3),
        due_by=dt.date(2025, 8, 30),
    )
    decide_review(
        review=review,
        outcome=Review.Outcome.WITHDRAWN,
        outcome_on=dt.date(2025, 4, 1),
        note="Asked in error",
        by=worker,
    )
    client.force_login(parent_of(user_of, case))
    html = client.get(reverse("portal-home")).content.decode()
    assert "Request withdrawn on April 1, 2025" in html
    assert "Asked in error" not in html  # staff's note is not for the parents
    # a withdrawn request is no review: the cycle still runs from the order
    assert "Jan. 6, 2025" in html
    page = client.get(reverse("portal-review", args=[case.case_number, review.pk]))
    assert "Request withdrawn on April 1, 2025" in page.content.decode()


def test_the_order_reads_in_spanish(client, user_of, ordered):
    case, _order = ordered
    client.force_login(parent_of(user_of, case))
    with translation.override("en"):  # the request leaves Spanish active: put English back
        html = client.get("/es/portal/").content.decode()
    assert "Solicitar una revisión de esta orden" in html
    assert "Seguro médico para los niños" in html
    assert "El padre o la madre sin custodia debe proporcionarlo." in html
    assert f'action="/es/portal/cases/{case.case_number}/orders/' in html


def test_the_portal_page_reads_orders_in_a_fixed_number_of_queries(
    client, user_of, case_of, worker
):
    case = case_of(by=worker)
    make_order(case, by=worker)
    parent = parent_of(user_of, case)
    client.force_login(parent)
    client.get(reverse("portal-home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("portal-home"))
    make_order(case, by=worker)
    second = case_of(by=worker)
    CaseMember.objects.create(
        case=second,
        person=parent.profile.person,
        role=MemberRole.CUSTODIAL_PARTY,
        joined_on=timezone.localdate(),
    )
    make_order(second, by=worker)
    with CaptureQueriesContext(connection) as three:
        html = client.get(reverse("portal-home")).content.decode()
    assert html.count("usa-summary-box__heading") == 3
    assert len(three) == len(one)
