"""One person per name: coreference of titles, given names and honorifics within an article.

Vietnamese news names someone in full once ("Thứ trưởng Nguyễn Văn An") and then by title
("Thứ trưởng"), by honorific and given name ("ông An" — the given name is the LAST word), or
by a bare "ông"/"bà". All of these resolve to the full name seen in the same article.
"""

from collections import defaultdict

from .mentions import FULL, GIVEN, ORG, PRONOUN, TITLE, Mention
from .text import fold
from .types import Person

# Academic titles are written abbreviated with the name ("PGS.TS Nguyễn Văn A") and in full
# when they stand alone ("vị tiến sĩ", "Giáo sư cho rằng").
_ABBREVIATIONS = {
    "gs": ("giáo sư",),
    "pgs": ("phó giáo sư",),
    "ts": ("tiến sĩ",),
    "ths": ("thạc sĩ",),
    "gs.ts": ("giáo sư", "tiến sĩ"),
    "pgs.ts": ("phó giáo sư", "tiến sĩ"),
}


def _spelled_out(bases) -> set[str]:
    out = set(bases)
    for base in bases:
        out.update(_ABBREVIATIONS.get(base, ()))
    return out


class People:
    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._titles: dict[str, list[str]] = defaultdict(list)
        self._bases: dict[str, set[str]] = defaultdict(set)
        self._forms: dict[str, list[str]] = defaultdict(list)
        self.gender: dict[str, str] = {}
        self._seen: list[tuple[int, str]] = []  # (position, name) of full mentions
        self._short = self._short_names()
        self._org_names: dict[str, str] = {}
        for m in self.mentions:
            if m.kind == ORG and m.name not in self._org_names:
                # "Bộ Ngoại giao Việt Nam" then "Bộ Ngoại giao": one institution, named in
                # full the first time.
                first = next(
                    (c for c in self._org_names.values() if c.startswith(m.name + " ") or m.name.startswith(c + " ")),
                    m.name,
                )
                self._org_names[m.name] = first
        self._orgs = list(dict.fromkeys(self._org_names.values()))
        for m in self.mentions:
            if m.kind == FULL:
                self._add(m)

    def _short_names(self) -> dict[str, str]:
        """Shorter forms of a longer name in the same article, mapped to it.

        One word: the family name, last in Western order, first in Chinese and Korean order
        ("Thủ tướng Tanaka", "ông Tập"). Several: the last words of a Vietnamese name ("bà
        Lan Phương" for "Tống Lan Phương"), or initials and the family name ("M. Keller").
        """
        full = list(dict.fromkeys(m.name for m in self.mentions if m.kind == FULL and " " in m.name))
        short = {}
        for name in dict.fromkeys(m.name for m in self.mentions if m.kind == FULL):
            words = fold(name).split()
            for other in full:
                theirs = fold(other).split()
                if (
                    other == name
                    or len(theirs) < len(words)
                    or (len(theirs) == len(words) and not words[0].endswith("."))
                ):
                    continue
                if len(words) == 1:
                    hit = words[0] in (theirs[-1], theirs[0])
                else:
                    hit = theirs[-len(words) + 1 :] == words[1:] and (
                        theirs[-len(words)] == words[0]
                        or (words[0].endswith(".") and theirs[0].startswith(words[0][:-1]))
                    )
                if hit:
                    short[name] = other
                    break
        return short

    def _add(self, m: Mention) -> None:
        name = self._short.get(m.name, m.name)
        self._seen.append((m.start, name))
        for title in m.titles:
            if fold(title) not in map(fold, self._titles[name]):
                self._titles[name].append(title)
        self._bases[name].update(_spelled_out(m.bases))
        if m.gender:
            self.gender.setdefault(name, m.gender)
        elif name not in self.gender:
            middle = fold(name).split()[1:-1]
            # A middle name "Thị" is a woman's, "Văn" a man's: enough to keep "bà" off a man.
            if "thị" in middle:
                self.gender[name] = "f"
            elif "văn" in middle:
                self.gender[name] = "m"

    def record_form(self, name: str, form: str) -> None:
        if form != name and form not in self._forms[name]:
            self._forms[name].append(form)

    def _nearest(self, candidates: set[str], pos: int) -> str | None:
        """The candidate named most recently before pos, else the first named after it."""
        before = [(p, n) for p, n in self._seen if n in candidates and p < pos]
        if before:
            return before[-1][1]
        after = [(p, n) for p, n in self._seen if n in candidates]
        return after[0][1] if after else None

    def resolve(self, m: Mention, speaker: str | None = None) -> str | None:
        """The full name a mention refers to; speaker is who was quoted last, for "ông"."""
        if m.kind == FULL:
            return self._short.get(m.name, m.name)
        if m.kind == ORG:
            return self._org_names.get(m.name, m.name)
        if m.kind == TITLE:
            wanted = _spelled_out(m.bases)
            found = self._nearest({n for n, b in self._bases.items() if b & wanted}, m.start)
            if found is None and m.gender:
                # "nữ tiến sĩ" for a woman introduced only as "TS": her gender still says who.
                return self.resolve(Mention(m.start, m.end, PRONOUN, gender=m.gender), speaker)
            return found
        if m.kind == GIVEN:
            given = fold(m.name)
            found = self._nearest({n for n in self._bases if fold(n.split()[-1]) == given}, m.start) or self._nearest(
                {n for n in self._bases if fold(n.split()[0]) == given}, m.start
            )
            if found and m.gender:
                self.gender.setdefault(found, m.gender)
            return found
        if m.kind == PRONOUN:

            def fits(n: str) -> bool:  # "ông"/"bà" is a person of that gender, never an institution
                return n not in self._orgs and (not m.gender or self.gender.get(n, m.gender) == m.gender)

            if speaker and fits(speaker):
                return speaker
            return self._nearest({n for n in self._bases if fits(n)}, m.start)
        return None

    def persons(self) -> tuple[Person, ...]:
        order = dict.fromkeys(n for _, n in self._seen)
        people = tuple(Person(n, "person", tuple(self._titles[n]), tuple(self._forms[n])) for n in order)
        return people + tuple(Person(n, "organization") for n in self._orgs if n not in order)
