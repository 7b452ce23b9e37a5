#!/bin/sh
# Before deploying the app: run from the folder that holds alembic.ini, with
# HANDBOOK_DATABASE_URL naming the real database. Only reads it.
# --8<-- [start:deploy]
set -e
# Fail unless the database is at every head of the chain.
alembic current --check-heads
# --8<-- [end:deploy]
