from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("cses.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("cses.web.urls")),
    path("cases/", include("cses.cases.urls")),
    path("cases/", include("cses.paternity.urls")),
    path("cases/", include("cses.orders.review_urls")),
    path("cases/", include("cses.orders.worksheet_urls")),
    path("cases/", include("cses.orders.urls")),
    path("", include("cses.distribution.urls")),
    path("", include("cses.disbursement.urls")),
    path("intake/", include("cses.cases.intake_urls")),
    path("people/", include("cses.people.urls")),
    path("interfaces/", include("cses.interfaces.urls")),
    path("payments/", include("cses.receipts.urls")),
]
# The public pages and the parents' portal are reachable with a language prefix too (/es/apply/,
# /es/estimate/, /es/portal/): only a prefixed path is shown in Spanish.
urlpatterns += i18n_patterns(
    path("apply/", include("cses.cases.public_urls")),
    path("estimate/", include("cses.orders.estimate_urls")),
    path("portal/", include("cses.portal.urls")),
    prefix_default_language=False,
)
