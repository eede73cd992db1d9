"""The ontology declares every term the graph uses, in five languages, and its page is current."""

from __future__ import annotations

import re
import sys

import rdflib

from tests.conftest import ROOT

KG = "https://w3id.org/kg/ontology#"


def test_every_term_used_is_declared_with_five_labels():
    onto = rdflib.Graph().parse(ROOT / "ontologies" / "kg.ttl")
    code = (ROOT / "kg" / "rdf" / "build.py").read_text() + (
        ROOT / "kg" / "extract" / "relations.py"
    ).read_text()
    used = set(re.findall(r"KG\.(\w+)", code)) | set(
        re.findall(r'^\s+"(\w+)": PredicateRule', code, re.M)
    )
    used |= {"capitalOf", "headOf", "locatedIn"}
    for term in sorted(used):
        labels = {lit.language for lit in onto.objects(rdflib.URIRef(KG + term), rdflib.RDFS.label)}
        assert labels >= {"en", "de", "pl", "nb", "sv"}, term


def test_ontology_page_is_up_to_date():
    sys.path.insert(0, str(ROOT / "ontologies"))
    from make_docs import render

    assert (ROOT / "ontologies" / "kg.md").read_text("utf-8") == render()
