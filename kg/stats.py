"""The entity graph as networkx, and graph statistics (components, centrality, communities)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx

from kg.keyed_cache import keyed
from kg.rdf.namespaces import PREFIXES, short_hash

NS = {k: str(v) for k, v in PREFIXES.items()}

_NODES = """
SELECT ?e ?type ?pref ?l ?same ?n WHERE { GRAPH kgg:merged {
  ?e kg:mentionCount ?n ; a ?type ; skos:prefLabel ?pref .
  OPTIONAL { ?e rdfs:label ?l } OPTIONAL { ?e owl:sameAs ?same } } }
"""
# Facts, the statements supporting them and their documents are read by three simple
# queries joined here: one query joining across graphs is evaluated very slowly (minutes at
# a thousand articles), these take milliseconds.
_FACTS = """
SELECT ?f ?s ?p ?o ?t ?conf ?conflict ?st WHERE {
  GRAPH kgg:merged { ?f a kg:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:confidence ?conf ; kg:conflict ?conflict ; kg:supportedBy ?st .
     OPTIONAL { ?f kg:time ?t } } }
"""
_STATEMENTS = """
SELECT ?st ?ev ?d WHERE { GRAPH ?g { ?st kg:evidence ?ev ; prov:wasDerivedFrom ?d } }
"""
_DOCUMENTS = """
SELECT ?d ?src ?lang WHERE { GRAPH ?g { ?d dcterms:source ?src ; dcterms:language ?lang } }
"""
#: Above this many entities, statistics use sampled betweenness and Louvain communities.
BIG_GRAPH = 300
BETWEENNESS_PIVOTS = 64  # seeded sample of sources (each a breadth-first search)
LOUVAIN_THRESHOLD = 1e-3  # stop once a level gains less modularity than this
_RANK = {"Country": 0, "City": 0, "AdministrativeArea": 0, "Continent": 0}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Row:
    """One solution of a pyoxigraph query, read like an rdflib row (``row.e``, ``str(...)``)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict) -> None:
        self._values = values

    def __getattr__(self, name: str):
        return self._values.get(name)


class _Term(str):
    """A term's lexical value with the language tag rdflib rows expose (``row.l.language``)."""

    language: str | None = None


def _select(source, query: str):
    """Rows of a SELECT over an rdflib Dataset or, much faster, a pyoxigraph Store."""
    import pyoxigraph as ox

    if not isinstance(source, ox.Store):
        yield from source.query(query, initNs=NS)
        return
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in NS.items())
    solutions = source.query(prologue + query)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        values = {}
        for name in names:
            term = solution[name]
            if term is None:
                continue
            value = _Term(term.value)
            if isinstance(term, ox.Literal) and term.language:
                value.language = term.language
            values[name] = value
        yield _Row(values)


def to_networkx(dataset) -> nx.MultiDiGraph:
    """Entities as nodes, merged facts as edges, read from a kg dataset or pyoxigraph store."""
    g = nx.MultiDiGraph()
    for row in _select(dataset, _NODES):
        e = str(row.e)
        attrs = g.nodes[e] if e in g else None
        if attrs is None:
            g.add_node(
                e,
                label=str(row.pref),
                labels={},
                same_as=[],
                mention_count=int(row.n),
                **{"class": "Thing"},
            )
            attrs = g.nodes[e]
        cls = _local(str(row.type))
        if (
            cls in ("Person", "Organization")
            or (cls in _RANK)
            or (cls == "Place" and attrs["class"] == "Thing")
        ):
            attrs["class"] = cls
        if row.l is not None and row.l.language:
            attrs["labels"][row.l.language] = str(row.l)
        if row.same is not None and str(row.same) not in attrs["same_as"]:
            attrs["same_as"].append(str(row.same))
    documents = {str(row.d): (str(row.src), str(row.lang)) for row in _select(dataset, _DOCUMENTS)}
    statements: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _select(dataset, _STATEMENTS):
        statements[str(row.st)].append((str(row.ev), str(row.d)))
    edges: dict[str, dict] = {}
    for row in _select(dataset, _FACTS):
        f = str(row.f)
        data = edges.setdefault(
            f,
            {
                "s": str(row.s),
                "o": str(row.o),
                "predicate": _local(str(row.p)),
                "time": str(row.t) if row.t is not None else None,
                "confidence": float(row.conf),
                "conflict": str(row.conflict) == "true",
                "evidence": set(),
                "sources": set(),
                "languages": set(),
            },
        )
        for evidence, doc in statements.get(str(row.st), ()):
            if doc not in documents:
                continue
            data["evidence"].add(evidence)
            data["sources"].add(documents[doc][0])
            data["languages"].add(documents[doc][1])
    for f in sorted(edges):
        d = edges[f]
        if d["s"] in g and d["o"] in g:
            g.add_edge(
                d["s"],
                d["o"],
                key=f,
                predicate=d["predicate"],
                time=d["time"],
                confidence=d["confidence"],
                conflict=d["conflict"],
                evidence=sorted(d["evidence"]),
                sources=sorted(d["sources"]),
                languages=sorted(d["languages"]),
            )
    for n in g.nodes:
        g.nodes[n]["same_as"] = sorted(g.nodes[n]["same_as"])
    return g


