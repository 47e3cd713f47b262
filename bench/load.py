"""One load run into the database named by DATABASE_URL (migrated first); prints JSON."""

import json
import os
import sys

import django


def main(source: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ARCHIVE_PAGE_CACHE_SECONDS", "0")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()

    from django.core.management import call_command

    from articles.loading import load_paths

    call_command("migrate", verbosity=0)
    report = load_paths([source])
    articles = len(report.created) + len(report.updated)
    return {"articles": articles, "failed": len(report.failed), "statements": report.statements,
            "seconds": report.seconds, "articles_per_second": round(articles / report.seconds, 1),
            "statements_per_second": round(report.statements / report.seconds, 1)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
