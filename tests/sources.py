"""Source files for tests, written the way operators receive them."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write_source(directory: Path, name: str, paragraphs: list[str], date: str = "2026-03-01",
                 newline: str = "\n") -> Path:
    path = directory / name
    path.write_text(f"date {date} " + newline.join(paragraphs) + newline, encoding="utf-8")
    return path


def copy_seeds(directory: Path) -> list[Path]:
    copies = []
    for seed in sorted(SEEDS.glob("*.txt")):
        target = directory / seed.name
        target.write_bytes(seed.read_bytes())
        copies.append(target)
    return copies
