"""Settings for every environment, driven by environment variables.

With nothing set, the portal runs on its embedded defaults: SQLite at an absolute path, Celery tasks
run eagerly on the in-memory broker, email goes to the console and uploads to local storage.
`DJANGO_ENV=production` turns on the production safeguards: the portal refuses to start without
SECRET_KEY and ALLOWED_HOSTS, and every `check --deploy` setting is on.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()


def _local_secret_key(path: Path) -> str:
    import os
    import secrets
    import tempfile

    if not path.exists():
        # Written aside and linked into place, so processes starting together all read one complete key.
        handle, draft = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        with os.fdopen(handle, "w") as draft_file:
            draft_file.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text().strip()


DJANGO_ENV = env("DJANGO_ENV", default="development")
IS_PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DEBUG", default=False)

if IS_PRODUCTION:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs SECRET_KEY set to a random value of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS set to the portal's host names.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")
else:
    # Outside production the key is made once per checkout and kept beside the code (git ignores it), so no
    # key that signs sessions is ever published in the source.
    SECRET_KEY = env("SECRET_KEY", default="") or _local_secret_key(BASE_DIR / ".secret_key")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

# Retired keys while SECRET_KEY is rotated: sessions, signed links and the opaque ids in URLs made with them still
# work until they are removed from here (send_portal/core/converters.py).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- The council this deployment serves ------------------------------------------------------------
PORTAL_COUNCIL_NAME = env("PORTAL_COUNCIL_NAME", default="Exampleshire County Council")
PORTAL_SERVICE_NAME = env("PORTAL_SERVICE_NAME", default="SEND Partnership Portal")
# SEND Code of Practice 9.178: the council reviews the plans of children under 5 every 3 to 6 months.
EHC_UNDER_FIVE_REVIEW_MONTHS = env.int("EHC_UNDER_FIVE_REVIEW_MONTHS", default=6)
# Local Offer listings are checked by their providers at least this often, are flagged when overdue, and are
# hidden this many days after that; the Local Offer team is told at this address (blank: nobody).
LOCAL_OFFER_REVIEW_MONTHS = env.int("LOCAL_OFFER_REVIEW_MONTHS", default=12)
LOCAL_OFFER_REVIEW_GRACE_DAYS = env.int("LOCAL_OFFER_REVIEW_GRACE_DAYS", default=28)
LOCAL_OFFER_TEAM_EMAIL = env("LOCAL_OFFER_TEAM_EMAIL", default="")
# Alternative provision: who is told of permanent exclusions and missed sixth days, of children reaching 15 days
# absent for health reasons in a term, and of provider applications and lapsed evidence (blank: nobody).
AP_EXCLUSIONS_EMAIL = env("AP_EXCLUSIONS_EMAIL", default="")
AP_HEALTH_NEEDS_EMAIL = env("AP_HEALTH_NEEDS_EMAIL", default="")
AP_COMMISSIONING_EMAIL = env("AP_COMMISSIONING_EMAIL", default="")
# Comments on the Local Offer about one person's services are passed here (regulation 56(4)).
LOCAL_OFFER_COMPLAINTS_EMAIL = env("LOCAL_OFFER_COMPLAINTS_EMAIL", default="")
PORTAL_COUNCIL_LOGO = env("PORTAL_COUNCIL_LOGO", default="portal/council-logo.svg")
PORTAL_HELP_EMAIL = env("PORTAL_HELP_EMAIL", default="send.help@exampleshire.example")
PORTAL_HELP_PHONE = env("PORTAL_HELP_PHONE", default="01632 960 000")
# SEND Regulations 2014 reg 32: every appealable decision names the mediation adviser and how to reach them.
PORTAL_MEDIATION_ADVISER = env(
    "PORTAL_MEDIATION_ADVISER",
    default="Exampleshire SEND Mediation Service, 01632 960 222, mediation@exampleshire.example")
PORTAL_PHASE = env("PORTAL_PHASE", default="beta")
PORTAL_FEEDBACK_EMAIL = env("PORTAL_FEEDBACK_EMAIL", default="send.feedback@exampleshire.example")
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_DEMO_PASSWORD = env("DEMO_PASSWORD", default="tangerine-kettle-harbour")

# --- Applications ----------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "guardian",
    "auditlog",
    "csp",
    "crispy_forms",
    "crispy_forms_gds",
    "django_celery_beat",
    "rest_framework",
    "django_filters",
    "send_portal.core",
    "send_portal.accounts",
    "send_portal.organisations",
    "send_portal.people",
    "send_portal.audit",
    "send_portal.notifications",
    "send_portal.invitations",
    "send_portal.panels",
    "ehc",
    "local_offer",
    "alt_provision",
    "dashboards",
    "send_portal.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "send_portal.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "send_portal.core.access.AuditAfterViewMiddleware",
    "send_portal.accounts.middleware.IdleTimeoutMiddleware",
    "send_portal.accounts.middleware.StaffMFARequiredMiddleware",
    "send_portal.core.middleware.AccessPolicyMiddleware",
    "send_portal.core.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "send_portal.urls"
WSGI_APPLICATION = "send_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "send_portal.core.context_processors.portal",
            ],
            "builtins": ["send_portal.core.templatetags.portal"],
        },
    }
]

# --- Data --------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Typo-tolerant Local Offer search: pg_trgm's default word-similarity threshold (0.6) misses "autsim".
    # No JIT compilation: it cost seconds a query on the dashboards' counts at national scale (a dashboard counted
    # on opening took 12.4 s with it and 6.3 s without, bench/RESULTS.md) and pays back on none of the portal's.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.3 -c jit=off"
else:
    # Immediate transactions and WAL keep the single-file development database from locking up.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

# The default cache is the database so that sign-in rate limits keep counting when Redis is down;
# Redis is a second, optional cache that fails soft.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
}
if REDIS_URL:
    CACHES["redis"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60  # absolute lifetime: 12 hours
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Idle timeouts in seconds (ASVS 3.3.2 level 2): staff 30 minutes, families 60 minutes.
PORTAL_IDLE_TIMEOUT_STAFF = env.int("PORTAL_IDLE_TIMEOUT_STAFF", default=30 * 60)
PORTAL_IDLE_TIMEOUT_FAMILY = env.int("PORTAL_IDLE_TIMEOUT_FAMILY", default=60 * 60)
PORTAL_IDLE_WARNING = 2 * 60

# --- Files -----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploads are never served from a public URL: views stream them after a permission check. No URL pattern
# or web server maps this prefix; it is set only because Django's test server needs a value.
MEDIA_URL = "/media-is-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Virus scanning of uploads through clamd's Unix socket (ehc/uploads.py). Empty (the developer default) means
# uploads are not scanned and are marked "not_scanned"; set it in production. Keep clamd's StreamMaxLength above
# the 10MB upload limit, or every large file fails its scan and is held back.
CLAMD_SOCKET = env("CLAMD_SOCKET", default="")
CLAMD_TIMEOUT = 30

# --- Accounts and sign-in --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NCSC and ASVS: length, not composition; a deny-list; no expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "send_portal.accounts.validators.LocalDenyListValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "signed_out"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Adding, removing or changing an email address asks for the password again if it was last given over 5 minutes
# (ACCOUNT_REAUTHENTICATION_TIMEOUT) ago, as changing MFA already does (ASVS 6.3.3, security notes 6.3).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "send_portal.accounts.adapter.PortalAccountAdapter"
ACCOUNT_FORMS = {"signup": "send_portal.accounts.forms.FamilySignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{PORTAL_SERVICE_NAME}: "
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PORTAL_COUNCIL_NAME
MFA_ADAPTER = "send_portal.accounts.adapter.PortalMFAAdapter"
MFA_TRUST_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = False

# Invitation links last a week: long enough for a family to find the email, short enough to limit a leak.
PORTAL_INVITATION_DAYS = 7

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

# --- Security headers ------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Email and notifications -----------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# To send through GOV.UK Notify: EMAIL_BACKEND=django_gov_notify.backends.NotifyEmailBackend, with the API key and
# the id of a Notify template whose subject is ((subject)) and body ((body)).
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID", default="")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"{PORTAL_SERVICE_NAME} <no-reply@exampleshire.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ----------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# The outbox (send_portal/notifications/outbox.py): a handed-over job not finished within its lease (longer than
# CELERY_TASK_TIME_LIMIT) is handed over again; once its task has started OUTBOX_MAX_RUNS times without finishing
# it fails with a logged warning.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=600)
OUTBOX_MAX_RUNS = 5
# A message claimed this long ago by a worker that never finished is sent again (longer than its time limit).
NOTIFICATION_CLAIM_SECONDS = env.int("NOTIFICATION_CLAIM_SECONDS", default=120)
NOTIFICATION_MAX_ATTEMPTS = 6
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The schedule lives in code; the database scheduler copies it in when beat starts.
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {"task": "ehc.tasks.send_due_reminders", "schedule": 60 * 60},
    "transfer-rights-at-16": {"task": "send_portal.people.tasks.transfer_rights_at_16", "schedule": 24 * 60 * 60},
    "local-offer-review-reminders": {"task": "local_offer.tasks.review_listings", "schedule": 24 * 60 * 60},
    "ap-children-out-of-school": {"task": "alt_provision.clock_tasks.check_children_out_of_school", "schedule": 86400},
    "ap-provider-evidence": {"task": "alt_provision.tasks.check_provider_evidence", "schedule": 24 * 60 * 60},
    "ap-registration-check": {"task": "alt_provision.placement_tasks.check_provider_registration", "schedule": 86400},
    "panels-schedule-meetings": {"task": "send_portal.panels.tasks.schedule_meetings", "schedule": 86400},
    "ap-panel-referrals": {"task": "alt_provision.referral_tasks.check_panel_referrals", "schedule": 86400},
    "dashboards-refresh-kpis": {"task": "dashboards.tasks.refresh_kpis", "schedule": 86400},
    "retention-apply-schedule": {"task": "send_portal.retention.tasks.apply_retention", "schedule": 86400},
    # Hourly, as dashboards.services.FIGURES_REFRESH_EVERY says.
    "dashboards-refresh-figures": {"task": "dashboards.tasks.refresh_dashboard_figures", "schedule": 3600},
    # Every minute: hand over background work that waited in the outbox (queue down, or a worker died).
    "notifications-sweep-outbox": {"task": "send_portal.notifications.tasks.sweep_outbox", "schedule": 60},
}

# --- Open data API (Open Referral UK) ------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("ORUK_API_THROTTLE", default="600/minute")},
    # Without this DRF counts by the whole X-Forwarded-For header, which the client writes, so any client could
    # dodge the throttle; with it, by the address our own proxies saw (as the sign-in rate limits do).
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "UNAUTHENTICATED_USER": None,
}

# --- Forms and language ----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
