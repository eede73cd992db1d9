"""Writes ontologies/kg.md, the human-readable page of kg.ttl (a test keeps it current)."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

HERE = Path(__file__).resolve().parent
KG = rdflib.Namespace("https://w3id.org/kg/ontology#")
LANGS = ("en", "de", "pl", "nb", "sv")


def _short(graph: rdflib.Graph, node) -> str:
    if isinstance(node, rdflib.BNode):
        members = list(graph.items(graph.value(node, OWL.unionOf)))
        return " or ".join(_short(graph, m) for m in members)
    return graph.namespace_manager.normalizeUri(node) if node is not None else ""


def render() -> str:
    g = rdflib.Graph().parse(HERE / "kg.ttl")
    lines = [
        "# The kg ontology",
        "",
        "Generated from `kg.ttl` by `python ontologies/make_docs.py`; the graph contract "
        "is in `README.md` beside it.",
        "",
    ]
    for title, kind in (
        ("Classes", OWL.Class),
        ("Relations between entities and other object properties", OWL.ObjectProperty),
        ("Data properties", OWL.DatatypeProperty),
    ):
        lines += [
            f"## {title}",
            "",
            "| term | " + " | ".join(LANGS) + " | domain | range | meaning |",
            "| --- |" + " --- |" * (len(LANGS) + 3),
        ]
        for term in sorted(g.subjects(RDF.type, kind)):
            if not str(term).startswith(str(KG)):
                continue
            labels = {lit.language: str(lit) for lit in g.objects(term, RDFS.label)}
            lines.append(
                f"| `kg:{term.split('#')[1]}` | "
                + " | ".join(labels.get(x, "") for x in LANGS)
                + f" | {_short(g, g.value(term, RDFS.domain))}"
                + f" | {_short(g, g.value(term, RDFS.range))}"
                + f" | {g.value(term, RDFS.comment) or ''} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    (HERE / "kg.md").write_text(render(), encoding="utf-8")
