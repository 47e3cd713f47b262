"""The editors' workspace: one module per part of the archive, registered on import."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.editors.admin import articles, directives, feeds, links, people, quotes  # noqa: F401

admin.site.site_header = _("Policy Archive: editors")
admin.site.site_title = _("Policy Archive editors")
admin.site.index_title = _("The archive")
