"""User knowledge-base files: loaded, used by NER and linking, errors name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.kb.userkb import load_kb_file
from kg.pipeline import BuildOptions, build
from kg.query import run_query


def test_user_kb_links_a_person_to_its_id(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("KG_EXTRA_KB", raising=False)
    kb = tmp_path / "people.csv"
    kb.write_text(
        "id,class,lang,name\nQ99999901,PERSON,en,Ewa Zielińska\n"
        "Q99999901,PERSON,pl,Ewa Zielińska\n",
        "utf-8",
    )
    assert load_kb_file(kb)[0].same_as == ("http://www.wikidata.org/entity/Q99999901",)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Zielińska visited Oslo on Monday with Ewa Zielińska's team.\n", "utf-8"
    )
    build(
        [corpus],
        BuildOptions(
            out=tmp_path / "out", backend="offline", html=False, kb_files=(kb,), reference_date=None
        ),
    )
    rows = run_query(
        tmp_path / "out",
        """SELECT ?e WHERE { ?m itsrdf:taIdentRef ?e ;
        nif:anchorOf "Ewa Zielińska" }""",
    ).rows
    assert rows and rows[0][0].endswith("/Q99999901")


def test_bad_kb_file_names_the_file(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x", "class": "ALIEN", "name": "y"}]')
    with pytest.raises(InputError) as err:
        load_kb_file(bad)
    assert "bad.json" in str(err.value) and "class" in str(err.value)
