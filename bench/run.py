"""kg benchmarks: offline NER throughput against Stanza, and how a build grows from 1k to 10k
synthetic articles (throughput per stage, peak memory, linking quality, incremental rebuild
after one changed article, with and without a new fact, and of an unchanged re-run, SPARQL
latency, HTML time).

    python bench/run.py                       # sizes 1000,2000,5000,10000 (about 15 min)
    python bench/run.py --sizes 1000 --workers 2 --out /tmp/kg-bench

Prints a table and writes bench/results/latest.json. Not a test: numbers depend on the machine.
The corpus comes from bench/synth.py (seeded, so every run measures the same articles).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate, linking_scores  # noqa: E402

SAMPLE = ROOT / "data" / "corpus"
#: Measured in DESIGN.md section 6 on this kind of machine: a real-size Stanza NER model
#: (charlm 1024 both ways, 100k x 300 pretrain), CPU, one thread.
STANZA_TOKENS_PER_SECOND = 370


def ner_throughput(corpus: Path) -> dict:
    """Offline backend tokens/s on one core over the first 200 synthetic articles."""
    from kg.io.read import read_documents
    from kg.nlp.offline.backend import OfflineBackend

    files = sorted(corpus.glob("*.txt"))[:200]
    docs = [d for d in read_documents(files) if hasattr(d, "text")]
    backend = OfflineBackend()
    for d in docs:  # open dictionaries and the knowledge base once
        backend.annotate(d, d.lang)
    rates = []
    for _ in range(3):
        tokens, started = 0, time.perf_counter()
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


def _pss_bytes(pid: int) -> int | None:
    """Proportional set size: resident memory with pages shared between processes (a forked
    child's copy-on-write pages) split among them, so a process tree's sum is not inflated."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _tree_rss_mb(root: int) -> float:
    """Memory of a process and all its descendants, from /proc (PSS where the kernel gives it,
    else resident set size)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in rss:
            pss = _pss_bytes(pid)
            total += rss[pid] if pss is None else pss
        todo.extend(children.get(pid, []))
    return total / 2**20


def timed_build(corpus: Path, out: Path, workers: int) -> dict:
    """Run `kg build` in a subprocess; wall time, peak memory of its process tree, report."""
    command = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(corpus),
        "--manifest",
        str(corpus / "manifest.csv"),
        "--out",
        str(out),
        "-q",
        "--workers",
        str(workers),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(stderr)
    report = json.loads((out / "report.json").read_text())
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak[0]),
        "timings": report["timings"],
        "counts": report["counts"],
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
            """SELECT ?a ?b WHERE { GRAPH kgg:merged { ?x kg:visit ?c .
            ?y kg:visit ?c . ?x skos:prefLabel ?a . ?y skos:prefLabel ?b } } LIMIT 1000""",
        )
        joins.append(time.perf_counter() - t)
    return {
        "lookup_ms": round(statistics.median(lookups) * 1000, 1),
        "two_hop_ms": round(statistics.median(joins) * 1000, 1),
    }


def one_size(n: int, base: Path, workers: int) -> dict:
    corpus, out = base / f"corpus-{n}", base / f"build-{n}"
    shutil.rmtree(out, ignore_errors=True)
    made = generate(n, corpus)
    first = timed_build(corpus, out, workers)
    english = sorted(corpus.glob("*-en.txt"))
    changed = english[len(english) // 2]
    changed.write_text(
        changed.read_text("utf-8") + "\nOne more sentence about Oslo and Berlin.\n", "utf-8"
    )
    again = timed_build(corpus, out, workers)  # a changed article, no new fact
    changed.write_text(
        changed.read_text("utf-8") + "\nAngela Merkel visited Gdansk on 3 March.\n", "utf-8"
    )
    fact = timed_build(corpus, out, workers)  # a new fact: the graph's shape changes
    noop = timed_build(corpus, out, workers)  # nothing changed
    timings = first["timings"]
    return {
        "docs": n,
        "tokens": made["tokens"],
        "seconds": first["seconds"],
        "docs_per_s": round(n / first["seconds"], 1),
        "tokens_per_s": round(made["tokens"] / first["seconds"]),
        "annotate_tokens_per_s": round(made["tokens"] / max(timings["annotate_extract"], 1e-3)),
        "peak_mb": first["peak_mb"],
        "stages_s": {k: v for k, v in timings.items() if k != "total"},
        "quads": first["counts"]["quads"],
        "entities": first["counts"]["entities"],
        "linking": linking_scores(corpus / "truth.json", out / "linking.json"),
        "incremental_s": again["seconds"],
        "incremental_stages_s": {k: v for k, v in again["timings"].items() if k != "total"},
        "incremental_new_fact_s": fact["seconds"],
        "incremental_new_fact_stages_s": {k: v for k, v in fact["timings"].items() if k != "total"},
        "facts_added": fact["counts"]["facts"] - again["counts"]["facts"],
        "unchanged_rerun_s": noop["seconds"],
        "html_s": timings.get("html"),
        "sparql": query_latency(out),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    results: dict = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        "workers": args.workers,
    }
    runs = []
    for n in sizes:
        run = one_size(n, args.out, args.workers)
        runs.append(run)
        print(json.dumps(run), flush=True)
    results["ner"] = ner_throughput(args.out / f"corpus-{sizes[0]}")
    results["sizes"] = runs
    if len(runs) > 1:
        small, big = runs[0], runs[-1]
        results["growth"] = {
            "docs_ratio": round(big["docs"] / small["docs"], 1),
            "time_ratio": round(big["seconds"] / small["seconds"], 1),
            "memory_ratio": round(big["peak_mb"] / max(small["peak_mb"], 1), 1),
        }
    print()
    print(f"machine: {results['machine']}; --workers {args.workers}")
    ner = results["ner"]
    print(
        f"offline NER: {ner['offline_tokens_per_s']:,} tokens/s on one core = "
        f"{ner['ratio']}x a real-size Stanza NER model ({STANZA_TOKENS_PER_SECOND} tokens/s)"
    )
    header = (
        f"{'docs':>6} {'tokens':>9} {'build s':>8} {'docs/s':>7} {'tok/s':>7} {'peak MB':>8} "
        f"{'rebuild s':>9} {'+fact s':>7} {'same s':>6} {'html s':>7} {'lookup ms':>9} "
        f"{'2-hop ms':>8} {'B3 P/R':>11}"
    )
    print(header)
    for r in runs:
        link = r["linking"]
        print(
            f"{r['docs']:>6} {r['tokens']:>9,} {r['seconds']:>8} {r['docs_per_s']:>7} "
            f"{r['tokens_per_s']:>7,} {r['peak_mb']:>8} {r['incremental_s']:>9} "
            f"{r['incremental_new_fact_s']:>7} {r['unchanged_rerun_s']:>6} "
            f"{r['html_s'] or 0:>7} {r['sparql']['lookup_ms']:>9} {r['sparql']['two_hop_ms']:>8} "
            f"{link.get('bcubed_precision', 0):>5}/{link.get('bcubed_recall', 0):<5}"
        )
    print("rebuild s: one article changed; +fact s: it also states a new fact (the graph's")
    print("shape changes: layout and statistics are redone); same s: nothing changed")
    if "growth" in results:
        g = results["growth"]
        print(
            f"growth {sizes[0]} -> {sizes[-1]}: {g['docs_ratio']}x documents, "
            f"{g['time_ratio']}x time, {g['memory_ratio']}x peak memory"
        )
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
