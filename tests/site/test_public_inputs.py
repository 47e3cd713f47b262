"""Whatever a reader or a bot puts in the address bar: a page or a 400, never a 500."""

from urllib.parse import quote as urlquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LISTS = [
    "/articles/",
    "/statements/",
    "/speakers/",
    "/directives/",
    "/search/",
    "/statements.csv",
    "/api/articles/",
    "/api/quotes/",
    "/api/speakers/",
    "/api/directives/",
]
PARAMETERS = [
    "q",
    "page",
    "published_after",
    "published_before",
    "speaker",
    "directive",
    "kind",
    "sort",
    "type",
    "article",
    "reviewed",
]
HOSTILE = [
    "2026-13-45",
    "0000-00-00",
    "99999-01-01",
    "-1",
    "1e400",
    "9" * 400,
    "NaN",
    "",
    " ",
    "\x00",
    "%00",
    "tự chủ" * 2000,
    "\u202e\u200b\ufeff",
    "𝔱𝔲 🇻🇳",
    "ǆ ß ﬁ İ",
    "e\u0301" * 50,
    '"',
    '"""',
    "' OR 1=1 --",
    "%_\\",
    "{{ 1 }}{% debug %}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "đ" * 301,
]


def fetch(client, path, query=""):
    response = client.get(f"{path}?{query}" if query else path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_in_any_filter_give_200_or_400(client, world, path, value):
    query = "&".join(f"{name}={urlquote(value, safe='')}" for name in PARAMETERS)
    assert fetch(client, path, query) in (200, 400)


def no_such_page(path: str) -> int:
    """The pages answer a page that is not there with the last or the first page, for a
    reader who followed an old link; the API answers 404, so a client paging never loops."""
    return 404 if path.startswith("/api/") else 200


@pytest.mark.parametrize("path", LISTS)
def test_huge_page_numbers_give_the_last_page_or_404_in_the_api(client, world, path):
    assert fetch(client, path, "q=tu&page=99999999999999999999999999") == no_such_page(path)
    assert fetch(client, path, "q=tu&page=%EF%BC%92") == no_such_page(path)  # a full-width digit


def test_malformed_dates_are_reported_not_crashed_on(client, world):
    response = client.get("/statements/?published_after=2026-02-30")
    assert response.status_code == 200
    assert "Một số bộ lọc không đọc được" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/statements/99999999999999999999999/",
        "/articles/x/",
        "/speakers/%C4%91/",
        "/directives/" + "a" * 500 + "/",
        "/feeds/directives/khong-co/",
    ],
)
def test_unknown_details_are_404(client, world, path):
    assert fetch(client, path) == 404


def test_invalid_utf8_in_the_query_string(client, world):
    assert fetch(client, "/search/", "q=%C3%28%FF%FE") == 200
    assert fetch(client, "/statements/", "q=%ED%A0%80&speaker=%ED%A0%80") == 200  # an encoded lone surrogate
    assert fetch(client, "/api/quotes/", "speaker=%C3%28") == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(st.characters(exclude_categories=["Cs"]), max_size=400),
    path=st.sampled_from(LISTS),
    name=st.sampled_from(PARAMETERS),
)
def test_any_text_in_any_parameter_gives_200_or_400(client, world, text, path, name):
    allowed = (200, 400, no_such_page(path)) if name == "page" else (200, 400)
    assert fetch(client, path, f"{name}={urlquote(text, safe='')}") in allowed
