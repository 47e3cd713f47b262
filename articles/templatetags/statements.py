"""Statements as the pages list them, written in Python: a card in a list, a note under an
article's paragraph, a statement said elsewhere.

Pages print twenty of each at a time, and through the template language each cost 0.2 to
0.4 ms on the server: most of the article's, the speaker's and the directive's page time.
Written here with plain string formatting they cost a fraction of that. The HTML is the one
the templates wrote (``_statement.html``, ``_linked.html``, the notes of
``article_detail.html``), character for character.

Text is escaped with ``html.escape``, which is what Django's ``escape`` does, without its
checks for lazy strings on every call.
"""

from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

SEP = '<span class="sep" aria-hidden="true">·</span>'


@register.simple_tag
def statement_card(quote, with_directives=False, hide_article=False, snippet=""):
    """One statement in a list: its text (or a search snippet), who, where, when, what kind,
    and optionally the directives it cites."""
    url = quote.get_absolute_url()
    article = quote.article
    if quote.speaker_id:
        speaker = f'<a class="speaker" href="{quote.speaker.get_absolute_url()}">{escape(quote.speaker.name)}</a>'
    else:
        speaker = f'<span class="speaker">{escape(gettext("Unattributed"))}</span>'
    where = ""
    if not hide_article:
        where = f'<a href="{article.get_absolute_url()}#s{quote.pk}">{escape(article.title)}</a>\n    {SEP}'
    badge = (f'<span class="badge-auto">{escape(gettext("extracted automatically"))}</span>'
             if quote.status == "suggested" else "")
    directives = quote.directives.all() if with_directives else ()
    tags = ""
    if directives:
        items = "".join(f'<li><a href="{d.get_absolute_url()}">{escape(d.name)}</a></li>' for d in directives)
        tags = f'\n  <ul class="tags" aria-label="{escape(gettext("Directives cited"))}">{items}</ul>\n  '
    text = conditional_escape(snippet) if snippet else escape(quote.text)
    return mark_safe(
        f'<li class="statement-card">\n'
        f'  <blockquote lang="vi" cite="{url}"><p>{text}</p></blockquote>\n'
        f'  <p class="meta">\n'
        f'    {speaker}\n'
        f'    {SEP}\n'
        f'    {where}\n'
        f'    <time datetime="{article.published_on.isoformat()}">{article.published_on:%d/%m/%Y}</time>\n'
        f'    {SEP}\n'
        f'    <span class="kind">{escape(quote.get_kind_display())}</span>\n'
        f'    {badge}\n'
        f'  </p>\n'
        f'  {tags}\n'
        f'  <p class="permalink"><a href="{url}">{escape(gettext("Permalink"))}'
        f'<span class="visually-hidden"> — {escape(truncatechars(quote.text, 60))}</span></a></p>\n'
        f'</li>\n')


def _speaker(quote) -> str:
    if quote.speaker_id:
        return f'<a href="{quote.speaker.get_absolute_url()}">{escape(quote.speaker.name)}</a>'
    return escape(gettext("Unattributed"))


@register.simple_tag
def statement_note(number, quote):
    """The note under a paragraph for its statement ``number``: who, what kind, the directives
    cited (``quote.cited``), the permalink."""
    tags = "".join(f'<a class="tag" href="{d.get_absolute_url()}">{escape(d.name)}</a> ' for d in quote.cited)
    badge = (f'<span class="badge-auto">{escape(gettext("extracted automatically"))}</span>'
             if quote.status == "suggested" else "")
    return mark_safe(
        f'<li id="n{quote.pk}" value="{number}">\n'
        f'          <a class="note-back" href="#s{quote.pk}">{escape(gettext("Statement"))} {number}</a>:\n'
        f'          {_speaker(quote)}\n'
        f'          <span class="kind">({escape(quote.get_kind_display())})</span>\n'
        f'          {tags}\n'
        f'          <a class="permalink" href="{quote.get_absolute_url()}">{escape(gettext("Permalink"))}</a>\n'
        f'          {badge}\n'
        f'        </li>')


@register.simple_tag
def linked_statement(row, show_ours=False):
    """A statement said elsewhere (``articles.views.linked``): how it relates to ours, its
    text, who, in which article, when; with ``show_ours``, which of ours it is linked to."""
    ours, link, theirs = row["ours"], row["link"], row["theirs"]
    article = theirs.article
    url = theirs.get_absolute_url()
    mine = ""
    if show_ours:
        who = f" — {escape(ours.speaker.name)}" if ours.speaker_id else ""
        mine = f'<p class="ours"><a href="#s{ours.pk}" lang="vi">“{escape(truncatechars(ours.text, 90))}”</a>{who}</p>'
    badge = (f' <span class="badge-auto">{escape(gettext("linked automatically"))}</span>'
             if link.status == "suggested" else "")
    return mark_safe(
        f'\n  <li>\n'
        f'    {mine}\n'
        f'    <p class="link-kind">{escape(row["relation"])}{badge}</p>\n'
        f'    <blockquote lang="vi" cite="{url}"><p>{escape(theirs.text)}</p></blockquote>\n'
        f'    <p class="meta">{_speaker(theirs)}\n'
        f'      · <a href="{article.get_absolute_url()}">{escape(article.title)}</a>\n'
        f'      · <time datetime="{article.published_on.isoformat()}">{article.published_on:%d/%m/%Y}</time>\n'
        f'      · <a href="{url}">{escape(gettext("Permalink"))}</a></p>\n'
        f'  </li>\n')
