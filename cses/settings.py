"""Django settings, read from the environment.

``DATABASE_URL`` selects the database (SQLite file ``var/cses.sqlite3`` when unset).
``CSES_ENV=production`` turns off debug, requires the keys from the environment and secures cookies.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from cses.secrets import load_secrets

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = os.environ.get("CSES_ENV", "development") == "production"
_secrets = load_secrets(BASE_DIR, production=PRODUCTION)

SECRET_KEY = _secrets["DJANGO_SECRET_KEY"]
DEBUG = not PRODUCTION and os.environ.get("CSES_DEBUG", "1") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# SSNs are encrypted with the first key; older keys (comma-separated after it) still decrypt,
# so keys can be rotated. The blind index key makes the exact-SSN search hash.
CSES_ENCRYPTION_KEYS = [k.strip() for k in _secrets["CSES_ENCRYPTION_KEYS"].split(",") if k]
CSES_BLIND_INDEX_KEY = _secrets["CSES_BLIND_INDEX_KEY"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "cses.core",
    "cses.accounts",
    "cses.people",
    "cses.cases",
    "cses.interfaces",
    "cses.paternity",
    "cses.orders",
    "cses.receipts",
    "cses.ledger",
    "cses.distribution",
    "cses.disbursement",
    "cses.workflow",
    "cses.portal",
    "cses.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cses.web.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cses.urls"
WSGI_APPLICATION = "cses.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cses" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cses.accounts.context.staff_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'cses.sqlite3'}", conn_max_age=60
    )
}
if os.environ.get("CSES_TEST_DATABASE_NAME"):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["CSES_TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True

# Failed log-ins: this many within the window lock the user name (or, at the higher limit, the
# address) out for the rest of the window.
CSES_LOGIN_FAILURE_LIMIT = int(os.environ.get("CSES_LOGIN_FAILURE_LIMIT", "5"))
CSES_LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(
    os.environ.get("CSES_LOGIN_FAILURE_LIMIT_PER_ADDRESS", "30")
)
CSES_LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("CSES_LOGIN_FAILURE_WINDOW_MINUTES", "15"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "cses" / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "cses" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Inbound partner files are archived here, once, by content hash.
CSES_ARCHIVE_DIR = Path(os.environ.get("CSES_ARCHIVE_DIR", BASE_DIR / "var" / "archive"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSES API",
    "DESCRIPTION": "Child Support Enforcement System REST API, version 1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for each choice set the API's fields share.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cses.cases.models.CaseStatus",
        "CaseSourceEnum": "cses.cases.models.CaseSource",
        "MemberRoleEnum": "cses.cases.models.MemberRole",
        "ClosureReasonEnum": "cses.cases.models.CLOSURE_REASON_CHOICES",
        "VerificationSourceEnum": "cses.people.models.VerificationSource",
        "LanguageEnum": "cses.people.models.Language",
        "WorkStageEnum": "cses.cases.serializers.WORK_STAGES",
        "ApplicantRoleEnum": "cses.cases.serializers.APPLICANT_ROLES",
        "PaternityStatusEnum": "cses.cases.models.PaternityStatus",
        "ChargeKindEnum": "cses.orders.serializers.CHARGE_KIND_CHOICES",
        "WorksheetParentEnum": "cses.orders.serializers.PARENTS",
        "ReviewSourceEnum": "cses.orders.models.Review.Source",
        "ReviewOutcomeEnum": "cses.orders.models.Review.Outcome",
        "ReceiptSourceEnum": "cses.receipts.models.ReceiptSource",
        "ReceiptMethodEnum": "cses.receipts.models.PaymentMethod",
        "WindowMethodEnum": "cses.receipts.serializers.WINDOW_METHODS",
        "ReceiptStatusEnum": "cses.receipts.models.Receipt.Status",
        "LedgerAccountEnum": "cses.ledger.models.Account",
        "PayeeEnum": "cses.distribution.serializers.PAYEES",
        "BalanceGroupEnum": "cses.distribution.serializers.BALANCE_GROUPS",
        "DisbursementMethodEnum": "cses.disbursement.models.PaymentMethod",
        "DisbursementStatusEnum": "cses.disbursement.models.DisbursementStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CSES_LOG_LEVEL", "WARNING")},
}
