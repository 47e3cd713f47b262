"""One person per name: coreference of titles, given names and honorifics within an article.

Vietnamese news names someone in full once ("Thứ trưởng Nguyễn Văn An") and then by title
("Thứ trưởng"), by honorific and given name ("ông An" — the given name is the LAST word), or
by a bare "ông"/"bà". All of these resolve to the full name seen in the same article.
"""

from collections import defaultdict

from .mentions import FULL, GIVEN, PRONOUN, TITLE, Mention
from .text import fold
from .types import Person


class People:
    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._titles: dict[str, list[str]] = defaultdict(list)
        self._bases: dict[str, set[str]] = defaultdict(set)
        self._forms: dict[str, list[str]] = defaultdict(list)
        self.gender: dict[str, str] = {}
        self._seen: list[tuple[int, str]] = []  # (position, name) of full mentions
        self._short = self._short_names()
        for m in self.mentions:
            if m.kind == FULL:
                self._add(m)

    def _short_names(self) -> dict[str, str]:
        """One-word names that are a longer name's family name: "Thủ tướng Tanaka".

        The last word is the family name in Western order, the first in Chinese and
        Korean order ("ông Tập"), so either may stand for the full name.
        """
        full = [m.name for m in self.mentions if m.kind == FULL and " " in m.name]
        short = {}
        for m in self.mentions:
            if m.kind == FULL and " " not in m.name:
                match = [n for n in full if fold(m.name) in (fold(n.split()[-1]), fold(n.split()[0]))]
                if match:
                    short[m.name] = match[0]
        return short

    def _add(self, m: Mention) -> None:
        name = self._short.get(m.name, m.name)
        self._seen.append((m.start, name))
        for title in m.titles:
            if fold(title) not in map(fold, self._titles[name]):
                self._titles[name].append(title)
        self._bases[name].update(m.bases)
        if m.gender:
            self.gender.setdefault(name, m.gender)

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
        if m.kind == TITLE:
            wanted = set(m.bases)
            return self._nearest({n for n, b in self._bases.items() if b & wanted}, m.start)
        if m.kind == GIVEN:
            given = fold(m.name)
            found = self._nearest({n for n in self._bases if fold(n.split()[-1]) == given}, m.start) or \
                self._nearest({n for n in self._bases if fold(n.split()[0]) == given}, m.start)
            if found and m.gender:
                self.gender.setdefault(found, m.gender)
            return found
        if m.kind == PRONOUN:
            fits = lambda n: self.gender.get(n, m.gender) == m.gender  # noqa: E731
            if speaker and fits(speaker):
                return speaker
            return self._nearest({n for n in self._bases if fits(n)}, m.start)
        return None

    def persons(self) -> tuple[Person, ...]:
        order = dict.fromkeys(n for _, n in self._seen)
        return tuple(Person(n, "person", tuple(self._titles[n]), tuple(self._forms[n])) for n in order)
