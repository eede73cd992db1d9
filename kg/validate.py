"""`kg validate`: check a build against the SHACL shapes of the graph contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib

from kg.errors import StoreError

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[dict] = field(default_factory=list)
    triples: int = 0


def validate(out_dir: Path, *, shapes: Path | None = None, limit: int = 100) -> ValidationResult:
    """Validate the union of the build's graphs (graph.nq, else graph.trig) with pyshacl."""
    from pyshacl import validate as shacl

    found = [
        (Path(out_dir) / name, fmt)
        for name, fmt in (("graph.nq", "nquads"), ("graph.trig", "trig"))
        if (Path(out_dir) / name).is_file()
    ]
    if not found:
        raise StoreError(
            "no graph.nq or graph.trig in the build",
            path=str(out_dir),
            fix="run `kg build ... --out DIR` first",
        )
    source, fmt = found[0]
    data = rdflib.Graph()
    for s, p, o, _g in rdflib.Dataset().parse(source, format=fmt).quads():
        data.add((s, p, o))
    shapes_graph = rdflib.Graph()
    if shapes is not None:
        shapes_graph.parse(shapes)
    else:
        shapes_graph.parse(
            data=resources.files("kg.data").joinpath("shapes.ttl").read_text(), format="turtle"
        )
    conforms, report, _text = shacl(data, shacl_graph=shapes_graph, advanced=True)
    violations = []
    for r in sorted(report.subjects(rdflib.RDF.type, SH.ValidationResult), key=str)[:limit]:
        violations.append(
            {
                "focus": str(report.value(r, SH.focusNode)),
                "path": str(report.value(r, SH.resultPath) or ""),
                "message": str(report.value(r, SH.resultMessage) or ""),
                "severity": str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            }
        )
    return ValidationResult(bool(conforms), violations, len(data))
