# The Celery app is loaded with Django, so that tasks are bound to it wherever they are sent.
from policy_archive.celery import app as celery_app

__all__ = ["celery_app"]
