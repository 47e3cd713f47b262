from django.core.management.base import BaseCommand, CommandError

from articles.ingest.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = "Restore a policy-archive/1 JSON export into an empty database; the file is checked whole first."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            counts = import_archive(options["file"])
        except ArchiveError as exc:
            for line in exc.problems:
                self.stderr.write(f"{options['file']}: {line}")
            raise CommandError(f"{options['file']}: {exc}; nothing imported") from None
        self.stdout.write(self.style.SUCCESS("imported " + ", ".join(f"{n} {what}" for what, n in counts.items())))
