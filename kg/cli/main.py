"""The `kg` command: each command parses options and calls one library function.

Errors are turned into a one-line message and an exit code in one place (:func:`run`);
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from kg import __version__
from kg.cli.output import render
from kg.errors import EXIT_OK, EXIT_PARTIAL, KgError


class KgGroup(TyperGroup):
    """The one place that turns a KgError into a message on stderr and an exit code."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except KgError as exc:
            if STATE["debug"]:
                raise
            typer.echo(f"kg: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="kg",
    cls=KgGroup,
    help="Turn multilingual news articles into one queryable knowledge graph.\n\n"
    "Example: kg build articles/ --reference-date 2024-11-29 --out out/ && "
    "kg query facts --out out/",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
STATE = {"debug": False}


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


OutDir = Annotated[Path, typer.Option("--out", "-o", help="The build's output folder.")]
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """kg: multilingual news -> knowledge graph."""
    STATE["debug"] = debug


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


class _Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise or with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.stage = None
        self.bar = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = typer.progressbar(length=total, label=f"{stage:<9}", file=sys.stderr)
            self.bar.__enter__()
            self.last = 0
        self.bar.update(done - self.last)
        self.last = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@app.command()
def build(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders (.txt .md .html .jsonl).", show_default=False
        ),
    ] = None,
    out: OutDir = Path("out"),
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="CSV or JSONL with columns path,language,date,url,title (paths relative to it)."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Language of documents the manifest gives none for (skips detection)."),
    ] = None,
    reference_date: Annotated[
        str | None,
        typer.Option(
            help="YYYY-MM-DD used to resolve '28 November', 'on Wednesday' in undated articles."
        ),
    ] = None,
    backend: Annotated[str, typer.Option(help="NLP backend: auto, offline or stanza.")] = "auto",
    workers: Annotated[int, typer.Option(min=1, help="Processes for the per-document stages.")] = 1,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler (tcp://host:8786) or 'local' for the per-document stages."
        ),
    ] = None,
    html: Annotated[bool, typer.Option(help="Write the interactive HTML graph.")] = True,
    nquads: Annotated[
        bool,
        typer.Option(
            "--nquads",
            help="Also write graph.nq (every graph, sorted N-Quads; 4x the size of graph.trig).",
        ),
    ] = False,
    label_lang: Annotated[str, typer.Option(help="Language of node labels in the HTML.")] = "en",
    max_nodes: Annotated[int, typer.Option(help="Most nodes drawn in the HTML.")] = 2000,
    kb: Annotated[
        list[Path] | None,
        typer.Option(
            help="Extra knowledge-base file (JSON or CSV; repeatable), e.g. from Wikidata."
        ),
    ] = None,
    linker: Annotated[str, typer.Option(help="Entity linker (a registered name).")] = "default",
    max_doc_mb: Annotated[
        float, typer.Option(help="Skip (and report) article files larger than this, in MB.")
    ] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only errors.")] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the build report as JSON.")
    ] = False,
) -> None:
    """Build the graph of a folder of articles.

    Examples:

      kg build data/corpus --manifest data/corpus/manifest.csv --out out/

      kg build ~/articles --reference-date 2024-11-29 --backend offline -q --out /tmp/kg

      kg build ~/articles --workers 2 --nquads --out out/   # also graph.nq for bulk loaders
    """
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    options = BuildOptions(
        out=out,
        manifest=manifest,
        lang=lang,
        reference_date=_date(reference_date),
        backend=backend,
        workers=workers,
        html=html,
        nquads=nquads,
        label_lang=label_lang,
        max_nodes=max_nodes,
        max_doc_mb=max_doc_mb,
        kb_files=tuple(kb or ()),
        cluster=cluster,
        linker=linker,
    )
    progress = _Progress(quiet)
    try:
        report = run_build(inputs or [], options, progress)
    finally:
        progress.close()
    for skipped in report.skipped:
        typer.echo(f"kg: skipped {skipped['path']}: {skipped['reason']}", err=True)
    if json_out:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif not quiet:
        c = report.counts
        typer.echo(
            f"Built {report.documents_read} documents ({report.documents_cached} unchanged, "
            f"{len(report.skipped)} skipped): {c.get('entities', 0)} entities, "
            f"{c.get('facts', 0)} facts, {c.get('quads', 0)} quads in {report.timings['total']} s"
        )
        for name in ("html", "ttl", "trig", "report"):
            if name in report.outputs:
                typer.echo(f"  {name:<7}{report.outputs[name]}")
    raise typer.Exit(EXIT_PARTIAL if report.skipped else EXIT_OK)


