"""Distribution pages, mounted at the site root: ``/payments/receipts/<pk>/`` and
``/payments/checkbook/``. The case's payment history (``case-payments``) is the disbursement
app's, downstream of this one, since it shows disbursements too."""

from django.urls import path

from cses.distribution import views

urlpatterns = [
    path("payments/receipts/<int:pk>/", views.receipt_detail, name="receipt-detail"),
    path("payments/checkbook/", views.checkbook_report, name="payments-checkbook"),
]
