#!/usr/bin/env python3
"""Extraction scored the way readers get it: loader + `export_archive`, then the shared evaluator.

    .venv/bin/python scripts/evaluate_extraction.py            # what `make eval` runs
    .venv/bin/python scripts/evaluate_extraction.py --cpu      # extraction CPU per article

Each corpus (the seeds, the team's own test articles in tests/gold, and the real development
articles in ../shared/real) is loaded into a fresh temporary SQLite database with
`manage.py migrate`, `load_seeds` and `export_archive`, then scored by
../shared/eval/evaluate.py, imported from where it is (never copied). Printed: each
article's figures, each corpus's figures (the evaluator's mean over articles), and a table
by statement kind (direct, reported, interview answer) with exact-span and overlap
matching apart. Exit status 1 when a target is missed (docs/EXTRACTION.md lists them).

--cpu times `extract()` alone (parsing done beforehand) over the same articles, repeated,
and over synthetic articles from articles/synthetic.py; --root DIR times the `articles`
package found in DIR instead (a checkout of another version), for before/after figures
taken in one sitting on the same machine.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVALUATOR = SHARED / "eval" / "evaluate.py"

CORPORA = {
    "seeds": (ROOT / "seeds", ROOT / "tests" / "gold" / "seeds"),
    "own": (ROOT / "tests" / "gold", ROOT / "tests" / "gold"),
    "real": (SHARED / "real" / "articles", SHARED / "real" / "gold"),
}

# Targets on ../shared/real; the seeds must score 1.00 on every figure below.
REAL_TARGETS = [
    ("quotes", 0, 0.92, "statements P"),
    ("quotes", 1, 0.90, "statements R"),
    ("speakers", 2, 0.95, "speakers F"),
    ("people", 0, 0.95, "people P"),
    ("people", 1, 0.95, "people R"),
    ("directives", 1, 0.90, "directives R"),
]
PERFECT = [
    ("quotes", 0, "statements P"),
    ("quotes", 1, "statements R"),
    ("speakers", 2, "speakers F"),
    ("people", 0, "people P"),
    ("people", 1, "people R"),
    ("directives", 1, "directives R"),
]


def load_evaluator():
    spec = importlib.util.spec_from_file_location("shared_evaluate", EVALUATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def archive_export(sources: list[Path], workdir: Path) -> dict:
    """The corpus through migrate + load_seeds + export_archive on a fresh SQLite file."""
    directory = workdir / "sources"
    directory.mkdir()
    for source in sources:
        shutil.copyfile(source, directory / source.name)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}", DJANGO_DEBUG="1")
    out = workdir / "export.json"
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_seeds", str(directory)],
        ["export_archive", "--output", str(out)],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return json.loads(out.read_text(encoding="utf-8"))


# --- statements by kind, exact and overlapping -------------------------------------------


def _trim(span, body):
    a, b = span
    while a < b and body[a] in " “”\"'«».,;:–-—":
        a += 1
    while b > a and body[b - 1] in " “”\"'«».,;:–-—":
        b -= 1
    return a, b


def _gold_kind(ev, body, gold, quote, span):
    """Interview answer: a gold statement after the article's first question; else its kind."""
    firsts = [ev.locate(body, q) for q in gold.get("questions", [])]
    firsts = [f[0] for f in firsts if f]
    if firsts and span[0] > min(firsts):
        return "answer"
    return quote.get("kind") or "reported"


def kind_rows(ev, article, gold, table):
    """Adds this article's counts to table[kind] = [gold, found, found exact, pred, right, right exact]."""
    body = ev.squash(article["body"])
    roles = [(s, e, r) for s, e, r in article.get("paragraphs", [])]
    golds = []
    for g in gold["quotes"]:
        span = ev.locate(body, g["text"])
        if span:
            golds.append((ev.name_key(g["speaker"]), span, g["required"], _gold_kind(ev, body, gold, g, span)))
    preds = []
    for q in article["quotes"]:
        span = ev.locate(body, q["text"], hint=q["start"])
        role = next((r for s, e, r in roles if s <= q["start"] < e), "body")
        kind = "answer" if role == "answer" else q["kind"]
        preds.append((ev.name_key(q["speaker"] or ""), span, kind))
    for speaker, span, required, kind in golds:
        if not required:
            continue
        row = table.setdefault(kind, [0] * 6)
        row[0] += 1
        same = [p for s, p, _ in preds if s == speaker and p]
        row[1] += ev.covered(span, same) >= 0.6 * (span[1] - span[0])
        row[2] += any(_trim(p, body) == _trim(span, body) for p in same)
    for speaker, span, kind in preds:
        row = table.setdefault(kind, [0] * 6)
        row[3] += 1
        same = [g for s, g, _, _ in golds if s == speaker]
        if span:
            row[4] += ev.covered(span, same) >= 0.5 * (span[1] - span[0])
            row[5] += any(_trim(g, body) == _trim(span, body) for g in same)


def ratio(a, b):
    return f"{a / b:.2f}" if b else "  - "


