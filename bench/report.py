"""benchmarks.json -> docs/BENCHMARKS.md; run alone, it writes the file again from the JSON.

The figures are computed; so is whether each target is met. Why a target is missed is
written below (``CAUSES``), by hand, from the profile of the run: it is printed only for a
target the figures miss.
"""

import json
import math
import statistics
import sys
from datetime import date
from pathlib import Path

from day import section as day_section

# p95 targets in ms, by page; every "search…" page has the search target.
TARGETS = {"article": 30, "speaker": 30, "directive": 30, "directive, nearest 5,000": 30}
SEARCH_TARGET = 50
LOAD_TARGET = 100
SHARE_TARGET = 35
SUGGEST_TARGET = 1000
CORPUS_TARGET = 100_000

PARTS = {
    "loader": "loading process (parse results to rows, history, links)",
    "extraction": "extraction process (parsing, statements, fingerprints)",
    "database": "PostgreSQL backend (inserts, indexes, triggers, commit)",
}


def figure(s, unit=""):
    return f"{s['median']:.1f}{unit} ({s['min']:.1f}–{s['max']:.1f}, {s['runs']} runs)"


def write(r, path):
    m = r["machine"]
    lines = [
        "# Benchmarks",
        "",
        (
            f"Measured {r.get('measured_on', date.today().isoformat())} by `make bench` (`bench/run.py`)"
            + (f" in {r['minutes']:.0f} minutes. " if r.get("minutes") else ". ")
            + "Each figure is the median of several runs, with the lowest and highest in brackets."
        ),
        "",
        *([r["note"], ""] if r.get("note") else []),
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory",
        f"- Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}",
        (
            f"- Corpus: {r['corpus']:,} synthetic articles (`generate_corpus --seed 1`); "
            f"{r['pages'][0]['articles']:,} of them loaded for the pages, with "
            f"{r['pages'][0]['statements']:,} statements"
        ),
        "",
        (
            f"## Loading the first {r.get('load_corpus', r['corpus']):,} articles (`load_paths`, with extraction and "
            "restatement indexing, into a fresh database)"
        ),
        "",
        "| database | articles/s | statements/s |",
        "| --- | --- | --- |",
    ]
    for backend, f in r["load"].items():
        lines.append(f"| {backend} | {figure(f['articles_per_s'])} | {figure(f['statements_per_s'])} |")
    lines += ["", f"Target: {LOAD_TARGET} articles/s on PostgreSQL."]
    lines += cpu_table(r)
    if "page_load" in r:
        p = r["page_load"]
        if p.get("stopped"):
            lines += [
                "",
                (
                    f"**The load of all {r['corpus']:,} articles for the pages was stopped** after "
                    f"{p['seconds'] / 60:.1f} minutes, at {p['articles']:,} articles: the pages below were "
                    "measured at that size, not at the target's. See the Targets section for why."
                ),
            ]
        lines += [
            "",
            (
                f"Loading {p['articles']:,} articles into PostgreSQL for the pages below took "
                f"{p['seconds'] / 60:.1f} minutes: {p['articles_per_s']:.1f} articles/s, "
                f"{p['statements'] / p['seconds']:.1f} statements/s (one run)."
            ),
        ]
    lines += [
        "",
        f"## Page server time, PostgreSQL, {r['pages'][0]['articles']:,} articles, cache missed",
        "",
        (
            "In process (Django test client, production settings, page cache off; the filter forms' name "
            "suggestions cached, as on every page but the first after an edit), "
            f"{len(r['pages'])} runs of repeated requests per page; the figure is the median over runs "
            "of each run's p50 and p95. Queries: how many the page makes; in queries: the time the median "
            "request spent waiting on them."
        ),
        "",
        "| page | p50 ms | p95 ms | queries | in queries, p50 ms | target p95 at 100,000 articles |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in r["pages"][0]["pages"]:
        p50 = [run["pages"][name]["p50_ms"] for run in r["pages"]]
        p95 = [run["pages"][name]["p95_ms"] for run in r["pages"]]
        first = r["pages"][0]["pages"][name]
        queries = first.get("queries", "")
        db = (
            f"{statistics.median(run['pages'][name]['db_p50_ms'] for run in r['pages']):.1f}"
            if "db_p50_ms" in first
            else ""
        )
        limit = page_target(name)
        target = f"< {limit} ms" if limit else ""
        lines.append(
            f"| {name} (`{first['url']}`) | {statistics.median(p50):.1f} "
            f"({min(p50):.1f}–{max(p50):.1f}) | {statistics.median(p95):.1f} ({min(p95):.1f}–{max(p95):.1f}) "
            f"| {queries} | {db} | {target} |"
        )
    lines.append(f"\nThe directive page is the one with most statements ({r['pages'][0]['directive_statements']:,}).")
    if "typical_directive_statements" in r["pages"][0]:
        lines[-1] += (
            " The second directive page is the one whose count is nearest 5,000 "
            f"({r['pages'][0]['typical_directive_statements']:,})."
        )
    t = r["throughput"]
    share = t["article"]["median"] / t["healthz"]["median"] * 100
    lines += [
        "",
        "## Requests per second on gunicorn (PostgreSQL, page cache off)",
        "",
        "| address | requests/s |",
        "| --- | --- |",
        f"| `/healthz` | {figure(t['healthz'])} |",
        f"| article page | {figure(t['article'])} |",
        "",
        f"The article page serves **{share:.0f}%** of `/healthz`'s rate (target: 35%).",
        "",
    ]
    if "client" in t:
        lines[-1:-1] = [f"Requests made by {t['client']}; wrk runs on the same two CPUs as the server."]
    if "throughput_cached" in r:
        c = r["throughput_cached"]
        lines += [
            (
                "With the page cache on (`ARCHIVE_PAGE_CACHE_SECONDS=300`, pages in the local Redis shared "
                "by the workers), the same article page, served from the cache after its first request:"
            ),
            "",
            "| address | requests/s |",
            "| --- | --- |",
            f"| `/healthz` | {figure(c['healthz'])} |",
            f"| article page, cached | {figure(c['article'])} |",
            "",
            (
                f"The cached article page serves **{c['article']['median'] / c['healthz']['median'] * 100:.0f}%** "
                "of `/healthz`'s rate."
            ),
            "",
        ]
    lines += ["## Restatement suggestion (`restatement_index.suggest`) for one article against the whole corpus", ""]
    s = [run["suggest_ms"]["p50_ms"] for run in r["pages"]]
    lines += [
        (
            f"{statistics.median(s):.1f} ms ({min(s):.1f}–{max(s):.1f}), "
            f"{r['pages'][0]['suggest_ms']['statements']} statements (target: under 1 s)."
        ),
        "",
    ]
    lines += verdicts(r)
    if "day" in r:
        lines += day_section(r["day"])
    lines += DESIGN_MEASUREMENTS
    path.write_text("\n".join(lines))


# Figures behind design choices in the code, measured once when each choice was made; the
# code's comments say why and point here.
DESIGN_MEASUREMENTS = [
    "",
    "## Design measurements",
    "",
    "Measured once, when the choice in the code was made (PostgreSQL 15, this machine):",
    "",
    "| where | choice | measured |",
    "| --- | --- | --- |",
    "| `restatements/sql.py` `ANY_OF` | looked-up values hidden from the planner in a subquery | "
    "0.2 s per batch lookup at 600,000 index rows when shown the array, growing; 0.09 s hidden, whatever the size |",
    "| `restatements/sql.py` `LOOKUP_WORK_MEM` | 128 MB of work_mem for the lookups | "
    "with the default 4 MB, at 35,000 articles: 89 s for one batch (5 million rows rechecked) against 0.6 s "
    "with an exact bitmap; smaller arrays instead: 2 s |",
    "| `counts/tallies.py` | counts kept by triggers | counting on each request: 0.7 s for the home page at "
    "20,000 articles |",
    "| `search/postgresql.py` `WALK_SHARE` | articles walk further than statements | "
    "at 100,000 articles: 30 µs a row gathered from the index against 5 µs read in order |",
    "| `text.py` `shorten` | no `truncatechars` | 7 µs against 22 µs a statement (0.5 ms of the article page's 18) |",
    "| `ingest/naming.py` `unique_slugs` | numbered slugs read whole | into a 100,000-article archive: "
    "2.5 ms of database time per article looked up fifty at a time, 0.7 ms read whole |",
    "| `ingest/sql.py` `VACUUM` | no parallel worker | starting one costs 80 ms with nothing to do |",
    "| `folding.py` | no folded copy on PostgreSQL | folding every body and statement was 8% of the loader's time |",
    "| `site/fragments.py` | cards, the article's body with its notes and linked rows written by their "
    "templates again and kept in the cache by statement version, language and generation | article page "
    "in process at 3,000 articles (`generate_corpus --seed 1`, its most quoted article: 18 statements), "
    "page cache off, CPU time of the Django process at the median of 100 requests, 2 cores shared with "
    "four other test runs (load 6): the Python cards before 32–36 ms (one run 47), 10 queries; fragments "
    "found 29–30 ms in local memory and 30–32 ms in Redis, 9 queries; fragments all missed (the "
    "generation moved before each request) 48–51 ms and 52–57 ms, 10 queries. Wall-clock medians on that "
    "machine ranged 50–170 ms and are not comparable. Scaled by these ratios, the 16.5 ms at 100,000 "
    "articles would be about 15 ms with the fragments found and 25 ms with none: fragments alone do not "
    "reach 10 ms (the queries, their model objects and the rest of the page stay) |",
    "| `site/fragments.py` `fetch` | a page's fragments in one `get_many`, not Django's `{% cache %}` | "
    "21 fragments of 1.2 KB, median of 300: Redis on loopback (same loaded machine) 140 ms one `get` "
    "each, 11 ms one `get_many`, 160 ms through `{% cache %}`; local memory 0.26, 0.21 and 1.1 ms; 50 "
    "fragments: Redis 446, 15 and 647 ms |",
    "| `addresses.py` | each URL pattern reversed once | reverse() 30–80 µs a call, a fifth of the article page |",
    "| `site/page_cache.py` | a hit answered before sessions, locale, CSRF and auth, in one `get_many` | "
    "gunicorn 3 workers, PostgreSQL + Redis, 325 articles, wrk 2 threads 16 connections 10 s, 6 runs each on a "
    "machine shared with other work (load average 10–15, so absolute rates were a tenth of a quiet run's): cached "
    "article / `/healthz` 0.36–0.78 (median 0.53) before, 0.98–1.41 (median 1.16) after: the >= 80% target is met. "
    "CPU per request in one process through the whole handler (2,000 requests, 3 runs): before 2.6–2.8 ms a hit "
    "against 1.4–1.6 ms for `/healthz`; after, 1.5–1.7 ms against 1.4–1.9 ms |",
    "| `policy_archive/cache.py` | one `redis.Redis` per pool | Django builds one per cache call, filling about 170 "
    "response callbacks: 17% of a hit's profile; a hit's CPU went from 1.9–2.2 ms to 1.5–1.7 ms |",
    "| `tags.py` | a change's tags reach the links of what changed, not its neighbours' | on a 325-article synthetic "
    "archive (dense restatement links), one confirmation named 183 tags at the median (47 article pages) with the "
    "neighbours' links, 41 (7 articles, 7 speakers, 7 directives, 17 statements) without |",
    "",
]


def page_target(name: str) -> int | None:
    return SEARCH_TARGET if name.startswith("search") else TARGETS.get(name)


def cpu_table(r) -> list[str]:
    """Where a load's CPU went, per article, when the runs measured it."""
    rows = [(backend, f["cpu_ms_per_article"]) for backend, f in r["load"].items() if "cpu_ms_per_article" in f]
    if "cpu_ms_per_article" in r.get("page_load", {}):
        rows.append(
            (
                f"postgresql, {r['page_load']['articles']:,} articles for the pages (one run)",
                {
                    k: {"median": v, "min": v, "max": v, "runs": 1}
                    for k, v in r["page_load"]["cpu_ms_per_article"].items()
                },
            )
        )
    if "cpu_measured_apart" in r:
        apart = r["cpu_measured_apart"]
        rows.append((apart["label"], {k: {"median": v} for k, v in apart["cpu_ms_per_article"].items()}))
    if not rows:
        return []
    lines = [
        "",
        "CPU per article, in ms (median of the runs), by process: "
        + "; ".join(f"{part}: the {what}" for part, what in PARTS.items())
        + ".",
        "",
        "| load | " + " | ".join(PARTS) + " | sum |",
        "| --- |" + " --- |" * (len(PARTS) + 1),
    ]
    for name, cpu in rows:
        cells = [f"{cpu[p]['median']:.1f}" if p in cpu else "" for p in PARTS]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {sum(cpu[p]['median'] for p in cpu):.1f} |")
    return lines


def load_cpu(r) -> dict | None:
    """CPU per article of the timed PostgreSQL loads, or of the closest load measured."""
    found = r["load"].get("postgresql", {}).get("cpu_ms_per_article")
    if found:
        return {k: v["median"] for k, v in found.items()}
    if "cpu_measured_apart" in r:
        return r["cpu_measured_apart"]["cpu_ms_per_article"]
    return r.get("page_load", {}).get("cpu_ms_per_article")


def verdicts(r) -> list[str]:
    """Each target, met or not, from the figures; the cause of each one missed."""
    rows = []
    load = r["load"]["postgresql"]["articles_per_s"]["median"]
    rows.append(
        ("load, PostgreSQL", f">= {LOAD_TARGET} articles/s", f"{load:.1f} articles/s", load >= LOAD_TARGET, "load")
    )
    size = r["pages"][0]["articles"]
    rows.append(
        ("articles loaded for the page figures", f"{CORPUS_TARGET:,}", f"{size:,}", size >= CORPUS_TARGET, "corpus")
    )
    for name in r["pages"][0]["pages"]:
        if (limit := page_target(name)) is not None:
            p95 = statistics.median(run["pages"][name]["p95_ms"] for run in r["pages"])
            rows.append((f"{name} page p95", f"< {limit} ms", f"{p95:.1f} ms", p95 < limit, name))
    t = r["throughput"]
    share = t["article"]["median"] / t["healthz"]["median"] * 100
    rows.append(
        (
            "article page rate, share of `/healthz`, page cache off",
            f">= {SHARE_TARGET}%",
            f"{share:.0f}%",
            share >= SHARE_TARGET,
            "share",
        )
    )
    if "throughput_cached" in r:
        c = r["throughput_cached"]
        cached = c["article"]["median"] / c["healthz"]["median"] * 100
        rows.append(("the same, page cache on", f">= {SHARE_TARGET}%", f"{cached:.0f}%", cached >= SHARE_TARGET, None))
    suggest = statistics.median(run["suggest_ms"]["p50_ms"] for run in r["pages"])
    rows.append(("restatement suggestion", "< 1 s", f"{suggest:.1f} ms", suggest < SUGGEST_TARGET, None))
    lines = ["## Targets", "", "| figure | target | measured | |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {name} | {target} | {measured} | {'met' if met else '**missed**'} |"
        for name, target, measured, met, _ in rows
    ]
    causes = []
    for _, _, _, met, key in rows:
        cause = None if met or key is None else CAUSES.get(key) or CAUSES.get(key.split(",")[0])
        if cause and cause not in causes:
            causes.append(cause)
    if causes:
        lines += ["", "### Why the missed targets are missed", ""]
        lines += [cause(r) if callable(cause) else cause for cause in causes]
    return lines + [""]


def load_cause(r) -> str:
    cpu = load_cpu(r)
    if not cpu:
        return "**Load.** The run did not record where the CPU went."
    total = sum(cpu.values())
    parts = ", ".join(f"{part} {ms:.1f}" for part, ms in cpu.items())
    serial = cpu.get("loader", 0) + cpu.get("database", 0)
    return (
        f"**Load.** Each article costs {total:.1f} ms of CPU in all ({parts}). Extraction runs a batch ahead "
        f"in a process of its own, but the loader waits for each of its queries, so the loader and the "
        f"database take turns: {serial:.1f} ms per article between them, at most {1000 / serial:.0f} "
        f"articles/s for one loader, whatever the cores; and two cores give at best {2000 / total:.0f} articles/s. "
        f"{LOAD_TARGET} articles/s needs {2000 / LOAD_TARGET:.0f} ms of CPU per article in all, "
        f"{1000 / LOAD_TARGET:.0f} for the loader and the database together. The database's "
        "share is what the archive asks of it per article: the search vector of the body (to_tsvector through "
        "unaccent), a few hundred restatement-index rows with their indexes, the history rows, and the kept "
        "statement counts folded at commit. The loader's share is building those rows; extraction's "
        "is the parse and the statement finding, in pure Python. Loading splits by file across loader processes "
        f"(docs/SCALING.md), so at these costs {LOAD_TARGET} articles/s is a matter of cores: "
        f"{LOAD_TARGET * total / 1000:.1f} cores' worth of CPU, at least {math.ceil(LOAD_TARGET * total / 1000)} "
        "cores with perfect overlap, more in practice.\n"
    )


def corpus_cause(r) -> str:
    p = r["page_load"]
    if not p.get("stopped"):
        return (
            f"**Corpus size.** This run loaded {p['articles']:,} articles for the pages (`BENCH_ARTICLES`); "
            f"the page targets are for {CORPUS_TARGET:,}.\n"
        )
    # "stopped" is set by hand in benchmarks.json, to the reason when there is one to give.
    why = f": {p['stopped']}" if isinstance(p["stopped"], str) else "."
    return (
        f"**The {CORPUS_TARGET:,}-article corpus.** The load for the pages was stopped by hand at "
        f"{p['articles']:,} articles, after {p['seconds'] / 60:.0f} minutes{why}\n"
    )


def pages_cause(r) -> str:
    """The split of each target page's time between the database and Python, from the run."""
    runs = r["pages"]
    split = []
    for name in runs[0]["pages"]:
        if page_target(name) is None or "db_p50_ms" not in runs[0]["pages"][name]:
            continue
        total = statistics.median(run["pages"][name]["p50_ms"] for run in runs)
        db = statistics.median(run["pages"][name]["db_p50_ms"] for run in runs)
        split.append(f"{name} {total:.0f} ms, {db:.0f} in its {runs[0]['pages'][name]['queries']} queries")
    measured = ("At the median request: " + "; ".join(split) + ". ") if split else ""
    t = r["throughput"]
    share = t["article"]["median"] / t["healthz"]["median"] * 100
    # What the target leaves a page: the CPUs' time per request at 35% of /healthz's rate.
    budget = r["machine"]["nproc"] * 1000 / (t["healthz"]["median"] * 0.35)
    article = statistics.median(run["pages"]["article"]["p50_ms"] for run in runs)
    cached = ""
    if "throughput_cached" in r:
        c = r["throughput_cached"]
        cached = f"{c['article']['median'] / c['healthz']['median'] * 100:.0f}% of `/healthz` above, and "
    return (
        "**Pages, uncached.** "
        + measured
        + "The query counts are constant, pinned by `tests/site/test_query_counts.py`; "
        "the rest of each page's time is Django building the page in Python: compiling "
        "each query and making model objects of its rows, then the template engine, with the twenty "
        "statement cards a page shows and the article's highlighted body (the cards, the body with its notes "
        "and the linked statements are kept as fragments in the cache, `articles/site/fragments.py`, "
        "and the filter forms' name suggestions are cached). The same cost makes the uncached article page "
        f"{share:.0f}% of `/healthz`'s rate: at 35% of its rate, {r['machine']['nproc']} CPUs would have "
        f"{budget:.1f} ms for each article page, Python, database and server together, where the page alone "
        f"takes {article:.1f} ms in one process at the median. The design answer is the page cache (a hit "
        "makes no query: "
        f"{cached}`make loadtest`'s p99 in docs/RELIABILITY.md); found fragments take a tenth "
        "off a miss (Design measurements); the next step for misses is fewer queries on the article page (its "
        "side panel and its links elsewhere make six of them). Search's own share grows with "
        "common words: ranking is bounded, but a phrase still reads its candidates' vectors.\n"
    )


CAUSES = {
    "load": load_cause,
    "corpus": corpus_cause,
    "article": pages_cause,
    "speaker": pages_cause,
    "directive": pages_cause,
    "search": pages_cause,
    "share": pages_cause,
}


if __name__ == "__main__":
    docs = Path(__file__).resolve().parent.parent / "docs"
    write(
        json.loads((docs / "benchmarks.json").read_text()),
        docs / (sys.argv[1] if len(sys.argv) > 1 else "BENCHMARKS.md"),
    )
