"""Manifest files: per-document metadata (path, language, date, url, title) as CSV or JSONL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ManifestError

FIELDS = ("path", "language", "date", "url", "title")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: Path  # absolute, resolved against the manifest's folder
    language: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None


def _resolved(base: Path, path: str, folders: dict[str, Path]) -> Path:
    """``base/path`` resolved as Path.resolve() would, resolving each folder only once."""
    joined = os.path.join(base, path)
    folder, name = os.path.split(joined)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = Path(folder).resolve()
    target = real / name
    return target.resolve() if os.path.islink(target) else target


def _entry(row: dict, base: Path, where: str, folders: dict[str, Path]) -> ManifestEntry:
    row = {
        str(k).strip().lower(): (v.strip() if isinstance(v, str) else v)
        for k, v in row.items()
        if k
    }
    if "lang" in row and "language" not in row:
        row["language"] = row.pop("lang")
    path = row.get("path")
    if not path:
        raise ManifestError(f"{where}: missing 'path'", fix="every row needs a path column value")
    date = row.get("date") or None
    if date:
        try:
            dt.date.fromisoformat(str(date)[:10])
        except ValueError as exc:
            raise ManifestError(f"{where}: bad date {date!r}", fix="use YYYY-MM-DD") from exc
        date = str(date)[:10]
    lang = (row.get("language") or None) and str(row["language"]).lower()
    return ManifestEntry(
        _resolved(base, str(path), folders),
        lang,
        date,
        row.get("url") or None,
        row.get("title") or None,
    )


def read_manifest(path: Path) -> list[ManifestEntry]:
    """Parse a manifest; a bad line raises ManifestError naming the file and line number."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest: {exc}", path=str(path)) from exc
    base = path.parent
    folders: dict[str, Path] = {}
    entries: list[ManifestEntry] = []
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ManifestError(f"line {number}: invalid JSON ({exc.msg})") from exc
                if not isinstance(obj, dict):
                    raise ManifestError(f"line {number}: expected a JSON object")
                entries.append(_entry(obj, base, f"line {number}", folders))
        else:
            reader = csv.DictReader(io.StringIO(text))
            if not reader.fieldnames or "path" not in [
                f.strip().lower() for f in reader.fieldnames
            ]:
                raise ManifestError(
                    "line 1: header row with a 'path' column expected",
                    fix=f"first line like: {','.join(FIELDS)}",
                )
            for row in reader:
                if None in row:
                    raise ManifestError(f"line {reader.line_num}: more values than header columns")
                entries.append(_entry(row, base, f"line {reader.line_num}", folders))
    except ManifestError as exc:
        exc.path = str(path)
        raise
    return entries
