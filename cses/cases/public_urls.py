from django.urls import path

from cses.cases import intake_views

urlpatterns = [
    path("", intake_views.public_apply, name="public-apply"),
    path("done/", intake_views.public_apply_done, name="public-apply-done"),
]
