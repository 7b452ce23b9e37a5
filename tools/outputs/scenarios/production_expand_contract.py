"""Outputs of docs/production/expand-contract.md: the old and the new app's queries against
every revision of the expand/contract chain, and against the direct rename and drop."""

from examples.production_expand_contract.grid import REVISIONS, direct_grid, expand_contract_grid, markdown
from tools.engines import shared
from tools.outputs.scenarios import scenario

DIRECT_LABELS = {"0001": "before (the old app's schema)", "direct": "rename, backfill venues, drop location"}


@scenario("production-expand-contract")
def expand_contract() -> dict[str, str]:
    server = shared.postgresql()
    return {
        "grid.md": markdown(expand_contract_grid(server.create_database), REVISIONS),
        "direct-grid.md": markdown(direct_grid(server.create_database), DIRECT_LABELS),
    }
