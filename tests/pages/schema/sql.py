"""One-line SQL helpers for the schema tests: each call is its own transaction."""

import sqlalchemy as sa


def scalar(engine: sa.Engine, sql: str):
    with engine.connect() as connection:
        return connection.exec_driver_sql(sql).scalar_one()


def rows(engine: sa.Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql(sql).fetchall()]


def execute(engine: sa.Engine, sql: str) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql(sql)
