from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("cses.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("cses.web.urls")),
    path("cases/", include("cses.cases.urls")),
    path("intake/", include("cses.cases.intake_urls")),
    path("people/", include("cses.people.urls")),
    path("interfaces/", include("cses.interfaces.urls")),
    path("portal/", include("cses.portal.urls")),
]
# The public application page is reachable with a language prefix too (/es/apply/).
urlpatterns += i18n_patterns(
    path("apply/", include("cses.cases.public_urls")), prefix_default_language=False
)
