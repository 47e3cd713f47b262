from django.core.management.base import BaseCommand, CommandError

from articles.alerts.digest import send_digests


class Command(BaseCommand):
    help = "Send the alert digests due: new public statements to each confirmed subscriber, one mail per address."

    def handle(self, *args, **options):
        report = send_digests()
        for reason in report.failed:
            self.stderr.write(reason)
        self.stdout.write(f"{report.mails} mail(s) sent, {report.statements} statement(s)")
        if report.failed:
            raise CommandError(f"{len(report.failed)} mail(s) not sent; they will be tried again next run")