def print_kinds(table):
    print(f"  {'kind':8} {'gold':>4} {'pred':>4} | overlap R   P  | exact R   P")
    for kind in ("direct", "reported", "answer"):
        g, f, fx, p, r, rx = table.get(kind, [0] * 6)
        print(f"  {kind:8} {g:4} {p:4} |   {ratio(f, g)} {ratio(r, p)} |  {ratio(fx, g)} {ratio(rx, p)}")


def score(ev, name, export, gold_dir):
    by_file = {a["source_file"]: a for a in export["articles"]}
    results, table = [], {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "source_file" not in gold:
            continue
        article = by_file.get(gold["source_file"])
        if article is None:
            print(f"  {gold['source_file']}: MISSING from the export")
            results.append(None)
            continue
        r = ev.score_article(article, gold)
        results.append(r)
        kind_rows(ev, article, gold, table)
        print(
            f"  {r['file']}: statements P/R/F {ev.fmt(r['quotes'])} speakers {ev.fmt(r['speakers'])} "
            f"people {ev.fmt(r['people'])} directives {ev.fmt(r['directives'])}"
        )
        for what, items in (
            ("wrong", r["quote_wrong"]),
            ("missed", r["quote_missed"]),
            ("speakers extra", r["speaker_extra"]),
            ("speakers missed", r["speaker_missed"]),
            ("people extra", r["people_extra"]),
            ("not people", r["not_people_hits"]),
            ("directives missed", r["directive_missed"]),
        ):
            for item in items[:4]:
                print(f"      {what}: {item}")
    scored = [r for r in results if r]
    summary = (
        {
            key: tuple(sum(r[key][i] for r in scored) / len(scored) for i in range(3))
            for key in ("quotes", "speakers", "people", "directives")
        }
        if scored
        else {}
    )
    summary["missing"] = len(results) - len(scored)
    summary["not_people_hits"] = sum(len(r["not_people_hits"]) for r in scored)
    print(
        f"  {name}: "
        + "  ".join(
            f"{k} P/R/F {ev.fmt(summary[k])}" for k in ("quotes", "speakers", "people", "directives") if k in summary
        )
        + f"  credits/agencies as people {summary['not_people_hits']}"
    )
    print_kinds(table)
    return summary


def failures(name, summary) -> list[str]:
    bad = []
    if summary.get("missing"):
        bad.append(f"{name}: {summary['missing']} articles missing")
    if name == "real":
        for key, i, target, label in REAL_TARGETS:
            if summary[key][i] < target:
                bad.append(f"real: {label} {summary[key][i]:.3f} < {target}")
        if summary["not_people_hits"]:
            bad.append(f"real: {summary['not_people_hits']} credits or agencies counted as people")
    elif name == "seeds":
        for key, i, label in PERFECT:
            if summary[key][i] < 1.0:
                bad.append(f"seeds: {label} {summary[key][i]:.3f} < 1.00")
    return bad


def evaluate() -> int:
    if not EVALUATOR.exists():
        print(f"{EVALUATOR} is missing: nothing to score with")
        return 1
    ev = load_evaluator()
    started, bad = time.monotonic(), []
    for name, (sources_dir, gold_dir) in CORPORA.items():
        sources = sorted(sources_dir.glob("*.txt"))
        if not sources or not gold_dir.is_dir():
            print(f"{name}: {sources_dir} is missing, corpus skipped")
            continue
        print(f"{name} ({len(sources)} articles, {sources_dir})")
        with tempfile.TemporaryDirectory(prefix=f"eval-{name}-") as tmp:
            export = archive_export(sources, Path(tmp))
        bad += failures(name, score(ev, name, export, gold_dir))
    print(f"done in {time.monotonic() - started:.1f} s")
    for line in bad:
        print("TARGET MISSED:", line)
    return 1 if bad else 0


# --- CPU ----------------------------------------------------------------------------------


def cpu(root: Path, repeat: int, synthetic: int) -> None:
    sys.path.insert(0, str(root))
    from articles.extraction import extract
    from articles.extraction.parsing import parse_source, parse_text
    from articles.synthetic import generate

    files = [p for d in (CORPORA["seeds"][0], CORPORA["own"][0], CORPORA["real"][0]) for p in sorted(d.glob("*.txt"))]
    real = [parse_source(p.read_bytes()) for p in files]
    made = [parse_text(a.text) for a in generate(synthetic, seed=7)]

    def run(parsed, times):
        spans = [(p.body, [(x.start, x.end) for x in p.paragraphs]) for p in parsed]
        for body, paragraphs in spans[:3]:
            extract(body, paragraphs)  # word lists loaded before timing
        best = None
        for _ in range(3):
            t = time.process_time()
            for _ in range(times):
                for body, paragraphs in spans:
                    extract(body, paragraphs)
            took = (time.process_time() - t) / (times * len(spans))
            best = took if best is None else min(best, took)
        return best * 1000

    print(
        f"{root}: files {run(real, repeat):.2f} ms/article ({len(real)} files x {repeat}), "
        f"synthetic {run(made, 1):.2f} ms/article ({len(made)} articles)"
    )


def main(argv) -> int:
    if "--cpu" in argv:
        root = Path(argv[argv.index("--root") + 1]) if "--root" in argv else ROOT
        cpu(root.resolve(), repeat=20, synthetic=300)
        return 0
    return evaluate()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
