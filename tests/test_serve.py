"""`kg serve`: SPARQL 1.1 Protocol over HTTP on loopback; read-only."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.query import run_query
from kg.serve import make_server


@pytest.fixture()
def endpoint(sample_build: Path):
    server = make_server(sample_build, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _get(url: str, query: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.headers["Content-Type"], resp.read().decode()


def test_select_matches_kg_query(endpoint: str, sample_build: Path):
    query = "SELECT ?e ?l WHERE { GRAPH kgg:merged { ?e a schema:Person ; skos:prefLabel ?l } }"
    mime, body = _get(endpoint, query)
    assert mime.startswith("application/sparql-results+json")
    served = {(b["e"]["value"], b["l"]["value"]) for b in json.loads(body)["results"]["bindings"]}
    assert served == set(run_query(sample_build, query).rows) and served


def test_formats_and_ask_and_construct(endpoint: str):
    mime, body = _get(endpoint, "SELECT ?s WHERE { ?s a kg:Fact } LIMIT 2", "text/csv")
    assert mime.startswith("text/csv") and body.splitlines()[0].strip() == "s"
    _mime, body = _get(endpoint, "ASK { ?s a nif:Context }")
    assert json.loads(body)["boolean"] is True
    mime, body = _get(
        endpoint,
        "CONSTRUCT { ?s a kg:Fact } WHERE { ?s a kg:Fact } LIMIT 3",
        "application/n-triples",
    )
    assert mime.startswith("application/n-triples") and body.count(" .\n") == 3


def test_updates_refused_and_bad_queries_rejected(endpoint: str):
    req = urllib.request.Request(
        endpoint,
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as err:
        _get(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert err.value.code == 400 and b"invalid SPARQL" in err.value.read()


def test_refuses_non_loopback_hosts(sample_build: Path):
    with pytest.raises(InputError):
        make_server(sample_build, "0.0.0.0", 0)
