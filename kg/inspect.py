"""Read-side helpers over a build: entity listing, linking explanations, fact listing."""

from __future__ import annotations

import json
from pathlib import Path

from kg.errors import InputError, StoreError
from kg.normalize import fold
from kg.query import QueryResult, run_query

_ENTITY_COUNTS = """
SELECT ?entity ?class ?label ?lang (COUNT(?m) AS ?n) WHERE {
  ?m itsrdf:taIdentRef ?entity ; nif:referenceContext ?doc .
  ?doc dcterms:language ?lang .
  GRAPH kgg:merged { ?entity a ?class ; skos:prefLabel ?l }
  FILTER(?class IN (schema:Person, schema:Organization, schema:Place, kg:Thing))
  BIND(STR(?l) AS ?label)
} GROUP BY ?entity ?class ?label ?lang
"""


def list_entities(
    out_dir: Path, *, entity_class: str | None = None, limit: int | None = None
) -> QueryResult:
    """Entities with their mention counts per language, most mentioned first."""
    raw = run_query(out_dir, _ENTITY_COUNTS)
    table: dict[str, dict] = {}
    langs: set[str] = set()
    for entity, cls, label, lang, n in raw.rows:
        row = table.setdefault(
            entity,
            {
                "entity": entity,
                "class": cls.rsplit("/", 1)[-1].rsplit("#", 1)[-1],
                "label": label,
                "total": 0,
            },
        )
        row[lang] = row.get(lang, 0) + int(n)
        row["total"] += int(n)
        langs.add(lang)
    rows = sorted(table.values(), key=lambda r: (-r["total"], str(r["label"]), r["entity"]))
    if entity_class:
        rows = [r for r in rows if r["class"].lower() == entity_class.lower()]
    if limit:
        rows = rows[:limit]
    columns = ("entity", "class", "label", "total", *sorted(langs))
    return QueryResult(columns, tuple(tuple(str(r.get(c, 0)) for c in columns) for r in rows))


def explain_entity(out_dir: Path, name: str) -> list[dict]:
    """Linking records of the entities whose key, label or surface matches ``name``."""
    path = Path(out_dir) / "linking.json"
    if not path.is_file():
        raise StoreError(
            "no linking.json in the build",
            path=str(out_dir),
            fix="run `kg build ... --out DIR` first",
        )
    log = json.loads(path.read_text("utf-8"))
    wanted = fold(name)
    key = name.rsplit("/", 1)[-1]
    hits = []
    for ekey, rec in sorted(log.items()):
        names = {rec["name"], *rec["labels"].values(), *(m["surface"] for m in rec["mentions"])}
        if ekey == key or wanted in {fold(n) for n in names}:
            hits.append({"key": ekey, **rec})
    if not hits:
        raise InputError(
            f"no entity named {name!r} in this build", fix="see `kg entities` for the names"
        )
    return hits


def list_facts(
    out_dir: Path,
    *,
    entity: str | None = None,
    predicate: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> QueryResult:
    """Merged facts, optionally about one entity, of one predicate, within a date range."""
    result = run_query(out_dir, "facts")
    rows = list(result.rows)
    cols = result.columns
    if entity:
        wanted = fold(entity)
        names = _names_of(out_dir, entity)
        rows = [
            r
            for r in rows
            if fold(r[0] or "") in names | {wanted} or fold(r[2] or "") in names | {wanted}
        ]
    if predicate:
        rows = [r for r in rows if r[1] == predicate]
    if since:
        rows = [r for r in rows if r[3] and r[3].lstrip("-") >= since]
    if until:
        rows = [r for r in rows if r[3] and r[3].lstrip("-") <= until]
    return QueryResult(cols, tuple(rows))


def _names_of(out_dir: Path, entity: str) -> set[str]:
    try:
        records = explain_entity(out_dir, entity)
    except InputError:
        return set()
    return {fold(n) for rec in records for n in [rec["name"], *rec["labels"].values()]}
