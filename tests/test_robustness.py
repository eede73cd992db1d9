"""Hostile input, interrupted builds, determinism, and property tests of the pieces."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import DocumentError
from kg.io.formats import decode_bytes, read_jsonl
from kg.io.read import make_document
from kg.model import Document
from kg.normalize import fold, translit_key
from kg.pipeline import BuildOptions, build
from kg.rdf.namespaces import entity_iri, safe_local
from tests.conftest import SAMPLE

GOOD = "Polens statsminister Jan Nowak besøkte Oslo mandag og møtte Kari Nordmann.\n"


def hostile_corpus(root: Path) -> dict[str, str]:
    """Files and what must happen to each: 'ok' (in the graph) or 'skipped'."""
    root.mkdir(parents=True)
    expected = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (root / name).write_bytes(data)
        expected[name] = outcome

    put("good.txt", GOOD.encode(), "ok")
    put("empty.txt", b"", "skipped")
    put("binary.txt", bytes(range(256)) * 40, "skipped")
    put(
        "invalid-utf8.txt",
        b"Die Regierung in Berlin hat am Montag entschieden. " + b"\xff\xfe\xfa",
        "ok",
    )
    put("cp1252.txt", "Le président Émile Dupré a visité Genève.".encode("cp1252"), "ok")
    put("latin2.txt", "Premier odwiedził Łódź i spotkał się z ministrem.".encode("iso8859_2"), "ok")
    put("utf16.txt", "Regeringen i Stockholm meddelade i går beslutet.".encode("utf-16"), "ok")
    put(
        "page.html",
        b"<html><head><script>alert(1)</script><style>p{}</style></head><body>"
        b"<p>The Polish prime minister visited Oslo on Monday.</p></body></html>",
        "ok",
    )
    put("control.txt", "Statsministeren\x00\x07 besøkte\x1b Bergen i går.".encode(), "ok")
    put("huge.txt", b"word " * (3 * 1024 * 1024), "skipped")  # 15 MB > --max-doc-mb 10
    put('quote" back\\slash >gt.txt', GOOD.encode(), "ok")
    put("new\nline.txt", GOOD.encode(), "ok")
    put(
        "unsupported.txt",
        b"O presidente visitou Lisboa na segunda-feira com o ministro.",
        "ok",
    )
    os.symlink(root, root / "loop")  # a symlink loop must not hang the walk
    os.symlink(root / "gone.txt", root / "vanished.txt")  # a file that disappeared
    expected["vanished.txt"] = "skipped"
    return expected


def test_hostile_corpus_builds_and_reports(tmp_path: Path, capsys):
    expected = hostile_corpus(tmp_path / "in")
    report = build(
        [tmp_path / "in"],
        BuildOptions(out=tmp_path / "out", backend="offline", html=False, nquads=True),
    )
    skipped = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    for name, outcome in expected.items():
        assert (name in skipped) == (outcome == "skipped"), (name, skipped.get(name))
    assert report.documents_read == sum(1 for o in expected.values() if o == "ok")
    assert "too large" in skipped["huge.txt"] and "binary" in skipped["binary.txt"]
    ds = rdflib.Dataset()
    ds.parse(tmp_path / "out" / "graph.nq", format="nquads")  # IRIs and literals are valid
    source = rdflib.URIRef("http://purl.org/dc/terms/source")
    sources = {str(q[2]) for q in ds.quads((None, source, None, None))}
    assert any("new\nline.txt" in s for s in sources)


def _build_cmd(corpus: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(corpus),
        "--manifest",
        str(corpus / "manifest.csv"),
        "--reference-date",
        "2025-06-30",
        "--out",
        str(out),
        "-q",
        "--no-html",
        "--nquads",
        "--backend",
        "offline",
    ]


@pytest.mark.slow
def test_kill_at_any_point_then_rerun_gives_the_same_graph(tmp_path: Path, sample_build: Path):
    rng = random.Random(7)
    out = tmp_path / "out"
    for _ in range(3):
        proc = subprocess.Popen(
            _build_cmd(SAMPLE, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.5, 8.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = subprocess.run(_build_cmd(SAMPLE, out), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "graph.nq").read_bytes() == (sample_build / "graph.nq").read_bytes()


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_readers_never_crash_on_random_bytes(data):
    try:
        text = decode_bytes(data, "fuzz")
    except DocumentError:
        return
    for item in read_jsonl(text, "fuzz.jsonl"):
        assert hasattr(item, "text") or isinstance(item, DocumentError)


@given(st.text(max_size=600))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_offline_backend_offsets_hold_on_random_text(text):
    from kg.nlp.offline.backend import OfflineBackend

    try:
        doc = make_document(
            __import__("kg.io.formats", fromlist=["RawArticle"]).RawArticle("fuzz", text),
            lang="en",
            date=None,
            url=None,
            title=None,
        )
    except DocumentError:
        return
    assert isinstance(doc, Document)
    for lang in ("en", "de", "pl"):
        adoc = OfflineBackend().annotate(doc, lang)
        for e in adoc.entities:
            assert doc.text[e.start : e.end] == e.text and e.label in {
                "PERSON",
                "ORG",
                "PLACE",
                "MISC",
            }


@given(st.text(max_size=80))
def test_normalisation_is_stable(text):
    assert fold(fold(text)) == fold(text)
    assert translit_key(text, "pl") == translit_key(text, "pl")


@given(st.text(min_size=1, max_size=80))
def test_minted_iris_are_valid_and_stable(key):
    iri = entity_iri(key)
    assert iri == entity_iri(key)
    assert all(c.isalnum() or c in "_.-" for c in safe_local(key))
    g = rdflib.Graph()
    g.add((iri, rdflib.RDFS.label, rdflib.Literal(key)))
    again = rdflib.Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert set(again) == set(g)


def test_rerun_drops_removed_and_replaces_changed_documents(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, "utf-8")
    (corpus / "b.txt").write_text("Sveriges statsminister besökte Helsingfors i går.\n", "utf-8")
    options = BuildOptions(out=tmp_path / "out", backend="offline", html=False, nquads=True)
    assert build([corpus], options).documents_read == 2
    (corpus / "b.txt").unlink()
    (corpus / "a.txt").write_text(GOOD.replace("Oslo", "Bergen"), "utf-8")
    report = build([corpus], options)
    assert report.documents_read == 1 and report.documents_cached == 0
    text = (tmp_path / "out" / "graph.nq").read_text("utf-8")
    assert "Helsingfors" not in text and "Bergen" in text and "besøkte Oslo" not in text
