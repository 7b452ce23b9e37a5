"""Outputs of the Guarantees page (docs/reference/guarantees.md): figures measured by running the guarantees."""

from tools.engines import shared
from tools.outputs.chain_states import SeededChain
from tools.outputs.round_trips import rows_per_revision, rows_table
from tools.outputs.scenarios import scenario
from tools.outputs.statement_faults import chain_statements, plan_table


@scenario("reference-guarantees")
def guarantees() -> dict[str, str]:
    postgresql = shared.postgresql()
    plan = chain_statements(SeededChain()) + chain_statements(SeededChain(postgresql))
    rows = {
        "sqlite": rows_per_revision(SeededChain(seeded=False)),
        "postgresql": rows_per_revision(SeededChain(postgresql, seeded=False)),
    }
    return {"injection-points.md": plan_table(plan), "round-trip-rows.md": rows_table(rows)}
