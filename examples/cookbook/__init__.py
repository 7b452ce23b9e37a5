"""The cookbook's recipes: each one is a small Alembic project of its own.

`project.build(recipe, dest)` lays one out in a throwaway folder, so a recipe can
break things (two heads, a lost revision, a failing upgrade) without touching the
handbook's real migrations/.
"""
