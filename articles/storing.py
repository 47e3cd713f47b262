"""Writing one article's extraction, called inside the loader's per-file transaction."""

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from . import echo_index
from .anchoring import find_anchor, mostly_covered
from .extraction import Extraction, Person
from .models import (Article, Directive, DirectiveAlias, Origin, Paragraph, Quote, QuoteLink,
                     Speaker, SpeakerAlias, SpeakerTitle, Status)
from .parsing import ParsedSource
from .text import slugify_vi


def unique_slug(model, text: str, fallback: str = "item") -> str:
    base = slugify_vi(text) or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:90]}-{n}"
    return slug


def editors_quotes(article: Article):
    """Statements an editor has made theirs: written, reviewed, edited, annotated or linked."""
    decided = QuoteLink.objects.filter(Q(origin=Origin.EDITOR) | ~Q(status=Status.SUGGESTED))
    return article.quotes.filter(
        Q(origin=Origin.EDITOR) | ~Q(status=Status.SUGGESTED) | Q(edited=True) | ~Q(note="")
        | Q(pk__in=decided.values("from_quote")) | Q(pk__in=decided.values("to_quote")))


def keep_editors_quotes(article: Article) -> list[Quote]:
    """Drop extraction's suggestions, re-anchor the editors' statements to the new body.

    A statement whose text is gone is kept and marked unanchored, never deleted: the
    editor decides what becomes of it.
    """
    kept = list(editors_quotes(article))
    replaced = article.quotes.exclude(pk__in=[q.pk for q in kept])
    echo_index.forget(list(replaced.values_list("pk", flat=True)))
    replaced.delete()
    for quote in kept:
        span = find_anchor(article.body, quote.text, quote.start)
        if span is None:
            changed = quote.anchored
            quote.anchored = False
        else:
            changed = not quote.anchored or (quote.start, quote.end) != span
            quote.anchored = True
            quote.start, quote.end = span
            quote.text = article.body[span[0]:span[1]]
        if changed:
            quote.version += 1
            quote.save(update_fields=["start", "end", "text", "anchored", "version", "updated_at"])
    return kept


def resolve_speakers(people: list[Person]) -> dict[str, Speaker]:
    names = {p.name for p in people}
    found = {s.name: s for s in Speaker.objects.filter(name__in=names)}
    for alias in SpeakerAlias.objects.filter(name__in=names - found.keys()).select_related("speaker"):
        found[alias.name] = alias.speaker
    for person in people:
        if person.name not in found:
            found[person.name] = Speaker.objects.create(
                name=person.name, kind=person.kind, slug=unique_slug(Speaker, person.name, "speaker"))
    return found


def resolve_directives(found: Extraction) -> dict[str, Directive]:
    refs = {ref.name: ref for ref in found.directives}
    for statement in found.statements:
        for name in statement.directives:
            refs.setdefault(name, None)
    by_name = {d.name: d for d in Directive.objects.filter(name__in=refs)}
    for alias in DirectiveAlias.objects.filter(name__in=refs.keys() - by_name.keys()).select_related("directive"):
        by_name[alias.name] = alias.directive
    for name, ref in refs.items():
        if name not in by_name:
            by_name[name] = Directive.objects.create(
                name=name, slug=unique_slug(Directive, name, "directive"),
                kind=ref.kind if ref and ref.kind in Directive.Kind.values else Directive.Kind.OTHER,
                code=ref.code if ref else "", issuer=ref.issuer if ref else "")
    # A surface form that differs from the name only in case ("Tự cường" at a sentence's
    # start) is the name, not another one.
    aliases = {a for ref in refs.values() if ref for a in ref.aliases if a.casefold() != ref.name.casefold()}
    DirectiveAlias.objects.bulk_create(
        [DirectiveAlias(directive=by_name[ref.name], name=a[:300])
         for ref in refs.values() if ref for a in ref.aliases if a in aliases and a not in by_name],
        ignore_conflicts=True)
    return by_name


def store_structure(article: Article, parsed: ParsedSource, found: Extraction) -> None:
    roles = {block.start: block.role for block in found.blocks}
    article.paragraphs.all().delete()
    Paragraph.objects.bulk_create([
        Paragraph(article=article, position=i, start=p.start, end=p.end,
                  role=roles.get(p.start, Paragraph.Role.BODY))
        for i, p in enumerate(parsed.paragraphs)])


def store_extraction(article: Article, parsed: ParsedSource, found: Extraction, kept: list[Quote]) -> int:
    """Paragraph roles, people, directives and new suggested statements; returns how many."""
    store_structure(article, parsed, found)
    people = list(found.people)
    listed = {p.name for p in people}
    people += [Person(s.speaker) for s in found.statements if s.speaker and s.speaker not in listed]
    speakers = resolve_speakers(people)
    directives = resolve_directives(found)

    article.speaker_titles.all().delete()
    SpeakerTitle.objects.bulk_create(
        [SpeakerTitle(speaker=speakers[p.name], article=article, title=t[:300], seen_on=article.published_on)
         for p in found.people for t in dict.fromkeys(p.titles)], ignore_conflicts=True)

    kept_spans = [(q.start, q.end) for q in kept if q.anchored]
    new = [s for s in found.statements if not mostly_covered((s.start, s.end), kept_spans)]
    # With history, so the archive's record shows what the loader suggested and when.
    quotes = bulk_create_with_history([
        Quote(article=article, speaker=speakers.get(s.speaker) if s.speaker else None, text=s.text,
              kind=s.kind, start=s.start, end=s.end) for s in new], Quote)
    through = Quote.directives.through
    through.objects.bulk_create([
        through(quote_id=q.pk, directive_id=directives[name].pk)
        for q, s in zip(quotes, new) for name in dict.fromkeys(s.directives)], ignore_conflicts=True)

    persons = {speakers[p.name].pk for p in people if p.kind == Speaker.Kind.PERSON}
    persons |= {q.speaker_id for q in kept if q.speaker_id}
    article.people.set(persons)
    cited = {d.pk for d in directives.values()}
    cited |= set(Quote.directives.through.objects.filter(quote__in=kept).values_list("directive_id", flat=True))
    article.directives.set(cited)
    echo_index.index_and_link(article, quotes)
    return len(quotes)
