"""Guidelines worksheet pages, mounted under ``cases/``: ``/cases/<case_number>/worksheets/...``."""

from django.urls import path

from cses.orders import worksheet_views as views

urlpatterns = [
    path("<str:case_number>/worksheets/", views.worksheet_list, name="worksheet-list"),
    path("<str:case_number>/worksheets/new/", views.worksheet_new, name="worksheet-new"),
    path(
        "<str:case_number>/worksheets/preview/",
        views.worksheet_preview,
        name="worksheet-preview",
    ),
    path("<str:case_number>/worksheets/<int:pk>/", views.worksheet_detail, name="worksheet-detail"),
    path("<str:case_number>/worksheets/<int:pk>/pdf/", views.worksheet_pdf, name="worksheet-pdf"),
]
