"""Test data: plain functions that write rows directly, shared by the whole suite.

Extraction is not involved: a statement is made by naming its text inside an article, and
its offsets are found in the body, so tests do not depend on what extraction finds.

    a = article("Tiêu đề", ["Đoạn một.", ("heading", "Tiêu đề phụ"), "Ông A nói: “...”."])
    q = quote(a, "“...”", speaker=speaker("Nguyễn Văn A"), directives=[directive("Nghị quyết 59")])
"""

import datetime
import itertools

from articles.models import (
    Article,
    Directive,
    DirectiveAlias,
    FormerSlug,
    Paragraph,
    Quote,
    QuoteLink,
    Speaker,
    SpeakerAlias,
    SpeakerTitle,
)
from articles.text import slugify_vi

_numbers = itertools.count(1)
SEPARATOR = "\n\n"


def _unique_slug(text: str) -> str:
    return f"{slugify_vi(text, 80) or 'item'}-{next(_numbers)}"


def _date(value) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def article(
    title: str | None = None, paragraphs=None, published_on="2026-02-11", status="published", **fields
) -> Article:
    """An article whose paragraphs are strings (body) or (role, text) pairs; the first is the lede."""
    title = title or f"Bài viết số {next(_numbers)}"
    paragraphs = paragraphs or [f"{title}: đoạn mở đầu.", "Đoạn thân bài."]
    parts = [p if isinstance(p, tuple) else ("lede" if i == 0 else "body", p) for i, p in enumerate(paragraphs)]
    body = SEPARATOR.join(text for _, text in parts)
    a = Article.objects.create(
        title=title,
        slug=fields.pop("slug", None) or _unique_slug(title),
        published_on=_date(published_on),
        source_file=fields.pop("source_file", None) or f"test_{next(_numbers)}.txt",
        body=body,
        content_hash=fields.pop("content_hash", "test"),
        status=status,
        **fields,
    )
    rows, offset = [], 0
    for position, (role, text) in enumerate(parts):
        rows.append(Paragraph(article=a, position=position, start=offset, end=offset + len(text), role=role))
        offset += len(text) + len(SEPARATOR)
    Paragraph.objects.bulk_create(rows)
    return a


def speaker(name: str | None = None, aliases=(), titles=(), **fields) -> Speaker:
    """A speaker; ``titles`` are (title, article) pairs, seen on the article's date."""
    name = name or f"Người phát biểu {next(_numbers)}"
    s = Speaker.objects.create(name=name, slug=fields.pop("slug", None) or _unique_slug(name), **fields)
    SpeakerAlias.objects.bulk_create([SpeakerAlias(speaker=s, name=a) for a in aliases])
    for title, in_article in titles:
        SpeakerTitle.objects.create(speaker=s, article=in_article, title=title, seen_on=in_article.published_on)
    return s


def directive(name: str | None = None, kind="resolution", aliases=(), **fields) -> Directive:
    name = name or f"Nghị quyết số {next(_numbers)}-NQ/TW"
    d = Directive.objects.create(name=name, slug=fields.pop("slug", None) or _unique_slug(name), kind=kind, **fields)
    DirectiveAlias.objects.bulk_create([DirectiveAlias(directive=d, name=a) for a in aliases])
    return d


def quote(
    in_article: Article,
    text: str,
    speaker=None,
    directives=(),
    status="confirmed",
    kind="direct",
    occurrence: int = 0,
    **fields,
) -> Quote:
    """The statement ``text`` where it occurs in the article's body (the nth occurrence)."""
    start = -1
    for _ in range(occurrence + 1):
        start = in_article.body.index(text, start + 1)
    q = Quote.objects.create(
        article=in_article,
        speaker=speaker,
        text=text,
        start=start,
        end=start + len(text),
        status=status,
        kind=kind,
        **fields,
    )
    q.directives.set(directives)
    if speaker is not None:
        in_article.people.add(speaker)
    in_article.directives.add(*directives)
    return q


def link(from_quote: Quote, to_quote: Quote, kind="restates", status="confirmed", score=0.9) -> QuoteLink:
    return QuoteLink.objects.create(from_quote=from_quote, to_quote=to_quote, kind=kind, status=status, score=score)


def former_slug(target, slug: str) -> FormerSlug:
    field = "speaker" if isinstance(target, Speaker) else "directive"
    return FormerSlug.objects.create(slug=slug, **{field: target})


def many_quotes(in_article: Article, count: int, speaker=None, directives=(), status="confirmed") -> list[Quote]:
    """``count`` statements over the article's first characters, for query-count tests."""
    body = in_article.body
    quotes = Quote.objects.bulk_create(
        [
            Quote(
                article=in_article,
                speaker=speaker,
                text=body[i : i + 1],
                start=i,
                end=i + 1,
                status=status,
                origin="editor",
            )
            for i in range(min(count, len(body)))
        ]
    )
    through = Quote.directives.through
    through.objects.bulk_create([through(quote_id=q.pk, directive_id=d.pk) for q in quotes for d in directives])
    return quotes


