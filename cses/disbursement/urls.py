"""Disbursement pages, mounted at the site root: the case's payment history
``cases/<case_number>/payments/`` (with its instruction, holds, returns) and the day's files
``payments/disbursement-files/``."""

from django.urls import path

from cses.disbursement import views

CASE = "cases/<str:case_number>/payments/"

urlpatterns = [
    path(CASE, views.case_payments, name="case-payments"),
    path(f"{CASE}instruction/", views.payment_instruction, name="payment-instruction"),
    path(f"{CASE}instruction/new/", views.payment_instruction_set, name="payment-instruction-set"),
    path(f"{CASE}holds/", views.hold_place, name="disbursement-hold-place"),
    path(
        f"{CASE}holds/<int:hold_id>/release/",
        views.hold_release,
        name="disbursement-hold-release",
    ),
    path(
        f"{CASE}disbursements/<int:pk>/undeliverable/",
        views.disbursement_undeliverable,
        name="disbursement-undeliverable",
    ),
    path(
        f"{CASE}disbursements/<int:pk>/ach-return/",
        views.disbursement_ach_return,
        name="disbursement-ach-return",
    ),
    path("payments/disbursement-files/", views.disbursement_files, name="disbursement-files"),
    path(
        "payments/disbursement-files/<int:pk>/",
        views.disbursement_file_download,
        name="disbursement-file-download",
    ),
]
