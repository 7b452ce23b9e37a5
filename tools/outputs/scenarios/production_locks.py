"""Outputs of docs/production/locks.md and of each revision's reference page: the lock
receipts of the handbook's chain, run revision by revision on a seeded PostgreSQL."""

import re
from dataclasses import replace

import sqlalchemy as sa

from examples.production_locks.chain import chain_receipts
from examples.production_locks.receipts import BLOCKS, MODES, StatementReceipt, strongest
from examples.production_locks.seed import SEEDS
from tools.engines import shared
from tools.outputs.revision_runs import revisions
from tools.outputs.scenarios import measured, scenario
from tools.outputs.sql_capture import handbook_config

SHOWN_LENGTH = 90  # characters of a statement shown in a table cell


def mode_name(mode: str) -> str:
    """'AccessExclusiveLock' -> 'ACCESS EXCLUSIVE', as PostgreSQL's docs write it."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", mode.removesuffix("Lock")).upper()


def shown(sql: str) -> str:
    one_line = " ".join(sql.split())
    text = one_line if len(one_line) <= SHOWN_LENGTH else one_line[: SHOWN_LENGTH - 1] + "…"
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def grouped(receipts: list[StatementReceipt]) -> list[tuple[StatementReceipt, int]]:
    """Each distinct statement once, in the order first sent, with how many times it
    ran (a data migration's chunks): locks, rewrites and time added up."""
    rows: dict[str, tuple[StatementReceipt, int]] = {}
    for receipt in receipts:
        if receipt.sql not in rows:
            rows[receipt.sql] = (receipt, 1)
            continue
        first, count = rows[receipt.sql]
        locks = {t: tuple(sorted({*first.locks.get(t, ()), *m}, key=MODES.index))
                 for t, m in {**first.locks, **receipt.locks}.items()}
        merged = replace(first, locks=locks, seconds=first.seconds + receipt.seconds,
                         rewritten=tuple(sorted({*first.rewritten, *receipt.rewritten})))
        rows[receipt.sql] = (merged, count + 1)
    return list(rows.values())


def locks_cell(receipt: StatementReceipt) -> str:
    if not receipt.in_transaction:
        return "none held after it (autocommit)"
    parts = []
    for table, modes in sorted(receipt.locks.items()):
        new = " (new table)" if table in receipt.created else ""
        parts.append(f"`{table}`{new}: " + ", ".join(mode_name(m) for m in modes))
    return "<br>".join(parts) or "nothing new"


def held_on_existing(receipts: list[StatementReceipt]) -> dict[str, tuple[str, int]]:
    """Table -> (strongest mode, statement number that took it), for tables other
    sessions could see: those the revision did not create."""
    created = {t for r in receipts for t in r.created}
    held: dict[str, tuple[str, int]] = {}
    for number, (receipt, _) in enumerate(grouped(receipts), start=1):  # numbered as the table shows them
        for table, modes in receipt.locks.items():
            if table in created:
                continue
            mode = strongest(modes)
            if table not in held or strongest([held[table][0], mode]) != held[table][0]:
                held[table] = (mode, number)
    return held


def receipt_page(revision_id: str, receipts: list[StatementReceipt]) -> str:
    if not receipts:
        return f"Revision {revision_id} sends no statement to PostgreSQL.\n"
    lines = ["| # | Statement | Locks it took | Rewrote | Time |", "| --- | --- | --- | --- | --- |"]
    for number, (receipt, count) in enumerate(grouped(receipts), start=1):
        rewrote = ", ".join(f"`{t}`" for t in receipt.rewritten) or "no"
        repeat = f" (×{count}, time is the total)" if count > 1 else ""
        lines.append(f"| {number} | {shown(receipt.sql)}{repeat} | {locks_cell(receipt)} | {rewrote} | "
                     f"{measured(receipt.seconds)} |")
    held = held_on_existing(receipts)
    lines.append("")
    if held:
        until = "; ".join(
            f"**{mode_name(mode)}** on `{table}` from statement {at}, which blocks {BLOCKS[mode]}"
            for table, (mode, at) in sorted(held.items())
        )
        lines.append(f"Held until COMMIT: {until}.")
    else:
        lines.append("It locks no table another session could already see.")
    return "\n".join(lines) + "\n"


def summary_page(by_revision: dict[str, list[StatementReceipt]]) -> str:
    lines = [
        "| Revision | Strongest lock on a table others can see | It blocks | Rewrote | Statements sent | Time |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for revision_id, receipts in by_revision.items():
        held = held_on_existing(receipts)
        if held:
            mode = strongest(m for m, _ in held.values())
            tables = ", ".join(f"`{t}`" for t, (m, _) in sorted(held.items()) if m == mode)
            lock, blocks = f"{mode_name(mode)} on {tables}", BLOCKS[mode]
        else:
            lock, blocks = "none", "nothing"
        rewrote = ", ".join(sorted({f"`{t}`" for r in receipts for t in r.rewritten})) or "no"
        link = f"[{revision_id}](../reference/revisions/{revision_id}.md)"
        lines.append(f"| {link} | {lock} | {blocks} | {rewrote} | {len(receipts)} | "
                     f"{measured(sum(r.seconds for r in receipts))} |")
    return "\n".join(lines) + "\n"


_runs: dict[int, tuple[str, dict[str, list[StatementReceipt]]]] = {}


def chain_run(server) -> tuple[str, dict[str, list[StatementReceipt]]]:
    """(the database at head, {revision: receipts}): the chain run once per server for the
    process, so the page's tests assert on the run the staleness test renders."""
    if id(server) not in _runs:
        url = server.create_database()
        _runs[id(server)] = (url, chain_receipts(url, handbook_config(), [r.id for r in revisions()]))
    return _runs[id(server)]


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in SEEDS}
    finally:
        engine.dispose()


def seeded_page(url: str) -> str:
    counts = row_counts(url)
    lines = ["| Table | Rows at head |", "| --- | --- |"]
    lines += [f"| `{table}` | {count:,} |" for table, count in counts.items()]
    return "\n".join(lines) + "\n"


def section(revision_id: str) -> str:
    """The named section of receipts.md a revision's reference page embeds."""
    return f"r{revision_id}"


def every_receipt_page(by_revision: dict[str, list[StatementReceipt]]) -> str:
    """All receipts under one heading each; each receipt is also a named section."""
    titles = {r.id: r.title for r in revisions()}
    parts = []
    for revision_id, receipts in by_revision.items():
        parts += [
            f"### [{titles[revision_id]}](../reference/revisions/{revision_id}.md)",
            "",
            f"<!-- --8<-- [start:{section(revision_id)}] -->",
            receipt_page(revision_id, receipts).rstrip("\n"),
            f"<!-- --8<-- [end:{section(revision_id)}] -->",
            "",
        ]
    return "\n".join(parts)


@scenario("production-locks")
def production_locks() -> dict[str, str]:
    url, by_revision = chain_run(shared.postgresql())
    return {
        "summary.md": summary_page(by_revision),
        "seeded.md": seeded_page(url),
        "receipts.md": every_receipt_page(by_revision),
    }
