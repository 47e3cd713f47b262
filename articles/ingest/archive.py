"""The archive's exchange format, policy-archive/1: export, and import into an empty database.

Export is stable (sorted, no volatile values), so export -> import -> export is identical and
a diff of two exports shows what changed. It carries every field readers and editors see, but
not the edit history: the backup is a database dump (docs/RELIABILITY.md).

Import checks the whole file first (``articles.ingest.archive_checks``) and writes nothing if
anything is wrong; then it restores one record at a time, as it reads them.
"""

import datetime

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.dateparse import parse_datetime

from articles.ingest.anchoring import context_of
from articles.ingest.archive_checks import check
from articles.ingest.archive_source import FORMAT, ArchiveError, source_of
from articles.models import (
    Article,
    Directive,
    DirectiveAlias,
    Paragraph,
    PublicationStatus,
    Quote,
    QuoteLink,
    Speaker,
    SpeakerAlias,
    SpeakerTitle,
)
from articles.restatements.models import RestatementGroup, Shingle

__all__ = ["FORMAT", "ArchiveError", "export_archive", "import_archive"]


def stamp(value: datetime.datetime) -> str:
    return value.isoformat()


def export_archive() -> dict:
    quotes = Quote.objects.select_related("speaker").prefetch_related("directives").order_by("start", "end", "pk")
    articles = Article.objects.order_by("source_file").prefetch_related(
        "people", "directives", "paragraphs", Prefetch("quotes", quotes)
    )
    speakers = Speaker.objects.order_by("name").prefetch_related("aliases", "titles__article")
    directives = Directive.objects.order_by("name").select_related("parent").prefetch_related("aliases", "related")
    links = QuoteLink.objects.order_by("from_quote_id", "to_quote_id", "kind")
    return {
        "format": FORMAT,
        "articles": [export_article(a) for a in articles],
        "speakers": [
            {
                "name": s.name,
                "slug": s.slug,
                "url": s.get_absolute_url(),
                "kind": s.kind,
                "description": s.description,
                "version": s.version,
                "aliases": sorted(a.name for a in s.aliases.all()),
                "titles": sorted({t.title for t in s.titles.all()}),
                "titles_seen": sorted([t.title, t.seen_on.isoformat(), t.article.source_file] for t in s.titles.all()),
                "created_at": stamp(s.created_at),
                "updated_at": stamp(s.updated_at),
            }
            for s in speakers
        ],
        "directives": [
            {
                "name": d.name,
                "slug": d.slug,
                "url": d.get_absolute_url(),
                "kind": d.kind,
                "code": d.code,
                "issuer": d.issuer,
                "description": d.description,
                "version": d.version,
                "parent": d.parent.name if d.parent else None,
                "related": sorted(r.name for r in d.related.all()),
                "aliases": sorted(a.name for a in d.aliases.all()),
                "created_at": stamp(d.created_at),
                "updated_at": stamp(d.updated_at),
            }
            for d in directives
        ],
        "links": [
            {
                "from": l.from_quote_id,
                "to": l.to_quote_id,
                "kind": l.kind,
                "status": l.status,
                "origin": l.origin,
                "score": l.score,
                "created_at": stamp(l.created_at),
                "updated_at": stamp(l.updated_at),
            }
            for l in links
        ],
    }


