"""Scale machinery: the synthetic corpus, SQLite lemma dictionaries, cached language ids."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def synth():
    sys.path.insert(0, str(ROOT / "bench"))
    import synth as module

    return module


def test_synthetic_corpus_builds_and_links(synth, tmp_path: Path):
    """60 generated articles: every language detected, most planted names found and linked
    to the right entity (persons appear as full names, surnames and Polish case forms)."""
    from kg.pipeline import BuildOptions, build

    made = synth.generate(60, tmp_path / "corpus", seed=3)
    assert made["documents"] == 60 and made["tokens"] > 60 * 300
    again = tmp_path / "again"
    synth.generate(60, again, seed=3)
    for f in sorted((tmp_path / "corpus").glob("*.txt")):  # seeded: the same corpus twice
        assert f.read_bytes() == (again / f.name).read_bytes()
    report = build(
        [tmp_path / "corpus"],
        BuildOptions(out=tmp_path / "out", manifest=tmp_path / "corpus" / "manifest.csv"),
    )
    assert report.languages == {"de": 12, "en": 12, "nb": 12, "pl": 12, "sv": 12}
    scores = synth.linking_scores(
        tmp_path / "corpus" / "truth.json", tmp_path / "out" / "linking.json"
    )
    assert scores["found_ratio"] > 0.75
    assert scores["bcubed_precision"] > 0.9 and scores["bcubed_recall"] > 0.85


def test_polish_inflection_of_the_generator(synth):
    assert synth.pl_case("Nowak", "ins", person=True) == "Nowakiem"
    assert synth.pl_case("Kowalski", "gen", person=True) == "Kowalskiego"
    assert synth.pl_case("Kowalska", "ins", person=True, female=True) == "Kowalską"
    assert synth.pl_case("Warszawa", "acc") == "Warszawę"
    assert synth.pl_case("Berlin", "acc") == "Berlin"


def test_sqlite_lemmas_equal_simplemma(tmp_path: Path, monkeypatch):
    import simplemma

    from kg.nlp.offline import lemmas

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    lemmatizer = lemmas.Lemmas()
    words = ["Kazachstanu", "Häuser", "besøkte", "träffade", "visited", "Tromsø", "Astanie"]
    for lang in ("pl", "de", "nb", "sv", "en"):
        for w in words:
            assert lemmatizer.lemmatize(w, lang) == simplemma.lemmatize(w, lang)
            assert lemmatizer.is_known(w, lang) == simplemma.is_known(w, lang)
        assert (tmp_path / "lemmas" / f"simplemma-{simplemma.__version__}-{lang}.sqlite").exists()
    # names are stored capitalised: only lower-case entries make common words
    assert lemmatizer.is_lower_word("wizyta", "pl") and not lemmatizer.is_lower_word("Tromsø", "nb")


def test_language_ids_are_cached_by_content(tmp_path: Path):
    from kg.pipeline import BuildOptions, build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Statsministeren besøkte Bergen tirsdag og møtte ordføreren.\n", "utf-8"
    )
    (corpus / "b.txt").write_text("Der Kanzler besuchte am Montag die Stadt Dresden.\n", "utf-8")
    out = tmp_path / "out"
    build([corpus], BuildOptions(out=out, html=False))
    cached = json.loads((out / "cache" / "languages.json").read_text("utf-8"))
    assert sorted(cached.values()) == ["de", "nb"]
    # a cached id is used as is: poison it and the next build reports the cached language
    key = next(k for k, v in cached.items() if v == "de")
    cached[key] = "sv"
    (out / "cache" / "languages.json").write_text(json.dumps(cached), "utf-8")
    report = build([corpus], BuildOptions(out=out, html=False))
    assert report.languages == {"de": 1, "nb": 1}  # unchanged files are not even read again
    (out / "cache" / "files.json").unlink()
    report = build([corpus], BuildOptions(out=out, html=False))
    assert report.languages == {"nb": 1, "sv": 1}  # read again: the cached language is used


def test_a_cached_knowledge_base_behaves_like_a_fresh_one(tmp_path: Path):
    """The KB is pickled per kg version; a process that loads it must know what a process
    that built it knows (demonym stems resolve through the country table)."""
    import os
    import subprocess

    probe = (
        "from kg.kb import get_kb; kb = get_kb(); "
        "print(kb.country_of_adjective('szwedzki', 'pl').id, "
        "kb.country_of_adjective('norweskiego', 'pl').id, len(kb))"
    )
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert list(tmp_path.glob("kb-*.pickle"))  # the first run built and cached it
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.startswith("Q34 Q20 ")
