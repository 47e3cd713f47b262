"""One load run into the database named by DATABASE_URL (migrated first); prints JSON.

Besides the time, it reports where the CPU went, per article: the loading process, the
extraction process it starts, and the PostgreSQL backend serving its connection (read from
/proc, so on the same machine only; the server's background processes are not counted).
"""

import json
import os
import resource
import sys
import time

import django


def backend_cpu(pid: int | None) -> float:
    """Seconds of CPU a local process has used, or 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(source: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ARCHIVE_PAGE_CACHE_SECONDS", "0")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from articles.ingest.loading import load_paths

    call_command("migrate", verbosity=0)
    pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    before = (time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN), backend_cpu(pid))
    report = load_paths([source])
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    articles = len(report.created) + len(report.updated)
    per_article = 1000 / max(articles, 1)
    cpu = {
        "loader": (time.process_time() - before[0]) * per_article,
        "extraction": (children.ru_utime + children.ru_stime - before[1].ru_utime - before[1].ru_stime) * per_article,
    }
    if pid is not None:
        cpu["database"] = (backend_cpu(pid) - before[2]) * per_article
    return {
        "articles": articles,
        "failed": len(report.failed),
        "statements": report.statements,
        "seconds": report.seconds,
        "articles_per_second": round(articles / report.seconds, 1),
        "statements_per_second": round(report.statements / report.seconds, 1),
        "cpu_ms_per_article": {k: round(v, 2) for k, v in cpu.items()},
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
