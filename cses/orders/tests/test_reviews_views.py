"""The review pages as a worker uses them: list, request, attach a worksheet, record the outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cses.accounts.roles import Role
from cses.orders import reviews
from cses.orders.models import Review
from cses.orders.tests.test_reviews import make_order, make_worksheet

REQUESTED = dt.date(2025, 3, 3)


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def order(case):
    return make_order(case, weekly="100.00")


@pytest.fixture
def review(case, order, worker):
    return reviews.request_review(
        case=case, order=order, source="noncustodial", requested_on=REQUESTED, by=worker
    )


def _detail(review) -> str:
    return reverse("review-detail", args=[review.case.case_number, review.pk])


def test_the_list_shows_the_reviews_and_offers_a_request(worker_client, case, review):
    response = worker_client.get(reverse("review-list", args=[case.case_number]))
    html = response.content.decode()
    assert response.status_code == 200
    assert review.order.docket_number in html
    assert _detail(review) in html
    assert "Under review" in html and "Not yet recomputed" in html
    assert reverse("review-request", args=[case.case_number]) in html


def test_a_read_only_role_sees_reviews_but_cannot_act(client, user_of, case, review):
    client.force_login(user_of(Role.AUDITOR, None))
    html = client.get(reverse("review-list", args=[case.case_number])).content.decode()
    assert review.order.docket_number in html
    assert reverse("review-request", args=[case.case_number]) not in html
    detail = client.get(_detail(review)).content.decode()
    assert 'id="decision-form"' not in detail
    assert client.post(reverse("review-request", args=[case.case_number])).status_code == 403


def test_a_case_of_another_office_is_not_found(client, user_of, review):
    client.force_login(user_of(Role.OCSS_WORKER, "NHV"))
    assert client.get(_detail(review)).status_code == 404
    assert client.get(reverse("review-list", args=[review.case.case_number])).status_code == 404


def test_a_worker_records_a_parents_request(worker_client, case, order):
    url = reverse("review-request", args=[case.case_number])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(
        url, {"order": order.pk, "source": "custodial", "requested_on": "2025-05-01"}
    )
    review = Review.objects.get(order=order)
    assert response.status_code == 302
    assert response["Location"] == _detail(review)
    assert review.source == "custodial" and review.due_by == dt.date(2025, 10, 28)


def test_a_second_request_is_refused_with_the_reason(worker_client, case, review):
    response = worker_client.post(
        reverse("review-request", args=[case.case_number]),
        {"order": review.order_id, "source": "custodial", "requested_on": "2025-05-01"},
    )
    assert response.status_code == 422
    assert "already has an open review" in response.content.decode()
    assert Review.objects.count() == 1


def test_a_request_form_with_missing_fields_says_which(worker_client, case, order):
    response = worker_client.post(reverse("review-request", args=[case.case_number]), {})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Who asked for the review" in html and "usa-error-message" in html


def test_a_case_without_an_order_offers_no_request(worker_client, case):
    response = worker_client.get(reverse("review-request", args=[case.case_number]))
    assert 'id="no-orders"' in response.content.decode()


@pytest.mark.parametrize(
    ("guideline", "mark", "percent"),
    [
        ("115.00", "Substantial change", "15.00"),
        ("114.99", "Not a substantial change", "14.99"),
    ],
)
def test_attaching_a_worksheet_shows_the_change_against_the_threshold(
    worker_client, case, review, guideline, mark, percent
):
    # given the detail page with the order's terms
    html = worker_client.get(_detail(review)).content.decode()
    assert 'id="order-terms"' in html and "$100.00" in html
    assert reverse("worksheet-new", args=[case.case_number]) + "?purpose=review" in html
    # when a worksheet of the case is attached
    worksheet = make_worksheet(case, weekly=guideline)
    response = worker_client.post(
        reverse("review-worksheet", args=[case.case_number, review.pk]),
        {"worksheet": worksheet.pk},
    )
    assert response.status_code == 302
    # then the page marks the change
    html = worker_client.get(_detail(review)).content.decode()
    assert f'<h3 class="usa-alert__heading">{mark}</h3>' in html
    assert f"{percent} %" in html
    assert reverse("worksheet-detail", args=[case.case_number, worksheet.pk]) in html


def test_a_worksheet_of_another_case_cannot_be_chosen(worker_client, case, case_of, review):
    make_worksheet(case, weekly="120.00")
    foreign = make_worksheet(case_of(), weekly="150.00")
    response = worker_client.post(
        reverse("review-worksheet", args=[case.case_number, review.pk]),
        {"worksheet": foreign.pk},
    )
    assert response.status_code == 422
    review.refresh_from_db()
    assert review.worksheet_id is None


def test_recording_the_outcome(worker_client, case, review, worker):
    reviews.record_review_worksheet(
        review=review, worksheet=make_worksheet(case, weekly="140.00"), by=worker
    )
    url = reverse("review-decide", args=[case.case_number, review.pk])
    # a missing note is refused, field by field
    response = worker_client.post(
        url, {"outcome": "petition_filed", "outcome_on": "2025-04-01", "note": ""}
    )
    assert response.status_code == 422
    assert "The outcome was not recorded" in response.content.decode()
    # with a note the review is decided
    response = worker_client.post(
        url, {"outcome": "petition_filed", "outcome_on": "2025-04-01", "note": "Motion filed."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == "petition_filed"
    html = worker_client.get(_detail(review)).content.decode()
    assert "Petition to modify filed" in html and "Motion filed." in html
    assert 'id="decision-form"' not in html and 'id="worksheet-form"' not in html


def test_deciding_before_recomputing_is_refused_with_the_reason(worker_client, case, review):
    response = worker_client.post(
        reverse("review-decide", args=[case.case_number, review.pk]),
        {"outcome": "no_change", "outcome_on": "2025-04-01", "note": "No change."},
    )
    assert response.status_code == 422
    assert "Attach the recomputed guidelines worksheet" in response.content.decode()


def test_the_list_page_reads_a_fixed_number_of_queries(worker_client, case, worker, review):
    url = reverse("review-list", args=[case.case_number])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert worker_client.get(url).status_code == 200
        return len(captured)

    one = queries()
    for _ in range(5):
        reviews.request_review(
            case=case, order=make_order(case), source="agency", requested_on=REQUESTED, by=worker
        )
    assert queries() == one
