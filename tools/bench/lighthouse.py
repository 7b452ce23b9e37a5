"""Lighthouse 12.2.3 on every page of the sitemap, mobile (simulated slow 4G) and desktop:
the four category scores, the failing audits, and the worst page of each form factor.

One Node process and one Chromium audit every page in turn (tools/bench/lighthouse.mjs):
starting Lighthouse and a browser for each of ~270 audits would double the time.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tools.bench import ROOT, Table, built_site, section
from tools.site.built_site import CHROMIUM, CHROMIUM_ARGS, serve, sitemap_paths

BENCH_PACKAGES = ROOT / ".bench"
LIGHTHOUSE = BENCH_PACKAGES / "node_modules" / ".bin" / "lighthouse"
RUNNER = Path(__file__).with_name("lighthouse.mjs")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FORM_FACTORS = ["mobile", "desktop"]


def pages(site: Path) -> list[str]:
    """Every page of the sitemap, or only those in BENCH_PAGES: paths as the sitemap writes
    them, comma-separated ("" is the home page), e.g. BENCH_PAGES=",tutorial/first-migration/"."""
    chosen = os.environ.get("BENCH_PAGES")
    return sitemap_paths(site) if chosen is None else [path.strip() for path in chosen.split(",")]


def audit_all(base: str, paths: list[str], log: Path | None = None) -> list[dict]:
    """One result per (page, form factor), in the order of `paths`; progress on stderr, and
    each result appended to `log` as it comes (a long run that is stopped still tells)."""
    jobs = "".join(json.dumps({"path": p, "url": base + p, "formFactor": f}) + "\n" for p in paths for f in FORM_FACTORS)
    environment = {**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROME_FLAGS": " ".join(["--headless=new", *CHROMIUM_ARGS])}
    runner = subprocess.Popen(["node", str(RUNNER), str(BENCH_PACKAGES)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=environment)
    results = []
    try:
        runner.stdin.write(jobs)
        runner.stdin.close()
        for line in runner.stdout:
            results.append(json.loads(line))
            if log is not None:
                with log.open("a", encoding="utf-8") as kept:
                    kept.write(line)
            print(f"  lighthouse {len(results)}/{2 * len(paths)}", end="\r", file=sys.stderr, flush=True)
    finally:
        if runner.poll() is None and len(results) != 2 * len(paths):
            runner.terminate()  # interrupted: its Chromium is stopped with it
    if runner.wait() != 0 or len(results) != 2 * len(paths):
        raise SystemExit(f"lighthouse stopped after {len(results)} of {2 * len(paths)} audits")
    return results


def scores_and_failures(result: dict) -> tuple[dict[str, int], list[str]]:
    if result["problem"]:
        raise SystemExit(f"lighthouse could not audit {result['url']}: {result['problem']}")
    scores = {c: round(100 * (result["categories"][c] or 0)) for c in CATEGORIES}
    failing = sorted({
        audit_id
        for category in CATEGORIES if category != "performance"
        for audit_id in result["weighted"][category]
        if (result["audits"][audit_id]["score"] or 0) < 1
    })
    return scores, failing


def shortfall(scores: dict[str, int]) -> int:
    """How far a page is from every target, in points: 0 when all are met."""
    return sum(max(0, TARGETS[c] - scores[c]) for c in CATEGORIES)


def marked(scores: dict[str, int]) -> str:
    return " ".join(f"{scores[c]}{'' if scores[c] >= TARGETS[c] else '✗'}" for c in CATEGORIES)


@section("lighthouse")
def lighthouse() -> Table:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: `make bench` installs it (npm ci --prefix .bench)")
    site = built_site()
    # The largest pages first: they are the likeliest to be the worst, and a run cut short
    # has measured them (BENCH_LIGHTHOUSE_LOG keeps every result as it comes).
    paths = sorted(pages(site), key=lambda path: -(site / path / "index.html").stat().st_size)
    log = os.environ.get("BENCH_LIGHTHOUSE_LOG")
    with serve(site, gzip=True) as base:
        results = audit_all(base, paths, Path(log) if log else None)
    table = Table("Lighthouse 12.2.3 over every page (performance, accessibility, best practices, SEO)",
                  ["page", "mobile", "desktop", "mobile TBT ms", "failing audits"])
    worst: dict[str, tuple] = {}
    pages_below = dict.fromkeys(FORM_FACTORS, 0)
    for path in paths:
        row = {r["formFactor"]: r for r in results if r["path"] == path}
        cells, failing = {}, set()
        for form_factor in FORM_FACTORS:
            scores, failed = scores_and_failures(row[form_factor])
            cells[form_factor] = marked(scores)
            failing.update(failed)
            pages_below[form_factor] += shortfall(scores) > 0
            rank = (shortfall(scores), -scores["performance"], f"/{path}", cells[form_factor])
            worst[form_factor] = max(worst.get(form_factor, rank), rank)
        blocking = row["mobile"]["audits"]["total-blocking-time"]["numericValue"] or 0
        table.rows.append([f"/{path}", cells["mobile"], cells["desktop"], f"{blocking:.0f}", ", ".join(sorted(failing))])
    table.notes.append(f"{len(paths)} pages, served on 127.0.0.1 with gzip; ✗ marks a score under its target"
                       " (performance ≥ 95, the others 100).")
    for form_factor, (missed, _, page, scores) in worst.items():
        verdict = "every target met on every page" if missed == 0 else (
            f"{missed} points short; {pages_below[form_factor]} page(s) miss a target")
        table.notes.append(f"Worst page, {form_factor}: {page} ({scores}): {verdict}.")
    return table
