"""The statement counts the database keeps: after any write, they are what counting gives."""

import datetime
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth

from articles.counts import tallies
from articles.counts.models import DirectiveMonth, DirectiveTally, SpeakerTally
from articles.editors.locking import update_all
from articles.editors.merging import merge_directives, merge_speakers
from articles.ingest.loading import load_paths
from articles.models import Article, Directive, Quote, Speaker
from tests.support import factories as f

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need a server database"
)


def kept() -> dict:
    """The counts as kept, leaving out zeros and those of deleted speakers and directives."""
    return {
        "speakers": {
            t.speaker_id: t.statements
            for t in SpeakerTally.objects.filter(statements__gt=0, speaker_id__in=Speaker.objects.values("pk"))
        },
        "directives": {
            t.directive_id: t.statements
            for t in DirectiveTally.objects.filter(statements__gt=0, directive_id__in=Directive.objects.values("pk"))
        },
        "months": {
            (t.directive_id, t.month): t.statements
            for t in DirectiveMonth.objects.filter(statements__gt=0, directive_id__in=Directive.objects.values("pk"))
        },
    }


def counted() -> dict:
    """The same counts, counted from the statements readers see."""
    public = Quote.objects.public().order_by()
    cited = public.filter(directives__isnull=False)
    return {
        "speakers": dict(public.filter(speaker__isnull=False).values_list("speaker").annotate(n=Count("pk"))),
        "directives": dict(cited.values_list("directives").annotate(n=Count("pk"))),
        "months": {
            (d, m): n
            for d, m, n in cited.annotate(month=TruncMonth("article__published_on"))
            .values_list("directives", "month")
            .annotate(n=Count("pk"))
        },
    }


@pytest.fixture
def world(db):
    tallies.settle()
    return f.sample_archive()


def test_the_sample_archive_is_counted(world):
    assert kept() == counted()
    assert SpeakerTally.objects.get(speaker=world["cuong"]).statements == 2
    # The rejected statement cites the congress resolution too, and is not counted.
    assert DirectiveTally.objects.get(directive=world["congress"]).statements == 4
    assert dict(world["congress"].months.values_list("month", "statements")) == {datetime.date(2026, 2, 1): 4}


def test_review_anchoring_and_a_new_speaker_change_the_counts(world):
    outer, inner = world["outer"], world["inner"]
    outer.status = "rejected"
    outer.save()
    inner.anchored = False
    inner.save()
    world["rejected"].status = "confirmed"
    world["rejected"].speaker = world["trung"]
    world["rejected"].save()
    assert kept() == counted()


def test_citations_added_removed_and_bulk_created_are_counted(world):
    world["outer"].directives.remove(world["congress"])
    world["elsewhere"].directives.add(world["conclusion"], world["autonomy"])
    world["trung_quote"].directives.clear()
    f.many_quotes(world["speech"], 12, world["leader"], [world["conclusion"], world["congress"]])
    assert kept() == counted()


def test_an_article_unpublished_redated_or_deleted_takes_its_statements_along(world):
    Article.objects.filter(pk=world["speech"].pk).update(status="draft")
    assert kept() == counted()
    interview = world["interview"]
    interview.published_on = datetime.date(2025, 12, 31)
    interview.save()
    assert kept() == counted()
    assert datetime.date(2025, 12, 1) in dict(world["congress"].months.values_list("month", "statements"))
    interview.delete()
    assert kept() == counted()


def test_deleting_statements_speakers_and_directives(world):
    world["inner"].delete()
    world["trung"].delete()
    world["conclusion"].delete()
    assert kept() == counted()


def test_merges_move_the_counts_to_the_one_kept(world):
    twin = f.directive("Tự chủ chiến lược (văn kiện)", kind="concept")
    f.quote(world["speech"], "đối ngoại phải đi trước mở đường", world["trung"], [twin, world["autonomy"]])
    merge_directives(world["autonomy"], twin)
    double = f.speaker("Nguyễn M. Cường")
    f.quote(world["speech"], "Bộ trưởng khẳng định", double, [world["congress"]])
    merge_speakers(world["cuong"], double)
    assert kept() == counted()


def test_an_editors_bulk_review_is_counted(world):
    update_all(Quote.objects.filter(article=world["interview"]), status="rejected")
    assert kept() == counted()


@pytest.mark.django_db(transaction=True)
def test_a_load_is_counted_when_its_batches_commit(seed_dir):
    load_paths([seed_dir])
    assert kept() == counted() and kept()["speakers"]


def test_rebuild_recounts_from_scratch(world):
    SpeakerTally.objects.update(statements=99)
    DirectiveMonth.objects.all().delete()
    tallies.rebuild()
    assert kept() == counted()


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_counts_change_at_commit_so_two_writers_citing_the_same_directives_in_turn_never_deadlock():
    """Each writer cites two directives, in opposite orders, and waits for the other before
    committing: counts updated row by row would have each hold one and wait for the other."""
    first, second = f.directive("Nghị quyết một"), f.directive("Nghị quyết hai")
    article = f.article("Hai người viết", ["Câu một. Câu hai."])
    quotes = [f.quote(article, "Câu một."), f.quote(article, "Câu hai.")]
    both_cited = threading.Barrier(2, timeout=10)
    errors = []

    def cite(quote, directives):
        try:
            with transaction.atomic():
                for d in directives:
                    quote.directives.add(d)
                both_cited.wait()
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    writers = [
        threading.Thread(target=cite, args=(quotes[0], [first, second])),
        threading.Thread(target=cite, args=(quotes[1], [second, first])),
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert errors == []
    assert DirectiveTally.objects.get(directive=first).statements == 2
    assert kept() == counted()


def test_the_recount_command_puts_right_counts_changed_behind_the_triggers_back(world):
    SpeakerTally.objects.filter(speaker=world["cuong"]).update(statements=0)
    out = io.StringIO()
    call_command("recount_statements", stdout=out)
    assert kept() == counted()
    assert "3 speakers and 3 directives" in out.getvalue()
