from django.urls import path

from cses.cases import intake_views

urlpatterns = [
    path("new/", intake_views.intake_new, name="intake-new"),
    path("new/matches/", intake_views.intake_matches, name="intake-matches"),
    path("queue/", intake_views.intake_queue, name="intake-queue"),
    path("queue/<str:reference>/", intake_views.intake_review, name="intake-review"),
]
