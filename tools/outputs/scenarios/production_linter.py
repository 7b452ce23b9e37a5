"""Outputs of docs/production/linter.md: the squawk gate over the chain and the gallery."""


from examples.production_hazards.pairs import HAZARDS
from examples.production_linter.accepted import ACCEPTED
from examples.production_linter.gate import Finding, lint
from examples.production_linter.offline_sql import ROOT, offline_scripts
from tools.outputs.scenarios import scenario
from tools.outputs.scenarios.production_locks import shown
from tools.outputs.transcript import python_module

GATE = "examples.production_linter.gate"
CHAIN = "migrations/versions"
GALLERY = "examples/production_hazards/versions"


def gate_transcript(folder: str) -> str:
    code, text = python_module(GATE, None, folder)
    return f"{text}$ echo $?\n{code}\n"


def chain_findings_page(findings: list[Finding]) -> str:
    lines = ["| Revision | Rule | Statement | Why the handbook keeps it |", "| --- | --- | --- | --- |"]
    for finding in findings:
        why = ACCEPTED.get((finding.revision_file, finding.rule), "**not explained: the gate fails**")
        lines.append(f"| `{finding.file}` | `{finding.rule}` | {shown(finding.statement)} | {why} |")
    return "\n".join(lines) + "\n"


def gallery_findings_page(findings: list[Finding]) -> str:
    lines = ["| Hazard | Revision | Rules squawk reported | After accepted.py |", "| --- | --- | --- | --- |"]
    for hazard in HAZARDS:
        for kind, revision in [("unsafe", hazard.unsafe), *(("safe", s) for s in hazard.safe)]:
            rules = sorted({f.rule for f in findings if f.revision_file == revision})
            kept = [r for r in rules if (revision, r) not in ACCEPTED]
            verdict = "**fails the gate**" if kept else "passes"
            listed = ", ".join(f"`{r}`" for r in rules) or "none"
            lines.append(f"| {hazard.title} ({kind}) | `{revision}` | {listed} | {verdict} |")
    return "\n".join(lines) + "\n"


@scenario("production-linter")
def production_linter() -> dict[str, str]:
    chain = lint(offline_scripts(ROOT / CHAIN).values())
    gallery = lint(offline_scripts(ROOT / GALLERY).values())
    return {
        "gate-chain.txt": gate_transcript(CHAIN),
        "gate-gallery.txt": gate_transcript(GALLERY),
        "chain-findings.md": chain_findings_page(chain),
        "gallery-findings.md": gallery_findings_page(gallery),
    }
