"""The day-in-the-life drill's check that no reader is served a rejected statement
(`make drill-day` runs it against gunicorn; here on records made up for the purpose)."""

import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def drill():
    sys.path.insert(0, str(SCRIPTS))
    try:
        yield importlib.import_module("drill_day")
    finally:
        sys.path.remove(str(SCRIPTS))


def response(path, started, shown=(), status=200):
    """A reader's record: kind, path, began, ended, status, cache header, statements shown."""
    return ["article", path, started, started + 0.01, status, "hit", list(shown)]


PAGES = {7: {"/articles/hoi-dam/", "/statements/7/"}}


def test_a_page_still_showing_a_statement_after_its_rejection_returned_is_a_violation(drill):
    records = [response("/articles/hoi-dam/", 10.5, shown=[7])]
    violations, checked = drill.check_rejections({7: 10.0}, records, PAGES)
    assert [v["statement"] for v in violations] == [7]
    assert checked == 1


def test_responses_begun_before_the_rejection_may_show_it(drill):
    records = [response("/articles/hoi-dam/", 9.9, shown=[7]), response("/statements/7/", 9.95, shown=[7])]
    assert drill.check_rejections({7: 10.0}, records, PAGES) == ([], 0)


def test_pages_that_no_longer_show_it_are_counted_as_checked(drill):
    records = [
        response("/articles/hoi-dam/", 10.2),
        response("/statements/7/", 10.3, status=410),
        response("/articles/khac/", 10.4),
    ]
    assert drill.check_rejections({7: 10.0}, records, PAGES) == ([], 2)


def test_another_page_showing_the_rejected_statement_is_caught_too(drill):
    records = [response("/speakers/nguyen-van-a/", 11.0, shown=[7])]
    violations, checked = drill.check_rejections({7: 10.0}, records, PAGES)
    assert [v["path"] for v in violations] == ["/speakers/nguyen-van-a/"]
    assert checked == 0
