"""The reading pages at desktop and phone widths: nothing spills sideways.

The seeds are loaded, then statements are confirmed, tied to a directive and linked across
articles, as an editor would. With UPDATE_SCREENSHOTS=1 the pictures are written to
docs/screenshots/ for review; otherwise to a temporary directory.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from articles.ingest.loading import load_paths
from articles.models import Article, Directive, Quote
from articles.text import fold
from tests.support import factories as f

pytestmark = pytest.mark.django_db(transaction=True)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SENTENCE = re.compile(r"[^.!?\n]*tự chủ chiến lược[^.!?\n]*[.!?]?", re.I)


def archive_from_seeds(seed_dir) -> dict:
    load_paths([seed_dir])
    autonomy = Directive.objects.filter(name__iexact="tự chủ chiến lược").first() or f.directive(
        "tự chủ chiến lược", kind="concept"
    )
    autonomy.description = "Quan điểm chỉ đạo chung của công tác đối ngoại do Đại hội XIV bổ sung."
    autonomy.save()
    congress = Directive.objects.filter(name="Nghị quyết Đại hội XIV").first() or f.directive(
        "Nghị quyết Đại hội XIV", kind="congress"
    )
    mentions = []
    for article in Article.objects.order_by("source_file"):
        for match in SENTENCE.finditer(article.body):
            covered = article.quotes.filter(start__lte=match.start(), end__gte=match.end()).exists()
            if not covered:
                f.quote(article, match.group().strip(), None, origin="editor", status="suggested")
        quotes = [q for q in article.quotes.all() if "tu chu chien luoc" in fold(q.text)]
        for q in quotes:
            q.directives.add(autonomy, congress)
        mentions.append(quotes)
    Quote.objects.filter(pk__in=[q.pk for q in Quote.objects.all()[::2]]).update(status="confirmed")
    if all(mentions):
        f.link(mentions[1][0], mentions[0][0], "restates")
    speaker = f.speaker("Nguyễn Minh Vũ")
    for month in (3, 6, 7, 11):
        extra = f.article(
            f"Hội nghị ngoại giao tháng {month}",
            [f"Thứ trưởng Nguyễn Minh Vũ nhấn mạnh tự chủ chiến lược là nền tảng của đối ngoại (tháng {month})."],
            published_on=f"2025-{month:02d}-15",
        )
        for _ in range(month % 4 + 1):
            f.many_quotes(extra, 1, speaker, [autonomy])
    return {"interview": Article.objects.get(source_file__startswith="000_"), "autonomy": autonomy}


@pytest.mark.parametrize("width", [1280, 390])
def test_article_and_directive_pages_fit_the_screen(page, seed_dir, tmp_path, width):
    world = archive_from_seeds(seed_dir)
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in [
        ("article", world["interview"].get_absolute_url()),
        ("directive", world["autonomy"].get_absolute_url()),
    ]:
        page.goto(url)
        assert page.locator("mark.statement").count() > 0 if name == "article" else True
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
        page.screenshot(path=str(target / f"{name}-{width}.png"))
    # A nested statement (a leader quoted inside an answer) with its notes, where extraction found one.
    page.goto(world["interview"].get_absolute_url())
    nested = page.locator("mark.statement mark.statement").first
    if nested.count():
        nested.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -200)")
        page.screenshot(path=str(target / f"article-{width}-nested.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_search_speaker_compare_and_alert_pages_fit_the_screen(page, seed_dir, tmp_path, width):
    from articles.alerts import links
    from articles.alerts.models import Subscription
    from articles.models import Speaker

    world = archive_from_seeds(seed_dir)
    target = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    # The two speakers of the seeds who cite the directive most (not the one added with
    # one-letter statements to fill the chart), to compare.
    seeds = Speaker.objects.exclude(name="Nguyễn Minh Vũ").annotate(n=Count("quotes")).order_by("-n", "name")
    first = seeds.filter(quotes__directives=world["autonomy"]).first()
    second = seeds.exclude(pk=first.pk).filter(quotes__directives__quotes__speaker=first).first()
    subscription = Subscription.objects.create(email="ban.doc@example.test", language="vi", speaker=first)
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in [
        ("search", "/search/?q=tu+chu+chien+luoc"),
        ("speaker", first.get_absolute_url()),
        ("compare", f"/speakers/compare/?a={first.slug}&b={second.slug}"),
        ("alert-confirm", links.confirm_url(subscription).removeprefix(settings.ARCHIVE_SITE_URL)),
    ]:
        page.goto(url)
        assert page.locator("h1").count() == 1
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
        page.screenshot(path=str(target / f"{name}-{width}.png"))
