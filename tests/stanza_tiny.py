"""Train tiny Stanza NER models with stanza's own trainer and lay them out like a download.

The training sentences are generated from small name lists written for the tests. Models are
cached by a hash of the data and the stanza version (``$KG_TEST_CACHE`` or ~/.cache/kg-test),
so only the first run trains (about 15 s a language).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

NAMES = {
    "en": {
        "persons": [
            ["Anna", "Berg"],
            ["Jan", "Nowak"],
            ["Maria", "Lind"],
            ["Peter", "Hansen"],
            ["Olga", "Kim"],
            ["Tom", "Reed"],
        ],
        "places": ["Oslo", "Paris", "Warsaw", "Berlin", "Madrid", "Vienna", "Prague", "Rome"],
        "orgs": [["NATO"], ["United", "Nations"], ["World", "Bank"], ["European", "Union"]],
        "visit": "visited",
        "met": "met",
        "in": "in",
        "leaders": "Leaders",
        "from": "from",
        "gathered": "gathered",
        "day": "Monday",
    },
    "de": {
        "persons": [
            ["Anna", "Berg"],
            ["Jan", "Nowak"],
            ["Maria", "Lind"],
            ["Peter", "Hansen"],
            ["Olga", "Kim"],
            ["Tom", "Reed"],
        ],
        "places": ["Oslo", "Paris", "Warschau", "Berlin", "Madrid", "Wien", "Prag", "Rom"],
        "orgs": [["NATO"], ["Vereinte", "Nationen"], ["Weltbank"], ["Europäische", "Union"]],
        "visit": "besuchte",
        "met": "traf",
        "in": "in",
        "leaders": "Vertreter",
        "from": "der",
        "gathered": "trafen sich",
        "day": "Montag",
    },
}
LABELS = {"en": ("PER", "LOC", "ORG"), "de": ("PER", "LOC", "ORG")}


def sentences(lang: str, n: int = 60, seed: int = 1) -> list[list[dict]]:
    rng = random.Random(seed)
    v = NAMES[lang]
    per, loc, org = LABELS[lang]
    out = []
    for _ in range(n):
        p, pl, o = rng.choice(v["persons"]), rng.choice(v["places"]), rng.choice(v["orgs"])
        orgw = [(w, f"{'B' if k == 0 else 'I'}-{org}") for k, w in enumerate(o)]
        kind = rng.randrange(3)
        if kind == 0:
            words = [
                (p[0], f"B-{per}"),
                (p[1], f"I-{per}"),
                (v["visit"], "O"),
                (pl, f"B-{loc}"),
                (v["day"], "O"),
                (".", "O"),
            ]
        elif kind == 1:
            words = [
                (p[0], f"B-{per}"),
                (p[1], f"I-{per}"),
                (v["met"], "O"),
                *orgw,
                (v["in"], "O"),
                (pl, f"B-{loc}"),
                (".", "O"),
            ]
        else:
            words = [
                (v["leaders"], "O"),
                (v["from"], "O"),
                *orgw,
                *[(w, "O") for w in v["gathered"].split()],
                (v["in"], "O"),
                (pl, f"B-{loc}"),
                (".", "O"),
            ]
        out.append([{"text": w, "ner": t} for w, t in words])
    return out


def tiny_models(langs: tuple[str, ...] = ("en", "de")) -> Path:
    """A models folder with a tiny NER model per language, trained once and cached."""
    import stanza

    data = {lang: sentences(lang) for lang in langs}
    key = hashlib.sha256(json.dumps([data, stanza.__version__], sort_keys=True).encode())
    cache = Path(os.environ.get("KG_TEST_CACHE", Path.home() / ".cache" / "kg-test"))
    folder = cache / f"stanza-tiny-{key.hexdigest()[:16]}"
    if (folder / "resources.json").is_file():
        return folder
    work = cache / f"train-{key.hexdigest()[:16]}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    resources = {}
    for lang, sents in data.items():
        (work / f"{lang}.train.json").write_text(json.dumps(sents[:50]))
        (work / f"{lang}.dev.json").write_text(json.dumps(sents[50:]))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "stanza.models.ner_tagger",
                "--mode",
                "train",
                "--train_file",
                str(work / f"{lang}.train.json"),
                "--eval_file",
                str(work / f"{lang}.dev.json"),
                "--shorthand",
                f"{lang}_tiny",
                "--save_dir",
                str(work),
                "--save_name",
                f"{lang}_tiny.pt",
                "--word_emb_dim",
                "16",
                "--hidden_dim",
                "32",
                "--char_hidden_dim",
                "16",
                "--char_emb_dim",
                "16",
                "--max_steps",
                "200",
                "--eval_interval",
                "100",
                "--batch_size",
                "16",
                "--no_pretrain",
                "--scheme",
                "bioes",
                "--cpu",
            ],
            check=True,
            capture_output=True,
            timeout=600,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        )
        target = work / "layout" / lang / "ner"
        target.mkdir(parents=True)
        shutil.copy(work / f"{lang}_tiny.pt", target / "tiny.pt")
        resources[lang] = {
            "lang_name": lang,
            "ner": {"tiny": {"md5": "test"}},
            "packages": {"default": {"ner": "tiny"}},
        }
    (work / "layout" / "resources.json").write_text(json.dumps(resources))
    os.replace(work / "layout", folder)
    shutil.rmtree(work, ignore_errors=True)
    return folder
