"""Writing articles and their extraction, inside the loader's transaction.

Articles are written a run at a time: a query per table for the whole run instead of a few
per article, and the same rows, in the same order, as storing them one by one. A run holds
at most one article that was stored before (its first): a reload moves that article's
statements onto its new body (``reanchor``) before anything else of the run is written, as
a one-by-one load would. No reload deletes a statement: a statement keeps its id, and its
address, for as long as the archive has it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from articles import bulk_rows
from articles.extraction import Extraction
from articles.extraction.fingerprints import fingerprint as fingerprints_of
from articles.extraction.parsing import ParsedSource, derive_title
from articles.ingest.anchoring import Selector, anchor, best_covering, context_of, mostly_covered
from articles.ingest.extracting import fingerprints
from articles.ingest.naming import (
    Directives,
    Speakers,
    names_of,
    people_of,
    resolve_speakers,
    unique_slug,
    unique_slugs,
)
from articles.models import Article, Origin, Paragraph, Quote, QuoteLink, Speaker, SpeakerTitle, Status
from articles.restatements import index as restatement_index

__all__ = ["Source", "editors_quotes", "reanchor", "resolve_speakers", "store", "unique_slug"]


@dataclass
class Source:
    """One file or page to store: its article as stored so far (None if new), what was
    parsed and found, its statements' fingerprints if they were computed already, and when
    a page was fetched."""

    source_file: str
    article: Article | None
    parsed: ParsedSource
    found: Extraction
    prints: tuple[frozenset[int], ...] = ()
    fetched: datetime.datetime | None = None


def editors_quotes(article: Article):
    """Statements an editor has made theirs: written, reviewed, edited, annotated or linked."""
    decided = QuoteLink.objects.filter(Q(origin=Origin.EDITOR) | ~Q(status=Status.SUGGESTED))
    return article.quotes.filter(
        Q(origin=Origin.EDITOR)
        | ~Q(status=Status.SUGGESTED)
        | Q(edited=True)
        | ~Q(note="")
        | Q(pk__in=decided.values("from_quote"))
        | Q(pk__in=decided.values("to_quote"))
    )


# What a reload may write of a statement. Never its review state, speaker, kind, note or
# links: those are the editors', and the rows are locked while the reload writes these.
RELOADED_FIELDS = ["start", "end", "text", "anchored", "prefix", "suffix", "previous_text", "source_changed", "version"]


PARKED = 1 << 30


@dataclass
class Reanchored:
    """What a reload did to an article's statements: those anchored now, those whose
    fingerprints must be computed again (text changed, or back from withdrawn), and those
    withdrawn by this reload."""

    kept: list[Quote]
    renewed: list[Quote]
    withdrawn: list[Quote]


def reanchor(article: Article, found: Extraction) -> Reanchored:
    """Every statement of the reloaded ``article`` moved onto its new body, in place.

    The rows are locked first, so an editor's save waits for the reload and then applies
    to the row as the reload left it. A statement whose text is still there keeps its id and
    moves; one whose text changed is found by ``anchoring.anchor`` and keeps its id and
    status, flagged ``source_changed`` with the text it had; one whose text is gone is
    withdrawn (``anchored`` false), never deleted, and comes back if its text does.
    """
    editors = set(editors_quotes(article).values_list("pk", flat=True))
    quotes = list(article.quotes.select_for_update().order_by("pk"))
    places = {q.pk: anchor(article.body, Selector(q.text, q.prefix, q.suffix, q.start)) for q in quotes}
    # Who chooses first when two find one sentence: editors' statements, then those found
    # exactly (a sentence still there is theirs), then the oldest.
    quotes.sort(key=lambda q: (q.pk not in editors, not (places[q.pk] and places[q.pk].exact), q.pk))
    found_spans = [(s.start, s.end) for s in found.statements]
    taken, changed, done = set(), [], Reanchored([], [], [])
    for quote in quotes:
        old = (quote.start, quote.end, quote.text, quote.anchored)
        place = places[quote.pk]
        span = (place.start, place.end) if place else None
        if span and not place.exact and quote.pk not in editors:
            # A suggestion follows extraction's reading of the changed sentence.
            nearest = best_covering(span, found_spans)
            span = found_spans[nearest] if nearest is not None else span
        if span and quote.origin == Origin.EXTRACTED and span in taken:
            span = None  # two suggestions found one sentence: the one that chose first keeps it
        if span is None:
            quote.anchored = False
        else:
            if quote.origin == Origin.EXTRACTED:
                taken.add(span)
            quote.start, quote.end, quote.anchored = *span, True
            quote.text = article.body[span[0] : span[1]]
            quote.prefix, quote.suffix = context_of(article.body, *span)
        if quote.text != old[2]:
            if not quote.source_changed:
                quote.previous_text = old[2]
            # Changed back to the text last reviewed: nothing is left to review.
            quote.source_changed = quote.text != quote.previous_text
            quote.previous_text = quote.previous_text if quote.source_changed else ""
        if quote.anchored and (quote.text != old[2] or not old[3]):
            done.renewed.append(quote)
        elif old[3] and not quote.anchored:
            done.withdrawn.append(quote)
        if (quote.start, quote.end, quote.text, quote.anchored) != old or not quote.prefix + quote.suffix:
            # Every write of a statement moves its version: a form opened before is stale, and
            # the pages' fragments (articles.site.fragments) are kept under it.
            quote.version += 1
            changed.append(quote)
        if quote.anchored:
            done.kept.append(quote)
    write_moves(changed)
    # Their fingerprints and suggested links were the old text's: the links an editor has
    # not decided go, and the statements are indexed again (store_run) if still there.
    restatement_index.unindex([*done.renewed, *done.withdrawn])
    return done


def write_moves(changed: list[Quote]) -> None:
    """The statements' new places, with their history, in a few queries.

    Suggestions' spans are unique, and one may move onto the span another is leaving:
    the moving rows are first parked past the end of any body, where no span is.
    """
    if not changed:
        return
    now = timezone.now()
    for quote in changed:
        quote.updated_at = now
    moving = [q for q in changed if q.origin == Origin.EXTRACTED]
    if moving:
        Quote.objects.filter(pk__in=[q.pk for q in moving]).update(start=F("start") + PARKED, end=F("end") + PARKED)
    Quote.objects.bulk_update(changed, [*RELOADED_FIELDS, "updated_at"])
    Quote.history.bulk_history_create(changed, update=True)


def article_row(source: Source, extractor_version: str) -> Article:
    """The article as the source now reads; an editor's title is kept, else the source's
    headline, else the lede's first sentence. Not saved."""
    article, parsed, meta = source.article, source.parsed, source.parsed.meta
    if article is None:
        article = Article(source_file=source.source_file)
    else:
        article.version += 1
    if not article.title_is_custom:
        article.title = meta.title[:300] or derive_title(parsed.lede)
    article.source_url = meta.url
    article.outlet = meta.outlet[:200]
    article.authors = list(meta.authors)
    article.published_at = meta.published_at
    if source.fetched is not None:
        article.fetched_at = source.fetched
    article.published_on = parsed.published
    article.body = parsed.body
    article.content_hash = parsed.content_hash
    article.extractor_version = extractor_version
    return article


