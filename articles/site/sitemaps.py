"""sitemap.xml: every public page a reader might land on from a search engine.

``/sitemap.xml`` is a sitemap index; each section is a file of its own, in pages of at most
ARCHIVE_SITEMAP_URLS addresses (the protocol allows 50,000 a file), ``?p=2`` and on. Both
are pages of the public site, cached under the archive's generation like the others.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from articles.models import Article, Directive, Quote, Speaker


class Sitemap(BaseSitemap):
    @property
    def limit(self):
        return settings.ARCHIVE_SITEMAP_URLS


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "articles:home",
            "articles:article_list",
            "articles:quote_list",
            "articles:speaker_list",
            "articles:directive_list",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SpeakerSitemap(Sitemap):
    def items(self):
        return Speaker.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class DirectiveSitemap(Sitemap):
    def items(self):
        return Directive.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StatementSitemap(Sitemap):
    def items(self):
        return Quote.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap,
    "speakers": SpeakerSitemap,
    "directives": DirectiveSitemap,
    "statements": StatementSitemap,
}
