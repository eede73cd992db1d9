"""Incremental store and export writes: only named graphs whose content changed are rewritten.

Each named graph gets a fingerprint (its document's cache key plus the entities its mentions
link to). A re-build copies the current store with Oxigraph's hard-link backup, replaces the
graphs whose fingerprint changed, and swaps the copy in, so readers never see a half-written
store. The N-Quads and TriG exports are assembled from per-graph chunks cached under their
fingerprint; a graph's chunk is its lines sorted (N-Quads) or its block (TriG), graphs in IRI
order, so an incremental build writes the same bytes as a full one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutputError, StoreError
from kg.store import EXPORT_PREFIXES, to_ox_quads

STATE_FILE = "kg-graphs.tsv"  # inside the store folder, so it is swapped in with the store
STATE_HEADER = "kg-graphs 2\n"

BATCH_QUADS = 250_000

#: graph IRI (or merged-graph block key) -> (fingerprint, function giving its rdflib quads)
GraphSource = dict[str, tuple[str, Callable[[], Iterable[tuple]]]]

#: every format a build can write from cached chunks, and the file suffix of its chunks
CHUNK_FORMATS = {"nq": ".nq", "trig": ".trig"}


@dataclass
class StoreWrite:
    graphs_written: int = 0
    graphs_kept: int = 0
    blocks_written: int = 0
    quads: int = 0
    incremental: bool = False


def _texts(quads: list[ox.Quad], *, named: bool) -> tuple[str, str]:
    """Sorted N-Quads lines, and the same quads as TriG (``named``: a named graph's block) or
    as Turtle statements (a merged-graph block, placed inside the merged graph's TriG block
    and in merged.ttl), without prefix lines."""
    ordered = sorted(set(quads), key=str)
    nq = ox.serialize(ordered, format=ox.RdfFormat.N_QUADS).decode()
    if named:
        text = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES)
    else:
        triples = [q.triple for q in ordered]
        text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=EXPORT_PREFIXES)
    body = "".join(
        line + "\n"
        for line in text.decode().splitlines()
        if line and not line.startswith("@prefix ")
    )
    return nq, body


class ChunkCache:
    """Serialized chunks of named graphs (files keyed by fingerprint) and of the merged
    graph's blocks (an SQLite table keyed by block), for assembling the exports."""

    def __init__(self, folder: Path, formats: Iterable[str] = ("nq", "trig")) -> None:
        self.folder = folder
        self.suffixes = [CHUNK_FORMATS[f] for f in formats if f in CHUNK_FORMATS]
        folder.mkdir(parents=True, exist_ok=True)
        self._db: sqlite3.Connection | None = None
        self._names: set[str] | None = None

    def path(self, fp: str, suffix: str) -> Path:
        return self.folder / f"{fp}{suffix}"

    def has(self, fp: str) -> bool:
        if self._names is None:  # listed once: a stat per graph costs more at archive size
            self._names = set(os.listdir(self.folder))
        return all(f"{fp}{suffix}" in self._names for suffix in self.suffixes)

    def put(self, fp: str, quads: list[ox.Quad]) -> None:
        nq, trig = _texts(quads, named=True)
        for suffix, text in ((".trig", trig), (".nq", nq)):
            if suffix not in self.suffixes:
                self.path(fp, suffix).unlink(missing_ok=True)  # stale: never mix two builds
                continue
            tmp = self.path(fp, suffix + ".tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, self.path(fp, suffix))
            if self._names is not None:
                self._names.add(f"{fp}{suffix}")

    def prune(self, keep: set[str]) -> None:
        for path in self.folder.iterdir():
            if path.suffix != ".sqlite" and path.name.split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)
        self._names = None

    # -- merged-graph blocks --------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(self.folder / "merged-blocks.sqlite")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS block"
                " (key TEXT PRIMARY KEY, fp TEXT, nq TEXT, ttl TEXT)"
            )
        return self._db

    def block_fps(self) -> dict[str, str]:
        """block key -> fingerprint of every cached block."""
        return dict(self.db.execute("SELECT key, fp FROM block"))

    def block_texts(self, column: str, keys: Iterable[str] | None = None) -> dict[str, str]:
        """block key -> its N-Quads (``nq``) or Turtle (``ttl``) text; all blocks or ``keys``."""
        if column not in ("nq", "ttl"):
            raise ValueError(column)
        if keys is None:
            return dict(self.db.execute(f"SELECT key, {column} FROM block"))
        found = {}
        for key in keys:
            row = self.db.execute(f"SELECT {column} FROM block WHERE key = ?", (key,)).fetchone()
            if row is not None:
                found[key] = row[0]
        return found

    def put_blocks(self, rows: list[tuple[str, str, list[ox.Quad]]], drop: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM block WHERE key = ?", [(k,) for k in drop])
            self.db.executemany(
                "INSERT OR REPLACE INTO block VALUES (?, ?, ?, ?)",
                [(key, fp, *_texts(quads, named=False)) for key, fp, quads in rows],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _read_state(store_dir: Path) -> dict | None:
    """What the store holds: ``graphs`` and ``blocks``, each key -> [fingerprint, quads].
    One tab-separated line per graph or block (read ten times faster than JSON)."""
    try:
        text = (store_dir / STATE_FILE).read_text("utf-8")
        if not text.startswith(STATE_HEADER):
            return None
        state: dict[str, dict] = {"g": {}, "b": {}}
        for line in text[len(STATE_HEADER) :].splitlines():
            kind, key, fp, count = line.split("\t")
            state[kind][key] = [fp, int(count)]
        return {"graphs": state["g"], "blocks": state["b"]}
    except (OSError, ValueError, KeyError):
        return None


def _write_state(store_dir: Path, graphs: dict, blocks: dict) -> None:
    lines = [STATE_HEADER]
    for kind, items in (("g", graphs), ("b", blocks)):
        lines.extend(f"{kind}\t{key}\t{fp}\t{n}\n" for key, (fp, n) in sorted(items.items()))
    (store_dir / STATE_FILE).write_text("".join(lines), "utf-8")


def _replace_graph(store: ox.Store, iri: str, quads: list[ox.Quad]) -> None:
    """Make graph ``iri`` hold exactly ``quads``, touching only the quads that differ
    (removing a whole big graph and loading it again costs seconds; a diff costs little)."""
    graph = ox.NamedNode(iri)
    old = set(store.quads_for_pattern(None, None, None, graph))
    new = set(quads)
    for quad in old - new:
        store.remove(quad)
    store.extend(new - old)


def _old_block_quads(nq: str) -> set[ox.Quad]:
    return set(ox.parse(nq.encode(), format=ox.RdfFormat.N_QUADS))


def write_graphs(
    store_dir: Path,
    new_dir: Path,
    graphs: GraphSource,
    blocks: GraphSource,
    chunks: ChunkCache,
) -> StoreWrite:
    """Write the document ``graphs`` and the merged graph's ``blocks`` into a new store at
    ``new_dir``, reusing what ``store_dir`` holds: only what changed is written."""
    result = StoreWrite()
    old = _read_state(store_dir) if (store_dir / "CURRENT").exists() else None
    old_graphs = old["graphs"] if old else {}
    old_blocks = old["blocks"] if old else {}
    missing = [None]
    changed = [
        iri
        for iri, (fp, _q) in sorted(graphs.items())
        if old_graphs.get(iri, missing)[0] != fp or not chunks.has(fp)
    ]
    removed = sorted(set(old_graphs) - set(graphs))
    cached = chunks.block_fps()
    changed_blocks = [
        key
        for key, (fp, _q) in sorted(blocks.items())
        if old_blocks.get(key, missing)[0] != fp or cached.get(key) != fp
    ]
    removed_blocks = sorted(set(old_blocks) - set(blocks))
    work = len(changed) + len(removed) + (len(changed_blocks) + len(removed_blocks)) // 20
    if new_dir.exists():
        shutil.rmtree(new_dir)
    counts = {iri: n for iri, (_fp, n) in old_graphs.items()}
    block_counts = {key: n for key, (_fp, n) in old_blocks.items()}
    try:
        # the old block texts must be the ones in the store, or the diff would be wrong
        result.incremental = (
            old is not None
            and work < max(1, len(graphs) // 2)
            and all(cached.get(k) == old_blocks[k][0] for k in removed_blocks)
            and all(cached.get(k) == old_blocks[k][0] for k in changed_blocks if k in old_blocks)
        )
        if result.incremental:  # a hard-link copy of the store, patched graph by graph
            current = ox.Store(str(store_dir))
            current.backup(str(new_dir))
            del current
        else:
            changed, removed, changed_blocks, removed_blocks = (
                sorted(graphs),
                [],
                sorted(blocks),
                [],
            )
            counts, block_counts = {}, {}
        store = ox.Store(str(new_dir))
        for iri in removed:
            _replace_graph(store, iri, [])
            counts.pop(iri, None)
        batch: list[ox.Quad] = []  # a new store loads in bulk: each call writes new files
        for iri in changed:
            fp, make = graphs[iri]
            quads = list(to_ox_quads(make()))
            chunks.put(fp, quads)
            counts[iri] = len(set(quads))
            result.graphs_written += 1
            if result.incremental:
                _replace_graph(store, iri, quads)
                continue
            batch.extend(quads)
            if len(batch) >= BATCH_QUADS:
                store.bulk_extend(batch)
                batch = []
        rows: list[tuple[str, str, list[ox.Quad]]] = []
        old_text = (
            chunks.block_texts("nq", [*removed_blocks, *changed_blocks])
            if result.incremental
            else {}
        )
        gone: set[ox.Quad] = set()
        added: set[ox.Quad] = set()
        for key in removed_blocks:
            gone |= _old_block_quads(old_text[key])
            block_counts.pop(key, None)
        for key in changed_blocks:
            fp, make = blocks[key]
            quads = list(to_ox_quads(make()))
            rows.append((key, fp, quads))
            block_counts[key] = len(set(quads))
            result.blocks_written += 1
            if result.incremental:
                if key in old_blocks:
                    gone |= _old_block_quads(old_text[key])
                added.update(quads)
                continue
            batch.extend(quads)
            if len(batch) >= BATCH_QUADS:
                store.bulk_extend(batch)
                batch = []
        if batch:
            store.bulk_extend(batch)
        for quad in gone - added:  # blocks share no quads, so this is exact
            store.remove(quad)
        if added - gone:
            store.extend(added - gone)
        chunks.put_blocks(rows, removed_blocks if result.incremental else set(cached) - set(blocks))
        result.graphs_kept = len(graphs) - result.graphs_written
        store.flush()
        if not result.incremental:
            store.optimize()
        result.quads = sum(counts.values()) + sum(block_counts.values())
        del store
    except OSError as exc:
        raise StoreError(f"cannot write the store: {exc}", path=str(new_dir)) from exc
    _write_state(
        new_dir,
        {iri: (fp, counts[iri]) for iri, (fp, _q) in graphs.items()},
        {key: (fp, block_counts[key]) for key, (fp, _q) in blocks.items()},
    )
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


def _write_atomic(target: Path, write) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with tmp.open("wb") as out:
            write(out)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc}", path=str(target)) from exc


def assemble_exports(
    graphs: GraphSource,
    blocks: GraphSource,
    merged_iri: str,
    chunks: ChunkCache,
    targets: dict[str, Path],
) -> None:
    """Write the exports in ``targets`` (``nq``, ``trig``: every graph; ``ttl``: the merged
    graph) from the cached chunks, graphs in IRI order, merged blocks in key order."""
    header = "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(EXPORT_PREFIXES.items()))
    order = sorted([*graphs, merged_iri])
    keys = sorted(blocks)
    fps = chunks.block_fps()
    if any(fps.get(key) != blocks[key][0] for key in keys):
        raise OutputError("merged-graph cache out of step with the store", path=str(chunks.folder))
    loaded: dict[str, dict[str, str]] = {}
    for fmt, target in sorted(targets.items()):
        column = "nq" if fmt == "nq" else "ttl"
        if column not in loaded:
            loaded[column] = chunks.block_texts(column)
        texts = loaded[column]

        def write(out, fmt=fmt, texts=texts) -> None:
            if fmt == "ttl":
                out.write(header.encode())
                out.write("".join(texts[k] for k in keys).encode())
                return
            out.write((header if fmt == "trig" else "").encode())
            out.flush()
            for iri in order:
                if iri != merged_iri:
                    _append(chunks.path(graphs[iri][0], CHUNK_FORMATS[fmt]), out)
                elif fmt == "nq":
                    out.write("".join(texts[k] for k in keys).encode())
                    out.flush()
                else:
                    body = "".join(
                        "\t" + line + "\n" for k in keys for line in texts[k].splitlines()
                    )
                    out.write(f"<{merged_iri}> {{\n{body}}}\n".encode())
                    out.flush()

        _write_atomic(target, write)
    chunks.prune({fp for fp, _q in graphs.values()})