def build_graph(entities, facts, summaries, entity_of=None) -> nx.MultiDiGraph:
    """The same graph as :func:`to_networkx`, made from a build's entities, facts and document
    summaries in memory (no store queries: what a re-build needs to be quick)."""
    from kg.rdf.build import best_assertions, class_iri
    from kg.rdf.namespaces import ENTITY, FACT, safe_local

    def entity_iri(key: str) -> str:  # as kg.rdf.namespaces makes them, without rdflib terms
        return str(ENTITY) + safe_local(key)

    def fact_iri(s: str, p: str, o: str) -> str:
        return str(FACT) + short_hash(s, p, o)

    g = nx.MultiDiGraph()
    for e in entities:
        labels = dict(e.labels)
        cls = _local(str(class_iri(e)))
        if cls not in ("Person", "Organization", "Place", "Thing") and cls not in _RANK:
            cls = "Place"
        g.add_node(
            str(entity_iri(e.key)),
            label=labels.get("en") or e.name,
            labels=labels,
            same_as=sorted(e.same_as),
            mention_count=len(e.mentions),
            **{"class": cls},
        )
    docs = {r.doc_id: r for r in summaries}
    if entity_of is None:
        entity_of = {m: e.key for e in entities for m in e.mentions}
    edges = []
    for f in facts:
        s, o = str(entity_iri(f.subject)), str(entity_iri(f.object))
        if s not in g or o not in g:
            continue
        best = best_assertions(f.assertions, entity_of)
        used = [(docs[a.doc_id], a) for a in best if a.doc_id in docs]
        edges.append(
            (
                str(fact_iri(f.subject, f.predicate, f.object)),
                s,
                o,
                {
                    "predicate": f.predicate,
                    "time": f.time.value if f.time is not None else None,
                    "confidence": float(f"{f.confidence:.3f}"),
                    "conflict": f.conflict,
                    "evidence": sorted(
                        {r.evidence[(a.sentence_start, a.sentence_end)] for r, a in used}
                    ),
                    "sources": sorted({r.source for r, _a in used}),
                    "languages": sorted({r.lang for r, _a in used}),
                },
            )
        )
    for key, s, o, data in sorted(edges, key=lambda x: x[0]):
        g.add_edge(s, o, key=key, **data)
    return g


def graph_stats(
    dataset, top: int = 10, graph: nx.MultiDiGraph | None = None, cache: Path | None = None
) -> dict:
    """Components, most central entities and communities of the entity graph.

    Betweenness is sampled (64 seeded pivots) and communities come from seeded Louvain
    once the graph has over 300 entities, so statistics stay under a second at archive scale.
    ``cache``: a folder where the result is kept under a hash of everything it depends on
    (nodes with label and class, edges), so a re-build of the same shape reuses it.
    """
    g = graph if graph is not None else to_networkx(dataset)
    key = short_hash(
        str(top),
        str(g.number_of_edges()),
        *sorted(f"{n}\x1e{g.nodes[n]['label']}\x1e{g.nodes[n]['class']}" for n in g.nodes),
        *sorted(f"{s}\x1e{o}" for s, o in g.edges()),
        length=32,
    )
    return keyed(cache / "stats.json" if cache is not None else None, key, lambda: _stats(g, top))


def _stats(g: nx.MultiDiGraph, top: int) -> dict:
    simple = nx.Graph(g)
    label = {n: g.nodes[n]["label"] for n in g.nodes}
    comps = sorted((len(c) for c in nx.connected_components(simple)), reverse=True)
    degree = sorted(simple.degree, key=lambda x: (-x[1], label[x[0]]))[:top]
    big = simple.number_of_nodes() > BIG_GRAPH
    between = (
        nx.betweenness_centrality(simple, k=BETWEENNESS_PIVOTS if big else None, seed=7)
        if simple.number_of_nodes()
        else {}
    )
    central = sorted(between.items(), key=lambda x: (-x[1], label[x[0]]))[:top]
    communities = []
    if simple.number_of_edges():
        found = (
            nx.community.louvain_communities(simple, seed=7, threshold=LOUVAIN_THRESHOLD)
            if big
            else nx.community.greedy_modularity_communities(simple)
        )
        for c in sorted(found, key=lambda c: (-len(c), sorted(c))):
            members = sorted(c, key=lambda n: (-simple.degree(n), label[n]))
            communities.append(
                {"size": len(c), "members": ", ".join(label[n] for n in members[:6])}
            )
    by_class: dict[str, int] = defaultdict(int)
    for n in g.nodes:
        by_class[g.nodes[n]["class"]] += 1
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "classes": dict(sorted(by_class.items())),
        "components": {"count": len(comps), "largest": comps[:5]},
        "top_degree": [{"entity": label[n], "degree": d} for n, d in degree],
        "top_betweenness": [{"entity": label[n], "betweenness": round(b, 4)} for n, b in central],
        "communities": communities[:top],
    }
