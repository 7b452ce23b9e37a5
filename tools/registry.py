"""Functions registered by name, from every module of a package.

`make bench` (sections) and `make snapshots` (scenarios) both grow by adding a
module: its functions carry `@register("name")`, and `every()` imports each module
of the package (those whose name starts with `_` excepted) before listing them.
"""

import importlib
import pkgutil
from collections.abc import Callable


class Registry:
    def __init__(self, package: str, kind: str):
        self.package = package  # dotted name, e.g. "tools.bench"
        self.kind = kind  # what one entry is called in error messages
        self._entries: dict[str, Callable] = {}

    def register(self, name: str) -> Callable[[Callable], Callable]:
        def add(function: Callable) -> Callable:
            if name in self._entries:
                raise ValueError(f"two {self.kind}s are called {name!r}")
            self._entries[name] = function
            return function

        return add

    def every(self) -> dict[str, Callable]:
        for module in pkgutil.iter_modules(importlib.import_module(self.package).__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{self.package}.{module.name}")
        return dict(self._entries)
