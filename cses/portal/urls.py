from django.urls import path

from cses.portal import views

urlpatterns = [
    path("", views.portal_home, name="portal-home"),
]
