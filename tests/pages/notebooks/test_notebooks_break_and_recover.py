"""examples/notebooks_break_and_recover/recovery.py: the failing revision, the temporary copy of the
revisions, and the env.py excerpt the "Break it and recover" notebook shows."""

from pathlib import Path

import alembic

from examples.notebooks_break_and_recover.recovery import (
    ROOT,
    failing_revision,
    online_runner,
    versions_with,
)


def test_failing_revision_follows_the_head_and_raises_after_two_changes():
    text = failing_revision("0012")
    assert 'down_revision = "0012"' in text and 'revision = "fails_halfway"' in text
    upgrade = text[text.index("def upgrade") : text.index("def downgrade")]
    assert upgrade.index("create_table") < upgrade.index("batch_alter_table") < upgrade.index("raise RuntimeError")


def test_versions_copy_holds_every_revision_plus_the_extra_and_leaves_the_original(tmp_path):
    original = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    versions = versions_with(tmp_path / "versions", {"fails_halfway.py": failing_revision("0012")})
    assert sorted(p.name for p in versions.glob("*.py")) == sorted([*original, "fails_halfway.py"])
    assert sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py")) == original


def test_online_runner_is_the_stock_templates_function():
    """The stock mini-project's env.py is Alembic's template: the excerpt is its online runner."""
    template = Path(alembic.__file__).parent / "templates" / "generic" / "env.py"
    runner = online_runner(template)
    assert runner.startswith("def run_migrations_online() -> None:")
    assert "with context.begin_transaction():\n            context.run_migrations()" in runner
    assert "is_offline_mode" not in runner
    stock = online_runner(ROOT / "examples" / "alembic_transactions" / "stock" / "env.py")
    assert "engine_from_config(" in stock and "context.run_migrations()" in stock
    assert "--8<--" not in stock
