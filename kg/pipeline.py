"""`kg build` as a library call: read -> annotate -> mentions -> extract -> link -> merge -> store.

:func:`build` neither prints nor exits; it reports progress through a callback and returns
a :class:`BuildReport` that is also written to ``report.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg import __version__
from kg.docresult import DocResult, ResultCache, cache_key, code_fingerprint
from kg.errors import DocumentError, InputError, KgError, ModelMissingError, OutputError
from kg.incremental import ChunkCache, GraphSource, assemble_exports, write_graphs
from kg.io.read import read_documents
from kg.mentions import find_mentions
from kg.model import Document
from kg.rdf.build import class_iri, document_quads, merged_quads
from kg.rdf.namespaces import MERGED_GRAPH, graph_iri, short_hash
from kg.registry import backends, linkers
from kg.store import STORE_DIR, export, open_store, swap_in

Progress = Callable[[str, int, int], None]

OUTPUT_FILES = {"trig": "graph.trig", "nq": "graph.nq", "ttl": "merged.ttl"}


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    manifest: Path | None = None
    lang: str | None = None
    reference_date: dt.date | None = None
    backend: str = "auto"  # auto | offline | stanza | any registered name
    workers: int = 1
    html: bool = True
    label_lang: str = "en"
    max_nodes: int = 2000
    max_doc_mb: float = 10.0
    kb_files: tuple[Path, ...] = ()  # user knowledge-base files (JSON/CSV), see kg.kb.userkb
    linker: str = "default"  # a name in kg.registry.linkers
    cluster: str | None = None  # Dask scheduler address, or "local"; see kg.distributed


@dataclass
class BuildReport:
    out: str
    version: str = __version__
    documents_read: int = 0
    documents_cached: int = 0
    skipped: list[dict] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    backends: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.documents_read == 0:
            return "failed"
        return "partial" if self.skipped else "ok"

    def to_dict(self) -> dict:
        return {"status": self.status, **asdict(self)}


# -- per-document stages ---------------------------------------------------------------------

_BACKENDS: dict[str, object] = {}


def _backend(name: str):
    if name not in _BACKENDS:
        _BACKENDS[name] = backends.get(name)()
    return _BACKENDS[name]


def choose_backend(requested: str, lang: str) -> str:
    """Resolve 'auto' per language: Stanza where its models are installed, else offline."""
    if requested != "auto":
        return requested
    try:
        if _backend("stanza").available(lang):
            return "stanza"
    except (KgError, ImportError):
        pass
    return "offline"


def _place_types(mentions) -> dict[str, str]:
    from kg.kb import get_kb

    kb = get_kb()
    out = {}
    for m in mentions:
        if m.label == "PLACE":
            entry = kb.lookup(m.base, m.lang, label="PLACE") or kb.lookup(
                m.surface, m.lang, label="PLACE"
            )
            if entry is not None and entry.place_type:
                out[m.key] = entry.place_type
    return out


def process_document(doc: Document, backend_name: str, reference: dt.date | None) -> DocResult:
    """Annotate one document and extract its mentions and assertions."""
    from kg.extract.relations import extract_assertions

    started = time.perf_counter()
    lang = doc.lang or "und"
    adoc = _backend(backend_name).annotate(doc, lang)
    mentions = find_mentions(adoc)
    doc_ref = dt.date.fromisoformat(doc.date) if doc.date else reference
    assertions = extract_assertions(
        adoc, mentions, doc_ref, _place_types(mentions), published=doc.date is not None
    )
    return DocResult(
        doc=doc,
        backend=adoc.backend,
        sentences=tuple(type(s)(s.start, s.end) for s in adoc.sentences),
        mentions=tuple(mentions),
        assertions=tuple(assertions),
        seconds=round(time.perf_counter() - started, 4),
    )


def _process_safe(args: tuple[Document, str, dt.date | None]) -> DocResult | DocumentError:
    doc, backend_name, reference = args
    try:
        return process_document(doc, backend_name, reference)
    except KgError as exc:
        if isinstance(exc, DocumentError):
            return exc
        raise
    except Exception as exc:  # one bad document must not cost the run
        return DocumentError(f"processing failed: {type(exc).__name__}: {exc}", path=doc.source)


# -- the build --------------------------------------------------------------------------------


def _use_kb_files(paths: Sequence[Path]) -> None:
    """Make the user's KB files part of the knowledge base, here and in worker processes."""
    from kg.kb import EXTRA_KB_ENV
    from kg.kb.userkb import load_kb_file

    for path in paths:
        load_kb_file(path)  # fail early, naming the file, before any work is done
    joined = os.pathsep.join(str(Path(p).resolve()) for p in paths)
    if joined:
        os.environ[EXTRA_KB_ENV] = joined
    else:
        os.environ.pop(EXTRA_KB_ENV, None)


