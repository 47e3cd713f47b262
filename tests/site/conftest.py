import os

import pytest
from django.core.cache import cache

from articles.counts import tallies

CACHES = {
    "local memory": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "redis": {
        "default": {
            "BACKEND": "policy_archive.cache.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", ""),
            "KEY_PREFIX": "policy-archive-tests",
        }
    },
}


@pytest.fixture(autouse=True)
def counts_as_they_change(db):
    """PostgreSQL folds the kept counts into place at commit, and a test never commits."""
    tallies.settle()


@pytest.fixture(params=list(CACHES))
def page_cache(request, settings):
    """Pages cached in each process's local memory, and in Redis when REDIS_URL is set."""
    if request.param == "redis" and not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set")
    settings.CACHES = CACHES[request.param]
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield request.param
    cache.clear()
