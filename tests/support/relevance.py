"""A relevance set for search: a small fictional archive whose words are chosen to be
confused (names that fold like common words, document numbers written four ways), and
queries with the results a reader expects first. ``make eval-search`` and
tests/search/test_relevance.py measure search on it; docs/SEARCH.md has the figures.

Every person, document and statement here is invented.

A case is (query, kind, expected): ``expected`` names the relevant rows, the first the one a
reader wants first. Measures, over the cases:

- precision@5: of the first five results, the share that are relevant, out of at most as
  many as there are relevant rows (a query with one right answer scores 1 when it is in the
  first five);
- MRR: the mean of 1/rank of the first relevant result (0 when none is in the first ten).
"""

from dataclasses import dataclass

from articles.search.results import search
from tests.support import factories as f

DEPTH = 10


def build() -> dict:
    """The archive: names -> rows."""
    d = {
        "nq59": f.directive(
            "Nghị quyết số 59-NQ/TW về hội nhập quốc tế",
            kind="resolution",
            code="59-NQ/TW",
            issuer="Bộ Chính trị",
            description="Nghị quyết về chủ động, tích cực hội nhập quốc tế sâu rộng.",
        ),
        "kl59": f.directive(
            "Kết luận 59-KL/TW", kind="conclusion", code="59-KL/TW", description="Kết luận về công tác đối ngoại."
        ),
        "nq250": f.directive("Nghị quyết 250", kind="resolution", aliases=["Nghị quyết số 250"]),
        "ct12": f.directive("Chỉ thị 12-CT/TW về đối ngoại nhân dân", kind="directive", code="12-CT/TW"),
        "nq18": f.directive("Nghị quyết số 18-NQ/TW", kind="resolution", code="18-NQ/TW"),
        "autonomy": f.directive(
            "Tự chủ chiến lược", kind="concept", description="Quan điểm chỉ đạo của đối ngoại trong giai đoạn mới."
        ),
        "bamboo": f.directive("Ngoại giao cây tre", kind="concept", description="Trường phái đối ngoại Việt Nam."),
    }
    s = {
        "lam": f.speaker("Tô Hoài Lâm", aliases=["Bộ trưởng Tô Hoài Lâm"]),
        "tu": f.speaker("Đỗ Minh Tú"),
        "binh": f.speaker("Hà Văn Bình"),
        "thu": f.speaker("Lê Thị Thu"),
        "hung": f.speaker("Phạm Quốc Hùng"),
        # Names that fold like the ones above: "Lam" is "Lâm" folded, "Tư" is "Tú", "Thư" is "Thu".
        "lam2": f.speaker("Trần Thị Lam"),
        "tu2": f.speaker("Nguyễn Văn Tư"),
        "thu2": f.speaker("Nguyễn Anh Thư"),
    }
    a = {
        "homeland": f.article(
            "Bảo vệ Tổ quốc từ sớm, từ xa",
            [
                "Hội thảo bàn về bảo vệ Tổ quốc trong tình hình mới.",
                "Ông Phạm Quốc Hùng nói: “Bảo vệ Tổ quốc từ sớm, từ xa là nhiệm vụ của toàn dân”.",
                "Các đại biểu cho rằng cần làm tốt công tác đối ngoại quốc phòng.",
            ],
            "2026-01-05",
        ),
        "minister": f.article(
            "Bộ trưởng Tô Hoài Lâm tiếp Đại sứ",
            [
                "Bộ trưởng Tô Hoài Lâm tiếp Đại sứ tại Hà Nội.",
                "Bộ trưởng Tô Hoài Lâm khẳng định Việt Nam thực hiện Nghị quyết số 59-NQ/TW về hội nhập quốc tế.",
            ],
            "2026-01-12",
        ),
        "autonomy": f.article(
            "Tự chủ chiến lược trong đối ngoại",
            [
                "Thứ trưởng Đỗ Minh Tú nói về tự chủ chiến lược.",
                "“Tự chủ chiến lược là quan điểm chỉ đạo xuyên suốt”, Thứ trưởng Đỗ Minh Tú nhấn mạnh.",
                "Các nguồn lực hội tụ cho phát triển, chủ động chiến lược đầu tư.",
            ],
            "2026-01-20",
        ),
        "convergence": f.article(
            "Hội tụ nguồn lực cho phát triển",
            [
                "Nhiều nguồn lực hội tụ tại Hà Nội.",
                "Bà Lê Thị Thu cho biết: “Chúng tôi tự chủ trong chiến lược đầu tư, hội tụ các nguồn lực”.",
            ],
            "2026-02-02",
        ),
        "peace": f.article(
            "Hòa bình và hợp tác ở Biển Đông",
            [
                "Ông Hà Văn Bình phát biểu về hòa bình khu vực.",
                "Ông Hà Văn Bình nói: “Hòa bình, ổn định là lợi ích chung của các nước”.",
                "Ông cũng nhắc tới Kết luận 59-KL/TW của Bộ Chính trị.",
            ],
            "2026-02-10",
        ),
        "capital": f.article(
            "Thủ đô đón các đoàn khách quốc tế",
            [
                "Thủ đô Hà Nội đón nhiều đoàn khách.",
                "Bà Lê Thị Thu nói: “Thủ đô luôn rộng mở chào đón bạn bè quốc tế”.",
            ],
            "2026-02-15",
        ),
        "multilateral": f.article(
            "Đối ngoại đa phương nâng tầm",
            [
                "Đối ngoại đa phương là trụ cột của hội nhập.",
                "Theo Nghị quyết 250, đối ngoại đa phương được nâng tầm.",
                "Ông Phạm Quốc Hùng nói: “Chúng ta thực hiện Nghị quyết 250 một cách đồng bộ”.",
            ],
            "2026-02-20",
        ),
        "bamboo": f.article(
            "Ngoại giao cây tre Việt Nam",
            [
                "Trường phái ngoại giao cây tre được nhắc lại.",
                "Bộ trưởng Tô Hoài Lâm nói: “Ngoại giao cây tre gốc vững, thân chắc, cành uyển chuyển”.",
            ],
            "2026-03-01",
        ),
        "people": f.article(
            "Đối ngoại nhân dân theo Chỉ thị 12",
            [
                "Đối ngoại nhân dân được tăng cường theo Chỉ thị 12-CT/TW.",
                "Bà Lê Thị Thu nói: “Chỉ thị 12-CT/TW mở ra giai đoạn mới cho đối ngoại nhân dân”.",
            ],
            "2026-03-05",
        ),
        "digital": f.article(
            "Kinh tế số và hợp tác quốc tế",
            [
                "Kinh tế số là động lực tăng trưởng mới.",
                "Ông Đỗ Minh Tú nói: “Chúng ta đi trước mở đường trong kinh tế số, làm chủ công nghệ”.",
                "Nghị quyết số 18-NQ/TW được nhắc đến trong hội thảo.",
            ],
            "2026-03-10",
        ),
        "organise": f.article(
            "Tổ chức hội nghị đối ngoại toàn quốc",
            ["Bộ Ngoại giao tổ chức hội nghị tại Hà Nội.", "Hội nghị bàn về tổ chức bộ máy đối ngoại."],
            "2026-03-20",
        ),
        "work": f.article(
            "Làm việc với đoàn công tác",
            [
                "Đoàn công tác làm việc tại Hà Nội.",
                "Ông Phạm Quốc Hùng nói: “Chúng tôi làm việc vì lợi ích của người dân”.",
            ],
            "2026-03-15",
        ),
    }
    q = {
        "homeland": f.quote(
            a["homeland"], "“Bảo vệ Tổ quốc từ sớm, từ xa là nhiệm vụ của toàn dân”", s["hung"], kind="direct"
        ),
        "nq59": f.quote(
            a["minister"],
            "Việt Nam thực hiện Nghị quyết số 59-NQ/TW về hội nhập quốc tế",
            s["lam"],
            [d["nq59"]],
        ),
        "autonomy": f.quote(
            a["autonomy"], "“Tự chủ chiến lược là quan điểm chỉ đạo xuyên suốt”", s["tu"], [d["autonomy"]]
        ),
        "convergence": f.quote(
            a["convergence"], "“Chúng tôi tự chủ trong chiến lược đầu tư, hội tụ các nguồn lực”", s["thu"]
        ),
        "peace": f.quote(a["peace"], "“Hòa bình, ổn định là lợi ích chung của các nước”", s["binh"]),
        "capital": f.quote(a["capital"], "“Thủ đô luôn rộng mở chào đón bạn bè quốc tế”", s["thu"]),
        "nq250": f.quote(
            a["multilateral"], "“Chúng ta thực hiện Nghị quyết 250 một cách đồng bộ”", s["hung"], [d["nq250"]]
        ),
        "bamboo": f.quote(
            a["bamboo"], "“Ngoại giao cây tre gốc vững, thân chắc, cành uyển chuyển”", s["lam"], [d["bamboo"]]
        ),
        "people": f.quote(
            a["people"], "“Chỉ thị 12-CT/TW mở ra giai đoạn mới cho đối ngoại nhân dân”", s["thu"], [d["ct12"]]
        ),
        "digital": f.quote(
            a["digital"], "“Chúng ta đi trước mở đường trong kinh tế số, làm chủ công nghệ”", s["tu"], [d["nq18"]]
        ),
        "work": f.quote(a["work"], "“Chúng tôi làm việc vì lợi ích của người dân”", s["hung"]),
        "kl59": f.quote(a["peace"], "Kết luận 59-KL/TW của Bộ Chính trị", s["binh"], [d["kl59"]]),
    }
    return {
        **{f"directive:{k}": v for k, v in d.items()},
        **{f"speaker:{k}": v for k, v in s.items()},
        **{f"article:{k}": v for k, v in a.items()},
        **{f"statement:{k}": v for k, v in q.items()},
    }