def _write_json(path: Path, data: dict, compact: bool = False) -> None:
    """Write JSON atomically; ``compact`` for big files (the C encoder needs no indent)."""
    tmp = path.with_name(f".{path.name}.tmp")
    text = json.dumps(data, indent=None if compact else 2, ensure_ascii=False, sort_keys=True)
    tmp.write_text(text + "\n", "utf-8")
    os.replace(tmp, path)


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError("output path exists and is not a folder", path=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".kg-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise OutputError(
            f"cannot write to the output folder: {exc.strerror or exc}", path=str(out)
        ) from exc


def build(
    inputs: Sequence[Path], options: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build the graph of ``inputs`` into ``options.out``; return the report."""
    tick = progress or (lambda stage, done, total: None)
    out = Path(options.out)
    report = BuildReport(out=str(out))
    clock = time.perf_counter()
    _prepare_out(out)
    if options.backend != "auto" and options.backend not in backends:
        backends.get(options.backend)  # raises UnknownNameError listing the names
    link = linkers.get(options.linker)
    _use_kb_files(options.kb_files)
    reference = options.reference_date

    # 1. read (languages detected before are remembered by content hash)
    docs: list[Document] = []
    languages_file = out / "cache" / "languages.json"
    try:
        detected = json.loads(languages_file.read_text("utf-8"))
    except (OSError, ValueError):
        detected = {}
    files_file = out / "cache" / "files.json"
    try:
        seen_files = json.loads(files_file.read_text("utf-8"))
        if seen_files.get("code") != code_fingerprint():
            seen_files = {}
    except (OSError, ValueError, AttributeError):
        seen_files = {}
    read_files: dict[str, dict] = seen_files.get("files", {})
    for item in read_documents(
        list(inputs),
        manifest=options.manifest,
        lang=options.lang,
        max_mb=options.max_doc_mb,
        detected=detected,
        seen_files=read_files,
    ):
        if isinstance(item, DocumentError):
            report.skipped.append({"path": item.path, "reason": item.message})
        else:
            docs.append(item)
    seen_ids: set[str] = set()
    unique: list[Document] = []
    for d in docs:
        if d.id in seen_ids:
            report.skipped.append({"path": d.source, "reason": "duplicate source"})
            continue
        seen_ids.add(d.id)
        unique.append(d)
    docs = unique
    hashes = {d.content_hash for d in docs}
    languages_file.parent.mkdir(exist_ok=True)
    _write_json(languages_file, {h: lg for h, lg in detected.items() if h in hashes})
    sources = {d.source for d in docs}
    read_files = {k: v for k, v in read_files.items() if k in sources}
    _write_json(files_file, {"code": code_fingerprint(), "files": read_files}, compact=True)
    report.timings["read"] = round(time.perf_counter() - clock, 3)
    if not docs:
        _write_json(out / "report.json", report.to_dict())
        raise InputError(
            "no readable articles in the input", fix="see report.json for why each file was skipped"
        )

    # 2. per-document stages, cached by content
    started = time.perf_counter()
    cache = ResultCache(out / "cache")
    results: dict[str, DocResult] = {}
    todo: list[tuple[str, tuple]] = []
    keys: set[str] = set()
    doc_keys: dict[str, str] = {}
    ref_text = reference.isoformat() if reference else None
    for d in docs:
        name = choose_backend(options.backend, d.lang or "und")
        if options.backend not in ("auto", "offline") and not _backend(name).available(
            d.lang or "und"
        ):
            raise ModelMissingError(
                f"no {name} model for language {d.lang!r} (needed by {d.source})",
                fix=f"kg models download {d.lang}",
            )
        key = cache_key(d, name, ref_text)
        keys.add(key)
        doc_keys[d.id] = key
        hit = cache.get(key)
        if hit is not None:
            results[d.id] = hit
            report.documents_cached += 1
        else:
            todo.append((key, (d, name, reference)))
    total = len(docs)
    done = total - len(todo)
    tick("annotate", done, total)
    counter = [done]

    def one_done() -> None:
        counter[0] += 1
        tick("annotate", counter[0], total)

    if options.cluster and todo:
        from kg.distributed import run_on_cluster

        outcomes = run_on_cluster([args for _, args in todo], options.cluster, one_done)
    else:
        outcomes = _run_all([args for _, args in todo], options.workers, one_done)
    for (key, (d, _name, _ref)), outcome in zip(todo, outcomes, strict=True):
        if isinstance(outcome, DocumentError):
            report.skipped.append({"path": outcome.path or d.source, "reason": outcome.message})
            continue
        cache.put(key, outcome)
        results[d.id] = outcome
    cache.prune(keys)
    report.timings["annotate_extract"] = round(time.perf_counter() - started, 3)
    ordered = [results[d.id] for d in docs if d.id in results]
    report.documents_read = len(ordered)
    if not ordered:
        _write_json(out / "report.json", report.to_dict())
        raise InputError("no article could be processed", fix="see report.json")
    report.languages = dict(sorted(Counter(r.doc.lang or "und" for r in ordered).items()))
    report.backends = dict(sorted(Counter(r.backend for r in ordered).items()))

    # 3. link and merge across documents
    started = time.perf_counter()
    tick("link", 0, 1)
    from kg.extract.merge import merge_facts

    all_mentions = [m for r in ordered for m in r.mentions]
    linked = link(all_mentions)
    entities = {e.key: e for e in linked.entities}
    languages = {r.doc.id: r.doc.lang or "und" for r in ordered}
    all_assertions = [a for r in ordered for a in r.assertions]
    facts = merge_facts(all_assertions, linked.entity_of, languages)
    _write_json(
        out / "linking.json", linking_log(linked.entities, all_mentions, ordered), compact=True
    )
    report.outputs["linking"] = str(out / "linking.json")
    report.timings["link_merge"] = round(time.perf_counter() - started, 3)
    tick("link", 1, 1)

    # 4. store and exports
    started = time.perf_counter()
    tick("store", 0, 1)

    graphs = graph_sources(ordered, doc_keys, linked, facts, languages, options.linker)
    chunks = ChunkCache(out / "cache" / "graphs")
    new_store = out / f".{STORE_DIR}.new"
    written = write_graphs(out / STORE_DIR, new_store, graphs, chunks)
    swap_in(new_store, out / STORE_DIR)
    assemble_exports(graphs, chunks, out / OUTPUT_FILES["nq"], out / OUTPUT_FILES["trig"])
    store = open_store(out)
    report.outputs["trig"] = str(out / OUTPUT_FILES["trig"])
    report.outputs["nq"] = str(out / OUTPUT_FILES["nq"])
    report.outputs["ttl"] = str(export(store, out / OUTPUT_FILES["ttl"], "ttl"))
    report.outputs["store"] = str(out / STORE_DIR)
    report.counts = {
        "documents": len(ordered),
        "sentences": sum(len(r.sentences) for r in ordered),
        "mentions": len(all_mentions),
        "entities": len(entities),
        "assertions": len(all_assertions),
        "facts": len(facts),
        "facts_multi_source": sum(1 for f in facts if len({a.doc_id for a in f.assertions}) > 1),
        "conflicts": sum(1 for f in facts if f.conflict),
        "quads": written.quads,
        "graphs_rewritten": written.graphs_written,
    }
    del store
    report.timings["store_export"] = round(time.perf_counter() - started, 3)
    tick("store", 1, 1)

    # 5. HTML graph and graph statistics
    if options.html:
        started = time.perf_counter()
        tick("html", 0, 1)
        report.outputs["html"] = str(_write_html(out, options, report))
        report.timings["html"] = round(time.perf_counter() - started, 3)
        tick("html", 1, 1)
    report.timings["total"] = round(time.perf_counter() - clock, 3)
    report.outputs["report"] = str(out / "report.json")
    _write_json(out / "report.json", report.to_dict())
    return report


def graph_sources(ordered, doc_keys, linked, facts, languages, linker: str) -> GraphSource:
    """Each named graph with its fingerprint and a function that makes its quads."""
    entities = {e.key: e for e in linked.entities}
    entity_of = linked.entity_of
    graphs: GraphSource = {}
    for r in ordered:
        links = []
        for m in r.mentions:
            ekey = entity_of.get(m.key)
            links.append(f"{m.key}>{ekey}>{class_iri(entities[ekey]) if ekey else ''}")
        fp = short_hash(doc_keys[r.doc.id], r.backend, *links, length=32)

        def make(r=r):
            return document_quads(
                r.doc, r.backend, r.sentences, r.mentions, r.assertions, entities, entity_of
            )

        graphs[str(graph_iri(r.doc.id))] = (fp, make)
    # The merged graph is a function of every document graph and the linker: its fingerprint
    # is theirs (hashing its own quads would cost seconds at 10,000 articles).
    fp = short_hash("merged", linker, *sorted(fp for fp, _make in graphs.values()), length=32)
    graphs[str(MERGED_GRAPH)] = (
        fp,
        lambda: merged_quads(linked.entities, facts, entity_of, languages),
    )
    return graphs


def linking_log(entities, mentions, results) -> dict:
    """Which mentions were merged into each entity and why (read by `kg explain`)."""
    by_key = {m.key: m for m in mentions}
    source = {r.doc.id: r.doc.source for r in results}
    return {
        e.key: {
            "name": e.name,
            "class": e.label,
            "place_type": e.place_type,
            "labels": dict(e.labels),
            "same_as": list(e.same_as),
            "mentions": [
                {
                    "source": source[by_key[k].doc_id],
                    "surface": by_key[k].surface,
                    "lang": by_key[k].lang,
                    "start": by_key[k].start,
                    "end": by_key[k].end,
                }
                for k in e.mentions
            ],
            "reasons": list(e.reasons),
        }
        for e in entities
    }


def _write_html(out: Path, options: BuildOptions, report: BuildReport) -> Path:
    from kg.html.render import render_html
    from kg.stats import graph_stats, to_networkx

    ds = open_store(out)  # pyoxigraph directly: rdflib's row conversion is the slow part
    try:
        graph = to_networkx(ds)
        render_html(
            ds,
            out / "graph.html",
            label_lang=options.label_lang,
            max_nodes=options.max_nodes,
            graph=graph,
        )
        stats = graph_stats(ds, graph=graph)
        report.counts["components"] = (
            int(stats.get("components", {}).get("count", 0))
            if isinstance(stats.get("components"), dict)
            else 0
        )
        report.outputs["stats"] = str(out / "stats.json")
        _write_json(out / "stats.json", stats)
    finally:
        del ds
    return out / "graph.html"


def _run_all(args: list[tuple], workers: int, on_done: Callable[[], None]) -> list:
    """Run the per-document stages serially or in ``workers`` processes, in input order."""
    if workers <= 1 or len(args) < 2:
        outcomes = []
        for a in args:
            outcomes.append(_process_safe(a))
            on_done()
        return outcomes
    outcomes = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(_process_safe, args, chunksize=max(1, len(args) // (workers * 8))):
            outcomes.append(outcome)
            on_done()
    return outcomes
