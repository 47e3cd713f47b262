"""Django's Redis cache, with one ``redis.Redis`` client per connection pool instead of one
per call.

Django's client makes a new ``redis.Redis`` for every cache call, and each one fills a table
of some 170 response callbacks as it is built: a sixth of the CPU of a page served from the
page cache went there. A ``redis.Redis`` may be shared between threads (its pool hands each
command a connection), so one per pool is kept. Pools and clients are made on first use,
after gunicorn has forked its workers.
"""

from django.core.cache.backends import redis


class KeptClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClient
