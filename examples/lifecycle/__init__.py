"""The executable steps of the migration lifecycle (docs/lifecycle/): inventory,
backup and restore, two heads and a merge, the release gate, offline SQL, query
plans, drift detection. Each module is run by the tests and by the scenarios in
tools/outputs/scenarios/lifecycle*.py that write what the pages show."""
