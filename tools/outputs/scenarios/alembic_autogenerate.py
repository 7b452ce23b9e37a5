"""Outputs of docs/alembic/autogenerate.md: the revision autogenerate writes for each case."""

import re

from examples.alembic_autogenerate.cases import CASES, autogenerate
from tools.outputs.scenarios import scenario
from tools.site import proof_links

OPERATION = re.compile(r"\b(?:op|batch_op)\.(\w+)\(")
# Snippets are expanded after the proof-link hook ran: the table carries full links.
PAGE = "alembic/autogenerate.md"


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
    tests = proof_links.index()
    for case in CASES.values():
        rendered = autogenerate(case)
        outputs[f"{case.name}.txt"] = rendered
        rows.append(
            f"| {case.change} | {operations(rendered)} | {case.lesson} "
            f"| {proof_links.link(f'test_{case.name}', PAGE, tests)} |"
        )
    outputs["summary.md"] = "\n".join(rows) + "\n"
    return outputs
