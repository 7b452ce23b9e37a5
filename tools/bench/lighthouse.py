"""Lighthouse 12.2.3 on every page, mobile (simulated slow 4G) and desktop: the four category scores."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tools.bench import ROOT, Table, built_site, section
from tools.built_site import CHROMIUM, CHROMIUM_ARGS, serve, sitemap_paths

LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def pages(site: Path) -> list[str]:
    """Every page of the sitemap, or only those in BENCH_PAGES: paths as the sitemap writes
    them, comma-separated ("" is the home page), e.g. BENCH_PAGES=",tutorial/first-migration/"."""
    chosen = os.environ.get("BENCH_PAGES")
    return sitemap_paths(site) if chosen is None else [path.strip() for path in chosen.split(",")]


FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}


def audit(url: str, report: Path, form_factor: str) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}", *FORM_FACTORS[form_factor],
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, check=True, capture_output=True, timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def scores_and_failures(result: dict) -> tuple[dict[str, int], list[str]]:
    scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = sorted(
        audit_id
        for category in CATEGORIES if category != "performance"
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] and (result["audits"][audit_id := ref["id"]]["score"] or 0) < 1
    )
    return scores, failing


def shortfall(scores: dict[str, int]) -> int:
    """How far a page is from every target, in points: 0 when all are met."""
    return sum(max(0, TARGETS[c] - scores[c]) for c in CATEGORIES)


@section("lighthouse")
def lighthouse() -> Table:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: `make bench` installs it (npm ci --prefix .bench)")
    site = built_site()
    table = Table("Lighthouse 12.2.3, mobile and desktop (targets: performance ≥ 95, the others 100)",
                  ["page", "form factor", *CATEGORIES, "failing audits"])
    worst: dict[str, tuple[int, int, str]] = {}
    with serve(site, gzip=True) as base, tempfile.TemporaryDirectory() as tmp:
        for path in pages(site):
            for form_factor in FORM_FACTORS:
                scores, failing = scores_and_failures(audit(base + path, Path(tmp) / "report.json", form_factor))
                marked = [f"{scores[c]}{'' if scores[c] >= TARGETS[c] else ' ✗'}" for c in CATEGORIES]
                table.rows.append([f"/{path}", form_factor, *marked, ", ".join(failing)])
                rank = (shortfall(scores), -scores["performance"], f"/{path}")
                worst[form_factor] = max(worst.get(form_factor, rank), rank)
    table.notes.append("Served on 127.0.0.1 with gzip. ✗ marks a score under its target.")
    for form_factor, (missed, performance, page) in worst.items():
        verdict = "every target met" if missed == 0 else f"{missed} points short of the targets"
        table.notes.append(f"Worst page, {form_factor}: {page} (performance {-performance}; {verdict}).")
    return table
