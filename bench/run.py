"""kg benchmarks: offline NER throughput (and its ratio to a real-size Stanza model), build
throughput and memory on a replicated sample corpus, incremental rebuild, SPARQL latency.

    python bench/run.py [--docs 200] [--out /tmp/kg-bench]

Prints a table and writes bench/results/latest.json. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "corpus"
#: Measured in DESIGN.md section 6 on this kind of machine: a real-size Stanza NER model
#: (charlm 1024 both ways, 100k x 300 pretrain), CPU, one thread.
STANZA_TOKENS_PER_SECOND = 370


def ner_throughput() -> dict:
    sys.path.insert(0, str(ROOT))
    from kg.io.read import read_documents
    from kg.nlp.offline.backend import OfflineBackend

    docs = [
        d for d in read_documents([SAMPLE], manifest=SAMPLE / "manifest.csv") if hasattr(d, "text")
    ]
    backend = OfflineBackend()
    for d in docs:  # load dictionaries and the knowledge base once
        backend.annotate(d, d.lang)
    rates = []
    for _ in range(5):
        tokens, started = 0, time.perf_counter()
        for _ in range(10):
            for d in docs:
                adoc = backend.annotate(d, d.lang)
                tokens += sum(len(s.tokens) for s in adoc.sentences)
        rates.append(tokens / (time.perf_counter() - started))
    rate = statistics.median(rates)
    return {
        "offline_tokens_per_s": round(rate),
        "stanza_tokens_per_s": STANZA_TOKENS_PER_SECOND,
        "ratio": round(rate / STANZA_TOKENS_PER_SECOND, 1),
    }


def make_corpus(target: Path, n: int) -> int:
    """n articles: the sample articles repeated with a numbered dateline (new content each)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    texts = sorted(p for p in SAMPLE.glob("*.txt"))
    tokens = 0
    for i in range(n):
        src = texts[i % len(texts)]
        body = src.read_text("utf-8")
        (target / f"{i:06d}-{src.name}").write_text(f"{body}\nRef. {i}\n", "utf-8")
        tokens += len(body.split())
    return tokens


def timed_build(corpus: Path, out: Path, *extra: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(corpus),
            "--out",
            str(out),
            "-q",
            "--reference-date",
            "2025-06-30",
            *extra,
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    report = json.loads((out / "report.json").read_text())
    return {
        "seconds": round(seconds, 2),
        "peak_mb_so_far": round(peak),
        "timings": report["timings"],
    }


def query_latency(out: Path) -> dict:
    from kg.query import run_query

    lookups, joins = [], []
    for _ in range(5):
        t = time.perf_counter()
        run_query(out, "SELECT ?l WHERE { kge:Q36 rdfs:label ?l }")
        lookups.append(time.perf_counter() - t)
        t = time.perf_counter()
        run_query(
            out,
            """SELECT ?a ?b WHERE { GRAPH kgg:merged { ?x kg:headOf ?c .
            ?y kg:headOf ?d . ?x kg:meet ?y . ?c skos:prefLabel ?a . ?d skos:prefLabel ?b } }""",
        )
        joins.append(time.perf_counter() - t)
    return {
        "lookup_ms": round(statistics.median(lookups) * 1000, 1),
        "two_hop_ms": round(statistics.median(joins) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    results = {
        "machine": f"{platform.machine()}, {platform.python_version()}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores",
        "ner": ner_throughput(),
    }
    corpus = args.out / "corpus"
    tokens = make_corpus(corpus, args.docs)
    first = timed_build(corpus, args.out / "build")
    results["build"] = {
        "docs": args.docs,
        "tokens": tokens,
        **first,
        "docs_per_s": round(args.docs / first["seconds"], 1),
    }
    (corpus / f"{0:06d}-a01.txt").write_text("Nowy tekst o Oslo.\n", "utf-8")
    again = timed_build(corpus, args.out / "build")
    results["incremental_one_change_s"] = again["seconds"]
    results["sparql"] = query_latency(args.out / "build")
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {json.dumps(value)}")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
