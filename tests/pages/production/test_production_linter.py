"""docs/production/linter.md: squawk over the offline SQL of every revision."""

import subprocess

import pytest

from examples.production_hazards.gallery import VERSIONS as GALLERY
from examples.production_hazards.pairs import HAZARDS
from examples.production_linter.accepted import ACCEPTED
from examples.production_linter.gate import SQUAWK, lint, main, unexplained
from examples.production_linter.offline_sql import ROOT, offline_scripts

CHAIN = ROOT / "migrations" / "versions"

# The rule each unsafe gallery revision must trip.
EXPECTED = {
    "index_plain": "require-concurrent-index-creation",
    "default_volatile": "adding-field-with-default",
    "type_rewrite": "changing-column-type",
    "not_null_direct": "adding-not-nullable-field",
    "fk_direct": "adding-foreign-key-constraint",
    "unique_direct": "disallowed-unique-constraint",
    "index_concurrent_in_transaction": "ban-concurrent-index-creation-in-transaction",
}


@pytest.fixture(scope="module")
def gallery_findings():
    return lint(offline_scripts(GALLERY).values())


@pytest.fixture(scope="module")
def chain_findings():
    return lint(offline_scripts(CHAIN).values())


def rules_of(findings, revision):
    return {f.rule for f in findings if f.revision_file == revision}


def test_squawk_is_the_pinned_version():
    version = subprocess.run([str(SQUAWK), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.strip() == "squawk 2.70.0"


def test_every_unsafe_gallery_revision_trips_its_rule(gallery_findings):
    for revision, rule in EXPECTED.items():
        assert rule in rules_of(gallery_findings, revision), f"{revision}: {rule} did not fire"


def test_every_safe_gallery_revision_passes_the_gate(gallery_findings):
    for hazard in HAZARDS:
        for revision in hazard.safe:
            assert [str(f) for f in unexplained(gallery_findings) if f.revision_file == revision] == []


def test_squawk_misses_an_enum_value_used_in_its_own_transaction(gallery_findings):
    assert rules_of(gallery_findings, "enum_in_transaction") == set()


def test_chain_passes_the_gate_with_every_finding_explained(chain_findings):
    assert [str(f) for f in unexplained(chain_findings)] == []


def test_every_accepted_finding_still_occurs(chain_findings, gallery_findings):
    found = {(f.revision_file, f.rule) for f in [*chain_findings, *gallery_findings]}
    assert sorted(set(ACCEPTED) - found) == []


def test_offline_mode_cannot_write_the_chunked_backfill():
    scripts = offline_scripts(CHAIN)
    assert [s.revision for s in scripts.values() if s.error] == ["0009"]


def test_revision_run_without_lock_timeout_is_named_by_the_linter(monkeypatch):
    monkeypatch.setenv("HANDBOOK_LOCK_TIMEOUT", "0")  # env.py then sets nothing
    findings = [f for f in lint(offline_scripts(CHAIN).values()) if f.rule == "require-lock-timeout"]
    named = {(f.file, f.statement) for f in findings}
    assert ("0003_add_event_capacity.py",
            "ALTER TABLE events ADD COLUMN capacity INTEGER DEFAULT 50 NOT NULL;") in named


def test_gate_fails_naming_the_revision_file_and_the_statement(capsys):
    assert main([str(GALLERY)]) == 1
    printed = capsys.readouterr().out
    assert "index_concurrent_in_transaction.py: line 7: ban-concurrent-index-creation-in-transaction" in printed
    assert "    CREATE INDEX CONCURRENTLY ix_bookings_member_id ON bookings (member_id);" in printed


def test_gate_passes_the_chain(capsys):
    assert main([str(CHAIN)]) == 0
    assert capsys.readouterr().out.endswith("no unexplained finding\n")


def test_gate_refuses_a_folder_that_does_not_exist(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no such versions folder" in capsys.readouterr().err
