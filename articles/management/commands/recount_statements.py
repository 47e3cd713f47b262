from django.core.management.base import BaseCommand

from articles.counts import tallies
from articles.counts.models import DirectiveTally, SpeakerTally


class Command(BaseCommand):
    help = (
        "Count every speaker's and directive's public statements again, from scratch. The database "
        "keeps these counts itself; this is for after a repair made with its triggers switched off."
    )

    def handle(self, *args, **options):
        tallies.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Counted the statements of {SpeakerTally.objects.count()} speakers and "
                f"{DirectiveTally.objects.count()} directives."
            )
        )
