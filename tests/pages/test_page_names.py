"""Every page's parts are found by its one name (tools/site/page_names.py)."""

from tools.site.page_names import missing_parts


def test_every_page_with_outputs_or_claims_has_its_same_named_scenario_and_test_module():
    assert missing_parts() == []


def test_a_page_without_its_scenario_or_test_module_is_named_with_the_missing_file(tmp_path):
    page = tmp_path / "docs" / "recipes" / "new-page.md"
    page.parent.mkdir(parents=True)
    page.write_text('# New\n\n```text\n--8<-- "docs/_generated/recipes-new-page/out.txt"\n```\n\nProved by [test_x][].\n')
    assert missing_parts(tmp_path) == [
        "docs/recipes/new-page.md embeds generated outputs but has no scenario module "
        "tools/outputs/scenarios/recipes_new_page.py",
        "docs/recipes/new-page.md links tests (Proved by) but has no test module "
        "tests/pages/recipes/test_recipes_new_page.py",
    ]


def test_a_scenario_module_that_writes_another_folder_is_named(tmp_path):
    page = tmp_path / "docs" / "recipes" / "new-page.md"
    page.parent.mkdir(parents=True)
    page.write_text('```text\n--8<-- "docs/_generated/recipes-new-page/out.txt"\n```\n')
    scenario = tmp_path / "tools" / "outputs" / "scenarios" / "recipes_new_page.py"
    scenario.parent.mkdir(parents=True)
    scenario.write_text('@scenario("new-page")\ndef new_page(): ...\n')
    assert missing_parts(tmp_path) == [
        'docs/recipes/new-page.md: tools/outputs/scenarios/recipes_new_page.py registers no @scenario("recipes-new-page")'
    ]