def export_article(a: Article) -> dict:
    return {
        "source_file": a.source_file,
        "published": a.published_on.isoformat(),
        "title": a.title,
        "title_is_custom": a.title_is_custom,
        "slug": a.slug,
        "url": a.get_absolute_url(),
        "status": a.status,
        "source": {
            "url": a.source_url,
            "outlet": a.outlet,
            "authors": list(a.authors),
            "fetched": stamp(a.fetched_at) if a.fetched_at else None,
            "published_at": stamp(a.published_at) if a.published_at else None,
        },
        "content_hash": a.content_hash,
        "extractor_version": a.extractor_version,
        "version": a.version,
        "body": a.body,
        "paragraphs": [[p.start, p.end, p.role] for p in a.paragraphs.all()],
        "people": sorted(p.name for p in a.people.all()),
        "directives": sorted(d.name for d in a.directives.all()),
        "quotes": [
            {
                **selector_of(a, q),
                "id": q.pk,
                "speaker": q.speaker.name if q.speaker else None,
                "text": q.text,
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
                "anchored": q.anchored,
                "status": q.status,
                "origin": q.origin,
                "edited": q.edited,
                "note": q.note,
                "version": q.version,
                "directives": sorted(d.name for d in q.directives.all()),
                "created_at": stamp(q.created_at),
                "updated_at": stamp(q.updated_at),
                # Only where set, so archives without them keep their shape.
                **({"quoted_by": q.quoted_by_id} if q.quoted_by_id else {}),
                **({"restatement_group": q.restatement_group_id} if q.restatement_group_id else {}),
            }
            for q in a.quotes.all()
        ],
        "created_at": stamp(a.created_at),
        "updated_at": stamp(a.updated_at),
    }


def selector_of(a: Article, q: Quote) -> dict:
    """What an export adds to a statement only where its body alone cannot give it back:
    the context of a statement withdrawn (it was the old body's), and a source change not
    yet reviewed. An archive without either exports as it did before these existed."""
    extra = {}
    if (q.prefix, q.suffix) != context_of(a.body, q.start, q.end):
        extra.update(prefix=q.prefix, suffix=q.suffix)
    if q.source_changed:
        extra.update(source_changed=True, previous_text=q.previous_text)
    return extra


def restore_stamps(model, pk, row) -> None:
    """auto_now fields ignore given values on save, so timestamps are written afterwards."""
    model.objects.filter(pk=pk).update(
        created_at=parse_datetime(row["created_at"]), updated_at=parse_datetime(row["updated_at"])
    )


def import_archive(data) -> dict[str, int]:
    """Restore ``data``, a file's path or an export already in memory, into an empty archive."""
    source = source_of(data)
    check(source)
    with transaction.atomic():
        if Article.objects.exists() or Speaker.objects.exists() or Directive.objects.exists():
            raise ArchiveError("the database is not empty; import restores into an empty archive")
        counts = restore(source)
        reset_sequences()
    return counts


def restore(source) -> dict[str, int]:
    """The records as they are read, section by section: speakers and directives first,
    which articles name, then articles, the titles (which name articles), and links."""
    speakers = {}
    for row in source.records("speakers"):
        s = Speaker.objects.create(
            name=row["name"],
            slug=row["slug"],
            kind=row.get("kind", "person"),
            description=row.get("description", ""),
            version=row.get("version", 1),
        )
        SpeakerAlias.objects.bulk_create([SpeakerAlias(speaker=s, name=n) for n in row.get("aliases", [])])
        restore_stamps(Speaker, s.pk, row)
        speakers[s.name] = s
    directives = {}
    for row in source.records("directives"):
        d = Directive.objects.create(
            name=row["name"],
            slug=row["slug"],
            kind=row["kind"],
            code=row.get("code", ""),
            issuer=row.get("issuer", ""),
            description=row.get("description", ""),
            version=row.get("version", 1),
        )
        DirectiveAlias.objects.bulk_create([DirectiveAlias(directive=d, name=n) for n in row.get("aliases", [])])
        directives[d.name] = d
    for row in source.records("directives"):
        d = directives[row["name"]]
        if row.get("parent"):
            Directive.objects.filter(pk=d.pk).update(parent=directives[row["parent"]])
        d.related.add(*[directives[n] for n in row.get("related", [])])
        restore_stamps(Directive, d.pk, row)
    counts = {"articles": 0, "speakers": len(speakers), "directives": len(directives), "quotes": 0, "links": 0}
    for row in source.records("articles"):
        counts["quotes"] += restore_article(row, speakers, directives)
        counts["articles"] += 1
    for row in source.records("speakers"):
        for title, seen_on, source_file in row.get("titles_seen", []):
            SpeakerTitle.objects.create(
                speaker=speakers[row["name"]],
                title=title,
                seen_on=seen_on,
                article=Article.objects.get(source_file=source_file),
            )
    for row in source.records("articles"):
        for q in row["quotes"]:
            if q.get("quoted_by"):
                Quote.objects.filter(pk=q["id"]).update(quoted_by_id=q["quoted_by"])
    for row in source.records("links"):
        link = QuoteLink.objects.create(
            from_quote_id=row["from"],
            to_quote_id=row["to"],
            kind=row["kind"],
            status=row["status"],
            origin=row.get("origin", "extracted"),
            score=row.get("score"),
        )
        restore_stamps(QuoteLink, link.pk, row)
        counts["links"] += 1
    return counts


