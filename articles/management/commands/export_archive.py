import json
import sys

from django.core.management.base import BaseCommand

from articles.ingest.archive import export_archive


class Command(BaseCommand):
    help = "Write the whole archive as policy-archive/1 JSON (UTF-8, stable order)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        text = json.dumps(export_archive(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text)
            self.stderr.write(f"wrote {options['output']}")
        else:
            sys.stdout.write(text)
