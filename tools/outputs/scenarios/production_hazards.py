"""Outputs of docs/production/hazards.md: every gallery revision run on a copy of one
seeded PostgreSQL database while the app's INSERT and SELECT are sent, and the DDL
that queues behind a long reader, with and without lock_timeout.

The runs are kept per server for the process: the page's tests assert facts on the
same runs the staleness test renders, instead of running the gallery twice.
"""


from examples.production_hazards.behind_a_reader import QueueRun, queued_behind_reader
from examples.production_hazards.gallery import APP_QUERIES, HazardRun, Step, engine_for, fresh_copy, run_hazard
from examples.production_hazards.invalid_index import invalid_indexes
from examples.production_hazards.pairs import HAZARDS
from examples.production_locks.receipts import strongest
from tools.engines import shared
from tools.outputs.scenarios import measured, scenario
from tools.outputs.scenarios.production_locks import mode_name, shown

FAILING = ("unique_index_on_duplicates", "index_concurrent_in_transaction")
TIMEOUTS = ("0", "1s")  # "0": env.py sets no lock_timeout
_runs: dict[int, dict] = {}


def gallery_runs(server) -> dict[str, tuple[str, HazardRun]]:
    """{revision: (its database's URL, what happened)}, every gallery revision once per server."""
    key = id(server)
    if key not in _runs:
        revisions = [r for h in HAZARDS for r in (h.unsafe, *h.safe)] + list(FAILING)
        runs = {}
        for revision in revisions:
            url = fresh_copy(server)
            runs[revision] = (url, run_hazard(url, revision))
        queues = {}
        for timeout in TIMEOUTS:
            url = fresh_copy(server)
            queues[timeout] = (url, queued_behind_reader(url, timeout))
        _runs[key] = {"gallery": runs, "queue": queues}
    return _runs[key]["gallery"]


def queue_runs(server) -> dict[str, tuple[str, QueueRun]]:
    gallery_runs(server)
    return _runs[id(server)]["queue"]


def app_cell(step: Step, kind: str) -> str:
    query = next(q for q in step.app if q.kind == kind)
    if query.error:
        return f"failed: {query.error}"
    if query.waited:
        return f"**queued**, done {measured(query.seconds)} after the migration got its lock"
    return "ran at once"


def requested_cell(step: Step) -> str:
    where = "in its transaction" if step.in_transaction else "alone (autocommit)"
    locks = ", ".join(f"{mode_name(mode)} on `{table}`" for table, mode in step.requested)
    return f"{locks}, {where}"


def run_page(run: HazardRun) -> str:
    lines = []
    if run.steps:
        lines += ["| Step | Statement | Lock it asked for | App's INSERT | App's SELECT |",
                  "| --- | --- | --- | --- | --- |"]
        for number, step in enumerate(run.steps, start=1):
            lines.append(f"| {number} | {shown(step.statement)} | {requested_cell(step)} | "
                         f"{app_cell(step, 'INSERT')} | {app_cell(step, 'SELECT')} |")
    elif run.error:
        lines.append("No statement of this revision reached the gate's queue: it failed first.")
    else:
        lines.append("No statement of this revision waited at the gate: none asks for a lock that schema "
                     "changes need, so the app's queries were never in its way.")
    lines.append("")
    rewrote = ", ".join(f"`{t}`" for t in run.rewritten)
    lines.append(f"Rewrote: {rewrote or 'nothing (same file node before and after)'}. "
                 + (f"The migration **failed**: `{run.error}`." if run.error
                    else f"The migration took {measured(run.seconds)}."))
    return "\n".join(lines) + "\n"


def summary_row(hazard: str, run: HazardRun) -> str:
    modes = [mode for step in run.steps for _, mode in step.requested]
    lock = mode_name(strongest(modes)) if modes else "none a schema change needs"
    cells = []
    for query in APP_QUERIES:
        waits = [q.seconds for s in run.steps for q in s.app if q.kind == query and q.waited]
        cells.append(f"**queued**, up to {measured(max(waits))}" if waits else "no wait")
    result = f"failed: {run.error.split(':')[0]}" if run.error else "ran"
    rewrote = ", ".join(run.rewritten) or "no"
    return f"| {hazard} | `{run.revision}` | {lock} | {' | '.join(cells)} | {rewrote} | {result} |"


def summary_page(runs: dict[str, tuple[str, HazardRun]]) -> str:
    lines = ["| Hazard | Revision | Strongest lock asked for | App's INSERT | App's SELECT | Rewrote | Result |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for hazard in HAZARDS:
        lines.append(summary_row(f"{hazard.title}: unsafe", runs[hazard.unsafe][1]))
        lines += [summary_row(f"{hazard.title}: safe", runs[safe][1]) for safe in hazard.safe]
    return "\n".join(lines) + "\n"


def queue_page(queues: dict[str, tuple[str, QueueRun]]) -> str:
    lines = ["| lock_timeout | The migration | A SELECT sent while it waits | Did the SELECT need the reader to end? |",
             "| --- | --- | --- | --- |"]
    for timeout, (_, run) in queues.items():
        setting = "not set" if timeout == "0" else f"`{timeout}`"
        migration = f"failed: `{run.migration_error}`" if run.migration_error else "waited for the reader, then ran"
        select = "**queued** behind the migration" if run.select_waited else "ran at once"
        if run.select_done_before_reader_ended:
            select += f", done {measured(run.select_seconds)} after it was sent"
        needed = "no: it ran once the migration gave up" if run.select_done_before_reader_ended else (
            "**yes**: it ran only after the reader's transaction ended")
        lines.append(f"| {setting} | {migration} | {select} | {needed} |")
    return "\n".join(lines) + "\n"


def invalid_index_page(url: str) -> str:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            names = invalid_indexes(connection)
    finally:
        engine.dispose()
    listed = ", ".join(f"`{n}`" for n in names) or "none"
    return f"INVALID indexes left after the failed build: {listed}.\n"


@scenario("production-hazards")
def production_hazards() -> dict[str, str]:
    server = shared.postgresql()
    runs = gallery_runs(server)
    out = {f"run-{revision}.md": run_page(run) for revision, (_, run) in runs.items()}
    out["summary.md"] = summary_page(runs)
    out["queue.md"] = queue_page(queue_runs(server))
    out["invalid-index.md"] = invalid_index_page(runs["unique_index_on_duplicates"][0])
    return out



