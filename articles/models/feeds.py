"""Where articles come from besides files: the outlets' feeds operators follow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Feed(models.Model):
    """An outlet's RSS or Atom feed, polled for new articles (``articles.ingest.feeds``).

    The validators the feed last answered with (ETag, Last-Modified) are kept, so the next
    poll asks only for a changed feed.
    """

    url = models.URLField(_("feed URL"), max_length=1000, unique=True)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Used when a page does not name its outlet.")
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Polled on the schedule."))
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    modified = models.CharField(_("last modified"), max_length=100, blank=True, editable=False)
    last_polled = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    last_result = models.CharField(_("last result"), max_length=300, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self):
        return self.outlet or self.url
