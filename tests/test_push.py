"""`kg push` into a real Oxigraph server on 127.0.0.1; same answers there as in kg query."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.errors import RemoteError
from kg.push import push
from kg.query import QUERY_PREFIXES, run_query

# The server binary comes with the `oxigraph` package, beside this Python's executable.
_BESIDE = Path(sys.executable).parent / "oxigraph"
OXIGRAPH = str(_BESIDE) if _BESIDE.exists() else shutil.which("oxigraph")
pytestmark = pytest.mark.servers
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph server not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def _remote(base: str, query: str) -> set[tuple]:
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in QUERY_PREFIXES.items())
    url = (
        base
        + "/query?"
        + urllib.parse.urlencode({"query": prefixes + query, "union-default-graph": ""})
    )
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    data = json.loads(urllib.request.urlopen(req, timeout=30).read())
    cols = data["head"]["vars"]
    return {tuple(b.get(c, {}).get("value") for c in cols) for b in data["results"]["bindings"]}


QUERIES = [
    "SELECT ?doc (COUNT(?m) AS ?n) WHERE { ?m nif:referenceContext ?doc ; a nif:Phrase } "
    "GROUP BY ?doc",
    "SELECT ?e ?l WHERE { GRAPH kgg:merged { ?e rdfs:label ?l } }",
    "SELECT ?s ?o WHERE { GRAPH kgg:merged { ?f a kg:Fact ; rdf:subject ?s ; rdf:object ?o ; "
    "kg:sourceCount ?n FILTER(?n >= 2) } }",
]


@needs_oxigraph
def test_push_then_same_answers(oxigraph_server: str, sample_build: Path):
    result = CliRunner().invoke(
        app, ["push", "--endpoint", oxigraph_server + "/store", "--out", str(sample_build)]
    )
    assert result.exit_code == 0, result.output
    for query in QUERIES:
        local = {tuple(r) for r in run_query(sample_build, query).rows}
        assert local and _remote(oxigraph_server, query) == local, query
    # pushing again replaces rather than duplicates
    push(sample_build, oxigraph_server + "/store")
    assert _remote(oxigraph_server, QUERIES[1]) == {
        tuple(r) for r in run_query(sample_build, QUERIES[1]).rows
    }


def test_unreachable_store_is_a_clear_error(sample_build: Path):
    started = time.monotonic()
    with pytest.raises(RemoteError) as err:
        push(sample_build, f"http://127.0.0.1:{_free_port()}/store", timeout=2)
    assert "cannot reach" in str(err.value) and time.monotonic() - started < 10


@needs_oxigraph
def test_refusing_store_names_the_status(oxigraph_server: str, sample_build: Path):
    with pytest.raises(RemoteError) as err:
        push(sample_build, oxigraph_server + "/no-such-endpoint")
    assert "HTTP 4" in str(err.value)


VIRTUOSO = shutil.which("virtuoso-t")
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture()
def virtuoso_server(tmp_path: Path):
    if VIRTUOSO is None:
        pytest.skip("virtuoso-opensource not installed (scripts/install-test-deps.sh)")
    sql, http = _free_port(), _free_port()
    proc = subprocess.run(
        ["bash", str(SCRIPTS / "start-virtuoso.sh"), str(tmp_path / "vt"), str(sql), str(http)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    yield proc.stdout.strip()
    subprocess.run(["bash", str(SCRIPTS / "stop-virtuoso.sh"), str(sql)], timeout=60)


def _virtuoso(base: str, query: str) -> set[tuple]:
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in QUERY_PREFIXES.items())
    url = base + "/sparql?" + urllib.parse.urlencode({"query": prefixes + query, "format": "json"})
    data = json.loads(urllib.request.urlopen(url, timeout=60).read())
    cols = data["head"]["vars"]
    return {tuple(b.get(c, {}).get("value") for c in cols) for b in data["results"]["bindings"]}


def test_virtuoso_digest_push_then_same_answers(virtuoso_server: str, sample_build: Path):
    endpoint = virtuoso_server + "/sparql-graph-crud-auth"
    report = push(sample_build, endpoint, user="dba", password="dba", auth="digest")
    assert report.graphs >= 13
    for query in QUERIES:
        local = {tuple(r) for r in run_query(sample_build, query).rows}
        assert local and _virtuoso(virtuoso_server, query) == local, query
    with pytest.raises(RemoteError) as err:
        push(sample_build, endpoint, user="dba", password="wrong", auth="digest")
    assert "HTTP 401" in str(err.value)
