"""Names to rows for a run of articles: the same rows and slugs as one article at a time."""

import pytest

from articles.extraction import DirectiveRef, Extraction, Person, Statement
from articles.ingest.naming import Directives, Speakers, unique_slugs
from articles.models import Directive, DirectiveAlias, Speaker
from tests.support import factories

pytestmark = pytest.mark.django_db


def test_slugs_skip_those_taken_in_the_table_and_earlier_in_the_list():
    Speaker.objects.create(name="Lê Hoài Trung", slug="le-hoai-trung")
    Speaker.objects.create(name="Lê Hoài Trung (2)", slug="le-hoai-trung-3")
    assert unique_slugs(Speaker, ["Lê Hoài Trung", "Lê Hoài Trung", "Lê Hoài Trung", "Đặng Thị Đào"]) == [
        "le-hoai-trung-2",
        "le-hoai-trung-4",
        "le-hoai-trung-5",
        "dang-thi-dao",
    ]


def test_a_slug_taken_many_times_over_is_found_in_two_queries(django_assert_max_num_queries):
    Speaker.objects.bulk_create([Speaker(name=f"An {n}", slug="an" if n == 1 else f"an-{n}") for n in range(1, 300)])
    Speaker.objects.filter(slug="an-170").delete()
    Speaker.objects.create(name="An Giang", slug="an-giang")
    with django_assert_max_num_queries(2):
        assert unique_slugs(Speaker, ["An", "An", "An Giang", "An"]) == ["an-170", "an-300", "an-giang-2", "an-301"]


def test_a_name_the_first_article_of_a_run_creates_is_found_by_the_next():
    factories.speaker("Nguyễn Minh Vũ", aliases=["Ông Vũ"])
    speakers = Speakers({"Nguyễn Minh Vũ", "Ông Vũ", "Phạm Thu Hằng"})
    first = speakers.resolve([Person("Ông Vũ"), Person("Phạm Thu Hằng", kind="person")])
    second = speakers.resolve([Person("Phạm Thu Hằng", kind="organization")])
    speakers.save()
    assert first["Ông Vũ"].name == "Nguyễn Minh Vũ"
    assert second["Phạm Thu Hằng"] is first["Phạm Thu Hằng"]
    hang = Speaker.objects.get(name="Phạm Thu Hằng")
    assert (hang.kind, hang.slug, hang.history.count()) == ("person", "pham-thu-hang", 1)


def test_an_alias_stored_earlier_in_the_run_is_honoured_and_the_first_claim_keeps_it():
    nq = DirectiveRef("Nghị quyết 18-NQ/TW", "resolution", aliases=("Nghị quyết 18", "NQ18"))
    other = DirectiveRef("Nghị quyết 59-NQ/TW", "resolution", aliases=("NQ18",))
    by_alias = Extraction(statements=(Statement(0, 5, "Câu.", None, "reported", ("Nghị quyết 18",)),))
    directives = Directives({"Nghị quyết 18-NQ/TW", "Nghị quyết 18", "NQ18", "Nghị quyết 59-NQ/TW"})
    first = directives.resolve(Extraction(directives=(nq,)))
    second = directives.resolve(Extraction(directives=(other,)))
    third = directives.resolve(by_alias)
    directives.save()
    assert third["Nghị quyết 18"] is first["Nghị quyết 18-NQ/TW"]
    assert DirectiveAlias.objects.get(name="NQ18").directive == Directive.objects.get(name="Nghị quyết 18-NQ/TW")
    assert second["Nghị quyết 59-NQ/TW"].pk is not None
    assert Directive.objects.count() == 2


def test_a_speaker_never_takes_the_address_of_the_compare_page():
    assert unique_slugs(Speaker, ["Compare", "compare"]) == ["compare-2", "compare-3"]
    assert unique_slugs(Directive, ["Compare"]) == ["compare"]  # /directives/ has no such page


def test_the_database_refuses_a_speaker_at_a_page_address():
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError):
        Speaker(name="So sánh", slug="compare").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.create(name="So sánh", slug="compare")
