"""Two runnable Alembic mini-projects that differ only in how env.py handles
transactions on SQLite: `stock` (as `alembic init` writes it) and `handbook`
(with the two fixes), plus `settings`, a bench for every combination.

Import the functions from `examples.alembic_transactions.projects`:

    from examples.alembic_transactions.projects import run_upgrade
    outcome = run_upgrade("stock", "/tmp/stock.db", "head")
"""
