"""Measured durations in generated files are compared as placeholders; nothing else is (tools/outputs/scenarios)."""

from tools.outputs.scenarios import comparable, measured, same, write


def test_files_differing_only_in_measured_durations_are_the_same():
    assert same({"t.md": "took 1.25 s, waited 40.0 ms\n"}, {"t.md": "took 0.98 s, waited 3.1 ms\n"})


def test_a_changed_count_beside_a_duration_is_still_a_difference():
    assert not same({"t.md": "100,000 rows in 1.2 s\n"}, {"t.md": "90,000 rows in 1.2 s\n"})


def test_a_setting_written_without_a_space_is_not_a_duration():
    assert comparable("SET lock_timeout = '5s'\n") == "SET lock_timeout = '5s'\n"
    assert not same({"t.sql": "SET lock_timeout = '5s'\n"}, {"t.sql": "SET lock_timeout = '1s'\n"})


def test_measured_writes_milliseconds_the_comparison_masks():
    assert measured(0.0123) == "12.3 ms"
    assert comparable(f"took {measured(0.0123)}\n") == comparable(f"took {measured(2.5)}\n")


def test_make_snapshots_keeps_the_committed_figures_when_only_durations_changed(tmp_path, monkeypatch):
    import tools.outputs.scenarios as scenarios

    monkeypatch.setattr(scenarios, "GENERATED", tmp_path)
    write("s", {"t.md": "50,000 rows in 1.45 s\n"})
    assert write("s", {"t.md": "50,000 rows in 2.01 s\n"}) == []
    assert (tmp_path / "s" / "t.md").read_text() == "50,000 rows in 1.45 s\n"
    assert write("s", {"t.md": "60,000 rows in 2.01 s\n"}) == ["t.md"]
