"""Result snippets: the matched words of a query marked in a text, in Python, so that the
snippets look the same on both databases."""

import functools

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.folding import WORD
from articles.search.query import Query, parse
from articles.text import fold, nfc

# A snippet folds every word of its text; the same words come back in every article.
_fold_word = functools.lru_cache(maxsize=50_000)(fold)


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in ``text`` (NFC), merged and sorted: by the
    rules the databases match with (``articles.search.query``), so that a word typed with
    marks marks only the same word with the same marks ("Tô" not "Tổ")."""
    tokens = [(m.start(), m.end(), _fold_word(m.group()), m.group().lower()) for m in WORD.finditer(text)]
    starts: dict[str, list[int]] = {}
    for i, (_, _, word, _) in enumerate(tokens):
        starts.setdefault(word, []).append(i)
    spans = []
    for chunk in query.chunks:
        marks = {i: w for i, (w, marked) in enumerate(zip(chunk.typed, chunk.marked)) if marked}
        for words in chunk.alternatives:
            n = len(words)
            for i in starts.get(words[0], []):
                found = tokens[i : i + n]
                if tuple(t[2] for t in found) != words:
                    continue
                if any(found[j][3] != w for j, w in marks.items()):
                    continue
                spans.append((tokens[i][0], tokens[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        # Words next to each other read as one match: one <mark>, not one per word.
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matches_all(text: str, query: Query) -> bool:
    """Whether every word and phrase of the query occurs in ``text``: a name that does is the
    search page's best match."""
    text = nfc(text or "")
    return bool(query) and all(match_spans(text, Query((chunk,))) for chunk in query.chunks)


def _crop(text: str, spans, width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (spans[0][1] if spans else start) else end
    return start, end


def highlight(text: str, query: Query | str, width: int | None = None) -> SafeString:
    """``text`` escaped, with each match in <mark>; cut to about ``width`` characters around
    the first match when a width is given."""
    query = parse(query) if isinstance(query, str) else query
    text = nfc(text or "")
    spans = match_spans(text, query) if query else []
    start, end = (0, len(text)) if width is None else _crop(text, spans, width)
    parts, cursor = ["…" if start else ""], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        parts += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    parts += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(parts))
