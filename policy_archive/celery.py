"""The task queue: Celery, configured from Django's settings (the CELERY_* names).

Start a worker and the feed schedule with `make worker`. Without CELERY_BROKER_URL the
tasks run in the process that asks for them, as if there were no queue.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policy_archive.settings")

app = Celery("policy_archive")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["articles.ingest", "articles.alerts"])
