"""Incremental store and export writes: only named graphs whose content changed are rewritten.

Each named graph gets a fingerprint (its document's cache key plus the entities its mentions
link to). A re-build copies the current store with Oxigraph's hard-link backup, replaces the
graphs whose fingerprint changed, and swaps the copy in, so readers never see a half-written
store. The N-Quads and TriG exports are assembled from per-graph chunks cached under their
fingerprint; a graph's chunk is its lines sorted (N-Quads) or its block (TriG), graphs in IRI
order, so an incremental build writes the same bytes as a full one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError, StoreError
from kg.store import EXPORT_PREFIXES, to_ox_quads

STATE_FILE = "kg-graphs.json"  # inside the store folder, so it is swapped in with the store

BATCH_QUADS = 250_000

#: graph IRI -> (fingerprint, function giving its quads as rdflib terms)
GraphSource = dict[str, tuple[str, Callable[[], Iterable[tuple]]]]


@dataclass
class StoreWrite:
    graphs_written: int = 0
    graphs_kept: int = 0
    quads: int = 0
    incremental: bool = False


class ChunkCache:
    """Serialized N-Quads and TriG chunks of named graphs, keyed by fingerprint."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, fp: str, suffix: str) -> Path:
        return self.folder / f"{fp}{suffix}"

    def has(self, fp: str) -> bool:
        return self.path(fp, ".nq").exists() and self.path(fp, ".trig").exists()

    def put(self, fp: str, quads: list[ox.Quad]) -> None:
        ordered = sorted(set(quads), key=str)
        nq = ox.serialize(ordered, format=ox.RdfFormat.N_QUADS).decode()
        trig = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES).decode()
        body = "".join(
            line + "\n" for line in trig.splitlines() if line and not line.startswith("@prefix ")
        )
        for suffix, text in ((".trig", body), (".nq", nq)):
            tmp = self.path(fp, suffix + ".tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, self.path(fp, suffix))

    def prune(self, keep: set[str]) -> None:
        for path in self.folder.iterdir():
            if path.name.split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)


def _read_state(store_dir: Path) -> dict[str, str] | None:
    try:
        return json.loads((store_dir / STATE_FILE).read_text("utf-8"))["graphs"]
    except (OSError, ValueError, KeyError):
        return None


def _replace_graph(store: ox.Store, iri: str, quads: list[ox.Quad]) -> None:
    """Make graph ``iri`` hold exactly ``quads``, touching only the quads that differ
    (removing a whole big graph and loading it again costs seconds; a diff costs little)."""
    graph = ox.NamedNode(iri)
    old = set(store.quads_for_pattern(None, None, None, graph))
    new = set(quads)
    for quad in old - new:
        store.remove(quad)
    store.extend(new - old)


def write_graphs(
    store_dir: Path, new_dir: Path, graphs: GraphSource, chunks: ChunkCache
) -> StoreWrite:
    """Write ``graphs`` into a new store at ``new_dir``, reusing what ``store_dir`` holds."""
    result = StoreWrite()
    old = _read_state(store_dir) if (store_dir / "CURRENT").exists() else None
    changed = [
        iri
        for iri, (fp, _q) in sorted(graphs.items())
        if old is None or old.get(iri) != fp or not chunks.has(fp)
    ]
    removed = sorted(set(old or {}) - set(graphs))
    if new_dir.exists():
        shutil.rmtree(new_dir)
    try:
        result.incremental = old is not None and len(changed) + len(removed) < max(
            1, len(graphs) // 2
        )
        if result.incremental:  # a hard-link copy of the store, patched graph by graph
            current = ox.Store(str(store_dir))
            current.backup(str(new_dir))
            del current
        else:
            changed, removed = sorted(graphs), []
        store = ox.Store(str(new_dir))
        for iri in removed:
            _replace_graph(store, iri, [])
        batch: list[ox.Quad] = []  # a new store loads in bulk: each call writes new files
        for iri in changed:
            fp, make = graphs[iri]
            quads = list(to_ox_quads(make()))
            chunks.put(fp, quads)
            result.graphs_written += 1
            if result.incremental:
                _replace_graph(store, iri, quads)
                continue
            batch.extend(quads)
            if len(batch) >= BATCH_QUADS:
                store.bulk_extend(batch)
                batch = []
        if batch:
            store.bulk_extend(batch)
        result.graphs_kept = len(graphs) - result.graphs_written
        store.flush()
        if not result.incremental:
            store.optimize()
        result.quads = len(store)
        del store
    except OSError as exc:
        raise StoreError(f"cannot write the store: {exc}", path=str(new_dir)) from exc
    state = {"graphs": {iri: fp for iri, (fp, _q) in sorted(graphs.items())}}
    (new_dir / STATE_FILE).write_text(json.dumps(state, indent=0), "utf-8")
    return result


def _append(part: Path, out) -> None:
    """Append a chunk file to an open file, copied by the kernel where it can."""
    with part.open("rb") as src:
        size = os.fstat(src.fileno()).st_size
        try:
            sent = 0
            while sent < size:
                n = os.sendfile(out.fileno(), src.fileno(), sent, size - sent)
                if n == 0:
                    break
                sent += n
            if sent == size:
                return
            src.seek(sent)
        except OSError:
            src.seek(0)
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()


def assemble_exports(graphs: GraphSource, chunks: ChunkCache, nq: Path, trig: Path) -> None:
    """graph.nq and graph.trig from the cached chunks, graphs in IRI order (atomic writes)."""
    order = [graphs[iri][0] for iri in sorted(graphs)]
    header = "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(EXPORT_PREFIXES.items()))
    for target, suffix, head in ((nq, ".nq", ""), (trig, ".trig", header)):
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            with tmp.open("wb") as out:
                out.write(head.encode())
                out.flush()
                for fp in order:
                    _append(chunks.path(fp, suffix), out)
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"cannot write: {exc}", path=str(target)) from exc
    chunks.prune({fp for fp, _q in graphs.values()})
