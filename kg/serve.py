"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over a build, on 127.0.0.1.

GET ``/sparql?query=…`` or POST (``application/sparql-query``, or a form with ``query=``).
Results as SPARQL JSON, XML, CSV or TSV by the Accept header; graphs as N-Triples or Turtle.
Updates are refused (403); bad SPARQL is a 400 with the parser's message.
"""

from __future__ import annotations

import ipaddress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from kg.errors import InputError
from kg.query import QUERY_PREFIXES
from kg.store import open_store

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def _pick(accept: str, formats: dict, default: str) -> str:
    for part in accept.split(","):
        mime = part.split(";")[0].strip()
        if mime in formats:
            return mime
    return default


def make_server(
    out_dir: Path, host: str = "127.0.0.1", port: int = 7878, *, allow_remote: bool = False
) -> ThreadingHTTPServer:
    """A server (not yet serving) over the build in ``out_dir``."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not allow_remote:
        raise InputError(
            f"refusing to listen on {host}: kg serve is for 127.0.0.1",
            fix="use --host 127.0.0.1 (or allow_remote=True from Python)",
        )
    store = open_store(out_dir)

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-sparql"

        def _send(self, status: int, body: bytes, mime: str = "text/plain; charset=utf-8"):
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer(self, params: dict[str, list[str]], body_query: str | None = None):
            if "update" in params:
                return self._send(403, b"kg serve is read-only: updates are refused\n")
            query = body_query or (params.get("query") or [None])[0]
            if not query:
                return self._send(400, b"missing query parameter\n")
            try:
                result = store.query(
                    query, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True
                )
            except SyntaxError as exc:
                return self._send(400, f"invalid SPARQL: {exc}\n".encode())
            accept = self.headers.get("Accept", "")
            if isinstance(result, ox.QueryTriples):
                mime = _pick(accept, GRAPH_FORMATS, "application/n-triples")
                body = result.serialize(format=GRAPH_FORMATS[mime]) or b""
            else:
                mime = _pick(accept, RESULT_FORMATS, "application/sparql-results+json")
                body = result.serialize(format=RESULT_FORMATS[mime])
            return self._send(200, body, mime)

        def do_GET(self):  # noqa: N802 - http.server's naming
            url = urlparse(self.path)
            if url.path not in ("/sparql", "/query"):
                return self._send(404, b"SPARQL endpoint: /sparql\n")
            return self._answer(parse_qs(url.query))

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length).decode("utf-8", "replace")
            ctype = self.headers.get("Content-Type", "").split(";")[0].strip()
            if ctype == "application/sparql-update":
                return self._send(403, b"kg serve is read-only: updates are refused\n")
            if ctype == "application/sparql-query":
                return self._answer({}, data)
            return self._answer(parse_qs(data))

        def log_message(self, *args) -> None:  # quiet; the CLI prints the address
            pass

    return ThreadingHTTPServer((host, port), Handler)
