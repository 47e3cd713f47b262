from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Policy archive")

    def ready(self):
        # The admin lives with the editors' subsystem, where autodiscovery does not look.
        from articles import changes
        from articles.editors import (
            admin,  # noqa: F401
            security,  # noqa: F401  (connects the login signal receivers)
        )

        changes.connect()
