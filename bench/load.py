"""One load run into the database named by DATABASE_URL (migrated first); prints JSON."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("ARCHIVE_PAGE_CACHE_SECONDS", "0")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.core.management import call_command

from articles.loading import load_paths

call_command("migrate", verbosity=0)
report = load_paths([sys.argv[1]])
print(json.dumps({"articles": len(report.created) + len(report.updated), "failed": len(report.failed),
                  "statements": report.statements, "seconds": report.seconds}))
