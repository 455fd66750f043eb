"""Order pages, mounted under ``cases/``: ``/cases/<case_number>/orders/...``."""

from django.urls import path

from cses.orders import views

urlpatterns = [
    path("<str:case_number>/orders/", views.order_list, name="order-list"),
    path("<str:case_number>/orders/new/", views.order_new, name="order-new"),
    path("<str:case_number>/orders/<int:order_id>/", views.order_detail, name="order-detail"),
    path(
        "<str:case_number>/orders/<int:order_id>/modify/",
        views.order_modify,
        name="order-modify",
    ),
    path(
        "<str:case_number>/orders/<int:order_id>/vacate/",
        views.order_vacate,
        name="order-vacate",
    ),
    path(
        "<str:case_number>/orders/<int:order_id>/children/<int:child_id>/schooling/",
        views.order_child_schooling,
        name="order-child-schooling",
    ),
]
