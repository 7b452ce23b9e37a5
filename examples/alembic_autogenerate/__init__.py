"""What Alembic's autogenerate sees and misses, one case per kind of change."""
