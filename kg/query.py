"""SPARQL over a built graph: inline, from a file, or named queries shipped with kg.

User values are passed as bindings (``VALUES``-free substitution by the engine), never
pasted into query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.namespaces import PREFIXES
from kg.store import open_store

QUERY_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    kind: str = "select"  # select | ask | graph


def named_queries() -> dict[str, str]:
    """Name -> SPARQL text of the queries shipped in kg/queries/."""
    folder = resources.files("kg.queries")
    return {
        p.name[:-3]: p.read_text("utf-8")
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".rq")
    }


def describe_named(text: str) -> str:
    """The first comment line of a named query."""
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def resolve_query(query: str) -> str:
    """Inline SPARQL, ``@file.rq``/an existing .rq path, or the name of a shipped query."""
    queries = named_queries()
    if query in queries:
        return queries[query]
    path = Path(query[1:] if query.startswith("@") else query)
    if (query.startswith("@") or query.endswith((".rq", ".sparql"))) and path.is_file():
        return path.read_text("utf-8")
    if query.startswith("@"):
        raise QueryError("query file not found", path=str(path))
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I):
        raise QueryError(
            f"{query!r} is neither SPARQL nor a known query name",
            fix=f"named queries: {', '.join(queries)}",
        )
    return query


def _term_text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _binding_term(value: str):
    if re.match(r"^(https?|urn|mailto):", value):
        return ox.NamedNode(value)
    return ox.Literal(value)


def run_query(out_dir: Path, query: str, bindings: dict[str, str] | None = None) -> QueryResult:
    """Run SPARQL (with kg's prefixes predeclared) against the build in ``out_dir``."""
    text = resolve_query(query)
    store = open_store(out_dir)
    if bindings:
        names = [k for k in bindings if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k)]
        if len(names) != len(bindings):
            raise QueryError("binding names must be SPARQL variable names (letters, digits, _)")
        # Values travel as RDF terms serialised by Oxigraph (escaped), in a trailing VALUES
        # clause: never pasted into the query text as code.
        terms = " ".join(str(_binding_term(bindings[k])) for k in names)
        values = f"VALUES ({' '.join('?' + k for k in names)}) {{ ({terms}) }}"
        where = re.search(r"\bWHERE\s*\{", text, re.I)
        text = (
            f"{text[: where.end()]} {values} {text[where.end() :]}"
            if where
            else f"{text}\n{values}"
        )
    try:
        result = store.query(text, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL ({exc}; positions are line:column)") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("result",), ((str(bool(result)).lower(),),), "ask")
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_term_text(sol[c]) for c in columns) for sol in result)
        return QueryResult(columns, rows)
    rows = tuple(
        (_term_text(t.subject), _term_text(t.predicate), _term_text(t.object)) for t in result
    )
    return QueryResult(("subject", "predicate", "object"), tuple(sorted(rows)), "graph")
