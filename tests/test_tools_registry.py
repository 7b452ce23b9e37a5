"""tools/registry.py: `make bench` and `make snapshots` find their entries by module, and a name is taken once."""

import pkgutil

import pytest

import tools.bench
import tools.snapshots
from tools.registry import Registry


def test_every_module_of_the_package_is_imported_and_its_entries_listed():
    modules = {m.name for m in pkgutil.iter_modules(tools.bench.__path__) if not m.name.startswith("_")}
    assert {"lighthouse", "loop", "weight"} <= modules
    assert set(tools.bench.sections()) >= {"lighthouse", "weight"}  # registered in modules never imported by hand
    assert "tutorial-first-migration" in tools.snapshots.scenarios()


def test_a_name_registered_twice_is_refused_with_the_kind_named():
    registry = Registry("tools.snapshots", "scenario")
    registry.register("users")(lambda: {})
    with pytest.raises(ValueError, match="two scenarios are called 'users'"):
        registry.register("users")(lambda: {})
