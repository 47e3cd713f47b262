from django.core.management.base import BaseCommand, CommandError

from articles.ingest.feeds import fetch_urls


class Command(BaseCommand):
    help = "Fetch news pages and store their articles (a changed page updates its article)."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")

    def handle(self, *args, **options):
        report = fetch_urls(options["urls"])
        for url, reason in report.failed:
            self.stderr.write(f"{url}: {reason}")
        self.stdout.write(f"{report.summary()}; {report.statements} statements stored")
        if report.failed:
            raise CommandError(f"{len(report.failed)} page(s) failed to load")
