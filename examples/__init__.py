"""Example code that the handbook's pages embed and its tests execute."""