@app.command()
def query(
    sparql: Annotated[
        str,
        typer.Argument(help="SPARQL text, @file.rq, or the name of a shipped query (see --list)."),
    ] = "",
    out: OutDir = Path("out"),
    fmt: FormatOpt = Fmt.table,
    bind: Annotated[
        list[str] | None,
        typer.Option(help="NAME=VALUE bound to ?NAME (values are never pasted into the query)."),
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the shipped queries.")] = False,
) -> None:
    """Run SPARQL on a build (kg's prefixes are predeclared; all graphs are queried as one).

    Examples:

      kg query facts --out out/

      kg query entity-facts --bind name=Warszawa --format csv

      kg query 'SELECT ?e ?l WHERE { ?e a schema:Person ; rdfs:label ?l }' -f json
    """
    from kg.query import describe_named, named_queries, run_query

    if list_queries or not sparql:
        rows = [(n, describe_named(t)) for n, t in named_queries().items()]
        typer.echo(render(("name", "description"), rows, fmt.value, max_width=100))
        return
    bindings = {}
    for item in bind or []:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: expected NAME=VALUE", param_hint="--bind")
        k, v = item.split("=", 1)
        bindings[k.strip().lstrip("?")] = v
    result = run_query(out, sparql, bindings)
    typer.echo(render(result.columns, result.rows, fmt.value))


@app.command()
def entities(
    out: OutDir = Path("out"),
    fmt: FormatOpt = Fmt.table,
    entity_class: Annotated[
        str | None,
        typer.Option("--class", help="Only Person, Organization, Place, Country, City or Thing."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
) -> None:
    """List entities with mention counts per language.

    Example: kg entities --class Person --format csv
    """
    from kg.inspect import list_entities

    result = list_entities(out, entity_class=entity_class, limit=limit)
    typer.echo(render(result.columns, result.rows, fmt.value))


@app.command()
def explain(
    entity: Annotated[str, typer.Argument(help="An entity label, surface form, key or IRI.")],
    out: OutDir = Path("out"),
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table or json.")] = Fmt.table,
) -> None:
    """Show which mentions were merged into an entity and why.

    Example: kg explain Warszawa --out out/
    """
    from kg.inspect import explain_entity

    records = explain_entity(out, entity)
    if fmt is Fmt.json:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    for rec in records:
        typer.echo(
            f"{rec['key']}  {rec['name']}  ({rec['class']}"
            + (f", {rec['place_type']}" if rec.get("place_type") else "")
            + ")"
        )
        for iri in rec["same_as"]:
            typer.echo(f"  sameAs  {iri}")
        typer.echo("  labels  " + ", ".join(f"{v}@{k}" for k, v in sorted(rec["labels"].items())))
        typer.echo(f"  {len(rec['mentions'])} mentions, linked because:")
        for reason in rec["reasons"]:
            typer.echo(f"    - {reason}")


@app.command()
def facts(
    out: OutDir = Path("out"),
    fmt: FormatOpt = Fmt.table,
    entity: Annotated[str | None, typer.Option(help="Only facts about this entity.")] = None,
    predicate: Annotated[str | None, typer.Option(help="Only this predicate, e.g. visit.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only facts dated on/after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Only facts dated on/before.")] = None,
) -> None:
    """List merged facts with time, confidence, sources and languages.

    Example: kg facts --predicate visit --since 2024-11 --format json
    """
    from kg.inspect import list_facts

    result = list_facts(out, entity=entity, predicate=predicate, since=since, until=until)
    typer.echo(render(result.columns, result.rows, fmt.value))


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="ttl, trig, nq, nt or jsonld.")
    ] = "ttl",
    out: OutDir = Path("out"),
    to: Annotated[
        Path | None, typer.Option(help="File to write (default: OUT/export.EXT).")
    ] = None,
    graph: Annotated[
        str | None, typer.Option(help="Named graph IRI for ttl/nt (default: the merged view).")
    ] = None,
) -> None:
    """Export the graph (whole dataset for trig/nq/jsonld; one graph for ttl/nt).

    Example: kg export --format nq --to graph.nq
    """
    from kg.store import FORMATS, open_store
    from kg.store import export as do_export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: use one of {', '.join(FORMATS)}", param_hint="--format")
    target = to or out / f"export{FORMATS[fmt][0]}"
    typer.echo(str(do_export(open_store(out), target, fmt, graph=graph)))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON file (see data/GOLD_FORMAT.md).")],
    out: OutDir = Path("out"),
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table or json.")] = Fmt.table,
    errors: Annotated[
        bool, typer.Option("--errors", help="List missed and spurious mentions (table).")
    ] = False,
) -> None:
    """Score a build against gold mentions, clusters and facts.

    Example: kg evaluate data/gold.json --out out/ --errors
    """
    from kg.evaluate import evaluate as run_evaluate
    from kg.evaluate import format_report

    result = run_evaluate(out, gold)
    typer.echo(
        json.dumps(result, indent=2, ensure_ascii=False)
        if fmt is Fmt.json
        else format_report(result, errors=errors)
    )


