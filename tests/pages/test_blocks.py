"""Every fenced code block on every page is embedded, executed, or opted out with a reason."""

from pathlib import Path

import pytest

from tools.site.pages import ROOT, blocks, classify, pages

PAGES = pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_code_block_is_classified(page: Path):
    """A block nobody runs could be wrong forever: each one must say how it is checked."""
    problems = [
        f"{block.where}: {detail}"
        for block in blocks(page)
        if (kind_detail := classify(block))[0] == "unclassified"
        for detail in [kind_detail[1]]
    ]
    assert not problems, "\n".join(problems)


def test_there_are_pages_to_check():
    assert len(PAGES) >= 2


@pytest.mark.parametrize(
    ("markdown", "kind"),
    [
        ('```python\n--8<-- "examples/app/models.py:user"\n```', "embedded"),
        (">>> 1 + 1\n", None),  # not a fence at all: no block
        ("```pycon\n>>> 1 + 1\n2\n```", "executed"),
        ("<!-- no-test: this shows a shell prompt, nothing runs -->\n\n```console\n$ ls\n```", "opted-out"),
        ("<!-- no-test: because -->\n```console\n$ ls\n```", "unclassified"),
        ("```python\nprint('typed by hand')\n```", "unclassified"),
        ('```python\n--8<-- "examples/app/models.py:user"\nprint("extra")\n```', "unclassified"),
        ('!!! note\n    ```python\n    print("indented, in an admonition")\n    ```', "unclassified"),
    ],
    ids=["embed", "no-fence", "pycon", "opt-out", "reason-too-short", "hand-typed", "embed-plus-code", "indented"],
)
def test_classifier_on_examples(tmp_path, markdown, kind):
    """The classifier itself: what counts as checked, and what does not."""
    page = ROOT / "docs" / "example.md"  # never written: the text is passed in
    found = blocks(page, markdown)
    if kind is None:
        assert found == []
    else:
        assert [classify(b)[0] for b in found] == [kind]


def test_unclassified_block_is_reported_with_page_and_line():
    page = ROOT / "docs" / "tutorial" / "example.md"
    (block,) = blocks(page, "# Title\n\nSome text.\n\n```sql\nSELECT 1;\n```\n")
    assert block.where == "docs/tutorial/example.md:5"
    assert classify(block)[0] == "unclassified"
