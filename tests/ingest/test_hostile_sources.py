"""Source files a loader must refuse, or load, without stopping the run: huge articles, a
million one-word lines, symbolic links out of the source directory, broken links."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.extraction.parsing import Limits, ParseError, parse_source
from articles.ingest.loading import load_paths
from articles.models import Article
from tests.support.sources import write_source

pytestmark = pytest.mark.django_db


def huge_article(directory, name: str, size: int):
    """A valid article of about ``size`` bytes whose words are all different: PostgreSQL's
    search vector of its body is over its 1 MB limit."""
    words, paragraphs, length, n = [], [], 0, 0
    while length < size:
        words = [f"tu{n + i:07d}" for i in range(1500)]
        n += len(words)
        paragraphs.append(" ".join(words) + ".")
        length += len(paragraphs[-1]) + 1
    return write_source(directory, name, ["Bài rất dài về ngoại giao.", *paragraphs])


def test_a_three_megabyte_article_is_loaded_or_refused_in_one_line_and_the_run_goes_on(tmp_path, capsys):
    huge_article(tmp_path, "a_huge.txt", 3 * 1024 * 1024)
    write_source(tmp_path, "b_after.txt", ["Bộ trưởng Lê Hoài Trung cho biết, đối ngoại đi trước."])
    report = load_paths([tmp_path])
    assert str(tmp_path / "b_after.txt") in report.created
    assert Article.objects.filter(source_file="b_after.txt").exists()
    if connection.vendor == "postgresql":  # the body's search vector is over its 1 MB limit
        [(path, reason)] = report.failed
        assert path == str(tmp_path / "a_huge.txt")
        assert "\n" not in reason and "tsvector" in reason, reason
        assert not Article.objects.filter(source_file="a_huge.txt").exists()
    else:
        assert report.failed == []
        assert Article.objects.filter(source_file="a_huge.txt").exists()


def test_a_million_one_word_lines_are_refused_at_once(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_bytes(b"date 2026-03-01 mot\n" + b"tu\n" * 1_000_000)
    report = load_paths([path])
    assert report.failed == [(str(path), "1,000,001 paragraphs, over the limit of 2,000")]
    assert not Article.objects.exists()


def test_the_limits_are_the_settings(tmp_path, settings):
    settings.ARCHIVE_MAX_PARAGRAPHS = 2
    settings.ARCHIVE_MAX_PARAGRAPH_CHARS = 30
    three = write_source(tmp_path, "three.txt", ["Một.", "Hai.", "Ba."])
    long = write_source(tmp_path, "long.txt", ["Một.", "x" * 31])
    fits = write_source(tmp_path, "fits.txt", ["Một.", "x" * 30])
    report = load_paths([three, long, fits])
    assert dict(report.failed) == {
        str(three): "3 paragraphs, over the limit of 2",
        str(long): "paragraph 2 is 31 characters, over the limit of 30",
    }
    assert report.created == [str(fits)]


def test_parsing_counts_paragraphs_after_blank_lines_are_dropped():
    text = b"date 2026-03-01 Mot.\n\n   \nHai.\n"
    assert len(parse_source(text, limits=Limits(max_paragraphs=2)).paragraphs) == 2
    with pytest.raises(ParseError, match="over the limit of 1"):
        parse_source(text, limits=Limits(max_paragraphs=1))


def test_a_link_out_of_the_source_directory_is_refused_and_a_broken_one_named(tmp_path):
    sources, elsewhere = tmp_path / "sources", tmp_path / "elsewhere"
    sources.mkdir()
    elsewhere.mkdir()
    secret = write_source(elsewhere, "secret.txt", ["Bản nháp nội bộ, không được công bố."])
    inside = write_source(sources, "a.txt", ["Bài thật sự về ngoại giao."])
    os.symlink(secret, sources / "b_outside.txt")
    os.symlink(sources / "gone.txt", sources / "c_broken.txt")
    os.symlink(inside, sources / "d_inside.txt")
    report = load_paths([sources])
    failed = dict(report.failed)
    assert set(failed) == {str(sources / "b_outside.txt"), str(sources / "c_broken.txt")}
    assert "outside" in failed[str(sources / "b_outside.txt")]
    assert "broken symbolic link" in failed[str(sources / "c_broken.txt")]
    assert sorted(report.created) == [str(inside), str(sources / "d_inside.txt")]
    assert not Article.objects.filter(body__contains="nội bộ").exists()


def test_the_command_gives_one_line_per_refused_file_and_loads_the_rest(tmp_path, capsys):
    (tmp_path / "lines.txt").write_bytes(b"date 2026-03-01 mot\n" + b"tu\n" * 5000)
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "broken.txt")
    write_source(tmp_path, "good.txt", ["Bộ trưởng cho biết, đối ngoại đi trước."])
    with pytest.raises(CommandError, match="2 file"):
        call_command("load_seeds", str(tmp_path))
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [
        f"{tmp_path / 'broken.txt'}: broken symbolic link (to {tmp_path / 'nowhere.txt'})",
        f"{tmp_path / 'lines.txt'}: 5,001 paragraphs, over the limit of 2,000",
    ]
    assert "1 created" in out
