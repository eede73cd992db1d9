"""Pipeline results -> RDF quads following the graph contract (ontologies/README.md)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Assertion, Document, Entity, Fact, Mention, Sentence
from kg.rdf.namespaces import (
    CLASS_OF_LABEL,
    ITSRDF,
    KG,
    MERGED_GRAPH,
    NIF,
    PLACE_CLASSES,
    SCHEMA,
    doc_iri,
    entity_iri,
    fact_iri,
    graph_iri,
    mention_iri,
    sentence_iri,
    statement_iri,
)

Quad = tuple[URIRef, URIRef, object, URIRef]


def _int(value: int) -> Literal:
    """Offsets and counts. NIF specifies xsd:nonNegativeInteger; Oxigraph stores every derived
    integer type as xsd:integer, so kg writes xsd:integer (the values are equal)."""
    return Literal(value, datatype=XSD.integer)


def _decimal(value: float) -> Literal:
    """Three decimals, written in the canonical form stores keep ("0.7", "1"), so exported
    files and SPARQL answers show the same lexical value."""
    return Literal(format(Decimal(f"{value:.3f}").normalize(), "f"), datatype=XSD.decimal)


def class_iri(entity: Entity) -> URIRef:
    if entity.label == "PLACE" and entity.place_type in PLACE_CLASSES:
        return PLACE_CLASSES[entity.place_type]
    return CLASS_OF_LABEL.get(entity.label, KG.Thing)


def statement_node(a: Assertion, entity_of: Mapping[str, str]) -> URIRef:
    """One statement per (document, subject entity, predicate, object entity)."""
    return statement_iri(a.doc_id, entity_of[a.subject], a.predicate, entity_of[a.object])


def best_assertions(
    assertions: Sequence[Assertion], entity_of: Mapping[str, str]
) -> list[Assertion]:
    """Per document and fact, the assertion with the best evidence (confidence, then position)."""
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        s_key, o_key = entity_of.get(a.subject), entity_of.get(a.object)
        if s_key is None or o_key is None or s_key == o_key:
            continue
        k = (a.doc_id, s_key, a.predicate, o_key)
        rank = (-a.confidence, a.time is None, a.sentence_start, a.subject, a.object)
        cur = best.get(k)
        if cur is None or rank < (
            -cur.confidence,
            cur.time is None,
            cur.sentence_start,
            cur.subject,
            cur.object,
        ):
            best[k] = a
    return [best[k] for k in sorted(best)]


def document_quads(
    doc: Document,
    backend: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    assertions: Sequence[Assertion],
    entities: Mapping[str, Entity],
    entity_of: Mapping[str, str],
) -> Iterator[Quad]:
    """The named graph of one document: document, sentences, mentions, statements."""
    g = graph_iri(doc.id)
    d = doc_iri(doc.id)
    yield d, RDF.type, NIF.Context, g
    yield d, RDF.type, SCHEMA.NewsArticle, g
    yield d, NIF.isString, Literal(doc.text), g
    yield d, NIF.beginIndex, _int(0), g
    yield d, NIF.endIndex, _int(len(doc.text)), g
    yield d, DCTERMS.source, Literal(doc.source), g
    yield d, KG.contentHash, Literal(doc.content_hash), g
    yield d, KG.backend, Literal(backend), g
    if doc.lang:
        yield d, DCTERMS.language, Literal(doc.lang), g
    if doc.title:
        yield d, DCTERMS.title, Literal(doc.title), g
    if doc.date:
        yield d, DCTERMS.date, Literal(doc.date, datatype=XSD.date), g
    if doc.url:
        yield d, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI), g
    for i, s in enumerate(sentences):
        si = sentence_iri(doc.id, i)
        yield si, RDF.type, NIF.Sentence, g
        yield si, NIF.referenceContext, d, g
        yield si, NIF.beginIndex, _int(s.start), g
        yield si, NIF.endIndex, _int(s.end), g
        yield si, NIF.anchorOf, Literal(doc.text[s.start : s.end]), g
    for m in mentions:
        mi = mention_iri(doc.id, m.start, m.end)
        yield mi, RDF.type, NIF.Phrase, g
        yield mi, NIF.referenceContext, d, g
        yield mi, NIF.beginIndex, _int(m.start), g
        yield mi, NIF.endIndex, _int(m.end), g
        yield mi, NIF.anchorOf, Literal(m.surface), g
        yield mi, KG.baseForm, Literal(m.base), g
        if sentences:
            yield mi, NIF.sentence, sentence_iri(doc.id, m.sentence), g
        ekey = entity_of.get(m.key)
        if ekey is not None:
            yield mi, ITSRDF.taIdentRef, entity_iri(ekey), g
            yield mi, ITSRDF.taClassRef, class_iri(entities[ekey]), g
    starts = {(m.start, m.end) for m in mentions}
    for a in best_assertions(assertions, entity_of):
        s_key, o_key = entity_of[a.subject], entity_of[a.object]
        st = statement_node(a, entity_of)
        yield st, RDF.type, RDF.Statement, g
        yield st, RDF.subject, entity_iri(s_key), g
        yield st, RDF.predicate, KG[a.predicate], g
        yield st, RDF.object, entity_iri(o_key), g
        yield st, PROV.wasDerivedFrom, d, g
        for prop, mkey in ((KG.subjectMention, a.subject), (KG.objectMention, a.object)):
            span = tuple(int(x) for x in mkey.rsplit("#", 1)[1].split("-"))
            if span in starts:
                yield st, prop, mention_iri(doc.id, *span), g
        yield st, KG.evidence, Literal(doc.text[a.sentence_start : a.sentence_end]), g
        yield st, KG.evidenceBegin, _int(a.sentence_start), g
        yield st, KG.evidenceEnd, _int(a.sentence_end), g
        yield st, KG.confidence, _decimal(a.confidence), g
        yield st, KG.rule, Literal(a.rule), g
        if a.time is not None:
            yield st, KG.time, Literal(a.time.value, datatype=XSD[a.time.datatype]), g


#: Predicates of an entity's own block in the merged graph (the rest are fact blocks).
ENTITY_PREDICATES = (
    RDF.type,
    SKOS.prefLabel,
    RDFS.label,
    SKOS.altLabel,
    OWL.sameAs,
    KG.mentionCount,
)


def entity_quads(e: Entity) -> Iterator[Quad]:
    """An entity's block of the merged graph: classes, labels, identifiers, mention count."""
    g = MERGED_GRAPH
    ei = entity_iri(e.key)
    yield ei, RDF.type, CLASS_OF_LABEL.get(e.label, KG.Thing), g
    if e.label == "PLACE" and e.place_type in PLACE_CLASSES:
        yield ei, RDF.type, PLACE_CLASSES[e.place_type], g
    labelled = dict(e.labels)
    display = labelled.get("en") or e.name
    yield ei, SKOS.prefLabel, Literal(display, lang="en" if "en" in labelled else None), g
    for lang, label in sorted(labelled.items()):
        yield ei, RDFS.label, Literal(label, lang=lang), g
    for lang, alt in e.alt_labels:
        if labelled.get(lang) != alt:
            yield ei, SKOS.altLabel, Literal(alt, lang=lang), g
    for iri in e.same_as:
        yield ei, OWL.sameAs, URIRef(iri), g
    yield ei, KG.mentionCount, _int(len(e.mentions)), g


