"""Check a Docker Compose file without Docker: the Compose spec's schema, then the release order.

    python -m examples.production_where_migrations_run.compose_check compose.yaml

The schema is the Compose specification's JSON schema as vendored by check-jsonschema.
The order rules are the handbook's: a one-shot service runs `alembic upgrade`, every
service that uses the database waits for it to complete successfully, and only it migrates.
This is as far as a machine without a Docker daemon can check; `docker compose config`
and a real `docker compose up` check more.
"""

import json
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

MIGRATION_COMMAND = ["alembic", "upgrade", "head"]
DATABASE_URL_VARIABLE = "HANDBOOK_DATABASE_URL"


def compose_schema() -> dict:
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(vendored.read_text(encoding="utf-8"))


def schema_problems(compose: dict) -> list[str]:
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in sorted(validator.iter_errors(compose), key=lambda e: list(map(str, e.absolute_path)))]


# --8<-- [start:order_rules]
def order_problems(compose: dict) -> list[str]:
    services = compose.get("services", {})
    migrators = [name for name, service in services.items() if service.get("command") == MIGRATION_COMMAND]
    if len(migrators) != 1:
        return [f"expected one service whose command is {' '.join(MIGRATION_COMMAND)!r}, found {migrators or 'none'}"]
    migrator = migrators[0]
    problems = []
    if services[migrator].get("restart", "no") != "no":
        problems.append(f"{migrator}: a one-shot migration must not restart (restart: \"no\")")
    for name, service in services.items():
        if name == migrator or DATABASE_URL_VARIABLE not in service.get("environment", {}):
            continue
        if "alembic" in " ".join(map(str, service.get("command", []))):
            problems.append(f"{name}: only {migrator} migrates; {name} runs alembic too")
        condition = service.get("depends_on", {}).get(migrator, {}).get("condition")
        if condition != "service_completed_successfully":
            problems.append(f"{name}: must wait for {migrator} with condition: service_completed_successfully "
                            f"(found {condition or 'no depends_on'})")
    return problems
# --8<-- [end:order_rules]


def problems(path: Path) -> list[str]:
    try:
        compose = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as failure:
        return [f"{path}: cannot read a Compose file: {failure}"]
    if not isinstance(compose, dict):
        return [f"{path}: not a Compose file (a mapping at the top is expected)"]
    return schema_problems(compose) or order_problems(compose)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print("usage: python -m examples.production_where_migrations_run.compose_check FILE...", file=sys.stderr)
        return 2
    found = [f"{path}: {problem}" for path in paths for problem in problems(path)]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
