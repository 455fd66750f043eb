from django.contrib.auth.views import LogoutView
from django.urls import path

from cses.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.CsesLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("search/", views.case_search, name="case-search"),
]
