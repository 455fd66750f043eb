"""Which language a page is shown in.

Public pages (the application, the estimate, the parents' portal) are under ``i18n_patterns``:
their language is in the address (``/es/apply/``), and the unprefixed address is English. Staff
pages have no language prefix; Django's own middleware would then always show them in the default
language, so here they follow the language the user chose (the switcher's cookie) or, failing
that, the browser's.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation


@cache
def _prefixed_roots(urlconf: str) -> tuple[str, ...]:
    """The first path segments served under i18n_patterns, e.g. ("apply/", "estimate/")."""
    roots: list[str] = []
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            roots += [str(p.pattern) for p in pattern.url_patterns if isinstance(p, URLResolver)]
    return tuple(roots)


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        path = request.path_info.lstrip("/")
        if translation.get_language_from_path(request.path_info) or path.startswith(
            _prefixed_roots(urlconf)
        ):
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
