"""User-supplied knowledge-base files (`kg build --kb FILE`): JSON or CSV, e.g. exported from
a Wikidata query. Their entries join the packaged KB and win over it.

JSON: a list of {"id", "class", "name", "names": {lang: [names]}, "acronyms": {lang: [..]},
"same_as": [IRIs], "place_type", "country"}; only id, class and name are required.
CSV: a header with id,class,lang,name (one row per name; further columns ignored), which is
the shape of a Wikidata query result such as
``SELECT ?id ?class ?lang ?name`` (see the README).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from kg.errors import InputError
from kg.kb import WIKIDATA, KBEntry

CLASSES = {"PERSON", "ORG", "PLACE", "MISC"}


def _entry(row: dict, where: str) -> KBEntry:
    ident, cls, name = (
        str(row.get("id", "")).strip(),
        str(row.get("class", "")).upper(),
        row.get("name"),
    )
    if ident.startswith(WIKIDATA):
        ident = ident[len(WIKIDATA) :]
    if not ident or cls not in CLASSES or not name:
        raise InputError(f"{where}: needs id, class (one of {sorted(CLASSES)}) and name")
    names = tuple(
        (lang, n)
        for lang, ns in sorted((row.get("names") or {}).items())
        for n in ([ns] if isinstance(ns, str) else ns)
    )
    acronyms = tuple(
        (lang, a)
        for lang, acs in sorted((row.get("acronyms") or {}).items())
        for a in ([acs] if isinstance(acs, str) else acs)
    )
    same = list(row.get("same_as") or [])
    if ident.startswith("Q") and ident[1:].isdigit():
        same.append(WIKIDATA + ident)
    return KBEntry(
        id=ident,
        label=cls,
        name=str(name),
        names=names or (("en", str(name)),),
        place_type=row.get("place_type"),
        same_as=tuple(sorted(set(same))),
        acronyms=acronyms,
        country=row.get("country"),
    )


def load_kb_file(path: Path) -> list[KBEntry]:
    """Entries of a user KB file; a bad row raises InputError naming the file and row."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read KB file: {exc.strerror or exc}", path=str(path)) from exc
    try:
        if path.suffix.lower() == ".json":
            rows = json.loads(text)
            if not isinstance(rows, list):
                raise InputError("a JSON KB file holds a list of entries", path=str(path))
            return [_entry(r, f"entry {i + 1}") for i, r in enumerate(rows)]
        grouped: dict[str, dict] = {}
        names: dict[str, dict] = defaultdict(dict)
        for i, row in enumerate(csv.DictReader(text.splitlines()), start=2):
            key = str(row.get("id", "")).strip()
            grouped.setdefault(
                key, {"id": key, "class": row.get("class"), "name": row.get("name"), "names": {}}
            )
            lang = (row.get("lang") or "en").strip()
            names[key].setdefault(lang, []).append(row.get("name"))
            if not row.get("name"):
                raise InputError(f"line {i}: empty name", path=str(path))
        for key, row in grouped.items():
            row["names"] = names[key]
        return [_entry(r, f"id {r['id']!r}") for r in grouped.values()]
    except (ValueError, KeyError) as exc:
        raise InputError(f"malformed KB file: {exc}", path=str(path)) from exc
    except InputError as exc:
        exc.path = str(path)
        raise