def fact_sources(f: Fact, entity_of: Mapping[str, str], languages: Mapping[str, str]) -> tuple:
    """What a fact's block depends on besides the fact's own fields (its fingerprint input)."""
    docs = sorted({a.doc_id for a in f.assertions})
    statements = sorted(
        {(a.doc_id, entity_of[a.subject], a.predicate, entity_of[a.object]) for a in f.assertions}
    )
    return docs, len({languages.get(d, "") for d in docs}), statements


def fact_quads(
    f: Fact, entity_of: Mapping[str, str], languages: Mapping[str, str]
) -> Iterator[Quad]:
    """A fact's block of the merged graph: the direct triple and its kg:Fact node."""
    g = MERGED_GRAPH
    s, o, p = entity_iri(f.subject), entity_iri(f.object), KG[f.predicate]
    yield s, p, o, g
    fi = fact_iri(f.subject, f.predicate, f.object)
    yield fi, RDF.type, KG.Fact, g
    yield fi, RDF.subject, s, g
    yield fi, RDF.predicate, p, g
    yield fi, RDF.object, o, g
    yield fi, KG.confidence, _decimal(f.confidence), g
    docs, language_count, statements = fact_sources(f, entity_of, languages)
    yield fi, KG.sourceCount, _int(len(docs)), g
    yield fi, KG.languageCount, _int(language_count), g
    yield fi, KG.conflict, Literal(f.conflict), g
    if f.time is not None:
        yield fi, KG.time, Literal(f.time.value, datatype=XSD[f.time.datatype]), g
    for st in sorted({statement_iri(*parts) for parts in statements}):
        yield fi, KG.supportedBy, st, g


def merged_quads(
    entities: Sequence[Entity],
    facts: Sequence[Fact],
    entity_of: Mapping[str, str],
    languages: Mapping[str, str],
) -> Iterator[Quad]:
    """The merged view: entities, direct fact triples and kg:Fact nodes."""
    for e in entities:
        yield from entity_quads(e)
    for f in facts:
        yield from fact_quads(f, entity_of, languages)
