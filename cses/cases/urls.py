from django.urls import path

from cses.cases import views

urlpatterns = [
    path("<str:case_number>/", views.case_detail, name="case-detail"),
    path("<str:case_number>/notes/", views.case_note, name="case-note"),
    path("<str:case_number>/move/", views.case_move, name="case-move"),
    path("<str:case_number>/close/", views.case_close, name="case-close"),
    path(
        "<str:case_number>/cancel-closure/", views.case_cancel_closure, name="case-cancel-closure"
    ),
    path("<str:case_number>/reopen/", views.case_reopen, name="case-reopen"),
    path(
        "<str:case_number>/members/<int:member_id>/family-violence/",
        views.case_family_violence,
        name="case-family-violence",
    ),
    path("<str:case_number>/letter/<int:member_id>/", views.case_letter, name="case-letter"),
]