def store(sources: list[Source], extractor_version: str, recent: restatement_index.Recent | None = None) -> list[int]:
    """Every source's article and extraction; returns the statements stored for each.
    ``recent`` holds the fingerprints of statements stored earlier in the same load."""
    runs, stored = [], []
    for source in sources:
        if source.article is not None or not runs:
            runs.append([])
        runs[-1].append(source)
    for run in runs:
        stored += store_run(run, extractor_version, recent)
    return stored


def store_run(run: list[Source], extractor_version: str, recent: restatement_index.Recent | None) -> list[int]:
    articles, reloaded = save_articles(run, extractor_version)
    kept = {articles[0].pk: reloaded.kept} if reloaded else {}
    store_paragraphs(articles, run)
    speaker_names, directive_names = set(), set()
    for s in run:
        people, directives = names_of(s.found)
        speaker_names |= people
        directive_names |= directives
    speakers, directives = Speakers(speaker_names), Directives(directive_names)
    named = [(speakers.resolve(people_of(s.found)), directives.resolve(s.found)) for s in run]
    speakers.save()
    directives.save()
    SpeakerTitle.objects.bulk_create(
        [
            SpeakerTitle(speaker=by_name[p.name], article=article, title=t[:300], seen_on=article.published_on)
            for article, s, (by_name, _) in zip(articles, run, named)
            for p in s.found.people
            for t in dict.fromkeys(p.titles)
        ],
        ignore_conflicts=True,
    )
    quotes, prints = store_quotes(articles, run, named, kept)
    store_mentions(articles, run, named, kept)
    renewed = reloaded.renewed if reloaded else []
    prints.update({q.pk: fingerprints_of(q.text) for q in renewed})
    # The reloaded article's statements come first, as the run's articles do.
    restatement_index.index_and_link(articles, [*renewed, *quotes], prints, recent, {q.pk for q in renewed})
    counts = {article.pk: 0 for article in articles}
    for q in quotes:
        counts[q.article_id] += 1
    return [counts[article.pk] for article in articles]


def save_articles(run: list[Source], extractor_version: str) -> tuple[list[Article], Reanchored | None]:
    """The run's articles, saved with their history; and what became of the statements of
    the one reloaded, if one was."""
    articles = [article_row(s, extractor_version) for s in run]
    kept = None
    if run[0].article is not None:
        reloaded = articles[0]
        reloaded.save()
        kept = reanchor(reloaded, run[0].found)
        for related in (reloaded.paragraphs, reloaded.speaker_titles):
            related.all().delete()
        for through in (Article.people.through, Article.directives.through):
            through.objects.filter(article=reloaded).delete()
    new = [a for a in articles if a.pk is None]
    for article, slug in zip(new, unique_slugs(Article, [a.title for a in new])):
        article.slug = slug
    if new:
        bulk_rows.create(Article, new)
    return articles, kept


