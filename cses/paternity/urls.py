"""The paternity page of a case and its actions, mounted under ``cases/``."""

from django.urls import path

from cses.paternity import views

urlpatterns = [
    path("<str:case_number>/paternity/", views.paternity_page, name="case-paternity"),
    path(
        "<str:case_number>/paternity/acknowledgments/",
        views.acknowledgment_record,
        name="paternity-acknowledgment",
    ),
    path(
        "<str:case_number>/paternity/acknowledgments/<int:ack_id>/file/",
        views.acknowledgment_file,
        name="paternity-acknowledgment-file",
    ),
    path(
        "<str:case_number>/paternity/acknowledgments/<int:ack_id>/rescind/",
        views.acknowledgment_rescind,
        name="paternity-acknowledgment-rescind",
    ),
    path("<str:case_number>/paternity/tests/", views.test_schedule, name="paternity-test-schedule"),
    path(
        "<str:case_number>/paternity/tests/<int:test_id>/samples/",
        views.test_samples,
        name="paternity-test-samples",
    ),
    path(
        "<str:case_number>/paternity/tests/<int:test_id>/no-show/",
        views.test_no_show,
        name="paternity-test-no-show",
    ),
    path(
        "<str:case_number>/paternity/tests/<int:test_id>/cancel/",
        views.test_cancel,
        name="paternity-test-cancel",
    ),
    path(
        "<str:case_number>/paternity/tests/<int:test_id>/result/",
        views.test_result,
        name="paternity-test-result",
    ),
    path(
        "<str:case_number>/paternity/adjudications/",
        views.adjudicate,
        name="paternity-adjudicate",
    ),
]
