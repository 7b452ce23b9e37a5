"""tools/bench/pytest_time.py: the test time of a pytest run, by area of the suite."""

from tools.bench.pytest_time import area, timed_tests

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
  <testcase classname="tests.pages.production.test_production_hazards" name="test_a" time="2.5" />
  <testcase classname="tests.migrations.test_migrations" name="test_b[postgresql]" time="1.25" />
  <testcase classname="tests.test_parallel_by_default" name="test_c" time="0.5" />
</testsuite></testsuites>
"""


def test_an_area_is_the_suite_folder_a_test_module_sits_in():
    assert area("tests.pages.production.test_production_hazards") == "tests/pages/production"
    assert area("tests.tools.site.test_page_cache") == "tests/tools/site"
    assert area("tests.migrations.test_migrations") == "tests/migrations"
    assert area("tests.test_parallel_by_default") == "tests"


def test_every_test_of_the_report_is_listed_with_its_area_and_time(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert timed_tests(report) == [
        ("tests/pages/production", "tests.pages.production.test_production_hazards::test_a", 2.5),
        ("tests/migrations", "tests.migrations.test_migrations::test_b[postgresql]", 1.25),
        ("tests", "tests.test_parallel_by_default::test_c", 0.5),
    ]
