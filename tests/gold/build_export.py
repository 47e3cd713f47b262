"""An export-shaped dict straight from parse + extract, for scoring with evaluate.py.

It mirrors what the loader and `export_archive` produce, without a database: articles in
file order, each extracted with the directives the earlier ones taught the vocabulary (as
the loader passes the editors' Directive names and aliases), then restatement links from
an RestatementIndex over every statement.

    python tests/gold/build_export.py OUT.json SOURCE.txt ...
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from articles.extraction import extract, fingerprints  # noqa: E402
from articles.extraction.parsing import parse_source  # noqa: E402


def build_export(paths) -> dict:
    articles, vocabulary, quote_id = [], {}, 0
    index = fingerprints.RestatementIndex()
    texts = {}
    for path in sorted(Path(p) for p in paths):
        parsed = parse_source(path.read_bytes())
        found = extract(parsed.body, [(p.start, p.end) for p in parsed.paragraphs], dict(vocabulary))
        for ref in found.directives:
            for alias in (ref.name, *ref.aliases):
                vocabulary.setdefault(alias, (ref.name, ref.kind))
        quotes = []
        for st in found.statements:
            quote_id += 1
            quotes.append(
                {
                    "id": quote_id,
                    "speaker": st.speaker,
                    "text": st.text,
                    "kind": st.kind,
                    "start": st.start,
                    "end": st.end,
                    "status": "suggested",
                    "directives": list(st.directives),
                }
            )
            index.add(quote_id, path.name, st.text)
            texts[quote_id] = (path.name, st.text)
        articles.append(
            {
                "source_file": path.name,
                "published": parsed.published.isoformat(),
                "body": parsed.body,
                "quotes": quotes,
                "people": [p.name for p in found.people if p.kind == "person"],
                "directives": [d.name for d in found.directives],
            }
        )
    links = []
    for qid, (group, text) in texts.items():
        for other, score in index.query(text, exclude_group=group):
            if qid < other:
                links.append(
                    {"from": qid, "to": other, "kind": "restates", "status": "suggested", "score": round(score, 4)}
                )
    return {"articles": articles, "links": links}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.write_text(json.dumps(build_export(sys.argv[2:]), ensure_ascii=False, indent=1), encoding="utf-8")
