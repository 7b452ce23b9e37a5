"""The generated Reference pages of tests: one page per module, one section per test."""

import ast
from collections import Counter

from tools.site import proofs
from tools.site.proofs import module_page, proof_modules


def test_test_module_names_are_unique():
    """Proof pages are named after the module's file name, so two tests/**/test_x.py would collide."""
    counts = Counter(module.path.stem for module in proof_modules())
    assert [name for name, n in counts.items() if n > 1] == []


def test_each_test_gets_a_heading_and_its_source():
    module = next(m for m in proof_modules() if m.path.name == "test_proofs.py")
    page = module_page(module)
    assert "## test_each_test_gets_a_heading_and_its_source" in page
    assert "    def test_each_test_gets_a_heading_and_its_source():" in page
    assert "pytest tests/tools/site/test_proofs.py::test_each_test_gets_a_heading_and_its_source" in page


def test_each_tests_source_is_what_ast_reads_for_it():
    """The pages show each test's source as `ast.get_source_segment` would cut it (proofs.py
    cuts it from lines split once per module, which is faster)."""
    checked = 0
    for module in proofs.proof_modules():
        source = (proofs.ROOT / module.path).read_text(encoding="utf-8")
        nodes = {node.name: node for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for proof in module.proofs:
            assert proof.source == ast.get_source_segment(source, nodes[proof.name], padded=True), proof.name
            checked += 1
    assert checked, "no test was found"


def test_short_proof_link_becomes_a_relative_link_to_the_test():
    from tools.site import proof_links

    pages = {"test_x": "reference/tests/test_mod.md"}
    assert proof_links.expand("Proved by [test_x][].", "alembic/batch.md", pages) == (
        "Proved by [test_x](../reference/tests/test_mod.md#test_x)."
    )


def test_short_proof_link_to_a_missing_test_names_the_page_and_the_test():
    import pytest

    from tools.site import proof_links

    with pytest.raises(proof_links.UnknownTest, match=r"docs/alembic/batch\.md .*test_gone"):
        proof_links.expand("Proved by [test_gone][].", "alembic/batch.md", {})


def test_two_tests_with_one_name_are_refused():
    import pytest

    from tools.site import proof_links

    module = proofs.ProofModule(proofs.ROOT / "tests/test_a.py", "", (proofs.Proof("test_same", "", "", 1),))
    with pytest.raises(ValueError, match="test_same"):
        proof_links.index([module, module])


def test_short_proof_link_in_a_code_block_is_left_as_written():
    from tools.site import proof_links

    markdown = "```markdown\nProved by [test_x][].\n```\n"
    assert proof_links.expand(markdown, "a.md", {}) == markdown
