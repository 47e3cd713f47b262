from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ingest.synthetic import generate


class Command(BaseCommand):
    help = "Write synthetic source articles (for benchmarks and load tests) into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--output", default="var/corpus", help="directory (default: %(default)s)")

    def handle(self, *args, **options):
        if options["articles"] < 0:
            raise CommandError("--articles must be zero or more")
        out = Path(options["output"])
        out.mkdir(parents=True, exist_ok=True)
        written = 0
        for article in generate(options["articles"], options["seed"]):
            (out / article.name).write_text(article.text, encoding="utf-8")
            written += 1
        self.stdout.write(self.style.SUCCESS(f"wrote {written} articles to {out}"))
