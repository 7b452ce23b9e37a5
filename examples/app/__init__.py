"""The example application whose schema the handbook's migrations evolve."""
