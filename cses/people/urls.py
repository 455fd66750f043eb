from django.urls import path

from cses.people import views

urlpatterns = [
    path("<int:person_id>/", views.person_detail, name="person-detail"),
    path("<int:person_id>/reveal-ssn/", views.reveal_ssn, name="person-reveal-ssn"),
]
