"""`kg models`: download, list and remove Stanza models (thin wrappers over kg.models)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.output import render

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

DirOpt = Annotated[
    Path | None,
    typer.Option(
        "--dir", help="Models folder (default: $KG_MODELS_DIR or ~/.local/share/kg/stanza)."
    ),
]


@app.command("download")
def download(
    langs: Annotated[list[str], typer.Argument(help="Languages, e.g. en de pl nb sv.")],
    folder: DirOpt = None,
    resources_url: Annotated[
        str | None, typer.Option(help="Where stanza's resources.json is served (a mirror).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds before a download is given up.")] = 600.0,
) -> None:
    """Download Stanza models (needs the network).

    Example: kg models download en de pl nb sv --dir ~/models
    """
    from kg.models import download_models

    for path in download_models(langs, folder, resources_url=resources_url, timeout=timeout):
        typer.echo(str(path))


@app.command("list")
def list_cmd(
    folder: DirOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
) -> None:
    """List installed Stanza models.

    Example: kg models list --format json
    """
    from kg.models import list_models

    rows = [(m.lang, ",".join(m.processors), m.size_bytes) for m in list_models(folder)]
    if fmt == "json":
        typer.echo(
            json.dumps(
                [{"lang": r[0], "processors": r[1].split(","), "bytes": r[2]} for r in rows],
                indent=2,
            )
        )
    else:
        typer.echo(render(("lang", "processors", "bytes"), rows, fmt))


@app.command("remove")
def remove(
    langs: Annotated[list[str], typer.Argument(help="Languages whose models to delete.")],
    folder: DirOpt = None,
) -> None:
    """Remove installed Stanza models.

    Example: kg models remove sv
    """
    from kg.models import remove_models

    for path in remove_models(langs, folder):
        typer.echo(f"removed {path}")
