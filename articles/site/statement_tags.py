"""Statements as the pages list them, written in Python: a card in a list, an article's
paragraphs with the notes under them, a linked statement.

Pages print twenty of each at a time, and through the template language they were most of
the article's, the speaker's and the directive's page time (docs/BENCHMARKS.md). Written
here with plain string formatting they cost a fraction of that. The HTML is the one
the templates wrote (``_statement.html``, ``_linked.html``, the body and notes of
``article_detail.html``), character for character.

Text is escaped with ``html.escape``, which is what Django's ``escape`` does, without its
checks for lazy strings on every call. The fixed words (labels, kinds of statement) are
translated and escaped once per language, not once per statement: each gettext call and
each kind's display looks up the active language again, about a tenth of a card's time.
"""

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import get_language, gettext

from articles.addresses import address
from articles.choices import Status
from articles.models import Quote
from articles.text import shorten

register = template.Library()

SEP = '<span class="sep" aria-hidden="true">·</span>'
_labels: dict[str | None, dict[str, str]] = {}


def labels() -> dict[str, str]:
    """The fixed words of the cards in the active language, escaped; kinds under "kind:"."""
    language = get_language()
    found = _labels.get(language)
    if found is None:
        found = {
            "unattributed": gettext("Unattributed"),
            "extracted": gettext("extracted automatically"),
            "linked": gettext("linked automatically"),
            "cited": gettext("Directives cited"),
            "permalink": gettext("Permalink"),
            "statement": gettext("Statement"),
            "pull_quote": gettext("Pull quote"),
            "notes": gettext("Statements in this paragraph"),
            "quoted_by": gettext("quoted by"),
            **{f"kind:{value}": str(label) for value, label in Quote.Kind.choices},
        }
        found = {key: escape(text) for key, text in found.items()}
        # What Django's truncatechars ends a cut text with, unescaped: ``shorten``'s.
        found["ellipsis"] = add_truncation_text("")
        _labels[language] = found
    return found


def _kind(quote, words) -> str:
    # An unknown value shows as itself, as get_kind_display() shows it.
    return words.get(f"kind:{quote.kind}") or escape(str(quote.kind))


@register.simple_tag
def statement_card(quote, with_directives=False, hide_article=False, snippet=""):
    """One statement in a list: its text (or a search snippet), who, where, when, what kind,
    and optionally the directives it cites."""
    words = labels()
    url = quote.get_absolute_url()
    article = quote.article
    if quote.speaker_id:
        speaker = f'<a class="speaker" href="{quote.speaker.get_absolute_url()}">{escape(quote.speaker.name)}</a>'
    else:
        speaker = f'<span class="speaker">{words["unattributed"]}</span>'
    where = ""
    if not hide_article:
        outlet = f" ({escape(article.outlet)})" if article.outlet else ""
        where = f'<a href="{article.get_absolute_url()}#s{quote.pk}">{escape(article.title)}</a>{outlet}\n    {SEP}'
    badge = f'<span class="badge-auto">{words["extracted"]}</span>' if quote.status == Status.SUGGESTED else ""
    if quote.quoted_by_id:
        # The author's words as someone quoted them: the date is the quoting, not the saying.
        who = escape(quote.quoted_by.speaker.name) if quote.quoted_by.speaker_id else words["unattributed"]
        badge += f' <span class="quoted-by">{words["quoted_by"]} {who}</span>'
    directives = quote.directives.all() if with_directives else ()
    tags = ""
    if directives:
        items = "".join(f'<li><a href="{d.get_absolute_url()}">{escape(d.name)}</a></li>' for d in directives)
        tags = f'\n  <ul class="tags" aria-label="{words["cited"]}">{items}</ul>\n  '
    text = conditional_escape(snippet) if snippet else escape(quote.text)
    return mark_safe(
        f'<li class="statement-card">\n'
        f'  <blockquote lang="vi" cite="{url}"><p>{text}</p></blockquote>\n'
        f'  <p class="meta">\n'
        f"    {speaker}\n"
        f"    {SEP}\n"
        f"    {where}\n"
        f'    <time datetime="{article.published_on.isoformat()}">{article.published_on:%d/%m/%Y}</time>\n'
        f"    {SEP}\n"
        f'    <span class="kind">{_kind(quote, words)}</span>\n'
        f"    {badge}\n"
        f"  </p>\n"
        f"  {tags}\n"
        f'  <p class="permalink"><a href="{url}">{words["permalink"]}'
        f'<span class="visually-hidden"> — {escape(shorten(quote.text, 60, words["ellipsis"]))}</span></a></p>\n'
        f"</li>\n"
    )


