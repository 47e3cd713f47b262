"""Reload drill: one article reloaded over and over while editors work on it, on PostgreSQL.

    make drill-reload               # or: .venv/bin/python scripts/drill_reload.py [--seconds 60]

The database (DRILL_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/policy_archive_drill) is recreated, migrated and given
one seed article. gunicorn serves it on loopback in the production profile. For the
drill's length, a loader reloads the article, alternating two versions of its source (the
second has words changed inside statements and a paragraph inserted near the top), while
simulated editors, each owning some of its statements, confirm them (the admin's bulk
action), reject them and annotate them (the annotate view's endpoints) and link them (the
admin's add form), all over HTTP. Each editor remembers what the server acknowledged; at
the end the database must hold every acknowledged decision.

Prints reloads (and those that failed), actions, refused (a 409 that told the editor to
reload, and nothing saved), lost (acknowledged and not in the database) and server errors
(5xx or no answer); and gone, statements an editor was working on that a reload deleted.
Exits non-zero if anything was lost or gone, a reload failed or the server did.
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from serving import ROOT, gunicorn, manage, recreate_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/policy_archive_drill"
SEED = ROOT / "seeds" / "000_fd6e826a6c5f3e96.txt"
PASSWORD = "drill-" + os.urandom(8).hex()
EDITORS = 3
INSERTED = "Hội nghị diễn ra tại Hà Nội, với sự tham dự của đại diện nhiều cơ quan đối ngoại."
DATA = re.compile(r'<script id="pa-data" type="application/json">(.*?)</script>', re.S)


def second_version(source: str, statements: list[str]) -> str:
    """The source with a word changed inside every third statement and a paragraph inserted
    after the first."""
    for text in statements[::3]:
        words = text.split(" ")
        if len(words) > 4 and source.count(text) == 1:
            words[len(words) // 2] = "thực chất"
            source = source.replace(text, " ".join(words))
    first_break = source.index("\n\n")
    return source[:first_break] + "\n\n" + INSERTED + source[first_break:]


class Editor:
    """One editor's browser: a session, and what the server said it saved."""

    def __init__(self, base: str, name: str, article_id: int, mine: list[int], everyone: list[int], seed: int):
        self.base, self.name, self.article_id = base, name, article_id
        self.mine, self.everyone = mine, everyone
        self.random = random.Random(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.status: dict[int, str] = {}
        self.notes: dict[int, str] = {}
        self.links: set[tuple[int, int, str]] = set()
        self.counts = Counter()

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, fields: dict | list | None = None, json_answer: bool = False):
        """(status, body); status 0 when there was no HTTP answer."""
        data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"X-CSRFToken": self.token()} if data is not None else {}
        if json_answer:
            headers["Accept"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError:
            return 0, ""

    def login(self) -> None:
        self.request("/admin/login/")
        status, _ = self.request(
            "/admin/login/?next=/admin/",
            {"username": self.name, "password": PASSWORD, "csrfmiddlewaretoken": self.token(), "next": "/admin/"},
        )
        if status != 200 or not any(c.name == "sessionid" for c in self.jar):
            raise SystemExit(f"{self.name} could not log in ({status})")

    def answered(self, status: int) -> bool:
        """Counts the answer; True when the server said it saved."""
        if status == 0 or status >= 500:
            self.counts["server errors"] += 1
        elif status == 409:
            self.counts["refused"] += 1
        return status in (200, 201, 302)

    def versions(self) -> dict[int, dict] | None:
        status, html = self.request(f"/admin/articles/article/{self.article_id}/annotate/")
        if not self.answered(status) or not (found := DATA.search(html)):
            return None
        return {s["id"]: s for s in json.loads(found.group(1))["statements"]}

    def statements(self, pk: int) -> dict[int, dict] | None:
        """The annotate page's statements, if it still lists ``pk`` (a reload that deletes
        statements takes them from under the editor: counted as gone)."""
        statements = self.versions()
        if statements is not None and pk not in statements:
            self.counts["gone"] += 1
            return None
        return statements

    def confirm(self, pk: int) -> None:
        fields = {"action": "confirm", "_selected_action": [pk], "index": 0, "csrfmiddlewaretoken": self.token()}
        status, _ = self.request("/admin/articles/quote/", fields)
        if self.answered(status):
            self.status[pk] = "confirmed"

    def reject(self, pk: int) -> None:
        url = f"/admin/articles/article/{self.article_id}/annotate/statements/{pk}/status/"
        for _ in range(2):  # refused as stale: the editor reloads the page and does it again
            if (statements := self.statements(pk)) is None:
                return
            status, _ = self.request(url, {"status": "rejected", "version": statements[pk]["version"]}, True)
            if self.answered(status):
                self.status[pk] = "rejected"
            if status != 409:
                return

    def annotate(self, pk: int) -> None:
        note = f"{self.name}: {self.counts['actions']}"
        url = f"/admin/articles/article/{self.article_id}/annotate/statements/{pk}/"
        for _ in range(2):
            if (statements := self.statements(pk)) is None:
                return
            s = statements[pk]
            fields = {
                "version": s["version"],
                "speaker": s["speaker"]["id"] if s["speaker"] else "",
                "kind": s["kind"],
                "directives": [d["id"] for d in s["directives"]],
                "note": note,
            }
            status, _ = self.request(url, fields, True)
            if self.answered(status):
                self.notes[pk] = note
            if status != 409:
                return

    def link(self, pk: int) -> None:
        other = self.random.choice([q for q in self.everyone if q != pk])
        kind = self.random.choice(["elaborates", "contradicts", "cites"])
        if (pk, other, kind) in self.links:
            return
        fields = {
            "from_quote": pk,
            "to_quote": other,
            "kind": kind,
            "status": "confirmed",
            "csrfmiddlewaretoken": self.token(),
        }
        status, body = self.request("/admin/articles/quotelink/add/", fields)
        if status == 200 and "errornote" in body:
            return  # the form refused it (another editor made the same link): nothing saved
        if self.answered(status):
            self.links.add((pk, other, kind))

    def work(self, deadline: float) -> None:
        actions = [self.confirm, self.reject, self.annotate, self.link]
        while time.monotonic() < deadline:
            self.random.choice(actions)(self.random.choice(self.mine))
            self.counts["actions"] += 1


def reload_loop(path: Path, versions: list[str], deadline: float, counts: Counter) -> None:
    from django.db import connection

    from articles.ingest.loading import SourceError, load_file

    try:
        while time.monotonic() < deadline:
            path.write_text(versions[counts["reloads"] % 2], encoding="utf-8")
            try:
                load_file(path)
                counts["reloads"] += 1
            except SourceError as exc:
                counts["reloads refused"] += 1
                print(f"reload refused: {exc.reason}", flush=True)
            except Exception as exc:  # counted and shown: the drill fails on any
                counts["reload errors"] += 1
                print(f"reload failed: {type(exc).__name__}: {str(exc).splitlines()[0]}", flush=True)
    finally:
        connection.close()


def lost(editors: list[Editor]) -> list[str]:
    from articles.models import Quote, QuoteLink

    missing = []
    for editor in editors:
        stored = {q.pk: q for q in Quote.objects.filter(pk__in=editor.mine)}
        for pk, status in editor.status.items():
            if pk not in stored or stored[pk].status != status:
                missing.append(
                    f"{editor.name}: statement {pk} {status}, stored {getattr(stored.get(pk), 'status', None)}"
                )
        for pk, note in editor.notes.items():
            if pk not in stored or stored[pk].note != note:
                missing.append(f"{editor.name}: statement {pk} note {note!r}")
        for from_quote, to_quote, kind in editor.links:
            if not QuoteLink.objects.filter(from_quote=from_quote, to_quote=to_quote, kind=kind).exists():
                missing.append(f"{editor.name}: link {from_quote} {kind} {to_quote}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("DRILL_SECONDS", 60)))
    args = parser.parse_args()
    database_url = os.environ.get("DRILL_DATABASE_URL", DEFAULT_URL)
    recreate_database(database_url)
    manage(database_url, "migrate", "--noinput", "--verbosity", "0")
    os.environ.update(DATABASE_URL=database_url, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="policy_archive.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from articles.ingest.loading import load_file
    from articles.models import Article

    directory = Path(tempfile.mkdtemp(prefix="drill-reload-"))
    path = directory / SEED.name
    first = SEED.read_text(encoding="utf-8")
    path.write_text(first, encoding="utf-8")
    load_file(path)
    article = Article.objects.get(source_file=path.name)
    statements = list(article.quotes.order_by("pk").values_list("pk", "text"))
    versions = [first, second_version(first, [text for _, text in statements])]
    ids = [pk for pk, _ in statements]
    names = [f"editor{i}" for i in range(EDITORS)]
    for name in names:
        get_user_model().objects.create_superuser(name, f"{name}@example.org", PASSWORD)
    print(f"article {article.pk}: {len(ids)} statements, {EDITORS} editors, {args.seconds:.0f} s", flush=True)

    with gunicorn(database_url, workers=2, threads=2) as (base, _):
        editors = [Editor(base, name, article.pk, ids[i::EDITORS], ids, seed=i) for i, name in enumerate(names)]
        for editor in editors:
            editor.login()
        deadline = time.monotonic() + args.seconds
        loader = Counter()
        threads = [threading.Thread(target=reload_loop, args=(path, versions, deadline, loader))]
        threads += [threading.Thread(target=editor.work, args=(deadline,)) for editor in editors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
    counts = sum((editor.counts for editor in editors), Counter())
    missing = lost(editors)
    for line in missing[:20]:
        print("lost:", line)
    print(
        f"reloads: {loader['reloads']} (refused {loader['reloads refused']}, failed {loader['reload errors']}); "
        f"actions: {counts['actions']}; refused: {counts['refused']}; gone: {counts['gone']}; lost: {len(missing)}; "
        f"server errors: {counts['server errors']}"
    )
    failed = missing or counts["server errors"] or counts["gone"] or loader["reload errors"]
    failed = failed or any(t.is_alive() for t in threads)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