@app.command()
def view(
    out: OutDir = Path("out"),
    to: Annotated[Path | None, typer.Option(help="HTML file (default OUT/graph.html).")] = None,
    label_lang: Annotated[str, typer.Option(help="Language of node labels.")] = "en",
    max_nodes: Annotated[int, typer.Option(help="Most nodes drawn.")] = 2000,
) -> None:
    """Write the interactive HTML graph of a build.

    Example: kg view --label-lang pl --to graph-pl.html
    """
    from kg.html.render import render_html
    from kg.store import open_dataset

    ds = open_dataset(out)
    try:
        target = to or out / "graph.html"
        stats = render_html(ds, target, label_lang=label_lang, max_nodes=max_nodes)
    finally:
        ds.close()
    typer.echo(f"{target} ({stats})")


@app.command()
def stats(
    out: OutDir = Path("out"),
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table or json.")] = Fmt.table,
    top: Annotated[int, typer.Option(help="How many central entities to list.")] = 10,
) -> None:
    """Graph statistics: components, most central entities, communities.

    Example: kg stats --top 5 --format json
    """
    from kg.stats import graph_stats
    from kg.store import open_dataset

    ds = open_dataset(out)
    try:
        result = graph_stats(ds, top=top)
    finally:
        ds.close()
    if fmt is Fmt.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for key, value in result.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            typer.echo(f"{key}:")
            cols = tuple(value[0].keys())
            typer.echo(render(cols, [tuple(v.get(c) for c in cols) for v in value]))
        else:
            typer.echo(f"{key}: {json.dumps(value, ensure_ascii=False)}")


@app.command()
def validate(
    out: OutDir = Path("out"),
    shapes: Annotated[
        Path | None, typer.Option(help="SHACL shapes file (default: kg's own).")
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table or json.")] = Fmt.table,
) -> None:
    """Check a build against the SHACL shapes of the graph contract (exit 1 if it fails).

    Example: kg validate --out out/demo
    """
    from kg.validate import validate as run_validate

    result = run_validate(out, shapes=shapes)
    if fmt is Fmt.json:
        typer.echo(
            json.dumps(
                {
                    "conforms": result.conforms,
                    "triples": result.triples,
                    "violations": result.violations,
                },
                indent=2,
            )
        )
    else:
        typer.echo(
            f"{'conforms' if result.conforms else 'DOES NOT CONFORM'}: "
            f"{result.triples} triples, {len(result.violations)} violations"
        )
        if result.violations:
            cols = ("focus", "path", "message")
            typer.echo(render(cols, [tuple(v[c] for c in cols) for v in result.violations]))
    if not result.conforms:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def push(
    endpoint: Annotated[
        str, typer.Option(help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
    ],
    out: OutDir = Path("out"),
    user: Annotated[str | None, typer.Option(help="User name for the store.")] = None,
    password: Annotated[
        str | None, typer.Option(envvar="KG_PUSH_PASSWORD", help="Password (or $KG_PUSH_PASSWORD).")
    ] = None,
    auth: Annotated[str, typer.Option(help="basic or digest (Virtuoso).")] = "basic",
    graphs: Annotated[str, typer.Option(help="all, merged or documents.")] = "all",
    replace: Annotated[
        bool, typer.Option("--replace/--append", help="PUT (replace each graph) or POST (append).")
    ] = True,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 30.0,
) -> None:
    """Send the build's named graphs to a triple store (SPARQL 1.1 Graph Store Protocol).

    Example: kg push --endpoint http://127.0.0.1:7878/store --out out/demo
    """
    from kg.push import push as run_push

    report = run_push(
        out,
        endpoint,
        user=user,
        password=password,
        auth=auth,
        graphs=graphs,
        replace=replace,
        timeout=timeout,
    )
    typer.echo(
        f"pushed {report.graphs} graphs, {report.triples} triples, {report.bytes} bytes "
        f"in {report.seconds} s"
    )


@app.command()
def serve(
    out: OutDir = Path("out"),
    host: Annotated[str, typer.Option(help="Address to listen on (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
) -> None:
    """Serve a read-only SPARQL endpoint over a build (Ctrl-C stops it).

    Example: kg serve --out out/demo --port 7878, then
    curl 'http://127.0.0.1:7878/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from kg.serve import make_server

    server = make_server(out, host, port)
    typer.echo(f"SPARQL endpoint: http://{host}:{server.server_address[1]}/sparql (read-only)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _mount_models() -> None:
    try:
        from kg.cli.models_cmd import app as models_app
    except ImportError:  # pragma: no cover - module ships with kg
        return
    app.add_typer(models_app, name="models", help="Download, list and remove Stanza models.")


_mount_models()


def run() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(130)
