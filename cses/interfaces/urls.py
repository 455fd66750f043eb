from django.urls import path

from cses.interfaces import views

urlpatterns = [
    path("referrals/", views.referral_import, name="referral-import"),
    path("referrals/<int:pk>/", views.referral_report, name="referral-report"),
]
