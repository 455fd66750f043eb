"""Distribution pages, mounted at the site root: ``/payments/receipts/<pk>/``,
``/payments/checkbook/`` and ``/cases/<case_number>/payments/``."""

from django.urls import path

from cses.distribution import views

urlpatterns = [
    path("payments/receipts/<int:pk>/", views.receipt_detail, name="receipt-detail"),
    path("payments/checkbook/", views.checkbook_report, name="payments-checkbook"),
    path("cases/<str:case_number>/payments/", views.case_payments, name="case-payments"),
]
