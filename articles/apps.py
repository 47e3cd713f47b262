from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Policy archive")

    def ready(self):
        # The admin lives with the editors' subsystem, where autodiscovery does not look.
        from articles.editors import admin  # noqa: F401
        from articles.editors import security  # noqa: F401  (connects the login signal receivers)
        from articles import changes

        changes.connect()
