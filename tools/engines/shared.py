"""One server per process for code that is not a test: scenarios (`make snapshots`) and benchmarks.

`postgresql()` starts a private server on first use and stops it when the process exits.
Under pytest, the session registers its fixtures here as providers, so a scenario run by
the staleness test gets the test session's server (started then, if no test asked for
it yet) instead of starting another.
"""

import atexit
import contextlib
from collections.abc import Callable

from tools.engines.mariadb import MariaDBServer
from tools.engines.postgresql import PostgresServer

_servers: dict[type, object] = {}
_providers: dict[type, Callable[[], object]] = {}
_exits = contextlib.ExitStack()
atexit.register(_exits.close)


def use(server: object) -> None:
    """Make `server` the one this process hands out (the test session's fixture calls this)."""
    _servers[type(server)] = server


def forget(server: object) -> None:
    if _servers.get(type(server)) is server:
        del _servers[type(server)]


def provide(server_class: type, provider: Callable[[], object] | None) -> None:
    """Where a server of `server_class` comes from when none is in use (None: start one here)."""
    if provider is None:
        _providers.pop(server_class, None)
    else:
        _providers[server_class] = provider


def _get(server_class):
    if server_class not in _servers and server_class in _providers:
        _providers[server_class]()  # the provider's server registers itself with use()
    if server_class not in _servers:
        _servers[server_class] = _exits.enter_context(server_class.started())
    return _servers[server_class]


def postgresql() -> PostgresServer:
    return _get(PostgresServer)


def mariadb() -> MariaDBServer:
    return _get(MariaDBServer)
