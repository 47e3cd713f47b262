"""Test settings: the project's own, with a throwaway key and plain static files."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")

from policy_archive.settings import *  # noqa: E402,F401,F403
from policy_archive.settings import DATABASES  # noqa: E402  (changed below)

# The test client and the browser tests' live server speak plain http.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests serve static files from the apps through whitenoise's finders: no collectstatic step.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: tests that run the loader in a process of its own (and kill it)
    # must see the same database.
    # One file per test process, so two suites running at once never share one.
    import tempfile

    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"policy-archive-test-{os.getpid()}.sqlite3")
    }

# Whole-page caching is off for the suite (pages change between requests of one test whose
# transaction never commits, so the generation never moves); tests/site/test_page_cache.py
# and tests/site/test_invalidation.py turn it on.
ARCHIVE_PAGE_CACHE_SECONDS = 0
# So are the filter forms' cached suggestions; tests/site/test_page_cache.py turns them on too.
ARCHIVE_SUGGESTIONS_SECONDS = 0
ARCHIVE_FETCH_PRIVATE = True  # the tests serve pages and feeds on loopback
# The suite makes many API requests from one address; tests/site/test_api.py sets a low rate.
ARCHIVE_API_ANON_RATE = "100000/minute"