INTERVIEW = [
    "Nghị quyết Đại hội XIV chỉ rõ nhiệm vụ củng cố cục diện đối ngoại rộng mở.",
    ("heading", "Tự chủ chiến lược trong kỷ nguyên mới"),
    ("question", "- Xin Thứ trưởng cho biết những nét mới của đường lối đối ngoại?"),
    (
        "answer",
        "Thứ trưởng Nguyễn Mạnh Cường: Văn kiện đã bổ sung quan điểm “tự chủ chiến lược”. "
        "Như Tổng Bí thư đã nhấn mạnh, “đối ngoại phải đi trước mở đường” trong giai đoạn mới.",
    ),
    ("caption", "Thứ trưởng Bộ Ngoại giao Nguyễn Mạnh Cường. (Ảnh: BNG)"),
    ("pull_quote", "“Đối ngoại phải đi trước mở đường”"),
    "Theo Thứ trưởng, Kết luận 59-KL/TW là cơ sở để triển khai công tác đối ngoại đa phương.",
]

SPEECH = [
    "Bộ trưởng Lê Hoài Trung trình bày chuyên đề về đường lối đối ngoại của Đại hội XIV.",
    "Bộ trưởng khẳng định: “Tự chủ chiến lược là quan điểm chỉ đạo chung, rất quan trọng với đối ngoại”.",
    "Theo Bộ trưởng, đối ngoại phải đi trước mở đường, phục vụ phát triển đất nước.",
]


def sample_archive() -> dict:
    """A small cross-linked archive: two articles, two speakers, three directives, nested
    statements, a suggested one, a rejected one and a link between articles."""
    congress = directive(
        "Nghị quyết Đại hội XIV",
        kind="congress",
        aliases=["Văn kiện Đại hội XIV"],
        description="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
    )
    autonomy = directive(
        "Tự chủ chiến lược",
        kind="concept",
        parent=congress,
        description="Quan điểm chỉ đạo chung của đối ngoại trong kỷ nguyên mới.",
    )
    conclusion = directive("Kết luận 59-KL/TW", kind="conclusion", code="59-KL/TW", issuer="Bộ Chính trị")
    autonomy.related.add(conclusion)
    interview = article("Đối ngoại kiến tạo môi trường phát triển đất nước", INTERVIEW, "2026-02-11")
    speech = article("Bộ trưởng Lê Hoài Trung: Tự chủ chiến lược là quan điểm chỉ đạo", SPEECH, "2026-02-07")
    cuong = speaker(
        "Nguyễn Mạnh Cường", aliases=["Thứ trưởng Nguyễn Mạnh Cường"], titles=[("Thứ trưởng Bộ Ngoại giao", interview)]
    )
    trung = speaker("Lê Hoài Trung", titles=[("Bộ trưởng Bộ Ngoại giao", speech)])
    leader = speaker("Tổng Bí thư")
    answer = (
        "Văn kiện đã bổ sung quan điểm “tự chủ chiến lược”. Như Tổng Bí thư đã nhấn mạnh, "
        "“đối ngoại phải đi trước mở đường” trong giai đoạn mới."
    )
    outer = quote(interview, answer, cuong, [congress, autonomy], kind="reported")
    inner = quote(interview, "“đối ngoại phải đi trước mở đường”", leader, [congress], status="suggested")
    conclusion_quote = quote(
        interview,
        "Kết luận 59-KL/TW là cơ sở để triển khai công tác đối ngoại đa phương",
        cuong,
        [conclusion],
        kind="reported",
    )
    rejected = quote(interview, "Nghị quyết Đại hội XIV chỉ rõ nhiệm vụ", None, [congress], status="rejected")
    trung_quote = quote(
        speech,
        "“Tự chủ chiến lược là quan điểm chỉ đạo chung, rất quan trọng với đối ngoại”",
        trung,
        [autonomy, congress],
    )
    elsewhere = quote(
        speech, "đối ngoại phải đi trước mở đường, phục vụ phát triển đất nước", trung, [congress], kind="reported"
    )
    link(trung_quote, outer, "elaborates")
    link(elsewhere, inner, "restates", status="suggested")
    return {
        "congress": congress,
        "autonomy": autonomy,
        "conclusion": conclusion,
        "interview": interview,
        "speech": speech,
        "cuong": cuong,
        "trung": trung,
        "leader": leader,
        "outer": outer,
        "inner": inner,
        "conclusion_quote": conclusion_quote,
        "rejected": rejected,
        "trung_quote": trung_quote,
        "elsewhere": elsewhere,
    }
