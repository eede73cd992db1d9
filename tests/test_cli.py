"""The CLI through typer's runner and as a real subprocess: output, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_help_lists_commands_and_examples():
    result = _run("--help")
    assert result.exit_code == 0
    for command in (
        "build",
        "query",
        "entities",
        "explain",
        "facts",
        "export",
        "evaluate",
        "view",
        "stats",
    ):
        assert command in result.output
    build_help = _run("build", "--help")
    assert "Examples" in build_help.output and "--reference-date" in build_help.output


def test_query_formats(sample_build: Path):
    out = str(sample_build)
    table = _run("query", "entities", "--out", out)
    assert table.exit_code == 0 and "rows)" in table.output
    as_json = json.loads(_run("query", "entities", "--out", out, "-f", "json").output)
    assert as_json and {"entity", "class", "label", "mentions"} <= set(as_json[0])
    as_csv = list(csv.reader(io.StringIO(_run("query", "facts", "--out", out, "-f", "csv").output)))
    assert as_csv[0][:3] == ["subject", "predicate", "object"] and len(as_csv) > 2


def test_query_binding_is_not_pasted_into_the_query(sample_build: Path):
    hostile = '"} ; DROP ALL ; SELECT * {'
    result = _run("query", "entity-facts", "--out", str(sample_build), "--bind", f"name={hostile}")
    assert result.exit_code == 0 and "(0 rows)" in result.output


def test_bad_sparql_is_a_clear_error(sample_build: Path):
    result = _run("query", "SELECT ?x WHERE { ?x ?y }", "--out", str(sample_build))
    assert result.exit_code == 2
    assert "invalid SPARQL" in result.output and "1:" in result.output
    assert "Traceback" not in result.output


def test_entities_explain_facts(sample_build: Path):
    out = str(sample_build)
    ents = json.loads(_run("entities", "--out", out, "-f", "json").output)
    top = ents[0]
    assert int(top["total"]) >= 2
    explained = _run("explain", top["label"], "--out", out)
    assert explained.exit_code == 0 and "linked because" in explained.output
    facts = json.loads(_run("facts", "--out", out, "-f", "json").output)
    assert facts and all({"subject", "predicate", "object", "sources"} <= set(f) for f in facts)
    visits = json.loads(_run("facts", "--out", out, "-f", "json", "--predicate", "visit").output)
    assert all(f["predicate"] == "visit" for f in visits)


def test_export_formats_round_trip(sample_build: Path, tmp_path: Path):
    import rdflib

    for fmt, parse_as in (
        ("ttl", "turtle"),
        ("nt", "nt"),
        ("trig", "trig"),
        ("nq", "nquads"),
        ("jsonld", "json-ld"),
    ):
        target = tmp_path / f"x.{fmt}"
        result = _run("export", "--out", str(sample_build), "--format", fmt, "--to", str(target))
        assert result.exit_code == 0, result.output
        graph = rdflib.Dataset() if fmt in ("trig", "nq", "jsonld") else rdflib.Graph()
        graph.parse(target, format=parse_as)
        assert len(graph) > 0 or sum(1 for _ in graph.quads()) > 0


def test_missing_build_and_missing_input_errors(tmp_path: Path):
    result = _run("query", "entities", "--out", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "kg build" in result.output
    result = _run("build", str(tmp_path / "missing-folder"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "missing-folder" in result.output
    result = _run("build", str(tmp_path), "--backend", "nonesuch", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "offline" in result.output


def test_subprocess_build_partial_exit_code_and_quiet(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Statsministeren i Sverige besökte Oslo på måndagen och träffade Norges statsminister.\n",
        "utf-8",
    )
    (corpus / "broken.txt").write_bytes(b"\x00\x01" * 64)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(corpus),
            "--out",
            str(tmp_path / "out"),
            "-q",
            "--no-html",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert "broken.txt" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            "documents",
            "--out",
            str(tmp_path / "out"),
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)[0]["lang"] == "sv"


def test_kg_help_does_not_import_heavy_modules():
    code = (
        "import sys, kg.cli.main; "
        "heavy = ('torch', 'stanza', 'pyvis', 'lingua', 'networkx'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]"
