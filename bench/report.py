"""benchmarks.json -> docs/BENCHMARKS.md."""

import statistics
from datetime import date

TARGETS = {"search": 50, "article": 30, "speaker": 30, "directive": 30}


def figure(s, unit=""):
    return f"{s['median']:.1f}{unit} ({s['min']:.1f}–{s['max']:.1f}, {s['runs']} runs)"


def write(r, path):
    m = r["machine"]
    lines = [
        "# Benchmarks", "",
        (f"Measured {date.today().isoformat()} by `make bench` (`bench/run.py`) in {r['minutes']:.0f} minutes. "
         "Each figure is the median of several runs, with the lowest and highest in brackets."), "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory",
        f"- Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}",
        (f"- Corpus: {r['corpus']:,} synthetic articles (`generate_corpus --seed 1`); "
         f"{r['pages'][0]['statements']:,} statements"), "",
        (f"## Loading the first {r.get('load_corpus', r['corpus']):,} articles (`load_paths`, with extraction and "
         "restatement indexing, into a fresh database)"), "",
        "| database | articles/s | statements/s |", "| --- | --- | --- |",
    ]
    for backend, f in r["load"].items():
        lines.append(f"| {backend} | {figure(f['articles_per_s'])} | {figure(f['statements_per_s'])} |")
    lines += ["", "Target: 100 articles/s on PostgreSQL."]
    if "page_load" in r:
        p = r["page_load"]
        lines += ["", (f"Loading all {p['articles']:,} articles into PostgreSQL for the pages below took "
                       f"{p['seconds'] / 60:.1f} minutes: {p['articles_per_s']:.1f} articles/s, "
                       f"{p['statements'] / p['seconds']:.1f} statements/s (one run).")]
    lines += ["",
              f"## Page server time, PostgreSQL, {r['pages'][0]['articles']:,} articles, cache missed", "",
              ("In process (Django test client, production settings, page cache off), "
               f"{len(r['pages'])} runs of repeated requests per page; the figure is the median over runs "
               "of each run's p50 and p95."), "",
              "| page | p50 ms | p95 ms | target p95 at 100,000 articles |", "| --- | --- | --- | --- |"]
    for name in r["pages"][0]["pages"]:
        p50 = [run["pages"][name]["p50_ms"] for run in r["pages"]]
        p95 = [run["pages"][name]["p95_ms"] for run in r["pages"]]
        target = f"< {TARGETS[name]} ms" if name in TARGETS else ""
        lines.append(f"| {name} (`{r['pages'][0]['pages'][name]['url']}`) | {statistics.median(p50):.1f} "
                     f"({min(p50):.1f}–{max(p50):.1f}) | {statistics.median(p95):.1f} ({min(p95):.1f}–{max(p95):.1f}) "
                     f"| {target} |")
    lines.append(f"\nThe directive page is the one with most statements ({r['pages'][0]['directive_statements']:,}).")
    t = r["throughput"]
    share = t["article"]["median"] / t["healthz"]["median"] * 100
    lines += ["", "## Requests per second on gunicorn (PostgreSQL, page cache off)", "",
              "| address | requests/s |", "| --- | --- |",
              f"| `/healthz` | {figure(t['healthz'])} |", f"| article page | {figure(t['article'])} |", "",
              f"The article page serves **{share:.0f}%** of `/healthz`'s rate (target: 35%).", ""]
    if "throughput_cached" in r:
        c = r["throughput_cached"]
        lines += [("With the page cache on (`ARCHIVE_PAGE_CACHE_SECONDS=300`, pages in the local Redis shared by the workers), "
                  "the same article page, served from the cache after its first request:"), "",
                  "| address | requests/s |", "| --- | --- |",
                  f"| `/healthz` | {figure(c['healthz'])} |", f"| article page, cached | {figure(c['article'])} |", "",
                  (f"The cached article page serves **{c['article']['median'] / c['healthz']['median'] * 100:.0f}%** "
                  "of `/healthz`'s rate."), ""]
    lines += ["## Restatement suggestion (`echo_index.suggest`) for one article against the whole corpus", ""]
    s = [run["suggest_ms"]["p50_ms"] for run in r["pages"]]
    lines += [(f"{statistics.median(s):.1f} ms ({min(s):.1f}–{max(s):.1f}), "
               f"{r['pages'][0]['suggest_ms']['statements']} statements (target: under 1 s)."), ""]
    path.write_text("\n".join(lines))
