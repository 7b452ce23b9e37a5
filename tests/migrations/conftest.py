"""Seeded databases at every revision of the chain, per engine, built once per test session."""

from collections.abc import Callable

import pytest

from tools.outputs.chain_states import SeededChain


def _chains(request: pytest.FixtureRequest, tmp_path_factory, *, seeded: bool) -> Callable[[str], SeededChain]:
    chains: dict[str, SeededChain] = {}

    def chain(engine: str) -> SeededChain:
        if engine not in chains:
            server = None if engine == "sqlite" else request.getfixturevalue("postgresql_server")
            folder = tmp_path_factory.mktemp(f"chain-{engine}")
            chains[engine] = SeededChain(server, folder, seeded=seeded)
        return chains[engine]

    return chain


@pytest.fixture(scope="session")
def seeded_chain(request: pytest.FixtureRequest, tmp_path_factory) -> Callable[[str], SeededChain]:
    """`seeded_chain("sqlite")` or `seeded_chain("postgresql")`: databases at each revision
    holding the sample rows, one chain of templates per engine."""
    return _chains(request, tmp_path_factory, seeded=True)


@pytest.fixture(scope="session")
def generated_rows_chain(request: pytest.FixtureRequest, tmp_path_factory) -> Callable[[str], SeededChain]:
    """The same with empty tables, for Hypothesis to fill."""
    return _chains(request, tmp_path_factory, seeded=False)