def _speaker_link(slug: str, name: str) -> str:
    return f'<a href="{address("articles:speaker_detail", slug)}">{escape(name)}</a>'


def _speaker(quote, words) -> str:
    return _speaker_link(quote.speaker.slug, quote.speaker.name) if quote.speaker_id else words["unattributed"]


@register.simple_tag
def statement_note(number, quote):
    """The note under a paragraph for its statement ``number``: who, what kind, the directives
    cited (``quote.cited``), the permalink."""
    words = labels()
    tags = "".join(f'<a class="tag" href="{d.get_absolute_url()}">{escape(d.name)}</a> ' for d in quote.cited)
    badge = f'<span class="badge-auto">{words["extracted"]}</span>' if quote.status == Status.SUGGESTED else ""
    return mark_safe(
        f'<li id="n{quote.pk}" value="{number}">\n'
        f'          <a class="note-back" href="#s{quote.pk}">{words["statement"]} {number}</a>:\n'
        f"          {_speaker(quote, words)}\n"
        f'          <span class="kind">({_kind(quote, words)})</span>\n'
        f"          {tags}\n"
        f'          <a class="permalink" href="{quote.get_absolute_url()}">{words["permalink"]}</a>\n'
        f"          {badge}\n"
        f"        </li>"
    )


def _block(block, words) -> str:
    html = block.html  # already safe: articles.site.rendering escaped the text
    if block.role == "heading":
        return f'<h2 class="body-heading" lang="vi">{html}</h2>\n      '
    if block.role == "caption":
        return f'<figure class="photo-caption"><figcaption lang="vi">{html}</figcaption></figure>\n      '
    if block.role == "pull_quote":
        return (
            f'<aside class="pull-quote" aria-label="{words["pull_quote"]}"><blockquote lang="vi"><p>{html}</p>'
            f"</blockquote></aside>\n      "
        )
    if block.role == "question":
        return f'<p class="question" lang="vi">{html}</p>\n      '
    return f'<p class="{escape(block.role)}" lang="vi">{html}</p>'


@register.simple_tag
def article_body(blocks):
    """An article's paragraphs (``articles.site.rendering.Block``), each by its role, followed by
    the notes of the statements anchored in it."""
    words = labels()
    out = []
    for block in blocks:
        out.append(f"\n      {_block(block, words)}\n      ")
        if block.statements:
            notes = "".join(
                f"\n        {statement_note(number, quote)}\n        " for number, quote in block.statements
            )
            out.append(
                f'\n      <ol class="notes" aria-label="{words["notes"]}">\n        {notes}\n      </ol>\n      '
            )
        out.append("\n    ")
    return mark_safe("".join(out))


@register.simple_tag
def linked_statement(row, show_ours=False):
    """A linked statement (``articles.site.views.linked``): how it relates to ours, its
    text, who, in which article, when; with ``show_ours``, which of ours it is linked to.
    Theirs is a plain row of ``linked.SHOWN``, not a model object."""
    words = labels()
    ours, link, theirs = row["ours"], row["link"], row["theirs"]
    url = address("articles:quote_detail", theirs.pk)
    mine = ""
    if show_ours:
        who = f" — {escape(ours.speaker.name)}" if ours.speaker_id else ""
        text = escape(shorten(ours.text, 90, words["ellipsis"]))
        mine = f'<p class="ours"><a href="#s{ours.pk}" lang="vi">“{text}”</a>{who}</p>'
    badge = f' <span class="badge-auto">{words["linked"]}</span>' if link.status == Status.SUGGESTED else ""
    speaker = _speaker_link(theirs.speaker__slug, theirs.speaker__name) if theirs.speaker_id else words["unattributed"]
    published = theirs.article__published_on
    return mark_safe(
        f"\n  <li>\n"
        f"    {mine}\n"
        f'    <p class="link-kind">{escape(row["relation"])}{badge}</p>\n'
        f'    <blockquote lang="vi" cite="{url}"><p>{escape(theirs.text)}</p></blockquote>\n'
        f'    <p class="meta">{speaker}\n'
        f'      · <a href="{address("articles:article_detail", theirs.article__slug)}">'
        f"{escape(theirs.article__title)}</a>\n"
        f'      · <time datetime="{published.isoformat()}">{published:%d/%m/%Y}</time>\n'
        f'      · <a href="{url}">{words["permalink"]}</a></p>\n'
        f"  </li>\n"
    )
