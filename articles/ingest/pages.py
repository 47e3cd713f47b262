"""A news page's HTML -> the same ``ParsedSource`` a text file parses to. No Django here.

The article itself (its text, headline, date and time, authors, outlet and canonical URL)
is found by trafilatura, a library made for news pages: it leaves out menus, related-article
boxes, footers and ads by the page's structure and its own heuristics, which are better
tested than anything the archive could write for each outlet.

Two things are added to what trafilatura finds, both from the page's own markup. Outlets
print the article's lede (its "sapo") above the element holding the rest of the text,
and trafilatura keeps only that element; the lede is also the page's description. So the
description opens the body when the page prints it word for word and the body does not
hold it already: a description written only for search engines is not printed, and is
left out. And trafilatura drops ``<figure>`` elements, and with them the photos' captions
and credits, which the archive keeps as caption paragraphs (they name who is pictured,
never what they said): so before it reads the page, each figure is replaced by a paragraph
of its caption text, in place, and that paragraph is marked as a caption.
"""

import datetime
import re

import trafilatura
from lxml import html

from articles.extraction.parsing import DEFAULT_MAX_BYTES, Metadata, ParsedSource, ParseError, build, normalise_line

PAGE_SUFFIXES = (".html", ".htm")
# trafilatura's block elements whose text is one paragraph each; a list is one per item.
_BLOCKS = {"p", "head", "quote", "item", "cell"}
# Open Graph types of a page that is one article; a section front says "website".
ARTICLE_TYPES = {"article", "news", "newsarticle", "blogposting"}
_AUTHORS = re.compile(r"\s*[;|]\s*")
# The longest canonical URL an article records (Article.source_url).
URL_MAX = 1000
# Vietnamese outlets' own time, for a time given without its zone.
VIETNAM = datetime.timezone(datetime.timedelta(hours=7), "ICT")


class PageError(ValueError):
    """The page holds no article the archive can load; the message says why, in one line."""


def parse_page(
    data: bytes, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, outlet: str = ""
) -> ParsedSource:
    """The article of one page; ``url`` is where it was fetched from, the canonical URL when
    the page names none; ``outlet`` is the outlet when the page names none."""
    if len(data) > max_bytes:
        raise PageError(f"page is {len(data):,} bytes, over the limit of {max_bytes:,}")
    tree = trafilatura.utils.load_html(data)
    if tree is None:
        raise PageError("not an HTML page")
    captions = mark_captions(tree)
    printed = printed_text(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True},
    )
    if doc is None or doc.body is None:
        raise PageError("no article text found")
    if doc.pagetype and doc.pagetype not in ARTICLE_TYPES:
        raise PageError(f"no article text found: the page says it is a {doc.pagetype!r}, not an article")
    title = normalise_line(doc.title or "")
    texts = [t for t in block_texts(doc.body) if t]
    if texts and texts[0] == title:
        texts = texts[1:]  # the headline is the article's title, not its first paragraph
    if not texts:
        raise PageError("no article text found")
    lede = normalise_line(doc.description or "")
    if lede and lede not in texts and lede in printed:
        texts.insert(0, lede)
        captions = captions - {lede}
    published_at = moment(doc.date)
    if published_at is None:
        raise PageError("no publication date found")
    canonical = (doc.url or url or "").strip()
    if len(canonical) > URL_MAX:
        raise PageError(f"canonical URL longer than {URL_MAX:,} characters")
    meta = Metadata(
        title=title,
        url=canonical,
        outlet=normalise_line(doc.sitename or outlet),
        authors=tuple(dict.fromkeys(a for a in _AUTHORS.split(normalise_line(doc.author or "")) if a)),
        published_at=published_at if published_at.tzinfo else None,
    )
    try:
        return build(published_at.date(), texts, meta, frozenset(i for i, t in enumerate(texts) if t in captions))
    except ParseError as exc:
        raise PageError(str(exc)) from None


def printed_text(tree) -> str:
    """What a reader sees of the page, as one normalised line."""
    return normalise_line(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")))


def mark_captions(tree) -> set[str]:
    """Each ``<figure>`` replaced by a paragraph of its caption and credit; their texts."""
    captions = set()
    for figure in list(tree.iter("figure")):
        text = normalise_line(" ".join(figure.xpath(".//figcaption//text()")))
        parent = figure.getparent()
        if parent is None:
            continue
        if text:
            paragraph = html.Element("p")
            paragraph.text = text
            paragraph.tail = figure.tail
            parent.replace(figure, paragraph)
            captions.add(text)
        else:
            parent.remove(figure)
    return captions


def block_texts(body) -> list[str]:
    """The text of each block of trafilatura's XML, in order; a line break inside a block
    starts a new paragraph, as a new line does in a text file."""
    texts = []
    for element in body.iter(*_BLOCKS):
        if any(ancestor.tag in _BLOCKS for ancestor in element.iterancestors()):
            continue  # its text is its ancestor's
        for lb in element.iter("lb"):
            lb.tail = "\n" + (lb.tail or "")
        texts += [normalise_line(line) for line in "".join(element.itertext()).split("\n")]
    return texts


def moment(value: str | None) -> datetime.datetime | None:
    """trafilatura's date as a datetime: aware when the page gave a time (a time without a
    zone is Vietnam's), naive at midnight when it gave only the day."""
    if not value:
        return None
    for pattern in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            found = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        if found.tzinfo is None and pattern != "%Y-%m-%d":
            found = found.replace(tzinfo=VIETNAM)
        return found
    return None


__all__ = ["PAGE_SUFFIXES", "PageError", "parse_page"]
