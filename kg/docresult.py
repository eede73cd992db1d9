"""Per-document stage results and their on-disk cache (what makes re-runs incremental).

A document's result depends only on the document (text and metadata), the backend, the
reference date and kg's version, so it is cached under a hash of those.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from kg import __version__
from kg.model import Assertion, Document, Mention, Sentence, TimeValue
from kg.rdf.namespaces import short_hash


@dataclass(frozen=True, slots=True)
class DocResult:
    doc: Document
    backend: str
    sentences: tuple[Sentence, ...]  # offsets only; tokens are not kept
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]
    seconds: float = 0.0
    kb_ids: tuple[str, ...] = ()  # per mention: the knowledge-base entry it names, or ""


@cache
def code_fingerprint() -> str:
    """A hash of kg's own code and data files: results of another kg are never reused."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json", ".tsv", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(doc: Document, backend: str, reference: str | None) -> str:
    """The key of a document's result; the text counts through its content hash, so a
    document known only by its metadata (a file unchanged since the last build) has it too."""
    meta = (doc.id, doc.source, doc.content_hash, doc.lang, doc.title, doc.date, doc.url)
    return short_hash(
        repr(meta),
        backend,
        reference or "",
        code_fingerprint(),
        kb_fingerprint(os.environ.get("KG_EXTRA_KB", "")),
        length=32,
    )


@cache
def kb_fingerprint(paths: str) -> str:
    """User KB files change what the NER finds: their contents are part of the key."""
    digest = hashlib.sha256()
    for p in paths.split(os.pathsep):
        if p:
            digest.update(Path(p).read_bytes())
    return digest.hexdigest()[:16]


def to_json(result: DocResult) -> str:
    data = asdict(result)
    for s in data["sentences"]:
        s.pop("tokens", None)
    for m in data["mentions"]:
        m.pop("key", None)  # derived from the other fields
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> DocResult:
    data = json.loads(text)
    return DocResult(
        doc=Document(**data["doc"]),
        backend=data["backend"],
        sentences=tuple(Sentence(s["start"], s["end"]) for s in data["sentences"]),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        assertions=tuple(
            Assertion(**{**a, "time": TimeValue(**a["time"]) if a.get("time") else None})
            for a in data["assertions"]
        ),
        seconds=data.get("seconds", 0.0),
        kb_ids=tuple(data.get("kb_ids", ())),
    )


