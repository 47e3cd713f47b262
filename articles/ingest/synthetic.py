"""Synthetic source articles for benchmarks and load tests. Pure and deterministic per seed.

They vary what extraction has to cope with: interviews and speech reports, titles before
names, direct quotes in curly or straight quotes attributed before or after, reported speech
with several verbs, numbered documents and guiding concepts, captions and headings. The
sentences are assembled from fragments, so statements in different articles restate each
other the way real coverage does.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Tạ",
    "Chu",
    "Lương",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Minh",
    "Quốc",
    "Thanh",
    "Đức",
    "Hữu",
    "Ngọc",
    "Xuân",
    "Hoài",
    "Thu",
    "Kim",
    "Công",
    "Đình",
    "Bảo",
]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Khánh",
    "Lan",
    "Long",
    "Minh",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Vân",
    "Việt",
    "Yến",
    "Đông",
    "Hiếu",
    "Linh",
]
TITLES = [
    "Bộ trưởng Bộ Ngoại giao",
    "Thứ trưởng Bộ Ngoại giao",
    "Phó Thủ tướng",
    "Đại sứ Việt Nam tại Nhật Bản",
    "Chủ nhiệm Ủy ban Đối ngoại của Quốc hội",
    "Người phát ngôn Bộ Ngoại giao",
    "Phó Chủ tịch Quốc hội",
    "Bộ trưởng Bộ Công Thương",
    "Thứ trưởng Bộ Quốc phòng",
    "Trưởng Ban Đối ngoại Trung ương",
    "Đại sứ Việt Nam tại Liên hợp quốc",
]
DOCUMENTS = [
    ("Nghị quyết", "NQ/TW", "của Bộ Chính trị"),
    ("Kết luận", "KL/TW", "của Ban Bí thư"),
    ("Chỉ thị", "CT/TW", "của Ban Bí thư"),
    ("Quy chế", "QĐ/TW", "của Bộ Chính trị"),
    ("Nghị quyết", "NQ-CP", "của Chính phủ"),
    ("Quyết định", "QĐ-TTg", "của Thủ tướng"),
]
CONCEPTS = [
    "tự chủ chiến lược",
    "ngoại giao kinh tế",
    "đa phương hóa, đa dạng hóa",
    "hội nhập quốc tế sâu rộng",
    "ngoại giao cây tre",
    "ba trụ cột đối ngoại",
    "đối ngoại nhân dân",
    "ngoại giao văn hóa",
]
SUBJECTS = [
    "công tác đối ngoại",
    "hội nhập quốc tế",
    "ngoại giao kinh tế",
    "quan hệ với các đối tác",
    "hợp tác đa phương",
    "bảo hộ công dân",
    "công tác người Việt Nam ở nước ngoài",
    "thông tin đối ngoại",
    "ngoại giao văn hóa",
    "hợp tác khu vực",
]
ACTIONS = [
    "cần được triển khai đồng bộ, quyết liệt và hiệu quả hơn nữa",
    "phải bám sát thực tiễn và phục vụ trực tiếp mục tiêu phát triển đất nước",
    "cần huy động tối đa nguồn lực bên ngoài cho tăng trưởng",
    "phải góp phần giữ vững môi trường hòa bình, ổn định",
    "cần nâng cao vị thế và uy tín của đất nước trên trường quốc tế",
    "phải được thể chế hóa bằng các chương trình hành động cụ thể",
    "cần phát huy sức mạnh tổng hợp của cả hệ thống chính trị",
    "phải gắn chặt với nhiệm vụ bảo vệ Tổ quốc từ sớm, từ xa",
]
CONTEXTS = [
    "Trong bối cảnh tình hình thế giới biến động nhanh",
    "Bước vào giai đoạn phát triển mới",
    "Trước những thời cơ và thách thức đan xen",
    "Với tinh thần chủ động, tích cực",
    "Trên cơ sở những kết quả đạt được",
]
REPORTED_VERBS = [
    "cho biết",
    "nhấn mạnh",
    "khẳng định",
    "cho rằng",
    "đề nghị",
    "kiến nghị",
    "nêu rõ",
    "lưu ý",
    "phân tích",
]
EVENTS = [
    "hội nghị tổng kết công tác đối ngoại",
    "buổi làm việc với các cơ quan đại diện",
    "phiên thảo luận tại hội trường",
    "cuộc họp báo thường kỳ",
    "diễn đàn hợp tác khu vực",
]

# Document numbers are cited the way coverage cites them: a few documents again and again,
# most now and then (Zipf's law: the k-th most cited, 1/k as often as the first). So an
# archive of any size has directives of every size, from thousands of statements to a few.
NUMBERS = range(1, 401)
NUMBER_WEIGHTS = list(accumulate(1 / rank for rank in range(1, len(NUMBERS) + 1)))


@dataclass(frozen=True)
class SyntheticArticle:
    name: str
    text: str


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def person(self) -> str:
        return f"{self.pick(SURNAMES)} {self.pick(MIDDLES)} {self.pick(GIVEN)}"

    def document(self) -> str:
        kind, suffix, issuer = self.pick(DOCUMENTS)
        number = self.rng.choices(NUMBERS, cum_weights=NUMBER_WEIGHTS)[0]
        form = self.rng.random()
        if form < 0.4:
            return f"{kind} số {number}-{suffix} {issuer}"
        if form < 0.7:
            return f"{kind} {number}-{suffix}"
        return f"{kind} {number} {issuer}"

    def claim(self) -> str:
        return f"{self.pick(SUBJECTS)} {self.pick(ACTIONS)}"

    def sentence(self) -> str:
        claim = self.claim()
        extra = self.rng.random()
        if extra < 0.3:
            claim += f", trong đó tinh thần {self.pick(CONCEPTS)} là xuyên suốt"
        elif extra < 0.5:
            claim += f", theo đúng {self.document()}"
        return f"{self.pick(CONTEXTS)}, {claim}."

    def speech_report(self) -> list[str]:
        title, name = self.pick(TITLES), self.person()
        family_name = name.split()[-1]
        other_title, other = self.pick(TITLES), self.person()
        paragraphs = [
            f"{title} {name} {self.pick(REPORTED_VERBS)}, {self.claim()}, tại {self.pick(EVENTS)}.",
            f"Phát biểu tại {self.pick(EVENTS)}, ông {name} {self.pick(REPORTED_VERBS)} "
            f"{self.document()} đã đặt ra yêu cầu mới đối với {self.pick(SUBJECTS)}.",
            f"“{self.sentence()[:-1]}”, ông {family_name} nói.",
            f"Theo ông, {self.claim()}.",
            f"{title} {name} phát biểu tại {self.pick(EVENTS)}. (Ảnh: {self.person()}/TTXVN)",
            f'Cũng tại sự kiện, {other_title} {other} {self.pick(REPORTED_VERBS)} "{self.sentence()}"',
            f"Ông {family_name} {self.pick(REPORTED_VERBS)}, {self.claim()}; đồng thời {self.claim()}.",
        ]
        return paragraphs + [self.sentence() for _ in range(self.rng.randint(1, 4))]

    def interview(self) -> list[str]:
        title, name = self.pick(TITLES), self.person()
        short = title.split(" Bộ ")[0].split(" Việt Nam")[0]
        paragraphs = [
            f"Nhân dịp {self.pick(EVENTS)}, {title} {name} đã trả lời phỏng vấn về {self.pick(SUBJECTS)}.",
            f"{self.pick(SUBJECTS).capitalize()} trong giai đoạn mới",
        ]
        for _ in range(self.rng.randint(2, 4)):
            paragraphs.append(f"- Xin {short.lower()} cho biết đánh giá về {self.pick(SUBJECTS)}?")
            paragraphs.append(f"{short} {name}: {self.sentence()}")
            paragraphs += [self.sentence() for _ in range(self.rng.randint(1, 3))]
            if self.rng.random() < 0.4:
                paragraphs.append(f"“{self.claim().capitalize()}.”")
        paragraphs.append(f"- Xin trân trọng cảm ơn {short.lower()}!")
        return paragraphs


def generate(count: int, seed: int = 0, start: date = date(2020, 1, 1)) -> Iterator[SyntheticArticle]:
    """``count`` articles, the same ones for the same seed, one day apart from ``start``."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    for i in range(count):
        paragraphs = writer.interview() if rng.random() < 0.4 else writer.speech_report()
        published = start + timedelta(days=i % 2500)
        text = f"date {published.isoformat()} " + "\n".join(paragraphs) + "\n"
        yield SyntheticArticle(f"synthetic_{seed}_{i:06d}.txt", text)
