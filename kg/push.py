"""`kg push`: send a build's named graphs to a store speaking the SPARQL 1.1 Graph Store
HTTP Protocol (Oxigraph `/store`, Fuseki `/dataset/data`, Virtuoso `/sparql-graph-crud-auth`).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, RemoteError
from kg.rdf.namespaces import MERGED_GRAPH
from kg.store import open_store


@dataclass(frozen=True)
class PushReport:
    graphs: int
    triples: int
    bytes: int
    seconds: float


def _opener(endpoint: str, user: str | None, password: str | None, auth: str):
    handlers = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        handler = (
            urllib.request.HTTPDigestAuthHandler
            if auth == "digest"
            else urllib.request.HTTPBasicAuthHandler
        )
        handlers.append(handler(manager))
    return urllib.request.build_opener(*handlers)


def push(
    out_dir: Path,
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    graphs: str = "all",
    replace: bool = True,
    timeout: float = 30.0,
) -> PushReport:
    """PUT (replace) or POST (append) each named graph, as N-Triples, in a stable order."""
    if auth not in ("basic", "digest"):
        raise InputError(f"unknown auth {auth!r}", fix="use basic or digest")
    if graphs not in ("all", "merged", "documents"):
        raise InputError(f"unknown graph selection {graphs!r}", fix="all, merged or documents")
    store = open_store(out_dir)
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    merged = str(MERGED_GRAPH)
    if graphs == "merged":
        names = [n for n in names if n == merged]
    elif graphs == "documents":
        names = [n for n in names if n != merged]
    opener = _opener(endpoint, user, password, auth)
    started, triples, sent = time.perf_counter(), 0, 0
    for name in names:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        triples += body.count(b"\n")
        sep = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{sep}graph={urllib.parse.quote(name, safe='')}"
        request = urllib.request.Request(
            url,
            data=body,
            method="PUT" if replace else "POST",
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            first = exc.read().decode("utf-8", "replace").strip().splitlines()[:1]
            raise RemoteError(
                f"{endpoint} refused graph {name}: HTTP {exc.code} "
                f"{first[0] if first else exc.reason}",
                fix="check --endpoint, --user/--password and --auth",
            ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(
                f"cannot reach {endpoint}: {reason}",
                fix=f"is the store running? (timeout {timeout} s)",
            ) from exc
        sent += len(body)
    return PushReport(len(names), triples, sent, round(time.perf_counter() - started, 3))
