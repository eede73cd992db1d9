"""kg build end to end on the sample corpus: the graph contract, checked with SPARQL."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import run_query


def _ask(out: Path, sparql: str) -> bool:
    return run_query(out, "ASK {" + sparql + "}").rows[0][0] == "true"


def _count(out: Path, sparql: str) -> int:
    return int(run_query(out, f"SELECT (COUNT(*) AS ?n) WHERE {{ {sparql} }}").rows[0][0])


def test_outputs_exist(sample_build: Path):
    for name in (
        "graph.trig",
        "graph.nq",
        "merged.ttl",
        "graph.html",
        "report.json",
        "linking.json",
    ):
        assert (sample_build / name).is_file(), name
    report = json.loads((sample_build / "report.json").read_text())
    assert report["documents_read"] >= 12
    assert set(report["languages"]) >= {"en", "de", "pl", "nb", "sv"}
    assert report["counts"]["entities"] > 10 and report["counts"]["facts"] > 5


def test_one_named_graph_per_document(sample_build: Path):
    report = json.loads((sample_build / "report.json").read_text())
    docs = run_query(
        sample_build,
        """
        SELECT ?g ?doc WHERE { GRAPH ?g { ?doc a nif:Context, schema:NewsArticle } }""",
    ).rows
    assert len(docs) == report["documents_read"]
    assert len({g for g, _ in docs}) == len(docs)


def test_documents_carry_contract_properties(sample_build: Path):
    missing = run_query(
        sample_build,
        """
        SELECT ?doc WHERE { ?doc a nif:Context .
          FILTER NOT EXISTS { ?doc nif:isString ?t ; dcterms:language ?l ; dcterms:source ?s ;
                                   kg:contentHash ?h } }""",
    ).rows
    assert missing == ()
    sources = {
        r[0]
        for r in run_query(
            sample_build, "SELECT ?s WHERE { ?d a nif:Context ; dcterms:source ?s }"
        ).rows
    }
    assert all("data/corpus/" in s for s in sources)


def test_mention_offsets_match_the_text(sample_build: Path):
    rows = run_query(
        sample_build,
        """
        SELECT ?text ?b ?e ?anchor WHERE {
          ?m a nif:Phrase ; nif:referenceContext ?d ; nif:beginIndex ?b ; nif:endIndex ?e ;
             nif:anchorOf ?anchor ; itsrdf:taIdentRef ?ent ; itsrdf:taClassRef ?c .
          ?d nif:isString ?text }""",
    ).rows
    assert len(rows) > 50
    for text, b, e, anchor in rows:
        assert text[int(b) : int(e)] == anchor


def test_entities_have_classes_and_one_label_per_language(sample_build: Path):
    assert _count(sample_build, "GRAPH kgg:merged { ?e a schema:Person }") > 3
    assert _count(sample_build, "GRAPH kgg:merged { ?e a schema:Country }") > 3
    dupes = run_query(
        sample_build,
        """
        SELECT ?e ?lang (COUNT(?l) AS ?n) WHERE {
          GRAPH kgg:merged { ?e rdfs:label ?l } BIND(LANG(?l) AS ?lang) }
        GROUP BY ?e ?lang HAVING (COUNT(?l) > 1)""",
    ).rows
    assert dupes == ()
    assert _ask(
        sample_build,
        "?e owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), 'http://www.wikidata.org/entity/Q'))",
    )


def test_statements_have_provenance_and_typed_time(sample_build: Path):
    rows = run_query(
        sample_build,
        """
        SELECT ?st ?doc ?ev ?conf ?rule WHERE {
          GRAPH ?g { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 prov:wasDerivedFrom ?doc ; kg:evidence ?ev ; kg:confidence ?conf ; kg:rule ?rule }
          GRAPH ?g { ?doc a nif:Context } }""",
    ).rows
    assert len(rows) > 5
    times = run_query(sample_build, "SELECT ?t WHERE { ?st a rdf:Statement ; kg:time ?t }")
    assert times.rows, "some statements are dated"
    store = ox.Store.read_only(str(sample_build / "store"))
    datatypes = {
        s["t"].datatype.value.rsplit("#", 1)[1]
        for s in store.query(
            "SELECT ?t WHERE { GRAPH ?g { ?st <https://w3id.org/kg/ontology#time> ?t } }"
        )
    }
    assert datatypes <= {"date", "gYearMonth", "gYear", "gMonthDay"}


def test_merged_facts_point_to_statements(sample_build: Path):
    assert (
        _count(
            sample_build,
            """GRAPH kgg:merged { ?f a kg:Fact ; rdf:subject ?s ; rdf:predicate ?p ;
        rdf:object ?o ; kg:supportedBy ?st . ?s ?p ?o } ?st a rdf:Statement""",
        )
        > 5
    )
    assert _ask(
        sample_build, "GRAPH kgg:merged { ?f a kg:Fact ; kg:sourceCount ?n FILTER(?n >= 2) }"
    )


def test_rebuild_is_deterministic_and_incremental(sample_build: Path, tmp_path: Path):
    from kg.pipeline import build
    from tests.conftest import SAMPLE, sample_options

    options = sample_options(tmp_path / "again", html=False)
    build([SAMPLE], options)
    assert (tmp_path / "again" / "graph.nq").read_bytes() == (
        sample_build / "graph.nq"
    ).read_bytes()
    again = build([SAMPLE], options)
    assert again.documents_cached == again.documents_read
    assert (tmp_path / "again" / "graph.nq").read_bytes() == (
        sample_build / "graph.nq"
    ).read_bytes()


def test_unchanged_rerun_keeps_outputs_and_a_changed_one_does_not(tmp_path: Path):
    import shutil

    from kg.pipeline import build
    from tests.conftest import SAMPLE, sample_options

    corpus = tmp_path / "in"
    shutil.copytree(SAMPLE, corpus)
    options = sample_options(tmp_path / "out", html=False, manifest=corpus / "manifest.csv")
    first = build([corpus], options)
    trig = (tmp_path / "out" / "graph.trig").read_bytes()
    again = build([corpus], options)
    assert any("nothing changed" in w for w in again.warnings)
    assert again.counts == first.counts and again.documents_cached == first.documents_read
    assert (tmp_path / "out" / "graph.trig").read_bytes() == trig
    # other options are other outputs: the build runs (and graph.nq goes)
    third = build(
        [corpus],
        sample_options(
            tmp_path / "out", html=False, nquads=False, manifest=corpus / "manifest.csv"
        ),
    )
    assert not third.warnings and not (tmp_path / "out" / "graph.nq").exists()
    # a changed article is a changed build
    (corpus / "a01.txt").write_text("Oslo og Bergen er byer i Norge.\n", "utf-8")
    changed = build([corpus], options)
    assert not changed.warnings and changed.counts != first.counts


def test_incremental_build_equals_full_build(tmp_path: Path):
    """After one article changes and one is removed, only their graphs (and the merged one)
    are rewritten, and every output equals a from-scratch build of the new corpus."""
    import datetime as dt
    import shutil

    from kg.pipeline import BuildOptions, build
    from kg.query import run_query
    from tests.conftest import SAMPLE, SAMPLE_REFERENCE_DATE

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    rows = (corpus / "manifest.csv").read_text("utf-8").splitlines()
    (corpus / "manifest.csv").write_text(
        "\n".join(r for r in rows if not r.startswith("a12.txt")) + "\n", "utf-8"
    )

    def options(out: Path) -> BuildOptions:
        return BuildOptions(
            out=out,
            manifest=corpus / "manifest.csv",
            backend="offline",
            reference_date=dt.date.fromisoformat(SAMPLE_REFERENCE_DATE),
            nquads=True,
        )

    first = build([corpus], options(tmp_path / "inc"))
    assert first.counts["graphs_rewritten"] == first.documents_read
    changed = corpus / "a05.txt"
    changed.write_text(
        changed.read_text("utf-8") + "\nAnna Lindqvist visited Bergen on Monday.\n", "utf-8"
    )
    (corpus / "a12.txt").unlink()
    again = build([corpus], options(tmp_path / "inc"))
    assert again.documents_read == first.documents_read - 1
    assert again.counts["graphs_rewritten"] <= 3  # a05 and any document relinked
    full = build([corpus], options(tmp_path / "full"))
    for name in (
        "graph.nq",
        "graph.trig",
        "merged.ttl",
        "linking.json",
        "graph.html",
        "stats.json",
    ):
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "full" / name).read_bytes()
    assert again.counts["merged_blocks_rewritten"] < full.counts["merged_blocks_rewritten"] / 4
    ask = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert run_query(tmp_path / "inc", ask).rows == run_query(tmp_path / "full", ask).rows
    assert full.counts["quads"] == again.counts["quads"]
    gone = "ASK { ?d dcterms:source ?s FILTER(STRENDS(?s, 'a12.txt')) }"
    assert run_query(tmp_path / "inc", gone).rows == (("false",),)


def test_default_build_writes_trig_whose_quads_are_the_store(tmp_path: Path):
    import pyoxigraph as ox

    from tests.conftest import build_sample

    build_sample(tmp_path, html=False, nquads=False)
    assert not (tmp_path / "graph.nq").exists()
    trig = set(ox.parse(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG))
    store = set(ox.Store.read_only(str(tmp_path / "store")))
    assert trig == store and len(store) > 1000
    merged = {
        q.triple for q in ox.parse(path=str(tmp_path / "merged.ttl"), format=ox.RdfFormat.TURTLE)
    }
    assert merged == {q.triple for q in store if q.graph_name.value.endswith("/graph/merged")}


def test_bad_article_is_skipped_and_reported(tmp_path: Path):
    from kg.pipeline import BuildOptions, build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Polens statsminister besøkte Oslo på mandag.\nHan møtte Norges statsminister.\n", "utf-8"
    )
    (corpus / "bad.txt").write_bytes(b"\x00\xff\x00" * 50)
    report = build([corpus], BuildOptions(out=tmp_path / "out", backend="offline", html=False))
    assert report.documents_read == 1 and report.status == "partial"
    assert report.skipped[0]["path"].endswith("bad.txt") and "binary" in report.skipped[0]["reason"]


@pytest.mark.slow
def test_seed_corpus_builds(seeds_dir: Path, tmp_path: Path):
    import datetime as dt

    from kg.pipeline import BuildOptions, build

    report = build(
        [seeds_dir],
        BuildOptions(out=tmp_path, backend="offline", reference_date=dt.date(2024, 11, 29)),
    )
    assert report.documents_read == 5 and not report.skipped
    assert set(report.languages) == {"nb", "en", "pl", "sv", "de"}
    assert _count(tmp_path, "?st a rdf:Statement ; prov:wasDerivedFrom ?d") > 0


@pytest.mark.slow
def test_parallel_build_equals_serial(sample_build: Path, tmp_path: Path):
    from tests.conftest import build_sample

    report = build_sample(tmp_path, html=False, workers=2)
    assert report.documents_cached == 0
    assert (tmp_path / "graph.nq").read_bytes() == (sample_build / "graph.nq").read_bytes()
