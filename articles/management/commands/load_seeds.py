import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest.loading import discover, load_paths
from articles.ingest.tasks import enqueue_files


class Command(BaseCommand):
    help = "Load source articles (files, or directories of *.txt and *.html) into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", default=[str(settings.BASE_DIR / "seeds")])
        parser.add_argument(
            "--max-bytes",
            type=int,
            help=f"refuse larger files (default: ARCHIVE_MAX_SOURCE_BYTES, {settings.ARCHIVE_MAX_SOURCE_BYTES})",
        )
        parser.add_argument("--queue", action="store_true", help="send the files to the task queue and return")

    def handle(self, *args, **options):
        if options["queue"]:
            return self.enqueue(options["paths"])
        report = load_paths(options["paths"], options["max_bytes"], self.progress_bar())
        for path, reason in report.failed:
            self.stderr.write(f"{path}: {reason}")
        rate = len(report.created) + len(report.updated)
        self.stdout.write(
            f"{report.summary()}; {report.statements} statements stored "
            f"in {report.seconds:.1f}s ({rate / max(report.seconds, 1e-9):.0f} articles/s)"
        )
        if not (report.created or report.updated) and not report.failed:
            self.stdout.write(self.style.SUCCESS("Nothing changed: the archive is up to date."))
        if report.failed:
            raise CommandError(f"{len(report.failed)} file(s) failed to load")

    def enqueue(self, paths):
        files, missing = discover(paths)
        for path, reason in missing:
            self.stderr.write(f"{path}: {reason}")
        self.stdout.write(f"{len(files)} files queued in {enqueue_files(files)} tasks")
        if missing:
            raise CommandError(f"{len(missing)} path(s) not found")

    def progress_bar(self):
        """A bar on stderr for long loads at a terminal; nothing when piped or in tests."""
        if not sys.stderr.isatty():
            return None

        def show(done, total):
            if total < 20:
                return
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show
