"""The real Stanza pipeline on tiny models trained here with stanza's own trainer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import ModelMissingError
from kg.model import Document
from kg.nlp.stanza_backend import StanzaBackend, map_label

stanza = pytest.importorskip("stanza", reason="the stanza extra is not installed")
pytestmark = pytest.mark.stanza


@pytest.fixture(scope="session")
def tiny_dir() -> Path:
    from tests.stanza_tiny import tiny_models

    return tiny_models()


def test_missing_models_fail_with_the_fix(tmp_path: Path):
    backend = StanzaBackend(tmp_path / "empty")
    assert not backend.available("en")
    doc = Document(id="d", text="Anna Berg visited Oslo .", source="d", content_hash="0")
    with pytest.raises(ModelMissingError) as err:
        backend.annotate(doc, "en")
    assert "kg models download en" in str(err.value)


def test_tiny_model_runs_through_the_production_path(tiny_dir: Path):
    backend = StanzaBackend(tiny_dir)
    assert backend.available("en") and backend.available("de") and not backend.available("pl")
    text = "Maria Lind visited Prague Monday .\nLeaders from NATO gathered in Vienna ."
    doc = Document(id="d", text=text, source="d", content_hash="0", lang="en")
    adoc = backend.annotate(doc, "en")
    assert adoc.backend == "stanza" and len(adoc.sentences) == 2
    for e in adoc.entities:
        assert text[e.start : e.end] == e.text
    found = {(e.text, e.label) for e in adoc.entities}
    assert ("Prague", "PLACE") in found and ("NATO", "ORG") in found


def test_build_with_stanza_backend(tiny_dir: Path, tmp_path: Path, monkeypatch):
    from kg.pipeline import BuildOptions, build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Anna Berg visited Madrid Monday .\n", "utf-8")
    monkeypatch.setenv("KG_MODELS_DIR", str(tiny_dir))
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "_BACKENDS", {})
    report = build(
        [corpus], BuildOptions(out=tmp_path / "out", backend="stanza", lang="en", html=False)
    )
    assert report.backends == {"stanza": 1} and report.counts["mentions"] >= 1


def test_stanza_backend_without_models_fails_fast_in_the_cli(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Anna Berg visited Madrid on Monday.\n", "utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(corpus),
            "--backend",
            "stanza",
            "--out",
            str(tmp_path / "out"),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"KG_MODELS_DIR": str(tmp_path / "none"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2 and "kg models download en" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_label_sets_map_onto_kg_classes():
    assert map_label("S-PER") == "PERSON" and map_label("GPE") == "PLACE"
    assert map_label("persName") == "PERSON" and map_label("GPE_LOC") == "PLACE"
    assert map_label("PRS") == "PERSON" and map_label("DATE") is None
