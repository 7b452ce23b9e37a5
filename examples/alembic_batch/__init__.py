"""Batch migrations on SQLite: what plain ALTER cannot do, and the copy-and-move."""
