"""Lantern's settings: one file, read from the environment.

With no variables at all Lantern runs embedded: SQLite, the in-memory
channel layer and the local-memory cache, for one process. DATABASE_URL and
REDIS_URL switch to PostgreSQL and Redis; LANTERN_ENV=production turns on
the production rules (a real SECRET_KEY, HTTPS-only cookies, HSTS). See
docs/configuration.md for every variable.
"""
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LANTERN_VAR_DIR", str(BASE_DIR / "var")))

LANTERN_ENV = env_choice("LANTERN_ENV", ("development", "production"), "development")
PRODUCTION = LANTERN_ENV == "production"
DEBUG = env_bool("DEBUG", False)
SILENCED_SYSTEM_CHECKS = []


def _development_secret_key():
    """A key kept in var/ so sessions survive a restart of a development server."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY", required=PRODUCTION) or _development_secret_key()
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_ratelimit",
    "peers",
    "forum",
    "moderation",
    "rooms",
    "realtime",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SafetyHeadersMiddleware",
    "config.middleware.NotFoundPageEvenInDebug",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "config.middleware.RefusedMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.safety",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):
        # Under Daphne every request and socket call runs in a thread of its
        # own, so Django's persistent connections (CONN_MAX_AGE) would leave
        # one open per thread until PostgreSQL refuses more. A pool bounds
        # them, and saves the ~4 ms of server CPU a new connection costs on
        # every request (docs/benchmarks.md).
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2, minimum=0),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 20, minimum=1),
            "timeout": env_int("DATABASE_POOL_TIMEOUT_SECONDS", 10, minimum=1),
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "lantern.sqlite3",
            "OPTIONS": {
                # WAL lets readers and the one writer work at once; IMMEDIATE
                # takes the write lock at BEGIN so two writers queue on the
                # busy timeout instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1),
            },
            "TEST": {"NAME": env_str("SQLITE_TEST_NAME")},
        }
    }
    VAR_DIR.mkdir(parents=True, exist_ok=True)

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but Redis down is a miss, not an error page (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lantern"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # django-ratelimit lists only third-party Redis caches as supported, but
    # it needs just atomic add/incr, which Django's own RedisCache does with
    # SET NX and INCRBY (tests/config/test_redis.py exercises it).
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 times sockets out after 5 s, while channels_redis
                # waits up to 5 s on Redis for the next event: an idle socket
                # would be closed with 1011. Give the wait room to finish.
                # redis-py 8 caps a pool at 100 connections and raises past it;
                # a process whose hundreds of sockets leave at once (a restart,
                # a network blip) needs more, or their groups linger for a day.
                "hosts": [{"address": REDIS_URL, "socket_timeout": env_int("REDIS_SOCKET_TIMEOUT", 30, minimum=10),
                           "max_connections": env_int("REDIS_MAX_CONNECTIONS", 1000, minimum=10)}],
                "prefix": env_str("CHANNEL_LAYER_PREFIX", "lantern"),
                # Events queued for one process before channels-redis drops new
                # ones (silently, with a log line). Its default of 100 was
                # reached under the load benchmark; a room of 50 people
                # fills 50 entries on each message.
                "capacity": env_int("CHANNEL_LAYER_CAPACITY", 1000, minimum=100),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lantern"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # The embedded set-up is one process, so its local-memory cache is the
    # only one there is: rate-limit counters are shared by every request.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Members and sessions --------------------------------------------------

AUTH_USER_MODEL = "peers.Member"
AUTHENTICATION_BACKENDS = ["peers.backends.MemberBackend"]
LOGIN_URL = "peers:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("pseudonym",)}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "peers.validators.MaximumLengthValidator"},
]

SESSION_ENGINE = "peers.sessions"
SESSION_COOKIE_NAME = "sid"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# How long "keep me signed in on this device" lasts.
LANTERN_REMEMBER_ME_SECONDS = env_int("LANTERN_REMEMBER_ME_DAYS", 30, minimum=1, maximum=365) * 86400
SESSION_COOKIE_AGE = LANTERN_REMEMBER_ME_SECONDS

# --- HTTP safety -------------------------------------------------------------

# No other site may learn where a member came from (docs/design.md,
# invariant 6). "same-origin" keeps that (nothing is sent to other hosts)
# and is required: under no-referrer browsers send "Origin: null" with
# same-site form posts, and Django's CSRF origin check then refuses every
# form. See docs/architecture.md.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django sends HSTS only on HTTPS responses, so this is safe on a laptop.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a one-way promise about the whole domain that only its
    # owner can make; it stays an explicit opt-in (docs/configuration.md).
    SILENCED_SYSTEM_CHECKS += ["security.W021"]
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
if env_bool("LANTERN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Where Quick exit sends the browser: a neutral page on another site.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://weather.com/")
if not QUICK_EXIT_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("QUICK_EXIT_URL must be an http(s) address.")

# --- Moderation ------------------------------------------------------------

# Imminent-risk texts wait for crisis staff before others see them; texts of
# concern are shown folded behind an automatic content warning.
MODERATION_HOLD_IMMINENT = env_bool("MODERATION_HOLD_IMMINENT", True)
MODERATION_WARN_CONCERN = env_bool("MODERATION_WARN_CONCERN", True)
# Reports weigh 1 (newcomer), 2 (member), 3 (trusted), 4 (staff); at this
# total a post is hidden until a moderator looks.
MODERATION_REPORT_HIDE_WEIGHT = env_int("MODERATION_REPORT_HIDE_WEIGHT", 6, minimum=1)
# Unacknowledged this long, an escalation is overdue and alerts everyone on duty again.
CRISIS_ACKNOWLEDGE_SECONDS = env_int("CRISIS_ACKNOWLEDGE_SECONDS", 300, minimum=30)
TRUST_PROMOTION = {
    "days": env_int("TRUST_PROMOTION_DAYS", 3, minimum=0),
    "approved_posts": env_int("TRUST_PROMOTION_POSTS", 3, minimum=0),
}

# --- Boards ------------------------------------------------------------------

FORUM_PAGE_SIZE = env_int("FORUM_PAGE_SIZE", 20, minimum=5, maximum=100)
FORUM_LIMITS = {
    "newcomer": {
        "seconds_between_posts": env_int("FORUM_NEWCOMER_SECONDS_BETWEEN_POSTS", 30, minimum=0),
        "threads_per_day": env_int("FORUM_NEWCOMER_THREADS_PER_DAY", 3, minimum=0),
        "replies_per_day": env_int("FORUM_NEWCOMER_REPLIES_PER_DAY", 10, minimum=0),
    },
    "member": {
        "seconds_between_posts": env_int("FORUM_MEMBER_SECONDS_BETWEEN_POSTS", 5, minimum=0),
        "threads_per_day": env_int("FORUM_MEMBER_THREADS_PER_DAY", 20, minimum=0),
        "replies_per_day": env_int("FORUM_MEMBER_REPLIES_PER_DAY", 200, minimum=0),
    },
}
# A 20,000-character post is at most about 240 KB form-encoded; anything far
# larger is not a post, and is refused before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 512 * 1024, minimum=64 * 1024)
# The size limit above covers form fields only; Lantern takes no files at all.
FILE_UPLOAD_HANDLERS = ["config.uploads.RefuseFiles"]

# --- Peer mentors ----------------------------------------------------------

MENTOR_ELIGIBILITY = {
    "min_account_days": env_int("MENTOR_MIN_ACCOUNT_DAYS", 30, minimum=0),
    "min_trust_level": env_int("MENTOR_MIN_TRUST_LEVEL", 1, minimum=0, maximum=2),  # 1 member, 2 trusted
}

# --- Peer rooms ---------------------------------------------------------------

ROOM_MAX_HOURS = env_int("ROOM_MAX_HOURS", 4, minimum=1, maximum=12)
# Room messages are deleted this many days after a room ends, unless tied to
# an open report or escalation (manage.py purge_expired).
ROOM_RETENTION_DAYS = env_int("ROOM_RETENTION_DAYS", 7, minimum=0)
# More than ROOM_FLOOD_MESSAGES in ROOM_FLOOD_SECONDS mutes the sender for a few minutes.
ROOM_FLOOD_MESSAGES = env_int("ROOM_FLOOD_MESSAGES", 5, minimum=1)
ROOM_FLOOD_SECONDS = env_int("ROOM_FLOOD_SECONDS", 10, minimum=1)
ROOM_FLOOD_MUTE_MINUTES = env_int("ROOM_FLOOD_MUTE_MINUTES", 5, minimum=1)
# Each open room socket marks its presence row this often; a row unmarked for
# three beats (a server process that died) no longer counts as someone here.
ROOM_PRESENCE_HEARTBEAT_SECONDS = env_int("ROOM_PRESENCE_HEARTBEAT_SECONDS", 20, minimum=1)

# --- Rate limits (django-ratelimit; counters live in the cache only) --------

RATELIMIT_VIEW = "config.views.ratelimited"
# With the cache (Redis) unreachable, let logins and joins through unlimited
# rather than lock every member out; config/cache.py logs each miss.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY")  # e.g. HTTP_X_REAL_IP behind nginx
LANTERN_RATES = {
    "join_ip": env_rate("LANTERN_RATE_JOIN_IP", "5/h"),
    "recover_ip": env_rate("LANTERN_RATE_RECOVER_IP", "10/h"),
    "recover_pseudonym": env_rate("LANTERN_RATE_RECOVER_PSEUDONYM", "5/h"),  # per (pseudonym, address)
    "passphrase_member": env_rate("LANTERN_RATE_PASSPHRASE", "10/h"),
}
# Failed log-ins (peers/ratelimits.py; docs/architecture.md, "Log-in limits").
LANTERN_LOGIN_LIMITS = {
    "client_failures": env_int("LANTERN_LOGIN_CLIENT_FAILURES", 5, minimum=1),  # per (pseudonym, client) ...
    "client_window": env_int("LANTERN_LOGIN_CLIENT_WINDOW", 15 * 60, minimum=1),  # ... in this many seconds
    "ip_failures": env_int("LANTERN_LOGIN_IP_FAILURES", 20, minimum=1),  # per address, any pseudonym ...
    "ip_window": env_int("LANTERN_LOGIN_IP_WINDOW", 10 * 60, minimum=1),
    "pseudonym_free_failures": env_int("LANTERN_LOGIN_PSEUDONYM_FREE_FAILURES", 10, minimum=1),
    "pseudonym_max_delay": env_int("LANTERN_LOGIN_PSEUDONYM_MAX_DELAY", 15 * 60, minimum=1),
    "pseudonym_window": env_int("LANTERN_LOGIN_PSEUDONYM_WINDOW", 24 * 3600, minimum=1),
    "device_days": env_int("LANTERN_LOGIN_DEVICE_DAYS", 180, minimum=1),
}

# --- Static files -------------------------------------------------------------

STATIC_URL = "static/"
# Production serves collected, compressed, fingerprinted files from STATIC_ROOT;
# development serves straight from the source folders (WHITENOISE_USE_FINDERS).
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Logging: never an IP address or a user agent -----------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.log_filters.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default "django" handlers, which lack the redaction filter.
        "django": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False},
        # Django's development-server access log prints the client address.
        "django.server": {"handlers": [], "propagate": False},
        "daphne.access": {"handlers": [], "propagate": False},
    },
}
