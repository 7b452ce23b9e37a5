"""Outputs of docs/alembic/autogenerate.md: the revision autogenerate writes for each case."""

import re

from examples.autogenerate.cases import CASES, autogenerate
from tools.snapshots import scenario

OPERATION = re.compile(r"\b(?:op|batch_op)\.(\w+)\(")
PROOFS = "../reference/tests/test_alembic_autogenerate.md"


def operations(rendered: str) -> str:
    names = [n for n in OPERATION.findall(rendered) if n not in {"batch_alter_table", "f"}]
    return ", ".join(f"`{n}`" for n in names) or "nothing (`pass`)"


@scenario("alembic-autogenerate")
def autogenerate_cases() -> dict[str, str]:
    outputs = {}
    rows = [
        "| Change in the models | What autogenerate writes | What it means | Proved by |",
        "| --- | --- | --- | --- |",
    ]
    for case in CASES.values():
        rendered = autogenerate(case)
        outputs[f"{case.name}.txt"] = rendered
        rows.append(
            f"| {case.change} | {operations(rendered)} | {case.lesson} "
            f"| [test_{case.name}]({PROOFS}#test_{case.name}) |"
        )
    outputs["summary.md"] = "\n".join(rows) + "\n"
    return outputs
