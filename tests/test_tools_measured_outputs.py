"""Generated files named *.measured.* compare their durations as placeholders (tools/snapshots)."""

from tools.snapshots import comparable, same_outputs


def test_measured_file_ignores_a_different_duration():
    assert same_outputs({"t.measured.md": "took 1.25 s, waited 40 ms\n"}, {"t.measured.md": "took 0.98 s, waited 3 ms\n"})


def test_measured_file_still_compares_counts():
    assert not same_outputs({"t.measured.md": "100,000 rows in 1.2 s\n"}, {"t.measured.md": "90,000 rows in 1.2 s\n"})


def test_other_files_compare_durations_exactly():
    assert comparable("t.md", "took 1.25 s\n") == "took 1.25 s\n"
    assert not same_outputs({"t.md": "took 1.25 s\n"}, {"t.md": "took 0.98 s\n"})
