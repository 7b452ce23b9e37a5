#!/bin/sh
# Run from the folder that holds alembic.ini, with HANDBOOK_DATABASE_URL naming
# the database to check. Exits non-zero on the first check that fails.
# --8<-- [start:ci]
set -e
# A scratch database (CI): build it from the migrations...
alembic upgrade head
# ...then fail if the models hold a change that no migration makes.
alembic check
# A real database (before deploying the app): fail unless it is at every head.
alembic current --check-heads
# --8<-- [end:ci]
