"""Per-document stage results and their on-disk cache (what makes re-runs incremental).

A document's result depends only on the document (text and metadata), the backend, the
reference date and kg's version, so it is cached under a hash of those.
"""

from __future__ import annotations

import hashlib
import json
import os
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
    return short_hash(
        json.dumps(asdict(doc), sort_keys=True),
        backend,
        reference or "",
        code_fingerprint(),
        _kb_fingerprint(os.environ.get("KG_EXTRA_KB", "")),
        length=32,
    )


@cache
def _kb_fingerprint(paths: str) -> str:
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
    )


class ResultCache:
    """A folder of cached DocResults, one JSON file each, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

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

    def prune(self, keep: set[str]) -> int:
        """Remove cached results not in ``keep`` (documents removed or changed)."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in sorted(self.folder.glob("*/*.json")):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
