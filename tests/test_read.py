"""Readers, boilerplate stripping, manifests and language detection on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import DocumentError, InputError, ManifestError
from kg.io.boilerplate import strip_boilerplate
from kg.io.langid import detect_language
from kg.io.manifest import read_manifest
from kg.io.read import read_documents


def _docs(items):
    return [d for d in items if not isinstance(d, DocumentError)]


def test_boilerplate_removes_repeats_separators_and_link_lines():
    raw = (
        "Minister besøker Bergen\n\nMinister besøker Bergen\n-\n"
        "Statsministeren besøkte Bergen på mandag.\nLes også: Noe helt annet\n"
        "Next week the talks continue.\nPREV Unrelated story\nNEXT » Another one\n"
    )
    assert strip_boilerplate(raw) == (
        "Minister besøker Bergen\nStatsministeren besøkte Bergen på mandag.\n"
        "Next week the talks continue."
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Statsministeren besøkte Bergen i går sammen med utenriksministeren.", "nb"),
        ("Regeringen meddelade i går att ministern reser till Finland nästa vecka.", "sv"),
        ("Premier odwiedził w środę Gdańsk i spotkał się z prezydentem miasta.", "pl"),
        ("Die Bundesregierung hat am Montag ein neues Abkommen beschlossen.", "de"),
        ("The foreign minister said on Tuesday that talks would resume.", "en"),
    ],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


def test_reads_all_formats_with_metadata(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Premier odwiedził w środę Gdańsk.\n", "utf-8")
    (tmp_path / "b.md").write_text(
        "---\ntitle: Talks resume\ndate: 2025-02-03\n---\n# Talks resume\n\n"
        "The **foreign minister** said on [Tuesday](http://x) that talks would resume.\n",
        "utf-8",
    )
    (tmp_path / "c.html").write_text(
        "<html lang='de'><head><title>Abkommen</title>"
        "<meta property='article:published_time' content='2025-03-04T10:00:00Z'>"
        "<style>p{}</style><script>var x = '<p>evil</p>';</script></head><body>"
        "<nav>Startseite | Politik</nav><h1>Neues Abkommen</h1>"
        "<p>Die Regierung hat am Montag ein Abkommen beschlossen.</p>"
        "<footer>Impressum</footer></body></html>",
        "utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        json.dumps(
            {
                "text": "Regeringen meddelade i går att ministern reser.",
                "title": "T",
                "date": "2025-01-02",
                "url": "https://example.org/x",
            }
        )
        + "\n"
        + "not json\n",
        "utf-8",
    )
    items = list(read_documents([tmp_path]))
    docs = {Path(d.source).name: d for d in _docs(items)}
    assert set(docs) == {"a.txt", "b.md", "c.html", "d.jsonl#1"}
    assert docs["b.md"].title == "Talks resume" and docs["b.md"].date == "2025-02-03"
    assert "foreign minister said on Tuesday" in docs["b.md"].text
    html = docs["c.html"]
    assert html.lang == "de" and html.date == "2025-03-04" and html.title == "Neues Abkommen"
    assert "evil" not in html.text and "Impressum" not in html.text and "p{}" not in html.text
    assert docs["d.jsonl#1"].url == "https://example.org/x" and docs["d.jsonl#1"].lang == "sv"
    errors = [e for e in items if isinstance(e, DocumentError)]
    assert len(errors) == 1 and "line 2" in errors[0].message and errors[0].path.endswith("d.jsonl")


def test_bad_files_are_reported_not_fatal(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "latin2.txt").write_bytes(
        "Premier odwiedził Łódź i spotkał się z ministrem.".encode("cp1250")
    )
    (tmp_path / "utf16.txt").write_bytes(
        "Die Regierung hat am Montag beschlossen.".encode("utf-16")
    )
    items = list(read_documents([tmp_path]))
    by_name = {Path(i.path if isinstance(i, DocumentError) else i.source).name: i for i in items}
    assert isinstance(by_name["empty.txt"], DocumentError)
    assert isinstance(by_name["binary.txt"], DocumentError)
    assert "Łódź" in by_name["latin2.txt"].text
    assert by_name["utf16.txt"].text.startswith("Die Regierung")


def test_manifest_gives_metadata_and_reports_bad_lines(tmp_path: Path):
    (tmp_path / "x.txt").write_text(
        "The minister said on Tuesday that talks would resume.", "utf-8"
    )
    (tmp_path / "m.csv").write_text("path,language,date,url,title\nx.txt,en,2025-05-06,,Hello\n")
    docs = _docs(read_documents([], manifest=tmp_path / "m.csv"))
    assert [(d.lang, d.date, d.title) for d in docs] == [("en", "2025-05-06", "Hello")]
    (tmp_path / "bad.csv").write_text("path,date\nx.txt,06/05/2025\n")
    with pytest.raises(ManifestError) as err:
        read_manifest(tmp_path / "bad.csv")
    assert "line 2" in str(err.value) and "bad.csv" in str(err.value)


def test_missing_input_is_a_clear_error(tmp_path: Path):
    with pytest.raises(InputError) as err:
        list(read_documents([tmp_path / "nope"]))
    assert "nope" in str(err.value)
