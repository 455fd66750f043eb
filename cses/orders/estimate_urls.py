"""The public child support estimate, mounted at ``estimate/`` (and ``/es/estimate/``)."""

from django.urls import path

from cses.orders import estimate_views

urlpatterns = [
    path("", estimate_views.public_estimate, name="public-estimate"),
]
