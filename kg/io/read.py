"""Turn input paths (files, folders, a manifest) into cleaned Documents, reporting bad ones."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import DocumentError, InputError
from kg.io.boilerplate import strip_boilerplate
from kg.io.formats import MAX_DOC_MB, SUFFIXES, RawArticle, read_article_file
from kg.io.langid import detect_language
from kg.io.manifest import ManifestEntry, read_manifest
from kg.model import Document
from kg.rdf.namespaces import short_hash

#: Files in an article folder that are never articles (by stem, case-insensitive).
NOT_ARTICLES = {"README", "LICENSE", "LICENCE", "CHANGELOG", "MANIFEST", "NOTICE", "COPYING"}


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path  # absolute
    source: str  # how the user named it (input argument joined with the path below it)


def discover(inputs: Sequence[Path]) -> list[InputFile]:
    """All article files under the inputs, sorted; symlink loops and duplicates are skipped."""
    found: dict[Path, InputFile] = {}
    for given in inputs:
        if not given.exists():
            raise InputError(
                "input does not exist",
                path=str(given),
                fix="give existing files or folders of articles",
            )
        if given.is_file():
            found.setdefault(given.resolve(), InputFile(given.resolve(), given.as_posix()))
            continue
        seen_dirs: set[Path] = set()
        for root, dirs, files in os.walk(given, followlinks=True):
            real = Path(root).resolve()
            if real in seen_dirs:  # symlink loop
                dirs[:] = []
                continue
            seen_dirs.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(root) / name
                if (
                    name.startswith(".")
                    or path.suffix.lower() not in SUFFIXES
                    or name.split(".")[0].upper() in NOT_ARTICLES
                ):
                    continue
                # the folder is resolved once; only a symlinked file needs resolving itself
                target = (real / name).resolve() if os.path.islink(path) else real / name
                found.setdefault(target, InputFile(target, path.as_posix()))
    return sorted(found.values(), key=lambda f: f.source)


def make_document(
    raw: RawArticle,
    *,
    lang: str | None,
    date: str | None,
    url: str | None,
    title: str | None,
    detected: dict[str, str] | None = None,
) -> Document:
    """Clean the raw text and build the Document (id from the source, hash from the text).

    ``detected`` maps content hashes to languages detected before (a build's cache); new
    detections are added to it.
    """
    text = strip_boilerplate(raw.text)
    if not text.strip():
        raise DocumentError(
            "no article text (empty after removing markup and boilerplate)", path=raw.source
        )
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    language = lang or raw.lang
    if language is None and detected is not None:
        language = detected.get(content_hash)
    if language is None:
        language = detect_language(text)
        if language is not None and detected is not None:
            detected[content_hash] = language
    if language is None:
        raise DocumentError(
            "cannot tell the language (too little text)",
            path=raw.source,
            fix="give it with --lang or in the manifest",
        )
    return Document(
        id=short_hash(raw.source),
        text=text,
        source=raw.source,
        content_hash=content_hash,
        lang=language,
        title=title or raw.title,
        date=date or raw.date,
        url=url or raw.url,
    )


def read_documents(
    inputs: Sequence[Path],
    *,
    manifest: Path | None = None,
    lang: str | None = None,
    max_mb: float = MAX_DOC_MB,
    detected: dict[str, str] | None = None,
    seen_files: dict[str, dict] | None = None,
) -> Iterator[Document | DocumentError]:
    """Yield one Document per readable article and one DocumentError per unreadable one.

    ``detected``: languages detected in an earlier run, by content hash (see make_document).
    ``seen_files``: the documents an earlier run read from each file, with the file's size,
    modification time and settings; a file whose stamp is unchanged is not read again and
    its documents come back as stubs with ``text == ""`` (a real document is never empty):
    the caller finds their results by :func:`kg.docresult.cache_key`, or reads them again.
    Updated in place with what this run read.
    """
    entries: dict[Path, ManifestEntry] = {}
    if manifest is not None:
        if not manifest.is_file():
            raise InputError("manifest not found", path=str(manifest))
        entries = {e.path: e for e in read_manifest(manifest)}
    paths = list(inputs)
    if not paths and entries:
        paths = [e.path for e in entries.values()]
    if not paths:
        raise InputError("no input given", fix="name files or folders of articles, or --manifest")
    files = discover(paths)
    for f in files:
        entry = entries.get(f.path)
        stamp = _stamp(f.path, entry, lang, max_mb) if seen_files is not None else None
        if stamp is not None and seen_files is not None:
            known = seen_files.get(f.source)
            if known is not None and known.get("stamp") == stamp:
                yield from (Document(**d, text="") for d in known["documents"])
                continue
            seen_files.pop(f.source, None)
        try:
            articles = read_article_file(f.path, f.source, max_mb)
        except DocumentError as exc:
            yield exc
            continue
        made: list[Document] = []
        failed = False
        for raw in articles:
            if isinstance(raw, DocumentError):
                failed = True
                yield raw
                continue
            try:
                doc = make_document(
                    raw,
                    lang=(entry.language if entry else None) or lang,
                    date=entry.date if entry else None,
                    url=entry.url if entry else None,
                    title=entry.title if entry else None,
                    detected=detected,
                )
            except DocumentError as exc:
                failed = True
                yield exc
                continue
            made.append(doc)
            yield doc
        if stamp is not None and seen_files is not None and not failed:
            seen_files[f.source] = {
                "stamp": stamp,
                "documents": [{k: v for k, v in asdict(d).items() if k != "text"} for d in made],
            }


def _stamp(path: Path, entry: ManifestEntry | None, lang: str | None, max_mb: float) -> list:
    """What a file's documents depend on besides kg's code: its bytes (by size and
    modification time), its manifest row and the reading options."""
    try:
        st = path.stat()
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns, repr(entry), lang, max_mb]
