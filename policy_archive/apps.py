"""Installed apps as the archive names them in the admin."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginLockoutsConfig(AxesAppConfig):
    # django-axes names no app, so the admin index would title its section "Axes".
    verbose_name = _("Login lockouts")
