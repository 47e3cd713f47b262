from django.core.management.base import BaseCommand, CommandError

from articles.ingest import tasks
from articles.ingest.feeds import poll_feeds


class Command(BaseCommand):
    help = "Poll RSS or Atom feeds (registering new ones; every active feed when none given) and store new items."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="URL")
        parser.add_argument("--queue", action="store_true", help="put the polls on the task queue and return")

    def handle(self, *args, **options):
        if options["queue"]:
            self.stdout.write(f"{tasks.enqueue_feeds(options['urls'])} feed(s) queued")
            return
        report = poll_feeds(options["urls"])
        for url, reason in report.failed:
            self.stderr.write(f"{url}: {reason}")
        self.stdout.write(f"{report.summary()}; {report.statements} statements stored")
        if report.failed:
            raise CommandError(f"{len(report.failed)} feed(s) or page(s) failed")
