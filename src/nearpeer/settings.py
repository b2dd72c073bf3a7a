"""nearpeer settings: one file, read from the environment (see docs/operators.md)."""

import sys
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from nearpeer.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("NEARPEER_DATA_DIR", str(BASE_DIR.parent.parent / "var")))

INSECURE_SECRET_KEY = "insecure-local-development-key-change-me"  # noqa: S105 (refused when DEBUG is off)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", INSECURE_SECRET_KEY)
TESTING = env_bool("NEARPEER_TESTING", "pytest" in sys.modules)  # the test suite's settings
if not DEBUG and not TESTING and SECRET_KEY == INSECURE_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the built-in development key. Set SECRET_KEY (or SECRET_KEY_FILE) "
        "to a long random value, or set DEBUG=true for local use."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API docs viewer's own static files (served here: no CDN, CSP-clean)
    "nearpeer.accounts",
    "nearpeer.tenancy",
    "nearpeer.audit",
    "nearpeer.curriculum",
    "nearpeer.meetings",
    "nearpeer.supportline",
    "nearpeer.outreach",
    "nearpeer.home",
    "nearpeer.demo",
    "nearpeer.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nearpeer.tenancy.middleware.PolicyScopeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nearpeer.tenancy.middleware.LocalTimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nearpeer.accounts.middleware.SessionLifetimeMiddleware",
    "nearpeer.accounts.middleware.MfaRequiredMiddleware",
    "nearpeer.accounts.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nearpeer.urls"
WSGI_APPLICATION = "nearpeer.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nearpeer.accounts.context.nav",
            ],
            # {% load weblinks %}: ``safe_url`` for every stored address that becomes a link.
            "libraries": {"weblinks": "nearpeer.weblinks", "paging": "nearpeer.paging"},
        },
    }
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'nearpeer.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process, so rate limits (return codes, allauth's limits) hold however
# many workers run: Redis when REDIS_URL is set, else a table in the database (the embedded
# default needs no other server). `nearpeer migrate` creates the table (accounts/apps.py).
REDIS_URL = env_str("REDIS_URL", env_str("CACHE_URL", ""))  # CACHE_URL: the older name
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions read from Redis and written through to the database (which stays the record).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "nearpeer_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email sign-in, no open sign-up (people arrive through a roster or an invitation).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
# allauth's own failed-sign-in limit is keyed on the email alone, which would let anyone lock a
# named person out; django-axes (below) handles brute force instead, keyed on email and address.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
ACCOUNT_ADAPTER = "nearpeer.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "nearpeer: "  # not the request's host (allauth's default)
SOCIALACCOUNT_ADAPTER = "nearpeer.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}, "saml": {}}
MFA_ADAPTER = "nearpeer.accounts.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "nearpeer"
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "nearpeer.accounts.forms.LimitedAuthenticateForm",
    "reauthenticate": "nearpeer.accounts.forms.LimitedReauthenticateForm",
}
# Wrong second-step codes (authenticator or recovery codes), counted in the database so the limits
# hold across processes: so many end one sign-in; so many within the window pause the account's
# codes, each further pause twice as long (at most a day). allauth's own limit is cache-based.
NEARPEER_MFA_SIGN_IN_ATTEMPTS = env_int("NEARPEER_MFA_SIGN_IN_ATTEMPTS", 5)
NEARPEER_MFA_ACCOUNT_ATTEMPTS = env_int("NEARPEER_MFA_ACCOUNT_ATTEMPTS", 5)
NEARPEER_MFA_ATTEMPT_WINDOW_MINUTES = env_int("NEARPEER_MFA_ATTEMPT_WINDOW_MINUTES", 15)
NEARPEER_MFA_PAUSE_MINUTES = env_int("NEARPEER_MFA_PAUSE_MINUTES", 15)

# Brute-force protection keyed on the username and address together, so a shared hospital
# address can't lock everyone out, and nobody can lock a named person out from elsewhere.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "nearpeer.accounts.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None

# Sessions: idle timeout and absolute lifetime, shorter for roles that see sensitive content.
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
NEARPEER_SESSION_IDLE_MINUTES = env_int("NEARPEER_SESSION_IDLE_MINUTES", 60)
NEARPEER_SESSION_MAX_HOURS = env_int("NEARPEER_SESSION_MAX_HOURS", 12)
NEARPEER_SENSITIVE_SESSION_IDLE_MINUTES = env_int("NEARPEER_SENSITIVE_SESSION_IDLE_MINUTES", 20)
NEARPEER_SENSITIVE_SESSION_MAX_HOURS = env_int("NEARPEER_SENSITIVE_SESSION_MAX_HOURS", 8)

# Field encryption keys: comma-separated Fernet keys, newest first (rotation: prepend a new key).
NEARPEER_FIELD_KEYS = env_list("NEARPEER_FIELD_KEYS", [])
if not NEARPEER_FIELD_KEYS:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured(
            "NEARPEER_FIELD_KEYS is not set. Generate one with `nearpeer generate_field_key` "
            "and set NEARPEER_FIELD_KEYS (or NEARPEER_FIELD_KEYS_FILE)."
        )
    NEARPEER_FIELD_KEYS = ["ZGV2ZWxvcG1lbnQtb25seS1rZXktMzItYnl0ZXMtISE="]

NEARPEER_ROSTER_MAX_BYTES = env_int("NEARPEER_ROSTER_MAX_BYTES", 2 * 1024 * 1024)
# Most people one roster import may hold; bigger files are refused before anything changes.
NEARPEER_ROSTER_MAX_ROWS = env_int("NEARPEER_ROSTER_MAX_ROWS", 5000)
if NEARPEER_ROSTER_MAX_ROWS < 1:
    raise ImproperlyConfigured(
        f"NEARPEER_ROSTER_MAX_ROWS must be 1 or more (got {NEARPEER_ROSTER_MAX_ROWS})."
    )

# The periodic runs and how often (seconds). `nearpeer run_ticks` (started by `nearpeer run_all`, so
# by `make demo`) calls them by name; production runs them from cron instead (docs/operators.md).
NEARPEER_TICKS = [
    ("supportline_tick", 60),  # escalations of unacknowledged high-risk requests, re-offers
    ("meetings_tick", 5 * 60),  # session reminders and feedback links
    ("supportline_daily", 24 * 60 * 60),  # referral follow-ups and the retention purge
    ("clearsessions", 24 * 60 * 60),  # Django's own: removes expired sessions
]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nearpeer <no-reply@localhost>")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the project's own CSS (not inside an app)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security headers. Production serves over HTTPS behind a proxy (docs/operators.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
