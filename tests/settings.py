"""Test settings: the real settings with fast hashing, a local mail outbox and
temporary media. The database comes from the environment like in production, so
the same suite runs on SQLite and on PostgreSQL."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")

from council.settings import *  # noqa: E402,F403
from council.settings import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="samverkan-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]

# The source documents the demo data is derived from; tests compare against them.
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

# Serve static files from the app folders in tests, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A test CA per test run, never the developer's own.
SIGNING_DEV_CA_DIR = Path(tempfile.mkdtemp(prefix="samverkan-test-ca-"))

# No copies of public pages unless a test turns them on (tests/portal/
# test_public_cache.py); the generation lives in this process only.
PUBLIC_CACHE_SECONDS = 0
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    PUBLIC_CACHE_ALIAS: {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
    },
}

# django-axes as in production, but Client.login() (no request) passes it by.
AUTHENTICATION_BACKENDS = [
    "tests.backends.AxesBackendForTestClient",
    "django.contrib.auth.backends.ModelBackend",
]
