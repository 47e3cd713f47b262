"""The interface's words: sort labels that say what they do, in both languages, and no
interface string of one language left in the other on the public pages."""

import html
import os
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from tests.support.words import catalog, in_language, visible, words

pytestmark = pytest.mark.django_db

SORTS = {
    "vi": ["Ngày, cũ nhất trước", "Ngày, mới nhất trước", "Tiêu đề, A → Z", "Tiêu đề, Z → A"],
    "en": ["Date, oldest first", "Date, newest first", "Title, A to Z", "Title, Z to A"],
}
SPEAKER_SORTS = {
    "vi": ["Nhiều phát biểu nhất trước", "Ít phát biểu nhất trước", "Tên, A → Z", "Tên, Z → A"],
    "en": ["Most statements first", "Fewest statements first", "Name, A to Z", "Name, Z to A"],
}


def options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return {
        value: html.unescape(label) for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
    }


@pytest.mark.parametrize("language", ["vi", "en"])
def test_sort_labels_say_what_they_do_in_each_language(client, world, language):
    page = in_language(client, language).get("/articles/").content.decode()
    sorts = options(page, "sort")
    oldest, newest, a_to_z, z_to_a = SORTS[language]
    assert (sorts["date"], sorts["-date"], sorts["title"], sorts["-title"]) == (oldest, newest, a_to_z, z_to_a)
    assert "descending" not in page
    statements = options(in_language(client, language).get("/statements/").content.decode(), "sort")
    assert (statements["date"], statements["-date"]) == (oldest, newest)
    speakers = options(in_language(client, language).get("/speakers/").content.decode(), "sort")
    most, fewest, name_a_to_z, name_z_to_a = SPEAKER_SORTS[language]
    assert (speakers["-statements"], speakers["statements"], speakers["name"], speakers["-name"]) == (
        most,
        fewest,
        name_a_to_z,
        name_z_to_a,
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_newest_first_lists_the_newest_first(client, world, language):
    page = in_language(client, language).get("/articles/?sort=-date").content.decode()
    assert page.index(world["interview"].title) < page.index(world["speech"].title)
    page = in_language(client, language).get("/articles/?sort=date").content.decode()
    assert page.index(world["speech"].title) < page.index(world["interview"].title)


def test_most_statements_first_lists_the_most_quoted_first(client, world):
    # Two statements each for the minister and his deputy, one for the leader they quote.
    most = client.get("/speakers/?sort=-statements").content.decode()
    fewest = client.get("/speakers/?sort=statements").content.decode()
    for name in (world["cuong"].name, world["trung"].name):
        assert most.index(name) < most.index(world["leader"].name)
        assert fewest.index(world["leader"].name) < fewest.index(name)


def public_pages(world) -> list[str]:
    return [
        "/",
        "/articles/",
        world["interview"].get_absolute_url(),
        "/speakers/",
        world["cuong"].get_absolute_url(),
        "/directives/",
        world["autonomy"].get_absolute_url(),
        "/statements/",
        world["outer"].get_absolute_url(),
        "/search/?q=tu+chu",
        f"/speakers/compare/?a={world['cuong'].slug}&b={world['trung'].slug}",
        "/no-such-page/",
    ]


def test_no_english_interface_string_is_left_on_the_vietnamese_pages(client, world):
    # Phrases of three words and more: one- and two-word strings ("Policy Archive",
    # "JSON API") may rightly read the same in both.
    english = [e for e, v in catalog().items() if words(e) >= 3 and e != v]
    for url in public_pages(world):
        text = visible(in_language(client, "vi").get(url).content.decode())
        left = [e for e in english if e in text]
        assert left == [], url


def test_no_vietnamese_interface_string_is_on_the_english_pages(client, world):
    vietnamese = [v for e, v in catalog().items() if words(v) >= 3 and e != v]
    for url in public_pages(world):
        text = visible(in_language(client, "en").get(url).content.decode())
        left = [v for v in vietnamese if v in text]
        assert left == [], url


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_makemessages_leaves_nothing_untranslated_or_fuzzy(tmp_path, monkeypatch, domain):
    """The catalogs regenerated from today's code, in a copy: every string of the code and
    templates has its Vietnamese, none is a guess msgmerge made from a similar string."""
    for name in ("articles", "templates", "policy_archive"):
        (tmp_path / name).symlink_to(settings.BASE_DIR / name)
    shutil.copytree(settings.LOCALE_PATHS[0], tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[]):
        call_command("makemessages", locale=["vi"], domain=domain, no_obsolete=True, symlinks=True, verbosity=0)
    catalog_file = tmp_path / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
    said = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalog_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", said), said
