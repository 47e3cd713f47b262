"""Names -> rows for a run of articles: speakers, directives and slugs, read once per run.

A run's articles are resolved in load order, exactly as if each were stored after the one
before: a name the first article creates is found by the second, an alias an earlier one
stored is honoured by a later one, and new slugs are numbered in the same order. What
differs is the cost: one read per table for the whole run and one insert per table, where
one article at a time took a few queries per name.
"""

from articles import bulk_rows
from articles.extraction import Extraction, Person
from articles.models import Directive, DirectiveAlias, Speaker, SpeakerAlias
from articles.text import slugify_vi

# Longer slugs are cut to this before a "-2", "-3" suffix is added.
STEM = 90
# Numbered forms of each slug looked up at first: most slugs are free, a few are taken once.
FIRST_LOOKUP = 3


def unique_slugs(model, texts: list[str], fallback: str = "item") -> list[str]:
    """A free slug for each text, in order, none taken in the table or earlier in the list.

    A slug is "base", else "stem-2", "stem-3", ...: the first free one. The first few of each
    are looked up in one query; for a base that has used them all, every numbered slug of its
    stem is read in one more. Some titles come back week after week ("Họp báo thường kỳ"):
    looked up fifty at a time, the 300th of a title took seven queries.
    """
    bases = [slugify_vi(t) or fallback for t in texts]
    looked_up, taken, read_whole = set(), set(getattr(model, "RESERVED_SLUGS", ())), set()

    def look_up(candidates):
        fresh = [c for c in dict.fromkeys(candidates) if c not in looked_up]
        looked_up.update(fresh)
        taken.update(model._base_manager.filter(slug__in=fresh).values_list("slug", flat=True))

    def known(base: str, n: int) -> bool:
        return candidate(base, n) in looked_up or (n > 1 and base[:STEM] in read_whole)

    if bases:
        look_up(candidate(b, n) for b in bases for n in range(1, FIRST_LOOKUP + 1))
    slugs = []
    for base in bases:
        n = 1
        while not known(base, n) or candidate(base, n) in taken:
            if known(base, n):
                n += 1
                continue
            # Whatever else begins so is taken too, which is true; only "stem-N" is asked.
            read_whole.add(base[:STEM])
            taken.update(model._base_manager.filter(slug__startswith=f"{base[:STEM]}-").values_list("slug", flat=True))
        slug = candidate(base, n)
        taken.add(slug)
        slugs.append(slug)
    return slugs


def candidate(base: str, n: int) -> str:
    return base if n == 1 else f"{base[:STEM]}-{n}"


def unique_slug(model, text: str, fallback: str = "item") -> str:
    return unique_slugs(model, [text], fallback)[0]


def people_of(found: Extraction) -> list[Person]:
    """Everyone an article names, then the speakers of its statements not named among them."""
    people = list(found.people)
    listed = {p.name for p in people}
    return people + [Person(s.speaker) for s in found.statements if s.speaker and s.speaker not in listed]


class Speakers:
    """Speakers by name or alias for a run; unknown names become new speakers on ``save``."""

    def __init__(self, names: set[str]):
        self.by_name = {s.name: s for s in Speaker.objects.filter(name__in=names)}
        self.aliases = {
            a.name: a.speaker
            for a in SpeakerAlias.objects.filter(name__in=names - self.by_name.keys()).select_related("speaker")
        }
        self.new: list[Speaker] = []

    def resolve(self, people: list[Person]) -> dict[str, Speaker]:
        found = {}
        for person in people:
            if person.name in found:
                continue
            speaker = self.by_name.get(person.name) or self.aliases.get(person.name)
            if speaker is None:
                speaker = self.by_name[person.name] = Speaker(name=person.name, kind=person.kind)
                self.new.append(speaker)
            found[person.name] = speaker
        return found

    def save(self) -> None:
        """The new speakers, with their history: a speaker's record starts with the loader."""
        for speaker, slug in zip(self.new, unique_slugs(Speaker, [s.name for s in self.new], "speaker")):
            speaker.slug = slug
        if self.new:
            bulk_rows.create(Speaker, self.new)
        self.new = []


def resolve_speakers(people: list[Person]) -> dict[str, Speaker]:
    """One article's people as speakers, new ones created."""
    speakers = Speakers({p.name for p in people})
    found = speakers.resolve(people)
    speakers.save()
    return found


def cited(found: Extraction) -> dict:
    """Directive name -> its reference (None for a name only a statement gives)."""
    refs = {ref.name: ref for ref in found.directives}
    for statement in found.statements:
        for name in statement.directives:
            refs.setdefault(name, None)
    return refs


class Directives:
    """Directives by name or alias for a run; new directives and aliases are written on ``save``."""

    def __init__(self, names: set[str]):
        self.by_name = {d.name: d for d in Directive.objects.filter(name__in=names)}
        # Aliases are read for the aliases this run may add too: one already stored is kept.
        self.aliases = {
            a.name: a.directive for a in DirectiveAlias.objects.filter(name__in=names).select_related("directive")
        }
        self.new: list[Directive] = []
        self.new_aliases: list[DirectiveAlias] = []

    def resolve(self, found: Extraction) -> dict[str, Directive]:
        refs = cited(found)
        by_name = {}
        for name, ref in refs.items():
            directive = self.by_name.get(name) or self.aliases.get(name)
            if directive is None:
                directive = self.by_name[name] = Directive(
                    name=name,
                    kind=ref.kind if ref and ref.kind in Directive.Kind.values else Directive.Kind.OTHER,
                    code=ref.code if ref else "",
                    issuer=ref.issuer if ref else "",
                )
                self.new.append(directive)
            by_name[name] = directive
        # A surface form that differs from the name only in case ("Tự cường" at a sentence's
        # start) is the name, not another one.
        other = {a for ref in refs.values() if ref for a in ref.aliases if a.casefold() != ref.name.casefold()}
        for ref in refs.values():
            for alias in ref.aliases if ref else ():
                # The first directive to claim an alias keeps it, as the table's unique name says.
                if alias in other and alias not in refs and alias[:300] not in self.aliases:
                    self.aliases[alias[:300]] = by_name[ref.name]
                    self.new_aliases.append(DirectiveAlias(directive=by_name[ref.name], name=alias[:300]))
        return by_name

    def save(self) -> None:
        for directive, slug in zip(self.new, unique_slugs(Directive, [d.name for d in self.new], "directive")):
            directive.slug = slug
        if self.new:
            bulk_rows.create(Directive, self.new)
        # Another loader may have stored the same alias meanwhile: its row stands.
        DirectiveAlias.objects.bulk_create(self.new_aliases, ignore_conflicts=True)
        self.new, self.new_aliases = [], []


def names_of(found: Extraction) -> tuple[set[str], set[str]]:
    """The speaker names and the directive names and aliases an article brings."""
    refs = cited(found)
    aliases = {a[:300] for ref in refs.values() if ref for a in ref.aliases}
    return {p.name for p in people_of(found)}, set(refs) | aliases