KIND_OF = {"directive": "directives", "speaker": "speakers", "article": "articles", "statement": "statements"}

# (query, expected rows, the first the one wanted first); the kind searched is theirs.
CASES = [
    # Names typed with their marks, without them, in part.
    ("Tô Hoài Lâm", ["speaker:lam"]),
    ("to hoai lam", ["speaker:lam"]),
    ("Lâm", ["speaker:lam"]),
    ("Đỗ Minh Tú", ["speaker:tu"]),
    ("do minh tu", ["speaker:tu"]),
    ("Tú", ["speaker:tu"]),
    ("Hà Văn Bình", ["speaker:binh"]),
    ("Lê Thị Thu", ["speaker:thu"]),
    ("le thi thu", ["speaker:thu"]),
    ("Thư", ["speaker:thu2"]),
    ("Tư", ["speaker:tu2"]),
    ("Lam", ["speaker:lam2"]),
    # Marks that tell words apart.
    ("Tổ quốc", ["statement:homeland"]),
    ("Tô", ["article:minister", "article:bamboo"]),
    ("làm việc", ["statement:work"]),
    ("làm", ["article:work", "article:homeland", "article:digital"]),
    ("Lâm", ["article:minister", "article:bamboo"]),
    ("Tổ chức", ["article:organise"]),
    ("Hòa bình", ["statement:peace"]),
    ("Thủ đô", ["statement:capital"]),
    ("thu do", ["statement:capital"]),
    ("tự chủ chiến lược", ["statement:autonomy", "statement:convergence"]),
    ("tu chu chien luoc", ["statement:autonomy", "statement:convergence"]),
    ("hội tụ", ["article:convergence", "article:autonomy"]),
    # Document numbers, however written.
    ("59-NQ/TW", ["directive:nq59"]),
    ("NQ 59", ["directive:nq59"]),
    ("Nghị quyết 59", ["directive:nq59"]),
    ("nghi quyet so 59", ["directive:nq59"]),
    ("59-KL/TW", ["directive:kl59"]),
    ("KL 59", ["directive:kl59"]),
    ("Kết luận 59", ["directive:kl59"]),
    ("NQ 250", ["statement:nq250"]),
    ("Nghị quyết 250", ["directive:nq250"]),
    ("CT 12", ["directive:ct12"]),
    ("Chỉ thị 12", ["directive:ct12"]),
    ("NQ18", ["directive:nq18"]),
    ("18-NQ/TW", ["article:digital"]),
    # Phrases, subjects and concepts.
    ("ngoại giao cây tre", ["directive:bamboo"]),
    ('"đi trước mở đường"', ["statement:digital"]),
    ("doi ngoai da phuong", ["article:multilateral"]),
    ("kinh tế số", ["article:digital"]),
    ("hội nhập quốc tế", ["directive:nq59"]),
    ("đối ngoại nhân dân", ["article:people"]),
]


@dataclass
class Outcome:
    query: str
    kind: str
    rank: int | None  # of the first relevant result, from 1
    precision: float
    top: list[str]


def evaluate(rows: dict) -> list[Outcome]:
    names = {(type(obj).__name__, obj.pk): name for name, obj in rows.items()}
    outcomes = []
    for query, expected in CASES:
        kind = KIND_OF[expected[0].split(":")[0]]
        found = [names.get((type(obj).__name__, obj.pk), "?") for obj in search(query, kind)[:DEPTH]]
        rank = next((i + 1 for i, name in enumerate(found) if name in expected), None)
        relevant_in_top = sum(1 for name in found[:5] if name in expected)
        precision = relevant_in_top / min(5, len(expected))
        outcomes.append(Outcome(query, kind, rank, precision, found[:5]))
    return outcomes


def summary(outcomes: list[Outcome]) -> tuple[float, float]:
    """(precision@5, MRR) over the outcomes."""
    precision = sum(o.precision for o in outcomes) / len(outcomes)
    mrr = sum(1 / o.rank if o.rank else 0 for o in outcomes) / len(outcomes)
    return precision, mrr
