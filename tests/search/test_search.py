"""Search: the same answers on SQLite and PostgreSQL (CI runs this file on both)."""

import importlib
import unicodedata

import pytest
from django.db import connection

from articles.folding import search_key
from articles.ingest.archive import export_archive, import_archive
from articles.ingest.loading import load_paths
from articles.models import Article, Quote, Speaker
from articles.search import results as archive_search
from articles.search.query import MAX_CHUNKS
from articles.search.results import listing, matching, parse, search
from articles.search.snippets import highlight
from tests.support import factories as f

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite searches the folded column")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL searches its vectors")


def titles(queryset):
    return [a.title for a in queryset]


# --- the query language (pure) ---------------------------------------------------------


def test_parse_folds_words_and_keeps_quoted_phrases_together():
    query = parse('Tự chủ "chiến lược" “đối ngoại Việt Nam”')
    assert [c.words for c in query.chunks] == [("tu",), ("chu",), ("chien", "luoc"), ("doi", "ngoai", "viet", "nam")]


def test_parse_reads_a_word_with_inner_punctuation_as_a_phrase():
    assert [c.words for c in parse("COVID-19/2020").chunks] == [("covid", "19", "2020")]


def test_parse_reads_a_document_number_however_it_is_written():
    spellings = ["59-KL/TW", "KL 59", "kl59", "Kết luận 59", "ket luan so 59", "Kết luận số 59-KL/TW"]
    for text in spellings:
        [chunk] = parse(text).chunks
        assert (chunk.number, chunk.abbreviation) == ("59", "kl"), text


def test_parse_ignores_punctuation_control_characters_and_an_unmatched_quote():
    assert not parse('  !!! \x00 " ')
    assert [c.words for c in parse('"tự chủ').chunks] == [("tu",), ("chu",)]


def test_parse_cuts_very_long_queries():
    query = parse("chủ " * 10_000)
    assert len(query.chunks) == 1
    assert len(parse(" ".join(f"w{i}" for i in range(100))).chunks) == MAX_CHUNKS


def test_search_key_is_space_padded_folded_words():
    assert search_key("Đảng: Tự chủ, CHIẾN-lược!") == " dang tu chu chien luoc "
    assert search_key(unicodedata.normalize("NFD", "Tự chủ")) == " tu chu "
    assert search_key("") == ""


def test_highlight_marks_words_without_accents_and_merges_neighbours():
    html = highlight("Văn kiện bổ sung quan điểm “tự chủ chiến lược”.", "tu chu chien luoc")
    assert html == "Văn kiện bổ sung quan điểm “<mark>tự chủ chiến lược</mark>”."


