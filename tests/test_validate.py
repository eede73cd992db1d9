"""SHACL validation of builds: the sample build conforms; broken graphs are caught."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app
from kg.validate import validate
from tests.conftest import ROOT


def test_packaged_shapes_are_the_published_ones():
    assert filecmp.cmp(
        ROOT / "ontologies" / "shapes.ttl", ROOT / "kg" / "data" / "shapes.ttl", shallow=False
    )


def test_sample_build_conforms(sample_build: Path):
    result = validate(sample_build)
    assert result.conforms, result.violations[:5]
    assert CliRunner().invoke(app, ["validate", "--out", str(sample_build)]).exit_code == 0


def test_broken_graphs_are_reported(sample_build: Path, tmp_path: Path):
    lines = (sample_build / "graph.nq").read_text("utf-8").splitlines()
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    broken = []
    done = {"anchor": False, "confidence": False, "label": False, "prov": False}
    for line in lines:
        if not done["anchor"] and f"<{nif}anchorOf>" in line and "#char=" in line:
            line = line.replace('> "', '> "X', 1)
            done["anchor"] = True
        elif not done["confidence"] and "ontology#confidence>" in line:
            line = (
                line.split(' "')[0]
                + ' "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
                + line.split(">", 3)[-1].split("decimal>")[-1]
            )
            done["confidence"] = True
        elif not done["prov"] and "prov#wasDerivedFrom>" in line:
            done["prov"] = True
            continue
        broken.append(line)
    label = next(x for x in lines if "rdf-schema#label>" in x and '"@en' in x)
    broken.append(label.replace('"@en', ' bis"@en'))
    out = tmp_path / "b"
    out.mkdir()
    (out / "graph.nq").write_text("\n".join(broken) + "\n", "utf-8")
    result = validate(out)
    assert not result.conforms
    messages = " ".join(v["message"] + v["path"] for v in result.violations)
    assert "anchorOf" in messages
    assert "confidence" in messages
    assert "wasDerivedFrom" in messages
    assert "label" in messages
    shutil.rmtree(out)
