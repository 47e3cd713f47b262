import json

from django.core.management.base import BaseCommand, CommandError

from articles.ingest.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = "Restore a policy-archive/1 JSON export into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8") as source:
                data = json.load(source)
            counts = import_archive(data)
        except (OSError, ValueError, ArchiveError) as exc:
            raise CommandError(f"{options['file']}: {exc}") from None
        self.stdout.write(self.style.SUCCESS("imported " + ", ".join(f"{n} {what}" for what, n in counts.items())))
