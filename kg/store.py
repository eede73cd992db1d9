"""The persistent graph store (Oxigraph on disk) and file exports written from it.

A build writes a fresh store beside the old one and swaps it in, so readers never see a
half-written store. Python users open it as an rdflib Dataset with :func:`open_dataset`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.errors import OutputError, StoreError
from kg.rdf.namespaces import MERGED_GRAPH, PREFIXES

STORE_DIR = "store"

#: Export formats: name -> (file suffix, pyoxigraph format, whole dataset?)
FORMATS: dict[str, tuple[str, ox.RdfFormat, bool]] = {
    "trig": (".trig", ox.RdfFormat.TRIG, True),
    "nq": (".nq", ox.RdfFormat.N_QUADS, True),
    "ttl": (".ttl", ox.RdfFormat.TURTLE, False),
    "nt": (".nt", ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (".jsonld", ox.RdfFormat.JSON_LD, True),
}

# Prefixes written into Turtle/TriG. Only ones whose local names never need escaping
# (entity keys, hashes, vocabulary terms); document and mention IRIs are written in full,
# because `kgdoc:x\#char\=1\,2` breaks some stores (see DESIGN.md section 6).
EXPORT_PREFIXES = {k: str(v) for k, v in PREFIXES.items() if k not in ("kgdoc",)}


_IRIS: dict[str, ox.NamedNode] = {}


def _ox_term(term):
    if isinstance(term, URIRef):
        node = _IRIS.get(term)
        if node is None:
            if len(_IRIS) > 100_000:
                _IRIS.clear()
            node = _IRIS[term] = ox.NamedNode(term)
        return node
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store {term!r}")


def to_ox_quads(quads: Iterable[tuple]) -> Iterable[ox.Quad]:
    for s, p, o, g in quads:
        yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), _ox_term(g))


def swap_in(new: Path, target: Path) -> None:
    """Atomically replace directory ``target`` by ``new`` (rename; old one removed after)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def open_store(out_dir: Path) -> ox.Store:
    """Open the store of a build read-only (several readers may open it at once)."""
    path = Path(out_dir) / STORE_DIR if (Path(out_dir) / STORE_DIR).is_dir() else Path(out_dir)
    if not (path / "CURRENT").exists():
        raise StoreError(
            "no kg store here",
            path=str(out_dir),
            fix="run `kg build ... --out DIR` first, then point at DIR",
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store: {exc}", path=str(path)) from exc


def open_dataset(out_dir: Path) -> Dataset:
    """The build's graph as an rdflib Dataset (union of named graphs as default graph)."""
    path = Path(out_dir) / STORE_DIR
    if not (path / "CURRENT").exists():
        raise StoreError(
            "no kg store here", path=str(out_dir), fix="run `kg build ... --out DIR` first"
        )
    ds = Dataset(store="Oxigraph", default_union=True)
    ds.open(str(path))
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def export(store: ox.Store, out_path: Path, fmt: str, *, graph: str | None = None) -> Path:
    """Write the whole dataset (trig, nq, jsonld) or one graph (ttl, nt; default: merged)."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    _suffix, ox_format, whole = FORMATS[fmt]
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        kwargs = {}
        if not whole or graph is not None:
            kwargs["from_graph"] = ox.NamedNode(graph or str(MERGED_GRAPH))
        if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
            kwargs["prefixes"] = EXPORT_PREFIXES
        if ox_format is ox.RdfFormat.N_QUADS or ox_format is ox.RdfFormat.N_TRIPLES:
            _write_sorted(store, tmp, ox_format, kwargs.get("from_graph"))
        else:
            store.dump(str(tmp), ox_format, **kwargs)
        os.replace(tmp, out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc}", path=str(out_path)) from exc
    return out_path


def _write_sorted(store: ox.Store, tmp: Path, fmt: ox.RdfFormat, graph) -> None:
    """N-Triples / N-Quads with lines sorted, so equal graphs give equal bytes."""
    data = store.dump(format=fmt, from_graph=graph) if graph is not None else store.dump(format=fmt)
    lines = sorted(set(data.decode("utf-8").splitlines()))
    tmp.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