class ResultCache:
    """A folder of cached DocResults, one JSON file each, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._keys: set[str] | None = None  # listed once: 10,000 stat calls cost more

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def keys(self) -> set[str]:
        if self._keys is None:
            self._keys = set()
            try:
                shards = [e.path for e in os.scandir(self.folder) if e.is_dir()]
            except OSError:
                shards = []
            for shard in shards:
                with os.scandir(shard) as entries:
                    self._keys.update(
                        e.name[:-5]
                        for e in entries
                        if e.name.endswith(".json") and not e.name.startswith(".")
                    )
        return self._keys

    def has(self, key: str) -> bool:
        return key in self.keys()

    def get(self, key: str) -> DocResult | None:
        path = self._path(key)
        try:
            return from_json(path.read_text("utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged (e.g. a killed run): recompute

    def put(self, key: str, result: DocResult) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(to_json(result), encoding="utf-8")
        os.replace(tmp, path)
        if self._keys is not None:
            self._keys.add(key)

    def prune(self, keep: set[str]) -> int:
        """Remove cached results not in ``keep`` (documents removed or changed)."""
        gone = sorted(self.keys() - keep)
        for key in gone:
            self._path(key).unlink(missing_ok=True)
            self.keys().discard(key)
        return len(gone)


@dataclass(frozen=True, slots=True)
class DocSummary:
    """What linking, merging, fingerprints and the HTML need of a document's result: no text
    but the sentences that state facts. A re-build loads these for all documents from one
    file (:class:`SummaryFile`) and the full result only for graphs it must rewrite."""

    key: str  # the result's cache key
    doc_id: str
    source: str
    lang: str
    backend: str
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]
    kb_ids: tuple[str, ...]
    evidence: dict[tuple[int, int], str]  # (sentence start, end) -> its text, for assertions
    sentences: int = 0


def summarize(key: str, r: DocResult) -> DocSummary:
    text = r.doc.text
    return DocSummary(
        key=key,
        doc_id=r.doc.id,
        source=r.doc.source,
        lang=r.doc.lang or "und",
        backend=r.backend,
        mentions=r.mentions,
        assertions=r.assertions,
        kb_ids=r.kb_ids or ("",) * len(r.mentions),
        evidence={
            (a.sentence_start, a.sentence_end): text[a.sentence_start : a.sentence_end]
            for a in r.assertions
        },
        sentences=len(r.sentences),
    )


def _pack(s: DocSummary) -> tuple:
    return (
        s.key,
        s.doc_id,
        s.source,
        s.lang,
        s.backend,
        [
            (m.doc_id, m.start, m.end, m.surface, m.label, m.lang, m.base, m.sentence)
            for m in s.mentions
        ],
        [
            (
                a.doc_id,
                a.subject,
                a.predicate,
                a.object,
                a.rule,
                a.confidence,
                a.sentence_start,
                a.sentence_end,
                None
                if a.time is None
                else (a.time.value, a.time.datatype, a.time.text, a.time.start, a.time.end),
            )
            for a in s.assertions
        ],
        s.kb_ids,
        s.evidence,
        s.sentences,
    )


def _unpack(t: tuple) -> DocSummary:
    key, doc_id, source, lang, backend, mentions, assertions, kb_ids, evidence, sentences = t
    return DocSummary(
        key,
        doc_id,
        source,
        lang,
        backend,
        tuple(Mention(*m) for m in mentions),
        tuple(Assertion(*a[:8], None if a[8] is None else TimeValue(*a[8])) for a in assertions),
        tuple(kb_ids),
        evidence,
        sentences,
    )


class SummaryFile:
    """All documents' summaries of the last builds: a base pickle (loads in a fraction of
    the time 10,000 JSON results take) and a small delta pickle beside it, so a re-build
    with one changed article writes one summary, not all of them. The delta is folded into
    the base once it (or the base's entries no build uses any more) passes 5% of the base.
    Written atomically; a damaged or foreign file is ignored."""

    VERSION = 2
    DELTA_SHARE = 0.05

    def __init__(self, path: Path) -> None:
        self.path = path
        self.delta_path = path.with_name(f"{path.stem}-delta{path.suffix}")
        self._base: set[str] = set()
        self._delta: dict[str, tuple] = {}

    def _read(self, path: Path) -> list[tuple]:
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)
            if data.get("version") != self.VERSION or data.get("code") != code_fingerprint():
                return []
            return list(data["summaries"])
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError):
            return []

    def load(self) -> dict[str, DocSummary]:
        base = self._read(self.path)
        delta = self._read(self.delta_path) if base else []
        self._base = {t[0] for t in base}
        self._delta = {t[0]: t for t in delta}
        found: dict[str, DocSummary] = {}
        for t in (*base, *delta):
            try:
                found[t[0]] = _unpack(t)
            except (TypeError, ValueError, IndexError):
                self._base, self._delta = set(), {}
                return {}
        return found

    def save(self, summaries: list[DocSummary]) -> None:
        """Record ``summaries`` (this build's, in order) with as little writing as it can."""
        keys = {s.key for s in summaries}
        new = [s for s in summaries if s.key not in self._base and s.key not in self._delta]
        delta = {k: t for k, t in self._delta.items() if k in keys}
        delta.update((s.key, _pack(s)) for s in new)
        limit = self.DELTA_SHARE * len(self._base)
        stale = len(self._base - keys)
        if self._base and len(delta) <= limit and stale <= limit:
            if new or len(delta) != len(self._delta):
                self._write(self.delta_path, sorted(delta.values()))
                self._delta = delta
            return
        self._write(self.path, [_pack(s) for s in summaries])
        self.delta_path.unlink(missing_ok=True)
        self._base, self._delta = keys, {}

    def _write(self, path: Path, packed: list[tuple]) -> None:
        data = {"version": self.VERSION, "code": code_fingerprint(), "summaries": packed}
        tmp = path.with_name(f".{path.name}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
