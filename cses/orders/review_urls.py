"""Review pages, mounted under ``cases/``: ``/cases/<case_number>/reviews/...``."""

from django.urls import path

from cses.orders import review_views as views

urlpatterns = [
    path("<str:case_number>/reviews/", views.review_list, name="review-list"),
    path("<str:case_number>/reviews/request/", views.review_request, name="review-request"),
    path("<str:case_number>/reviews/<int:review_id>/", views.review_detail, name="review-detail"),
    path(
        "<str:case_number>/reviews/<int:review_id>/worksheet/",
        views.review_worksheet,
        name="review-worksheet",
    ),
    path(
        "<str:case_number>/reviews/<int:review_id>/decide/",
        views.review_decide,
        name="review-decide",
    ),
]
