from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Policy archive")

    def ready(self):
        from . import security  # noqa: F401  (connects the login signal receivers)
        from . import page_cache

        page_cache.connect()
