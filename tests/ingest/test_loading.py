"""The loader: idempotent, atomic per file, and it never loses an editor's work."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from articles.ingest.loading import load_file, load_paths
from articles.models import Article, Origin, Paragraph, Quote, Speaker, Status
from tests.support import factories
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db

BAD_FILES = {
    "empty.txt": b"",
    "no_date.txt": "Bài viết không có dòng ngày.\nĐoạn hai.".encode(),
    "bad_date.txt": b"date 2026-02-31 Ngay khong ton tai.",
    "latin1.txt": "date 2026-02-07 Chính sách".encode("cp1258", errors="replace") + b"\xe9\xff",
    "nul.txt": b"date 2026-02-07 a\x00b",
    "binary.txt": bytes(range(1, 32)) * 4,
}


def row_counts():
    return {m.__name__: m.objects.count() for m in (Article, Paragraph, Quote, Speaker)}


def test_seeds_load_with_their_dates_and_paragraphs(seed_dir):
    report = load_paths([seed_dir])
    assert (len(report.created), len(report.failed)) == (2, 0)
    article = Article.objects.get(source_file="001_0fdac95f36bda9b8.txt")
    assert article.published_on.isoformat() == "2026-02-07"
    paragraphs = list(article.paragraphs.all())
    assert paragraphs[0].role == Paragraph.Role.LEDE
    assert all(article.body[p.start : p.end] for p in paragraphs)
    assert article.title and article.slug.isascii()


def test_second_load_changes_nothing(seed_dir):
    load_paths([seed_dir])
    before = {a.pk: (a.updated_at, a.version) for a in Article.objects.all()}
    counts = row_counts()
    report = load_paths([seed_dir])
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, 2)
    assert {a.pk: (a.updated_at, a.version) for a in Article.objects.all()} == before
    assert row_counts() == counts


def test_bad_files_fail_alone_and_leave_nothing(seed_dir):
    for name, data in BAD_FILES.items():
        (seed_dir / name).write_bytes(data)
    report = load_paths([seed_dir])
    failed = dict(report.failed)
    assert len(report.created) == 2
    assert set(failed) == {str(seed_dir / n) for n in BAD_FILES}
    assert "empty" in failed[str(seed_dir / "empty.txt")]
    assert "no date line" in failed[str(seed_dir / "no_date.txt")]
    assert "invalid date" in failed[str(seed_dir / "bad_date.txt")]
    assert "not UTF-8" in failed[str(seed_dir / "latin1.txt")]
    assert "NUL" in failed[str(seed_dir / "nul.txt")]
    assert "binary" in failed[str(seed_dir / "binary.txt")]
    assert Article.objects.count() == 2


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = write_source(tmp_path, "big.txt", ["x" * 500])
    report = load_paths([path], max_bytes=100)
    assert "over the limit of 100" in report.failed[0][1]
    assert not Article.objects.exists()


def test_missing_path_is_reported(tmp_path):
    report = load_paths([tmp_path / "nowhere.txt"])
    assert report.failed == [(str(tmp_path / "nowhere.txt"), "no such file or directory")]


def test_command_names_each_bad_file_and_exits_non_zero(seed_dir, capsys):
    (seed_dir / "empty.txt").write_bytes(b"")
    (seed_dir / "no_date.txt").write_bytes(b"hello")
    with pytest.raises(CommandError, match="2 file"):
        call_command("load_seeds", str(seed_dir))
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert lines == [
        f"{seed_dir / 'empty.txt'}: file is empty",
        f"{seed_dir / 'no_date.txt'}: no date line: the text must begin with 'date YYYY-MM-DD'",
    ]
    assert "2 created, 0 updated, 0 unchanged, 2 failed" in out
    assert Article.objects.count() == 2


def test_command_says_when_nothing_changed(seed_dir, capsys):
    call_command("load_seeds", str(seed_dir))
    call_command("load_seeds", str(seed_dir))
    out = capsys.readouterr().out
    assert "0 created, 0 updated, 2 unchanged, 0 failed" in out
    assert "Nothing changed" in out


def test_a_failing_file_rolls_back_everything_it_wrote(tmp_path, monkeypatch):
    path = write_source(tmp_path, "a.txt", ["Ông Nguyễn Văn An cho biết, chính sách là đúng."])

    def explode(*args, **kwargs):
        raise RuntimeError("storage failed halfway")

    monkeypatch.setattr("articles.ingest.storing.restatement_index.index_and_link", explode)
    with pytest.raises(RuntimeError):
        load_file(path)
    assert row_counts() == {"Article": 0, "Paragraph": 0, "Quote": 0, "Speaker": 0}


def test_changed_file_updates_the_article(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Đoạn mở đầu của bài.", "Đoạn hai."])
    load_file(path)
    write_source(tmp_path, "a.txt", ["Đoạn mở đầu của bài.", "Đoạn hai đã sửa.", "Đoạn ba."], date="2026-03-02")
    assert load_file(path)[0] == "updated"
    article = Article.objects.get()
    assert article.published_on.isoformat() == "2026-03-02"
    assert article.paragraphs.count() == 3
    assert article.version == 2


def editors_quote(article, text, **fields):
    start = article.body.index(text)
    return Quote.objects.create(article=article, text=text, start=start, end=start + len(text), **fields)


def test_editors_work_survives_a_reload_of_a_changed_file(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu.", "Bộ trưởng nói chính sách nhất quán.", "Kết."])
    load_file(path)
    article = Article.objects.get()
    article.title, article.title_is_custom = "Tiêu đề của biên tập viên", True
    article.save()
    noted = editors_quote(
        article, "Bộ trưởng nói chính sách nhất quán.", note="Kiểm tra lại nguồn", status=Status.CONFIRMED
    )
    written = editors_quote(article, "Kết.", origin=Origin.EDITOR)
    write_source(
        tmp_path,
        "a.txt",
        ["Mở đầu mới, dài hơn trước.", "Đoạn chen vào.", "Bộ trưởng nói chính sách nhất quán.", "Kết."],
    )
    assert load_file(path)[0] == "updated"
    article.refresh_from_db()
    noted.refresh_from_db()
    written.refresh_from_db()
    assert article.title == "Tiêu đề của biên tập viên"
    assert (noted.note, noted.status, noted.anchored) == ("Kiểm tra lại nguồn", Status.CONFIRMED, True)
    assert article.body[noted.start : noted.end] == noted.text
    assert noted.start == article.body.index("Bộ trưởng nói")
    assert article.body[written.start : written.end] == "Kết."


def test_a_statement_whose_text_is_gone_is_kept_and_marked(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu.", "Câu sẽ bị xoá khỏi bài."])
    load_file(path)
    quote = editors_quote(Article.objects.get(), "Câu sẽ bị xoá khỏi bài.", status=Status.REJECTED)
    write_source(tmp_path, "a.txt", ["Mở đầu.", "Một câu khác hẳn."])
    load_file(path)
    quote.refresh_from_db()
    assert quote.anchored is False
    assert quote.status == Status.REJECTED
    assert quote.text == "Câu sẽ bị xoá khỏi bài."


def test_an_unedited_suggestion_keeps_its_id_and_follows_its_changed_text(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Mở đầu.", "Câu gợi ý."])
    load_file(path)
    article = Article.objects.get()
    stale = editors_quote(article, "Câu gợi ý.")
    write_source(tmp_path, "a.txt", ["Mở đầu.", "Câu gợi ý khác."])
    load_file(path)
    stale.refresh_from_db()
    article.refresh_from_db()
    assert (stale.anchored, stale.status, stale.source_changed) == (True, Status.SUGGESTED, True)
    assert article.body[stale.start : stale.end] == stale.text
    assert stale.text != "Câu gợi ý." and stale.previous_text == "Câu gợi ý."


def test_an_editor_title_is_not_replaced_but_a_derived_one_follows_the_lede(tmp_path):
    path = write_source(tmp_path, "a.txt", ["Tiêu đề cũ. Câu sau."])
    load_file(path)
    assert Article.objects.get().title == "Tiêu đề cũ"
    write_source(tmp_path, "a.txt", ["Tiêu đề mới. Câu sau."])
    load_file(path)
    assert Article.objects.get().title == "Tiêu đề mới"


def test_a_file_with_metadata_stores_its_provenance_and_an_editors_title_still_wins(tmp_path):
    path = tmp_path / "hoi_dam.txt"
    head = "title: Hội đàm Việt Nam - Nhật Bản\nurl: https://thoidiem.example/a.htm\noutlet: Báo Thời Điểm\n"
    path.write_text(head + "author: Minh Anh\ndate 2026-03-05 Chiều 4/3, hai bộ trưởng hội đàm.\n", encoding="utf-8")
    load_paths([path])
    article = Article.objects.get()
    assert (article.title, article.source_url, article.outlet, article.authors) == (
        "Hội đàm Việt Nam - Nhật Bản",
        "https://thoidiem.example/a.htm",
        "Báo Thời Điểm",
        ["Minh Anh"],
    )
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề biên tập", title_is_custom=True)
    path.write_text(head.replace("Hội đàm", "Hội kiến") + "date 2026-03-05 Chiều 4/3, hội kiến.\n", encoding="utf-8")
    assert load_paths([path]).updated == [str(path)]
    article.refresh_from_db()
    assert (article.title, article.body) == ("Tiêu đề biên tập", "Chiều 4/3, hội kiến.")


def test_the_database_refuses_two_articles_with_one_canonical_url():
    first = factories.article(source_file="a.txt")
    Article.objects.filter(pk=first.pk).update(source_url="https://thoidiem.example/a.htm")
    second = factories.article(source_file="b.txt")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=second.pk).update(source_url="https://thoidiem.example/a.htm")
    Article.objects.filter(pk=second.pk).update(source_url="")  # empty is no URL: many may have none
