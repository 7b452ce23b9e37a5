"""Outputs of Reference → Revisions that need a server: what PostgreSQL executed for each
revision and the schema it reports after it (tools/outputs/postgresql_runs.py)."""

from tools.engines import shared
from tools.outputs.postgresql_runs import outputs, run_every_revision
from tools.outputs.reference_paths import POSTGRESQL_RUNS
from tools.outputs.scenarios import scenario


@scenario(POSTGRESQL_RUNS)
def reference_revisions() -> dict[str, str]:
    return outputs(run_every_revision(shared.postgresql()))