def restatement_group(pk: int | None) -> RestatementGroup | None:
    """The group of that id, made when the archive names it first."""
    return RestatementGroup.objects.get_or_create(pk=pk)[0] if pk else None


def restore_article(row: dict, speakers: dict, directives: dict) -> int:
    from articles.restatements.index import index

    source = row.get("source") or {}  # exports before provenance have none
    a = Article.objects.create(
        source_file=row["source_file"],
        source_url=source.get("url") or "",
        outlet=source.get("outlet") or "",
        authors=list(source.get("authors") or []),
        fetched_at=parse_datetime(source["fetched"]) if source.get("fetched") else None,
        published_at=parse_datetime(source["published_at"]) if source.get("published_at") else None,
        published_on=row["published"],
        title=row["title"],
        title_is_custom=row.get("title_is_custom", False),
        slug=row["slug"],
        status=row.get("status", PublicationStatus.PUBLISHED),
        content_hash=row.get("content_hash", ""),
        extractor_version=row.get("extractor_version", ""),
        version=row.get("version", 1),
        body=row["body"],
    )
    Paragraph.objects.bulk_create(
        [
            Paragraph(article=a, position=i, start=s, end=e, role=role)
            for i, (s, e, role) in enumerate(row.get("paragraphs", []))
        ]
    )
    a.people.set([speakers[n] for n in row["people"]])
    a.directives.set([directives[n] for n in row["directives"]])
    restored = []
    for q in row["quotes"]:
        # Exports made before statements kept their context: the body gives it.
        prefix, suffix = context_of(row["body"], q["start"], q["end"])
        quote = Quote.objects.create(
            pk=q["id"],
            article=a,
            speaker=speakers[q["speaker"]] if q["speaker"] else None,
            text=q["text"],
            kind=q["kind"],
            start=q["start"],
            end=q["end"],
            anchored=q.get("anchored", True),
            prefix=q.get("prefix", prefix),
            suffix=q.get("suffix", suffix),
            source_changed=q.get("source_changed", False),
            previous_text=q.get("previous_text", ""),
            status=q["status"],
            origin=q.get("origin", "extracted"),
            edited=q.get("edited", False),
            restatement_group=restatement_group(q.get("restatement_group")),
            note=q.get("note", ""),
            version=q.get("version", 1),
        )
        quote.directives.set([directives[n] for n in q["directives"]])
        restore_stamps(Quote, quote.pk, q)
        restored.append(quote)
    index(restored)
    restore_stamps(Article, a.pk, row)
    return len(restored)


def reset_sequences() -> None:
    """Quotes keep their ids across a restore; PostgreSQL's sequence must then move past them."""
    models = [
        Article,
        Speaker,
        Directive,
        Quote,
        QuoteLink,
        Paragraph,
        Shingle,
        SpeakerAlias,
        DirectiveAlias,
        SpeakerTitle,
        RestatementGroup,
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
