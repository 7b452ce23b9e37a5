"""Where Reference → Revisions lives: names shared by the code that makes its pages and the
build hook that adds them, in a module the hook can import without Alembic or SQLAlchemy."""

# The pages, under docs/: one per revision, and the index.
PAGES_FOLDER = "reference/revisions"
# The scenario that runs every revision on PostgreSQL, and its folder under docs/_generated/.
POSTGRESQL_RUNS = "reference-revisions"
