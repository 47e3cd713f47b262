"""Source files for tests, written the way operators receive them."""

from pathlib import Path

from django.db import connection

from articles.ingest.synthetic import generate

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write_source(
    directory: Path, name: str, paragraphs: list[str], date: str = "2026-03-01", newline: str = "\n"
) -> Path:
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


def corpus(directory: Path, count: int, seed: int = 3) -> Path:
    """``count`` synthetic articles written as source files into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for article in generate(count, seed=seed):
        (directory / article.name).write_text(article.text, encoding="utf-8")
    return directory


def database_url() -> str:
    """The test database as a URL, for a loader in another process."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
