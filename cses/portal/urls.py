from django.urls import path

from cses.portal import views

urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path(
        "cases/<str:case_number>/orders/<int:order_id>/review/",
        views.portal_review_request,
        name="portal-review-request",
    ),
    path(
        "cases/<str:case_number>/reviews/<int:review_id>/",
        views.portal_review,
        name="portal-review",
    ),
]
