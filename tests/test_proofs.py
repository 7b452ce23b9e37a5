"""The generated Reference pages of tests: one page per module, one section per test."""

from collections import Counter

from tools.proofs import module_page, proof_modules


def test_test_module_names_are_unique():
    """Proof pages are named after the module's file name, so two tests/**/test_x.py would collide."""
    counts = Counter(module.path.stem for module in proof_modules())
    assert [name for name, n in counts.items() if n > 1] == []


def test_each_test_gets_a_heading_and_its_source():
    module = next(m for m in proof_modules() if m.path.name == "test_proofs.py")
    page = module_page(module)
    assert "## test_each_test_gets_a_heading_and_its_source" in page
    assert "    def test_each_test_gets_a_heading_and_its_source():" in page
    assert "pytest tests/test_proofs.py::test_each_test_gets_a_heading_and_its_source" in page
