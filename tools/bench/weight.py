"""Page weight: the gzip-compressed bytes each page makes a phone download, and any third-party request."""

from playwright.sync_api import sync_playwright

from tools.bench import Table, built_site, section
from tools.site.built_site import (
    gzip_size,
    is_local,
    launch,
    serve,
    site_file,
    sitemap_paths,
)

BUDGET_KB = 300  # per page, without diagrams (mermaid alone is larger)


@section("weight")
def page_weight() -> Table:
    site = built_site()
    table = Table(
        "Page weight (gzip, everything the page loads until the network is idle)",
        ["page", "KB gzip", "requests", "third-party", "diagrams", f"≤ {BUDGET_KB} KB"],
    )
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
        foreign: list[str] = []
        context.route(lambda url: not is_local(url), lambda route: (foreign.append(route.request.url), route.abort()))
        for path in sitemap_paths(site):
            requested: list[str] = []
            foreign.clear()
            page = context.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(base + path, wait_until="networkidle")
            page.close()
            files = {site_file(site, url) for url in requested if is_local(url) and url.startswith(base)}
            kilobytes = sum(gzip_size(f) for f in files if f.is_file()) / 1024
            diagrams = any(f.name.startswith("mermaid") for f in files)
            within = "yes" if kilobytes <= BUDGET_KB else ("n/a (diagrams)" if diagrams else "NO")
            table.rows.append([f"/{path}", f"{kilobytes:.0f}", len(requested), len(foreign), "yes" if diagrams else "", within])
        browser.close()
    table.notes.append("Bytes are the site's own files compressed with gzip -6, as a host serving them compressed sends them.")
    return table
