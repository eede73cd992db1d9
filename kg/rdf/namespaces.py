"""Namespaces and IRI minting for the graph contract (DESIGN.md section 2)."""

from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/kg/ontology#")
KGD = "https://w3id.org/kg/id/"
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

DOC = Namespace(KGD + "doc/")
ENTITY = Namespace(KGD + "entity/")
GRAPH = Namespace(KGD + "graph/")
STMT = Namespace(KGD + "stmt/")
FACT = Namespace(KGD + "fact/")
MERGED_GRAPH = GRAPH["merged"]

PREFIXES: dict[str, object] = {
    "kg": KG,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
    "kgdoc": DOC,
    "kge": ENTITY,
    "kgg": GRAPH,
    "kgs": STMT,
    "kgf": FACT,
}

#: Entity label -> rdf:type of the entity.
CLASS_OF_LABEL = {
    "PERSON": SCHEMA.Person,
    "ORG": SCHEMA.Organization,
    "PLACE": SCHEMA.Place,
    "MISC": KG.Thing,
}
#: Extra place classes (Entity.place_type -> class).
PLACE_CLASSES = {
    "Country": SCHEMA.Country,
    "City": SCHEMA.City,
    "Region": SCHEMA.AdministrativeArea,
    "Continent": SCHEMA.Continent,
}

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of the parts (joined with a separator that cannot occur)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def safe_local(key: str) -> str:
    """A local name that is safe in any IRI and any serializer (no escapes needed)."""
    cleaned = _SAFE.sub("_", key)
    return cleaned if cleaned == key and cleaned else f"h{short_hash(key)}"


def doc_iri(doc_id: str) -> URIRef:
    return DOC[safe_local(doc_id)]


def graph_iri(doc_id: str) -> URIRef:
    return GRAPH[safe_local(doc_id)]


def entity_iri(key: str) -> URIRef:
    return ENTITY[safe_local(key)]


def mention_iri(doc_id: str, start: int, end: int) -> URIRef:
    """NIF/RFC 5147 style: <doc>#char=start,end."""
    return URIRef(f"{doc_iri(doc_id)}#char={start},{end}")


def sentence_iri(doc_id: str, index: int) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#sentence={index}")


def statement_iri(doc_id: str, subject: str, predicate: str, obj: str) -> URIRef:
    return STMT[short_hash(doc_id, subject, predicate, obj)]


def fact_iri(subject_key: str, predicate: str, object_key: str) -> URIRef:
    return FACT[short_hash(subject_key, predicate, object_key)]
