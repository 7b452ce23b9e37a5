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
        ("<!-- no-test: shell state: changing directory affects the shell only -->\n\n```console\n$ cd x\n```", "opted-out"),
        ("<!-- no-test: shell state: because -->\n```console\n$ ls\n```", "unclassified"),
        ("<!-- no-test: shown for illustration only, output abridged -->\n```console\n$ ls\n```", "unclassified"),
        ("<!-- no-test: this shows a shell prompt, nothing runs -->\n\n```console\n$ ls\n```", "unclassified"),
        ("```python\nprint('typed by hand')\n```", "unclassified"),
        ('```python\n--8<-- "examples/app/models.py:user"\nprint("extra")\n```', "unclassified"),
        ('!!! note\n    ```python\n    print("indented, in an admonition")\n    ```', "unclassified"),
        ("Some text.\n\n    print('an indented code block')\n", "unclassified"),
        ('Some text.\n\n    --8<-- "examples/app/models.py:user"\n', "embedded"),
        ("<!-- no-test: placeholder to edit: put your own server's address here -->\n\n    $ psql HOST\n", "opted-out"),
        ("!!! note\n\n    Indented prose inside an admonition is not code.\n", None),
        ("- a list item\n\n    still the list item's paragraph\n", None),
        ("!!! note\n\n        print('code inside an admonition')\n", "unclassified"),
    ],
    ids=["embed", "no-fence", "pycon", "opt-out", "reason-too-short", "reason-of-no-allowed-kind",
         "reason-without-kind", "hand-typed", "embed-plus-code", "indented-fence", "indented-code",
         "indented-embed", "indented-opt-out", "admonition-prose", "list-paragraph", "indented-in-admonition"],
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
