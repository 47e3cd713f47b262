"""Extraction scored against the hand annotations, with the evaluator's own functions.

Two exports are scored: one straight from parse + extract (no database), and the archive's
own, through the loader and `export_archive`, which is what readers and editors get. The
seeds' gold (tests/gold/seeds) is the specification by example; tests/gold holds articles
written for these tests with other people, titles, documents and layouts (one NFD with CRLF
and a BOM).
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.ingest.loading import load_paths
from tests.gold import evaluate
from tests.gold.build_export import build_export

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"
SEED_GOLD = OWN / "seeds"

CORPORA = {"seeds": (sorted(SEEDS.glob("*.txt")), SEED_GOLD), "own": (sorted(OWN.glob("*.txt")), OWN)}


def archive_export(sources, tmp_path) -> dict:
    directory = tmp_path / "sources"
    directory.mkdir(parents=True)
    for source in sources:
        (directory / source.name).write_bytes(source.read_bytes())
    assert not load_paths([directory]).failed
    out = tmp_path / "export.json"
    call_command("export_archive", output=str(out))
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(params=["pure", pytest.param("archive", marks=pytest.mark.django_db)])
def exported(request, tmp_path):
    """corpus name -> (export, gold results), built the way the parameter says."""

    def make(corpus):
        sources, gold_dir = CORPORA[corpus]
        if request.param == "archive":
            export = archive_export(sources, tmp_path / corpus)
        else:
            export = build_export(sources)
        by_file = {a["source_file"]: a for a in export["articles"]}
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
        results = [evaluate.score_article(by_file[g["source_file"]], g) for g in golds if "source_file" in g]
        return export, results

    return make


def mean(results, key, i):
    return sum(r[key][i] for r in results) / len(results)


@pytest.mark.parametrize("corpus", CORPORA)
def test_statements_reach_the_targets(exported, corpus):
    _, results = exported(corpus)
    assert mean(results, "quotes", 0) >= 0.95 and mean(results, "quotes", 1) >= 0.95
    assert sum(r["redundant_quotes"] for r in results) == 0
    assert all(r["anchors_ok"].split("/")[0] == r["anchors_ok"].split("/")[1] for r in results)


@pytest.mark.parametrize("corpus", CORPORA)
def test_speakers_are_exact(exported, corpus):
    _, results = exported(corpus)
    assert [(r["speaker_extra"], r["speaker_missed"]) for r in results] == [([], [])] * len(results)


@pytest.mark.parametrize("corpus", CORPORA)
def test_people_reach_the_targets_and_credits_are_not_people(exported, corpus):
    _, results = exported(corpus)
    assert mean(results, "people", 0) >= 0.95 and mean(results, "people", 1) >= 0.9
    assert [r["not_people_hits"] for r in results] == [[]] * len(results)


@pytest.mark.parametrize("corpus", CORPORA)
def test_directives_reach_the_targets(exported, corpus):
    _, results = exported(corpus)
    assert mean(results, "directives", 1) == 1.0 and mean(results, "directives", 0) >= 0.9


@pytest.mark.parametrize("corpus", CORPORA)
def test_restatements_are_found(exported, corpus):
    export, _ = exported(corpus)
    pairs = json.loads((CORPORA[corpus][1] / "echoes.json").read_text(encoding="utf-8"))
    (precision, recall, _), _ = evaluate.score_echoes(export, pairs)
    assert recall * len(pairs) >= min(7, len(pairs)) - 1e-9 and precision >= 0.8
