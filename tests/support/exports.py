"""A large policy-archive/1 file, written a record at a time, for import's memory checks."""

import json
import random
from pathlib import Path

WORDS = ["đối", "ngoại", "chiến", "lược", "tự", "chủ", "hội", "nhập", "phát", "triển", "quốc", "tế", "Việt", "Nam"]
STAMP = "2026-01-01T00:00:00+00:00"


def write_large_export(path: Path, megabytes: int, speakers: int = 200) -> int:
    """An export of about ``megabytes`` MB: articles of 25 paragraphs, 8 statements each, in the
    export's own layout (sorted keys, articles first); returns the number of statements."""
    rng = random.Random(1)
    names = [f"Người số {i}" for i in range(speakers)]
    target, size, n, ident = megabytes * 1024 * 1024, 0, 0, 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"articles": [')
        while size < target:
            paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(25)]
            body, spans, offset = "\n\n".join(paragraphs), [], 0
            for p in paragraphs:
                spans.append([offset, offset + len(p), "body"])
                offset += len(p) + 2
            quotes = []
            for start, end, _ in spans[:8]:
                ident += 1
                quotes.append(
                    {
                        "id": ident,
                        "speaker": names[ident % speakers],
                        "text": body[start:end],
                        "kind": "reported",
                        "start": start,
                        "end": end,
                        "anchored": True,
                        "status": "suggested",
                        "origin": "extracted",
                        "edited": False,
                        "note": "",
                        "version": 1,
                        "directives": [],
                        "created_at": STAMP,
                        "updated_at": STAMP,
                    }
                )
            article = {
                "source_file": f"a{n:06d}.txt",
                "published": f"2026-01-{1 + n % 28:02d}",
                "title": f"Bài {n}",
                "title_is_custom": False,
                "slug": f"bai-{n}",
                "url": f"/articles/bai-{n}/",
                "status": "published",
                "content_hash": "0" * 64,
                "extractor_version": "1",
                "version": 1,
                "body": body,
                "paragraphs": spans,
                "people": [names[ident % speakers]],
                "directives": [],
                "quotes": quotes,
                "created_at": STAMP,
                "updated_at": STAMP,
            }
            text = ("," if n else "") + json.dumps(article, ensure_ascii=False, indent=1, sort_keys=True)
            out.write(text)
            size += len(text.encode())
            n += 1
        out.write('], "directives": [], "format": "policy-archive/1", "links": [], "speakers": [')
        rows = (
            {
                "name": name,
                "slug": f"nguoi-so-{i}",
                "kind": "person",
                "description": "",
                "version": 1,
                "aliases": [],
                "titles": [],
                "titles_seen": [],
                "url": f"/speakers/nguoi-so-{i}/",
                "created_at": STAMP,
                "updated_at": STAMP,
            }
            for i, name in enumerate(names)
        )
        out.write(",".join(json.dumps(row, ensure_ascii=False) for row in rows))
        out.write("]}\n")
    return ident
