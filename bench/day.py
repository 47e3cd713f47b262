"""The "Day in the life" section of docs/BENCHMARKS.md, from what `make drill-day` stored
under "day" in benchmarks.json (scripts/drill_day.py)."""

SHARE_TARGET = 40
HIT_TARGET = 90
P99_TARGET_MS = 100
KIND_NAMES = {
    "article": "article pages",
    "search": "search",
    "speaker": "speaker pages",
    "directive": "directive pages",
    "list": "home and lists",
    "statement": "statement permalinks",
    "healthz": "`/healthz`",
}


def hit_ratio(figures: dict) -> float | None:
    """Hits among the responses that said hit or miss, in percent; None when none did."""
    counted = figures["hits"] + figures["misses"]
    return figures["hits"] / counted * 100 if counted else None


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def row(phase: str, kind: str, figures: dict, total: int, healthz: float) -> str:
    return (
        f"| {phase} | {KIND_NAMES.get(kind, kind)} | {figures['requests'] / total * 100:.0f}% "
        f"| {figures['per_s']:.1f} | {figures['per_s'] / healthz * 100:.0f}% | {figures['p50_ms']:.1f} "
        f"| {figures['p99_ms']:.1f} "
        f"| {percent(hit_ratio(figures))} | {figures['server_errors']} |"
    )


def decisions(writers: dict) -> str:
    """The editor's pace, when the run kept how long the editor worked."""
    if not writers.get("editor_seconds"):
        return ""
    per_s = (writers["confirmed"] + writers["rejected"]) / writers["editor_seconds"]
    return f", {per_s:.2f} decisions a second"


def targets(day: dict) -> list[tuple[str, str, str, bool]]:
    phases = day["phases"]
    share = phases["article"]["per_s"] / phases["healthz"]["per_s"] * 100
    hits = hit_ratio(phases["mix"]) or 0.0
    p99 = phases["mix"]["p99_ms"]
    served = day["rejections"]["violations"]
    return [
        ("article pages alone, share of `/healthz`", f">= {SHARE_TARGET}%", f"{share:.0f}%", share >= SHARE_TARGET),
        ("page cache hit ratio, the mix", f">= {HIT_TARGET}%", f"{hits:.0f}%", hits >= HIT_TARGET),
        ("p99, the mix", f"< {P99_TARGET_MS} ms", f"{p99:.0f} ms", p99 < P99_TARGET_MS),
        ("rejected statements served", "0", f"{served}", served == 0),
    ]


def section(day: dict) -> list[str]:
    k, w, r, phases = day["knobs"], day["writers"], day["rejections"], day["phases"]
    mix = ", ".join(f"{KIND_NAMES[kind]} {share}%" for kind, share in day["mix"].items())
    lines = [
        "",
        "## Day in the life (`make drill-day`)",
        "",
        (
            f"Measured {day['measured_on']} by `make drill-day` (`scripts/drill_day.py`), in one run: "
            f"{k['articles']:,} synthetic articles on PostgreSQL, gunicorn with {k['workers']} sync workers in the "
            "production profile, the page cache on in Redis. Throughout, a loader loads one article every 2 s "
            f"and an editor confirms a statement a second from the review queue, rejecting instead, one second in "
            f"{k['reject_every']}, a statement of one of the most read articles. {k['connections']} connections "
            f"from {k['readers']} reader processes, which used {day['readers_cpu_share'] * 100:.0f}% of the "
            f"machine's CPU themselves; the load average was {day['load_average']:.1f} when the run began. "
            f"The mix: {mix}; articles, speakers, directives, statements and search words drawn by Zipf's law. "
            f"Phases: `/healthz` and article pages alone {k['alone_seconds']} s each, the mix {k['mix_seconds']} s."
        ),
        "",
        *([day["note"], ""] if day.get("note") else []),
        (
            "| phase | page kind | share of requests | requests/s | of `/healthz`'s rate | p50 ms | p99 ms "
            "| cache hits | server errors |"
        ),
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    healthz = phases["healthz"]["per_s"]
    for name in ("healthz", "article"):
        lines.append(row("alone", name, phases[name], phases[name]["requests"], healthz))
    total = phases["mix"]["requests"]
    lines += [row("mix", kind, figures, total, healthz) for kind, figures in phases["mix"]["kinds"].items()]
    lines.append(row("mix", "all", phases["mix"], total, healthz).replace("| all |", "| **all** |"))
    share = phases["article"]["per_s"] / phases["healthz"]["per_s"] * 100
    lines += [
        "",
        (
            f"Article pages alone: **{share:.0f}%** of `/healthz`'s rate. Writers: {w['loaded']} articles loaded "
            f"({w['load_failed']} failed, {w['load_p50_s']:.2f} s each at the median), {w['confirmed']} statements "
            f"confirmed and {w['rejected']} rejected{decisions(w)} ({w['refused']} refused as stale, "
            f"{w['server_errors']} server errors; the editor's requests took {w['editor_p50_ms']:.0f} ms at the "
            "median)."
        ),
        "",
        (
            f"Rejected statements: {r['rejected']} rejected; {r['checked']:,} reader responses began after a "
            "rejection at a page that had shown the statement (its article page or its permalink), and "
            f"{r['violations']} of all responses showed a statement after its rejection had returned."
        ),
        "",
        "| figure | target | measured | |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {name} | {target} | {measured} | {'met' if met else '**missed**'} |"
        for name, target, measured, met in targets(day)
    ]
    return lines + [""]
