"""Throwaway database servers: the one place that knows how to start and stop each engine.

Tests (through the fixtures in tests/conftest.py) and `make snapshots` start a private
server in a folder of their own, on a free port, and remove it afterwards. Nothing here
connects to a server it did not start.
"""
