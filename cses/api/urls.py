"""The REST API, version 1. Its OpenAPI description is public: it holds no data."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from cses.api.auth import TokenView
from cses.api.parent import MyCasesView
from cses.cases import api as cases
from cses.disbursement import api as disbursement
from cses.distribution import api as distribution
from cses.orders import api as orders
from cses.paternity import api as paternity
from cses.people import api as people
from cses.receipts import api as receipts

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("cases/", cases.CaseListView.as_view(), name="api-cases"),
    path("cases/search/", cases.CaseSearchView.as_view(), name="api-case-search"),
    path("cases/<str:case_number>/", cases.CaseDetailView.as_view(), name="api-case"),
    path("cases/<str:case_number>/diary/", cases.CaseDiaryView.as_view(), name="api-case-diary"),
    path(
        "cases/<str:case_number>/orders/", orders.CaseOrdersView.as_view(), name="api-case-orders"
    ),
    path(
        "cases/<str:case_number>/orders/<int:order_id>/obligations/",
        orders.OrderObligationsView.as_view(),
        name="api-case-order-obligations",
    ),
    path(
        "cases/<str:case_number>/worksheets/",
        orders.CaseWorksheetsView.as_view(),
        name="api-case-worksheets",
    ),
    path(
        "cases/<str:case_number>/worksheets/<int:worksheet_id>/",
        orders.CaseWorksheetDetailView.as_view(),
        name="api-case-worksheet",
    ),
    path(
        "cases/<str:case_number>/paternity/",
        paternity.CasePaternityView.as_view(),
        name="api-case-paternity",
    ),
    path(
        "cases/<str:case_number>/reviews/",
        orders.CaseReviewsView.as_view(),
        name="api-case-reviews",
    ),
    path(
        "cases/<str:case_number>/transitions/",
        cases.CaseTransitionView.as_view(),
        name="api-case-transitions",
    ),
    path(
        "cases/<str:case_number>/payments/",
        disbursement.CasePaymentsView.as_view(),
        name="api-case-payments",
    ),
    path(
        "cases/<str:case_number>/balances/",
        distribution.CaseBalancesView.as_view(),
        name="api-case-balances",
    ),
    path(
        "cases/<str:case_number>/disbursements/",
        disbursement.CaseDisbursementsView.as_view(),
        name="api-case-disbursements",
    ),
    path("receipts/", receipts.ReceiptCreateView.as_view(), name="api-receipts"),
    path(
        "receipts/<int:receipt_id>/",
        distribution.ReceiptDetailView.as_view(),
        name="api-receipt",
    ),
    path("guidelines/calc/", orders.GuidelinesCalcView.as_view(), name="api-guidelines-calc"),
    path("persons/<int:person_id>/", people.PersonDetailView.as_view(), name="api-person"),
    path(
        "intake/applications/",
        cases.IntakeApplicationsView.as_view(),
        name="api-intake-applications",
    ),
    path(
        "intake/applications/<str:reference>/accept/",
        cases.AcceptApplicationView.as_view(),
        name="api-intake-accept",
    ),
    path(
        "intake/applications/<str:reference>/reject/",
        cases.RejectApplicationView.as_view(),
        name="api-intake-reject",
    ),
    path("me/cases/", MyCasesView.as_view(), name="api-me-cases"),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="api-schema",
    ),
]
