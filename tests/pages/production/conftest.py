"""The Production pages' runs on PostgreSQL, shared with the staleness test: each runs
once per server (per xdist worker), however many tests read it."""

import pytest

from tools.outputs.scenarios.production_hazards import gallery_runs, queue_runs
from tools.outputs.scenarios.production_locks import chain_run


@pytest.fixture(scope="session")
def chain(postgresql_server):
    """(database at head, {revision: [StatementReceipt]}) for the handbook's chain."""
    return chain_run(postgresql_server)


@pytest.fixture(scope="session")
def gallery(postgresql_server):
    """{revision: (its database's URL, HazardRun)} for every gallery revision."""
    return gallery_runs(postgresql_server)


@pytest.fixture(scope="session")
def queues(postgresql_server):
    """{lock_timeout: (database URL, QueueRun)}: DDL behind a long reader."""
    return queue_runs(postgresql_server)
