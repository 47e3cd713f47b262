"""Atom feeds: new articles, and the newest statements of a speaker or citing a directive."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.models import Article, Directive, Quote, Speaker

ITEMS = 30


class PlainTextAtomFeed(Atom1Feed):
    """Entries whose summary is plain text (``type="text"``), not HTML.

    Django's Atom feed sends a description as ``type="html"``, escaped once: a reader
    unescapes it and renders it, so markup a source contained ("<img onerror=…>") would run
    in feed readers. The archive's texts are plain text, and are sent as such.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def on_day(day: datetime.date) -> datetime.datetime:
    """Articles carry a date only; their feed entries are stamped at midnight, site time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class LatestArticles(Feed):
    feed_type = PlainTextAtomFeed

    def title(self):
        return _("Policy Archive: new articles")

    def link(self):
        return reverse("articles:article_list")

    def subtitle(self):
        return _("Vietnamese news on foreign policy: who said what, citing which directive.")

    def items(self):
        return Article.objects.published().order_by("-published_on", "-pk")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body.split("\n", 1)[0]

    def item_pubdate(self, item):
        return on_day(item.published_on)

    def item_updateddate(self, item):
        return item.updated_at


class StatementFeed(Feed):
    """The statements of one speaker or directive; subclasses say which."""

    feed_type = PlainTextAtomFeed
    model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def link(self, obj):
        return obj.get_absolute_url()

    def statements(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return self.statements(obj).with_people().order_by("-article__published_on", "-pk")[:ITEMS]

    def item_title(self, item):
        who = item.speaker.name if item.speaker else _("Unattributed")
        return f"{who}: {item.text[:90]}"

    def item_description(self, item):
        return item.text

    def item_pubdate(self, item):
        return on_day(item.article.published_on)

    def item_updateddate(self, item):
        return item.updated_at


class SpeakerStatements(StatementFeed):
    model = Speaker

    def title(self, obj):
        return _("Statements by %(name)s") % {"name": obj.name}

    def statements(self, obj):
        return Quote.objects.public().filter(speaker=obj)


class DirectiveStatements(StatementFeed):
    model = Directive

    def title(self, obj):
        return _("Statements citing %(name)s") % {"name": obj.name}

    def statements(self, obj):
        return Quote.objects.public().for_directive(obj)
