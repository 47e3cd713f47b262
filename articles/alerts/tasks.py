"""The daily digest as a Celery task, on beat's schedule (CELERY_BEAT_SCHEDULE,
ARCHIVE_ALERT_HOUR). Running it twice sends nothing twice: each watermark moves as its mail
is accepted."""

import logging

from celery import shared_task

from articles.alerts.digest import send_digests

logger = logging.getLogger("policy_archive.alerts")


@shared_task(name="articles.alerts.tasks.send_alerts")
def send_alerts() -> dict:
    report = send_digests()
    done = {"mails": report.mails, "statements": report.statements, "failed": len(report.failed)}
    logger.info("alert digests: %(mails)d mails, %(statements)d statements, %(failed)d failed", done)
    return done
