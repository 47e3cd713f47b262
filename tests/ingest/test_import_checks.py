"""import_archive checks the whole file before writing anything: each bad record is one line
naming it, the command exits non-zero, and the archive stays empty. A large file is read a
record at a time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest.archive import export_archive
from articles.models import Article, Directive, Quote, QuoteLink, Speaker
from tests.support import factories
from tests.support.exports import write_large_export
from tests.support.sources import database_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def exported():
    """The sample archive as an export, and the database emptied for the import."""
    factories.sample_archive()
    data = export_archive()
    for model in (QuoteLink, Quote, Article, Speaker, Directive):
        model.objects.all().delete()
    return data


def first_quote(data):
    return next(a for a in data["articles"] if a["quotes"])["quotes"][0]


def where(data, section, index):
    row = data[section][index]
    return f"{section}[{index}] {row.get('name', row.get('source_file'))!r}"


def duplicate_id(data):
    article = next(a for a in data["articles"] if a["quotes"])
    article["quotes"].append({**article["quotes"][0], "origin": "editor"})
    return f"duplicate statement id {article['quotes'][0]['id']}"


def duplicate_name(data):
    data["speakers"].append({**data["speakers"][0], "slug": "mot-nguoi-khac", "aliases": []})
    last = len(data["speakers"]) - 1
    return f"speakers[{last}] {data['speakers'][0]['name']!r}: duplicate speaker name"


def duplicate_slug(data):
    data["directives"][1]["slug"] = data["directives"][0]["slug"]
    return f"{where(data, 'directives', 1)}: duplicate directive slug {data['directives'][0]['slug']!r}"


def dangling_link(data):
    data["links"][0]["to"] = 999_999
    return "links[0] '"


def dangling_directive(data):
    data["directives"][0]["parent"] = "Nghị quyết không có"
    return "unknown parent directive 'Nghị quyết không có'"


def nul_byte(data):
    data["articles"][0]["title"] = "Tiêu đề\x00"
    return f"{where(data, 'articles', 0)}: NUL byte in title"


def out_of_range(data):
    first_quote(data)["start"] = -5
    return "start -5 is out of range"


def huge_version(data):
    data["speakers"][0]["version"] = 2**40
    return f"{where(data, 'speakers', 0)}: version {2**40} is out of range"


def unknown_status(data):
    first_quote(data)["status"] = "Rejected"
    return "unknown status 'Rejected' (one of suggested, confirmed, rejected)"


def unknown_kind(data):
    data["links"][0]["kind"] = "agrees"
    return "unknown kind 'agrees'"


def quoted_by_nobody(data):
    quote = first_quote(data)
    quote["quoted_by"] = 987654
    return f"statement {quote['id']}: quoted by unknown statement 987654"


def bad_group(data):
    first_quote(data)["restatement_group"] = "one"
    return "restatement_group is not a whole number"


BAD = [
    quoted_by_nobody,
    bad_group,
    duplicate_id,
    duplicate_name,
    duplicate_slug,
    dangling_link,
    dangling_directive,
    nul_byte,
    out_of_range,
    huge_version,
    unknown_status,
    unknown_kind,
]


@pytest.mark.parametrize("spoil", BAD, ids=lambda f: f.__name__)
def test_a_bad_record_is_one_line_naming_it_and_nothing_is_written(exported, spoil, tmp_path, capsys):
    expected = spoil(exported)
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"archive\.json: 1 problem\(s\); nothing imported"):
        call_command("import_archive", str(path))
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"{path}: ") and expected in line, line
    assert not (Article.objects.exists() or Speaker.objects.exists() or Directive.objects.exists())


def test_absurd_nesting_is_refused_before_it_is_built(exported, tmp_path, capsys):
    path = tmp_path / "deep.json"
    text = json.dumps(exported, ensure_ascii=False)
    # A title that is a list nested a hundred thousand deep, as a hostile file might hold.
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(text.replace('"title": ', f'"title": {deep}, "x": ', 1), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_archive", str(path))
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{path}: articles[0]: nested deeper than 8 levels"]
    assert not Article.objects.exists()


def test_every_problem_is_listed_not_only_the_first(exported, tmp_path, capsys):
    unknown_status(exported)
    nul_byte(exported)
    dangling_link(exported)
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"3 problem\(s\)"):
        call_command("import_archive", str(path))
    assert len(capsys.readouterr().err.strip().splitlines()) == 3


def test_not_json_and_not_an_archive_are_one_line_each(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "policy-archive/1", "articles": [', encoding="utf-8")
    with pytest.raises(CommandError, match="broken.json: not valid JSON"):
        call_command("import_archive", str(broken))
    other = tmp_path / "other.json"
    other.write_text('{"format": "policy-archive/1", "articles": 7}', encoding="utf-8")
    with pytest.raises(CommandError, match="other.json: articles: expected a list"):
        call_command("import_archive", str(other))


def test_a_good_file_imports_as_before(exported, tmp_path):
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    call_command("import_archive", str(path))
    assert export_archive() == exported


CHECK_ONLY = r"""
import re, sys
import django
django.setup()
from articles.ingest.archive_checks import check
from articles.ingest.archive_source import FileSource
check(FileSource(sys.argv[1]))
# VmHWM, not ru_maxrss: Linux carries a parent's ru_maxrss over into the child it starts.
print(int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) // 1024)
"""


def test_checking_a_large_file_reads_it_a_record_at_a_time(tmp_path):
    """Peak memory of checking a 60 MB file, in a process of its own: json.load of it alone
    takes several hundred MB; read a record at a time it stays near a bare Django process."""
    path = tmp_path / "large.json"
    write_large_export(path, 60)
    env = dict(os.environ, DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="tests.settings")
    done = subprocess.run(
        [sys.executable, "-c", CHECK_ONLY, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    peak_mb = int(done.stdout.strip().splitlines()[-1])
    assert peak_mb < 150, peak_mb
