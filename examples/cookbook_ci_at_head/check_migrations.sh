#!/bin/sh
# CI only: run from the folder that holds alembic.ini, with HANDBOOK_DATABASE_URL
# naming a scratch database, never a real one: the first command migrates it.
# Exits non-zero on the first check that fails.
# --8<-- [start:ci]
set -e
# Build the scratch database from the migrations...
alembic upgrade head
# ...then fail if the models hold a change that no migration makes.
alembic check
# --8<-- [end:ci]