def test_highlight_escapes_the_text_and_crops_around_the_first_match():
    text = "<b>mở đầu</b> " + "lấp đầy " * 60 + "Nguyễn Mạnh Cường phát biểu " + "tiếp theo " * 60
    html = highlight(text, "nguyen manh cuong", width=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Nguyễn Mạnh Cường</mark>" in html and "<b>" not in html
    assert len(html) < 200


def test_highlight_matches_a_phrase_only_where_its_words_are_together():
    assert "<mark>" not in highlight("chiến lược tự chủ", '"tự chủ chiến lược"')


# --- the database ----------------------------------------------------------------------


def test_search_finds_statements_without_accents(world):
    found = search("tu chu chien luoc", "statements")
    assert world["trung_quote"] in found and world["outer"] in found


def test_search_is_insensitive_to_case_d_and_normal_form(world):
    for text in ["TỰ CHỦ CHIẾN LƯỢC", unicodedata.normalize("NFD", "tự chủ chiến lược"), "Tu Chu Chien Luoc"]:
        assert world["trung_quote"] in search(text, "statements"), text
    assert list(search("dai hoi xiv", "directives"))[0] == world["congress"]
    assert world["congress"] in search("ĐẠI HỘI", "directives")


def test_search_finds_a_speaker_by_folded_name_and_by_alias(world):
    assert list(search("nguyen manh cuong", "speakers")) == [world["cuong"]]
    other = f.speaker("Phạm Thu Hằng", aliases=["Người phát ngôn Bộ Ngoại giao"])
    assert list(search("nguoi phat ngon", "speakers")) == [other]


def test_search_finds_a_directive_by_code(world):
    assert world["conclusion"] in search("59-KL/TW", "directives")


def test_a_quoted_phrase_must_occur_as_written(world):
    jumbled = f.article("Bài đảo", ["Chiến lược là tự chủ trong mọi việc."])
    assert jumbled in search("tu chu chien luoc", "articles")
    assert jumbled not in search('"tu chu chien luoc"', "articles")
    assert world["speech"] in search('"tự chủ chiến lược"', "articles")


def test_every_word_must_occur_as_a_whole_word(world):
    assert not matching("chien luocx", "statements").exists()
    assert not matching("tu chu chien luoc zzzqqq", "statements").exists()


def test_a_title_match_ranks_above_a_body_match():
    body_only = f.article(
        "Bài về kinh tế", ["Ngoại giao kinh tế và tự chủ chiến lược được nhắc tới."], published_on="2026-03-01"
    )
    in_title = f.article("Tự chủ chiến lược là quan điểm chỉ đạo", ["Nội dung khác."], published_on="2026-01-01")
    assert titles(search("tu chu chien luoc", "articles"))[:2] == [in_title.title, body_only.title]


def test_rejected_statements_and_drafts_are_never_found(world):
    assert world["rejected"] not in search("nghi quyet dai hoi xiv chi ro", "statements")
    draft = f.article("Bản nháp tự chủ chiến lược", ["Bản nháp."], status="draft")
    assert draft not in search("ban nhap", "articles")


def test_a_narrowed_queryset_stays_narrow(world):
    only_trung = Quote.objects.public().filter(speaker=world["trung"])
    assert set(search("tu chu chien luoc", "statements", only_trung)) == {world["trung_quote"]}


def test_nothing_searchable_finds_nothing(world):
    assert not matching("!!! ??", "articles").exists()


def test_odd_unicode_and_huge_queries_do_not_break_the_database(world):
    for text in ["\x00tự", "a" * 5000, "𝔱𝔲 🇻🇳 ‮ chủ", "%_\\'\"; DROP TABLE", "ǆ ß ﬁ İ"]:
        list(search(text, "articles"))
        list(search(text, "statements"))
        list(search(text, "speakers"))
        list(search(text, "directives"))


# --- best first, block by block ---------------------------------------------------------


@pytest.fixture
def cooperation():
    """Five articles on "hợp tác", newest first; the second and the fourth have it in the title."""
    rows = [
        ("Tin tháng năm", "2026-05-01"),
        ("Hợp tác khu vực", "2026-04-01"),
        ("Tin tháng ba", "2026-03-01"),
        ("Hợp tác đa phương", "2026-02-01"),
        ("Tin tháng một", "2026-01-01"),
    ]
    return [f.article(title, ["Bài viết về hợp tác quốc tế."], published_on=day) for title, day in rows]


def test_search_and_matching_agree_on_what_matches(world, cooperation):
    for text, kind in [
        ("tu chu chien luoc", "statements"),
        ("hop tac", "articles"),
        ("dai hoi", "directives"),
        ("nguyen", "speakers"),
        ('"tu chu chien luoc"', "articles"),
    ]:
        found = set(matching(text, kind))
        assert found and set(search(text, kind)) == found, text


def test_up_to_whole_matches_are_ranked_together(monkeypatch, cooperation):
    newest, title_2, middle, title_4, oldest = cooperation
    monkeypatch.setattr(archive_search, "WHOLE", 5)
    monkeypatch.setattr(archive_search, "BLOCK", 2)
    assert list(search("hop tac", "articles")) == [title_2, title_4, newest, middle, oldest]


def test_more_matches_are_ranked_within_blocks_of_the_newest(monkeypatch, cooperation):
    newest, title_2, middle, title_4, oldest = cooperation
    monkeypatch.setattr(archive_search, "WHOLE", 4)
    monkeypatch.setattr(archive_search, "BLOCK", 2)
    assert list(search("hop tac", "articles")) == [title_2, newest, title_4, middle, oldest]
    # The same through a paginator's count, which tells the results they are broad.
    results = search("hop tac", "articles")
    assert results.count(10) == 5 and results[0:3] == [title_2, newest, title_4]


def test_results_slice_across_blocks_and_count_only_so_far(monkeypatch, cooperation):
    monkeypatch.setattr(archive_search, "WHOLE", 3)
    monkeypatch.setattr(archive_search, "BLOCK", 2)
    results = search("hop tac", "articles")
    assert results[1:4] == list(results)[1:4] == [cooperation[0], cooperation[3], cooperation[2]]
    assert results[4] == cooperation[4] and results[5:] == []
    with pytest.raises(IndexError):
        results[5]
    assert (results.count(), results.count(3), results.count(10)) == (5, 3, 5)


def test_the_search_page_tells_how_broad_results_are_ranked(client, monkeypatch, cooperation):
    monkeypatch.setattr(archive_search, "WHOLE", 3)
    monkeypatch.setattr(archive_search, "BLOCK", 2)
    page = client.get("/search/", {"q": "hop tac"}, headers={"accept-language": "en"})
    assert (
        "More than 3 matches: they are ranked by relevance 2 at a time, the newest 2 first, then the 2 before them"
    ) in page.content.decode()


def find_by(results, strategy):
    """Make ``results`` find its rows one way: the matches its count read (``first``) or a
    query (a strategy); the count has run."""
    if strategy == "first":
        # PostgreSQL's count read the first rows in order; SQLite's found only how many.
        assert bool(results.first) == (connection.vendor == "postgresql")
    else:
        results.strategy, results.first = strategy, []


@pytest.mark.parametrize("strategy", [None, "walk", "gather", "first"])
def test_every_way_to_find_a_block_or_a_page_finds_the_same_rows(monkeypatch, cooperation, strategy):
    """PostgreSQL reads newest first or gathers from the index depending on the count
    (``search_sql.postgres``), or takes the matches the count read; either way the rows are
    the same. SQLite has one way."""
    newest, title_2, middle, title_4, oldest = cooperation
    monkeypatch.setattr(archive_search, "WHOLE", 3)
    monkeypatch.setattr(archive_search, "BLOCK", 2)
    results = search("hop tac", "articles")
    assert results.count(4) == 4 and results.broad
    find_by(results, strategy)
    assert list(results) == [title_2, newest, title_4, middle, oldest]
    listed = listing("hop tac", "articles", Article.objects.published().order_by("published_on"), per_page=2)
    assert listed.count(4) == 4
    find_by(listed, strategy)
    assert (listed[0:2], listed[2:4], listed[4:6]) == ([oldest, title_4], [middle, title_2], [newest])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one way to find rows")
def test_a_common_word_is_read_newest_first_and_a_sparse_one_gathered(monkeypatch, cooperation):
    monkeypatch.setattr(archive_search, "WHOLE", 3)
    for i in range(40):
        f.article(f"Tin vắn {i}", ["Không có gì."], published_on="2026-06-01")
    dense = listing("tin", "articles", Article.objects.published().order_by("-published_on"), per_page=2)
    sparse = listing("hop tac", "articles", Article.objects.published().order_by("-published_on"), per_page=2)
    assert (dense.count(4), sparse.count(4)) == (4, 4)
    assert (dense.strategy, sparse.strategy) == ("walk", "gather")
    assert sparse[0:2] == cooperation[:2]


def test_nothing_searchable_gives_empty_results(world):
    results = search("!!! ??", "statements")
    assert (results.count(), results[:20], list(results)) == (0, [], [])


# --- the folded column stays in step with the text --------------------------------------


def folded(model, pk) -> str:
    return model.objects.values_list("search_folded", flat=True).get(pk=pk)


@sqlite_only
def test_save_fills_the_folded_column(world):
    article = Article.objects.get(pk=world["speech"].pk)
    assert " tu chu chien luoc " in article.search_folded
    article.title = "Đổi tiêu đề Hà Nội"
    article.save(update_fields=["title"])
    article.refresh_from_db()
    assert article.search_folded.startswith(" doi tieu de ha noi ")


@sqlite_only
def test_bulk_create_and_update_fill_the_folded_column(world):
    [q] = f.many_quotes(world["speech"], 1)
    assert folded(Quote, q.pk) == search_key(q.text)
    Quote.objects.filter(pk=q.pk).update(text="Hợp tác Đông Nam Á")
    assert folded(Quote, q.pk) == " hop tac dong nam a "


@postgres_only
def test_postgresql_which_searches_its_vectors_stores_no_folded_copy(world):
    [q] = f.many_quotes(world["speech"], 1)
    Quote.objects.filter(pk=q.pk).update(text="Hợp tác Đông Nam Á")
    article = Article.objects.get(pk=world["speech"].pk)
    article.save()
    assert (folded(Quote, q.pk), folded(Article, article.pk)) == ("", "")


def test_a_changed_text_is_found_by_its_new_words(world):
    """SQLite refills its folded column; PostgreSQL's generated column follows by itself."""
    Article.objects.filter(pk=world["speech"].pk).update(title="Hội nghị Diên Hồng")
    Quote.objects.filter(pk=world["outer"].pk).update(text="Hợp tác Đông Nam Á")
    assert list(matching("dien hong", "articles")) == [world["speech"]]
    assert list(search("dong nam a", "statements")) == [world["outer"]]
    assert world["outer"] not in matching("van kien", "statements")


def test_loaded_articles_are_searchable(seed_dir):
    load_paths([seed_dir])
    assert search("tu chu chien luoc", "articles").count() == 2
    assert search('"doi ngoai kien tao moi truong"', "articles").count() == 1


def test_imported_archives_are_searchable(world):
    data = export_archive()
    for model in (Quote, Article, Speaker):
        model.objects.all().delete()
    from articles.models import Directive

    Directive.objects.all().delete()
    import_archive(data)
    assert search("tu chu chien luoc", "statements").count() == 2
    assert search("le hoai trung", "speakers").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL only")
def test_postgresql_answers_from_the_gin_indexes(world):
    """The filter, and the ranking of a query with up to WHOLE matches, find rows through the
    GIN indexes of migration 0005's stored columns (the tables are tiny here, so the planner
    is told to prefer indexes and to leave the other indexes aside). Broader queries read
    newest first on purpose (``postgres.newest_articles``)."""
    from articles.models import Directive

    cases = [
        (Article, "articles", "article_search_vector_idx"),
        (Quote, "statements", "quote_search_vector_idx"),
        (Speaker, "speakers", "speaker_search_vector_idx"),
        (Directive, "directives", "directive_search_vector_idx"),
        (Speaker, "speakers", "speakeralias_search_vector_idx"),
        (Directive, "directives", "directivealias_search_vector_idx"),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for model, kind, index in cases:
            results = search("tu chu chien luoc", kind, model.objects.all())
            for queryset in (
                matching("tu chu chien luoc", kind, model.objects.all()),
                results.ranked(results.matches()),
            ):
                sql, params = queryset.query.sql_with_params()
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert index in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vectors exist on PostgreSQL only")
def test_the_stored_vectors_are_the_indexed_expressions_of_before(world):
    """Migration 0005's columns hold what 0003's indexes held, so a query means the same."""
    vectors = importlib.import_module("articles.migrations.0005_search_vectors").VECTORS
    with connection.cursor() as cursor:
        for table, (expression, _) in vectors.items():
            cursor.execute(f"SELECT count(*), bool_and(search_vector = {expression}) FROM {table}")
            count, same = cursor.fetchone()
            assert count and same, table