def store_paragraphs(articles: list[Article], run: list[Source]) -> None:
    rows = []
    for article, s in zip(articles, run):
        roles = {block.start: block.role for block in s.found.blocks}
        rows += [
            (article.pk, i, p.start, p.end, str(roles.get(p.start, Paragraph.Role.BODY)))
            for i, p in enumerate(s.parsed.paragraphs)
        ]
    bulk_rows.write(Paragraph._meta.db_table, ["article_id", "position", "start", "end", "role"], rows)


def store_quotes(articles, run, named, kept) -> tuple[list[Quote], dict[int, frozenset[int]]]:
    """The new suggestions (not where a statement the article kept stands), with the
    directives each cites; returns them and their fingerprints."""
    quotes, prints, cites, positions = [], [], [], []
    for article, s, (by_name, _) in zip(articles, run, named):
        kept_spans = [(q.start, q.end) for q in kept.get(article.pk, ()) if q.anchored]
        for i, (statement, fingerprint) in enumerate(zip(s.found.statements, s.prints or fingerprints(s.found))):
            if mostly_covered((statement.start, statement.end), kept_spans):
                continue
            positions.append((article.pk, i))
            prefix, suffix = context_of(article.body, statement.start, statement.end)
            quotes.append(
                Quote(
                    article=article,
                    speaker=by_name.get(statement.speaker) if statement.speaker else None,
                    text=statement.text,
                    kind=statement.kind,
                    start=statement.start,
                    end=statement.end,
                    prefix=prefix,
                    suffix=suffix,
                )
            )
            prints.append(fingerprint)
            cites.append(statement.directives)
    # With history, so the archive's record shows what the loader suggested and when.
    quotes = bulk_rows.create(Quote, quotes)
    cited = {article.pk: by_name for article, (_, by_name) in zip(articles, named)}
    # Two names of one directive (an alias) are one citation; the statements are new, so
    # nothing else can be there already.
    bulk_rows.write_pairs(
        Quote.directives.through._meta.db_table,
        ["quote_id", "directive_id"],
        [
            (q.pk, pk)
            for q, names in zip(quotes, cites)
            for pk in dict.fromkeys(cited[q.article_id][name].pk for name in names)
        ],
    )
    link_quotations(articles, run, kept, dict(zip(positions, quotes)))
    return quotes, {q.pk: fp for q, fp in zip(quotes, prints)}


def link_quotations(articles, run, kept, created: dict[tuple[int, int], Quote]) -> None:
    """A quotation of another author inside a statement records the statement quoting it
    (``Statement.quoted_by``, an index into the article's statements): the one stored now,
    or the one the reload kept at that span."""
    quoting = []
    for article, s in zip(articles, run):
        at_span = {(q.start, q.end): q for q in kept.get(article.pk, ()) if q.anchored}
        for i, statement in enumerate(s.found.statements):
            quote = created.get((article.pk, i))
            if quote is None or statement.quoted_by is None:
                continue
            outer = s.found.statements[statement.quoted_by]
            by = created.get((article.pk, statement.quoted_by)) or at_span.get((outer.start, outer.end))
            if by is not None:
                quote.quoted_by_id = by.pk
                quoting.append(quote)
    if quoting:
        Quote.objects.bulk_update(quoting, ["quoted_by"])


def store_mentions(articles, run, named, kept) -> None:
    """Who each article names (people, not organisations) and which directives it cites,
    counting what the statements a reload kept say."""
    people_rows, directive_rows = [], []
    for article, s, (by_name, cited) in zip(articles, run, named):
        persons = {by_name[p.name].pk for p in people_of(s.found) if p.kind == Speaker.Kind.PERSON}
        directives = {d.pk for d in cited.values()}
        mine = kept.get(article.pk, [])
        speakers = {q.speaker_id for q in mine if q.speaker_id}
        if speakers:
            persons |= set(
                Speaker.objects.filter(pk__in=speakers, kind=Speaker.Kind.PERSON).values_list("pk", flat=True)
            )
        if mine:
            directives |= set(
                Quote.directives.through.objects.filter(quote__in=mine).values_list("directive_id", flat=True)
            )
        people_rows += [(article.pk, pk) for pk in persons]
        directive_rows += [(article.pk, pk) for pk in directives]
    bulk_rows.write_pairs(Article.people.through._meta.db_table, ["article_id", "speaker_id"], people_rows)
    bulk_rows.write_pairs(Article.directives.through._meta.db_table, ["article_id", "directive_id"], directive_rows)
