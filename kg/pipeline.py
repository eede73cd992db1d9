"""`kg build` as a library call: read -> annotate -> mentions -> extract -> link -> merge -> store.

:func:`build` neither prints nor exits; it reports progress through a callback and returns
a :class:`BuildReport` that is also written to ``report.json``.
"""

from __future__ import annotations

import datetime as dt
import gc
import inspect
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg import __version__
from kg.beside import Beside
from kg.docresult import (
    DocResult,
    DocSummary,
    ResultCache,
    SummaryFile,
    cache_key,
    code_fingerprint,
    summarize,
)
from kg.errors import (
    DocumentError,
    InputError,
    KgError,
    ModelMissingError,
    OutputError,
    StoreError,
)
from kg.incremental import ChunkCache, GraphSource, StoreWrite, assemble_exports, write_graphs
from kg.io.read import read_documents
from kg.mentions import find_mentions
from kg.model import Document
from kg.rdf.build import class_iri, document_quads, entity_quads, fact_quads, fact_sources
from kg.rdf.namespaces import MERGED_GRAPH, graph_iri, short_hash
from kg.registry import backends, linkers
from kg.store import STORE_DIR, swap_in

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
    nquads: bool = False  # also write graph.nq (every graph as sorted N-Quads)


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


def _backend_names(requested: str, docs: Sequence[Document]) -> dict[str, str]:
    """document id -> the backend that annotates it (chosen once per language)."""
    chosen = {lang: choose_backend(requested, lang) for lang in {d.lang or "und" for d in docs}}
    return {d.id: chosen[d.lang or "und"] for d in docs}


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
    from kg.kb import get_kb
    from kg.link import kb_entry

    kb = get_kb()
    kb_ids = tuple(getattr(kb_entry(m, kb), "id", "") for m in mentions)
    return DocResult(
        doc=doc,
        backend=adoc.backend,
        sentences=tuple(type(s)(s.start, s.end) for s in adoc.sentences),
        mentions=tuple(mentions),
        assertions=tuple(assertions),
        seconds=round(time.perf_counter() - started, 4),
        kb_ids=kb_ids,
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


def _write_json(path: Path, data: dict, compact: bool = False, sort_keys: bool = True) -> None:
    """Write JSON atomically; ``compact`` for big files (the C encoder needs no indent);
    ``sort_keys=False`` for data made in sorted order already."""
    tmp = path.with_name(f".{path.name}.tmp")
    text = json.dumps(data, indent=None if compact else 2, ensure_ascii=False, sort_keys=sort_keys)
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


def _read(
    inputs: Sequence[Path],
    options: BuildOptions,
    report: BuildReport,
    detected: dict[str, str],
    read_files: dict[str, dict],
) -> list[Document]:
    """Read the inputs (unchanged files as stubs, see read_documents); skip duplicates."""
    docs: list[Document] = []
    seen_ids: set[str] = set()
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
        elif item.id in seen_ids:
            report.skipped.append({"path": item.source, "reason": "duplicate source"})
        else:
            seen_ids.add(item.id)
            docs.append(item)
    return docs


#: generation-0 threshold during a build: a build allocates millions of small objects that
#: form no cycles, and the default (700) makes the collector rescan them all the time (a
#: re-build of 10,000 articles spent a third of its time there)
GC_THRESHOLD = 100_000


def build(
    inputs: Sequence[Path], options: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build the graph of ``inputs`` into ``options.out``; return the report."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_THRESHOLD), max(before[1], 50), max(before[2], 100))
    try:
        return _build(inputs, options, progress)
    finally:
        gc.set_threshold(*before)


def _build(inputs: Sequence[Path], options: BuildOptions, progress: Progress | None) -> BuildReport:
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
    languages_file = out / "cache" / "languages.json"
    try:
        detected = json.loads(languages_file.read_text("utf-8"))
    except (OSError, ValueError):
        detected = {}
    languages_before = dict(detected)
    files_file = out / "cache" / "files.json"
    try:
        seen_files = json.loads(files_file.read_text("utf-8"))
        if seen_files.get("code") != code_fingerprint():
            seen_files = {}
    except (OSError, ValueError, AttributeError):
        seen_files = {}
    read_files: dict[str, dict] = seen_files.get("files", {})
    stamps_before = dict(read_files)
    cache = ResultCache(out / "cache")
    docs = _read(inputs, options, report, detected, read_files)
    ref_text = reference.isoformat() if reference else None
    names = _backend_names(options.backend, docs)
    doc_keys = {d.id: cache_key(d, names[d.id], ref_text) for d in docs}
    present = {k for k in doc_keys.values() if cache.has(k)}
    if any(not d.text and doc_keys[d.id] not in present for d in docs):
        # a file unchanged since the last build whose result is gone: read everything again
        report.skipped.clear()
        read_files.clear()
        docs = _read(inputs, options, report, detected, read_files)
        names = _backend_names(options.backend, docs)
        doc_keys = {d.id: cache_key(d, names[d.id], ref_text) for d in docs}
        present = {k for k in doc_keys.values() if cache.has(k)}
    hashes = {d.content_hash for d in docs}
    languages_file.parent.mkdir(exist_ok=True)
    kept = {h: lg for h, lg in detected.items() if h in hashes}
    if kept != languages_before:
        _write_json(languages_file, kept, compact=True)
    sources = {d.source for d in docs}
    read_files = {k: v for k, v in read_files.items() if k in sources}
    if read_files.keys() != stamps_before.keys() or any(
        v is not stamps_before[k] for k, v in read_files.items()
    ):  # a file was read (again) or is gone
        _write_json(files_file, {"code": code_fingerprint(), "files": read_files}, compact=True)
    report.timings["read"] = round(time.perf_counter() - clock, 3)
    if not docs:
        _write_json(out / "report.json", report.to_dict())
        raise InputError(
            "no readable articles in the input", fix="see report.json for why each file was skipped"
        )

    # Nothing changed since the last complete build (same documents, code and options):
    # its outputs stand, and only the report is written again.
    inputs_fp = short_hash(
        code_fingerprint(),
        options.linker,
        repr((options.html, options.nquads, options.label_lang, options.max_nodes)),
        *sorted(doc_keys.values()),
        length=32,
    )
    previous = _unchanged_build(out, inputs_fp)
    if previous is not None:
        report.documents_read = report.documents_cached = len(docs)
        for name in ("languages", "backends", "counts", "outputs"):
            setattr(report, name, previous.get(name, {}))
        report.warnings.append("nothing changed since the last build: outputs kept")
        report.timings["total"] = round(time.perf_counter() - clock, 3)
        _write_json(out / "report.json", report.to_dict())
        return report
    (out / "cache" / "build.json").unlink(missing_ok=True)  # outputs change from here on
    summary_file = SummaryFile(out / "cache" / "summaries.pickle")
    known = summary_file.load()

    # 2. per-document stages, cached by content
    started = time.perf_counter()
    summaries: dict[str, DocSummary] = {}
    fresh: dict[str, DocResult] = {}  # results computed or read in full in this run
    todo: list[tuple[str, tuple]] = []
    for d in docs:
        name = names[d.id]
        if options.backend not in ("auto", "offline") and not _backend(name).available(
            d.lang or "und"
        ):
            raise ModelMissingError(
                f"no {name} model for language {d.lang!r} (needed by {d.source})",
                fix=f"kg models download {d.lang}",
            )
        key = doc_keys[d.id]
        summary = known.get(key) if key in present else None
        if summary is None:
            hit = cache.get(key)
            if hit is not None:
                fresh[d.id] = hit
                summary = summarize(key, hit)
        if summary is not None:
            summaries[d.id] = summary
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
        fresh[d.id] = outcome
        summaries[d.id] = summarize(key, outcome)
    cache.prune(set(doc_keys.values()))
    report.timings["annotate_extract"] = round(time.perf_counter() - started, 3)
    ordered = [summaries[d.id] for d in docs if d.id in summaries]
    report.documents_read = len(ordered)
    if not ordered:
        _write_json(out / "report.json", report.to_dict())
        raise InputError("no article could be processed", fix="see report.json")
    report.languages = dict(sorted(Counter(r.lang for r in ordered).items()))
    report.backends = dict(sorted(Counter(r.backend for r in ordered).items()))

    # 3. link and merge across documents
    started = time.perf_counter()
    tick("link", 0, 1)
    from kg.extract.merge import merge_facts

    all_mentions = [m for r in ordered for m in r.mentions]
    if "resolved" in inspect.signature(link).parameters:  # KB ids the per-document stage found
        resolved = {
            m.key: kid for r in ordered for m, kid in zip(r.mentions, r.kb_ids, strict=True)
        }
        linked = link(all_mentions, resolved=resolved)
    else:
        linked = link(all_mentions)
    entities = {e.key: e for e in linked.entities}
    languages = {r.doc_id: r.lang for r in ordered}
    all_assertions = [a for r in ordered for a in r.assertions]
    facts = merge_facts(all_assertions, linked.entity_of, languages)
    report.timings["link_merge"] = round(time.perf_counter() - started, 3)
    tick("link", 1, 1)

    # 4. store, exports and the linking log; beside them, in a forked process (kg.beside),
    # 5. the HTML graph with its statistics: two cores, nothing pickled but the answers
    tick("store", 0, 1)

    def full_result(r: DocSummary) -> DocResult:
        result = fresh.get(r.doc_id) or cache.get(r.key)
        if result is None:
            raise StoreError(
                "a cached article result vanished during the build",
                path=str(cache.folder),
                fix="run the build again",
            )
        return result

    if options.html:
        tick("html", 0, 1)
    side = Beside(_html, out, options, ordered, linked, facts) if options.html else None
    try:
        written, outputs, seconds = _store_and_export(
            out, options, ordered, full_result, linked, facts, languages
        )
        started = time.perf_counter()
        _write_json(
            out / "linking.json",
            linking_log(linked.entities, all_mentions, ordered),
            compact=True,
            sort_keys=False,
        )
        report.outputs["linking"] = str(out / "linking.json")
        report.timings["linking_log"] = round(time.perf_counter() - started, 3)
    except BaseException:
        if side is not None:
            side.wait_quietly()
        raise
    summary_file.save(ordered)  # writes only the summaries that are new
    side_outputs, side_counts, side_timings = side.result() if side else ({}, {}, {})
    if options.html:
        tick("html", 1, 1)
    report.outputs.update(side_outputs)
    report.timings.update(side_timings)
    report.outputs.update(outputs)
    report.timings["store_export"] = seconds
    tick("store", 1, 1)
    report.counts = {
        "documents": len(ordered),
        "sentences": sum(r.sentences for r in ordered),
        "mentions": len(all_mentions),
        "entities": len(entities),
        "assertions": len(all_assertions),
        "facts": len(facts),
        "facts_multi_source": sum(1 for f in facts if len({a.doc_id for a in f.assertions}) > 1),
        "conflicts": sum(1 for f in facts if f.conflict),
        "quads": written.quads,
        "graphs_rewritten": written.graphs_written,
        "merged_blocks_rewritten": written.blocks_written,
        **side_counts,  # components, from the HTML stage
    }
    report.timings["total"] = round(time.perf_counter() - clock, 3)
    report.outputs["report"] = str(out / "report.json")
    _write_json(out / "report.json", report.to_dict())
    _write_json(out / "cache" / "build.json", {"inputs": inputs_fp})  # last: marks it complete
    return report


def _html(
    out: Path, options: BuildOptions, ordered, linked, facts
) -> tuple[dict[str, str], dict[str, int], dict[str, float]]:
    """graph.html and stats.json: output paths, counts and seconds (run beside the store
    writes, see kg.beside)."""
    from kg.html.render import render_html
    from kg.stats import build_graph, graph_stats

    started = time.perf_counter()
    graph = build_graph(linked.entities, facts, ordered, linked.entity_of)
    render_html(
        None,
        out / "graph.html",
        label_lang=options.label_lang,
        max_nodes=options.max_nodes,
        graph=graph,
        cache=out / "cache",
    )
    stats = graph_stats(None, graph=graph, cache=out / "cache")
    _write_json(out / "stats.json", stats)
    return (
        {"html": str(out / "graph.html"), "stats": str(out / "stats.json")},
        {"components": int(stats["components"]["count"])},
        {"html": round(time.perf_counter() - started, 3)},
    )


def _store_and_export(
    out: Path,
    options: BuildOptions,
    ordered: Sequence[DocSummary],
    full_result: Callable[[DocSummary], DocResult],
    linked,
    facts,
    languages: dict[str, str],
) -> tuple[StoreWrite, dict[str, str], float]:
    """Write the changed graphs into the store and assemble the exports; what was written,
    the output paths and the seconds it took."""
    started = time.perf_counter()
    graphs = graph_sources(ordered, full_result, linked)
    blocks = merged_blocks(linked, facts, languages)
    formats = ("nq", "trig") if options.nquads else ("trig",)
    chunks = ChunkCache(out / "cache" / "graphs", formats)
    new_store = out / f".{STORE_DIR}.new"
    try:
        written = write_graphs(out / STORE_DIR, new_store, graphs, blocks, chunks)
        swap_in(new_store, out / STORE_DIR)
        targets = {"trig": out / OUTPUT_FILES["trig"], "ttl": out / OUTPUT_FILES["ttl"]}
        if options.nquads:
            targets["nq"] = out / OUTPUT_FILES["nq"]
        else:
            (out / OUTPUT_FILES["nq"]).unlink(missing_ok=True)  # never leave a stale one
        assemble_exports(graphs, blocks, str(MERGED_GRAPH), chunks, targets)
    finally:
        chunks.close()
    outputs = {fmt: str(target) for fmt, target in targets.items()}
    outputs["store"] = str(out / STORE_DIR)
    return written, outputs, round(time.perf_counter() - started, 3)


def _unchanged_build(out: Path, inputs_fp: str) -> dict | None:
    """The last build's report when it was complete, had these inputs and its outputs exist."""
    try:
        done = json.loads((out / "cache" / "build.json").read_text("utf-8"))
        previous = json.loads((out / "report.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(done, dict) or done.get("inputs") != inputs_fp:
        return None
    outputs = previous.get("outputs", {}) if isinstance(previous, dict) else {}
    if not outputs or not all(Path(p).exists() for p in outputs.values()):
        return None
    return previous


def graph_sources(
    ordered: Sequence[DocSummary], full_result: Callable[[DocSummary], DocResult], linked
) -> GraphSource:
    """Each document's named graph with its fingerprint and a function that makes its quads
    (the full result, with the text, is read only for graphs that are rewritten)."""
    entities = {e.key: e for e in linked.entities}
    entity_of = linked.entity_of
    classes = {k: str(class_iri(e)) for k, e in entities.items()}
    graphs: GraphSource = {}
    for r in ordered:
        links = []
        for m in r.mentions:
            ekey = entity_of.get(m.key)
            links.append(f"{m.key}>{ekey}>{classes[ekey] if ekey else ''}")
        fp = short_hash(r.key, r.backend, *links, length=32)

        def make(r=r):
            full = full_result(r)
            return document_quads(
                full.doc,
                full.backend,
                full.sentences,
                full.mentions,
                full.assertions,
                entities,
                entity_of,
            )

        graphs[str(graph_iri(r.doc_id))] = (fp, make)
    return graphs


def merged_blocks(linked, facts, languages) -> GraphSource:
    """The merged graph in blocks (one per entity, one per fact), each with a fingerprint of
    exactly what its quads are made of, so a re-build rewrites only the blocks that changed."""
    entity_of = linked.entity_of
    blocks: GraphSource = {}
    for e in linked.entities:
        fp = short_hash(
            repr(
                (
                    e.key,
                    e.label,
                    e.name,
                    e.labels,
                    e.alt_labels,
                    e.same_as,
                    e.place_type,
                    len(e.mentions),
                )
            ),
            length=32,
        )
        blocks[f"e {e.key}"] = (fp, lambda e=e: entity_quads(e))
    for f in facts:
        fp = short_hash(
            repr(
                (
                    f.subject,
                    f.predicate,
                    f.object,
                    f.confidence,
                    f.time and (f.time.value, f.time.datatype),
                    f.conflict,
                    fact_sources(f, entity_of, languages),
                )
            ),
            length=32,
        )
        blocks[f"f {f.subject} {f.predicate} {f.object}"] = (
            fp,
            lambda f=f: fact_quads(f, entity_of, languages),
        )
    return blocks


def linking_log(entities, mentions, results: Sequence[DocSummary]) -> dict:
    """Which mentions were merged into each entity and why (read by `kg explain`)."""
    by_key = {m.key: m for m in mentions}
    source = {r.doc_id: r.source for r in results}

    def mention(m) -> dict:  # keys in sorted order: the file is written without sorting
        return {
            "end": m.end,
            "lang": m.lang,
            "source": source[m.doc_id],
            "start": m.start,
            "surface": m.surface,
        }

    return {
        e.key: {
            "class": e.label,
            "labels": dict(sorted(e.labels)),
            "mentions": [mention(by_key[k]) for k in e.mentions],
            "name": e.name,
            "place_type": e.place_type,
            "reasons": list(e.reasons),
            "same_as": list(e.same_as),
        }
        for e in sorted(entities, key=lambda e: e.key)
    }


def _run_all(args: list[tuple], workers: int, on_done: Callable[[], None]) -> list:
    """Run the per-document stages serially or in ``workers`` processes, in input order."""
    if workers <= 1 or len(args) < 2:
        outcomes = []
        for a in args:
            outcomes.append(_process_safe(a))
            on_done()
        return outcomes
    from kg.kb import get_kb

    get_kb()  # built (or loaded) once here: forked workers share it instead of each building it
    outcomes = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(_process_safe, args, chunksize=max(1, len(args) // (workers * 8))):
            outcomes.append(outcome)
            on_done()
    return outcomes
