"""A news page's HTML -> the parsed source: the article, its provenance, its captions; no furniture."""

import datetime

import pytest

from articles import extraction
from articles.extraction.types import Role
from articles.ingest.pages import PageError, parse_page
from tests.support.web import PAGES

FURNITURE = [
    "Trang chủ",  # menu and breadcrumb
    "Tin liên quan",  # related-articles box
    "Hội nghị Bộ trưởng Ngoại giao ASEAN",
    "Đọc nhiều nhất",  # sidebar
    "Quảng cáo",  # ads, top and inline
    "Giấy phép",  # footer
    "Trang sau",  # pagination
    "Bình luận",  # comments
    "Chia sẻ",  # share buttons
    "Từ khóa",  # tags
]


def page(name: str, url: str = "http://127.0.0.1/x"):
    return parse_page((PAGES / name).read_bytes(), url)


def roles(parsed):
    found = extraction.extract(parsed.body, [(p.start, p.end) for p in parsed.paragraphs], None, parsed.captions)
    return [b.role for b in found.blocks], found


def test_headline_outlet_canonical_url_authors_and_time_come_from_the_page():
    meta = page("thoidiem_hoi_dam.html").meta
    assert meta.title == "Việt Nam và Nhật Bản nhất trí nâng tầm hợp tác chuyển đổi số"
    assert meta.outlet == "Báo Thời Điểm"
    assert meta.url == "https://thoidiem.example/the-gioi/viet-nam-nhat-ban-nang-tam-hop-tac-20260305083000123.htm"
    assert meta.authors == ("Minh Anh", "Hoàng Lan")
    assert meta.published_at == datetime.datetime(2026, 3, 5, 1, 30, tzinfo=datetime.UTC)


def test_a_single_author_and_another_outlets_markup():
    parsed = page("hoabinh_hop_bao.html")
    assert (parsed.meta.outlet, parsed.meta.authors) == ("Tin Hòa Bình", ("Thu Trang",))
    assert parsed.published == datetime.date(2026, 3, 6)


@pytest.mark.parametrize("name", ["thoidiem_hoi_dam.html", "hoabinh_hop_bao.html"])
def test_menus_related_boxes_ads_footers_and_pagination_stay_out_of_the_body(name):
    body = page(name).body
    assert [words for words in FURNITURE if words in body] == []
    assert "Cùng chuyên mục" not in body and "Đăng nhập" not in body


def test_the_printed_lede_opens_the_body_and_the_headline_is_not_a_paragraph():
    parsed = page("thoidiem_hoi_dam.html")
    assert parsed.lede.startswith("Chiều 4/3, tại Hà Nội, Bộ trưởng Ngoại giao Lê Văn Thành đã hội đàm")
    assert parsed.meta.title not in [p.text for p in parsed.paragraphs]
    assert "Mở rộng hợp tác địa phương" in [p.text for p in parsed.paragraphs]  # a subheading stays


@pytest.mark.parametrize(
    "name, caption",
    [
        (
            "thoidiem_hoi_dam.html",
            "Bộ trưởng Lê Văn Thành và Bộ trưởng Sato Kenji tại buổi hội đàm ở Hà Nội Ảnh: Ngọc Hà",
        ),
        (
            "hoabinh_hop_bao.html",
            "Người phát ngôn Bộ Ngoại giao Phạm Thu Hà tại cuộc họp báo chiều 6/3. (Ảnh: Quang Hòa/Tin Hòa Bình)",
        ),
    ],
)
def test_captions_and_their_photo_credits_are_kept_as_captions(name, caption):
    parsed = page(name)
    texts = [p.text for p in parsed.paragraphs]
    assert caption in texts
    found_roles, found = roles(parsed)
    assert found_roles[texts.index(caption)] == Role.CAPTION
    caption_span = parsed.paragraphs[texts.index(caption)]
    assert not [s for s in found.statements if caption_span.start <= s.start < caption_span.end]


def test_statements_are_found_with_their_speakers():
    _, found = roles(page("thoidiem_hoi_dam.html"))
    assert {s.speaker for s in found.statements} == {"Lê Văn Thành", "Sato Kenji"}


def test_a_section_front_is_not_an_article():
    with pytest.raises(PageError, match="no article text found"):
        page("chuyen_muc.html")


def test_a_page_with_no_text_is_refused():
    with pytest.raises(PageError, match="no article text found"):
        parse_page(
            b"<html><head><title>x</title></head><body><nav><a href='/'>Trang ch\xe1\xbb\xa7</a></nav></body></html>"
        )


def test_the_same_page_parses_to_the_same_hash_and_a_changed_headline_changes_it():
    data = (PAGES / "thoidiem_hoi_dam.html").read_bytes()
    changed = data.replace("nâng tầm hợp tác chuyển đổi số".encode(), "mở rộng hợp tác chuyển đổi số".encode())
    assert parse_page(data).content_hash == parse_page(data).content_hash
    assert parse_page(changed).content_hash != parse_page(data).content_hash
