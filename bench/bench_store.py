"""Store benchmark: rdflib's memory store vs the Oxigraph store kg uses, on graphs of the
contract's shape (entities, mentions, facts).

    python bench/bench_store.py [--sizes 100000,1000000]

Prints Turtle parse/serialize, a lookup, a 2-hop join and a GROUP BY count (median of 3; one
run for rdflib at 1M, which is slow) and the ratios.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

KG = "https://w3id.org/kg/ontology#"
E = "https://w3id.org/kg/id/entity/"
LOOKUP = f"SELECT ?l WHERE {{ <{E}e42> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
TWO_HOP = (
    f"SELECT ?a ?c WHERE {{ <{E}e42> <{KG}meet> ?b . ?b <{KG}meet> ?c . "
    f"?c <http://www.w3.org/2000/01/rdf-schema#label> ?a }}"
)
GROUP = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


def make_turtle(triples: int, path: Path) -> None:
    rng = random.Random(1)
    n = max(10, triples // 10)
    with path.open("w", encoding="utf-8") as f:
        f.write(
            f"@prefix kg: <{KG}> .\n@prefix e: <{E}> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        )
        written = 0
        i = 0
        while written < triples:
            e = i % n
            f.write(
                f'e:e{e} rdfs:label "Entity {e}"@en ; kg:mentionCount {rng.randrange(50)} ;\n'
                f"  kg:meet e:e{rng.randrange(n)} , e:e{rng.randrange(n)} ;\n"
                f"  kg:visit e:e{rng.randrange(n)} .\n"
            )
            written += 5
            i += 1


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(size: int, folder: Path) -> dict:
    ttl = folder / f"g{size}.ttl"
    make_turtle(size, ttl)
    runs_rdflib = 1 if size >= 1_000_000 else 3
    g = rdflib.Graph()
    out = {"parse_rdflib": timed(lambda: (g.remove((None, None, None)), g.parse(ttl)), runs_rdflib)}
    store = ox.Store()
    out["parse_oxigraph"] = timed(
        lambda: (store.clear(), store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)), 3
    )
    out["serialize_rdflib"] = timed(lambda: g.serialize(format="turtle"), runs_rdflib)
    out["serialize_oxigraph"] = timed(
        lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()), 3
    )
    for name, query in (("lookup", LOOKUP), ("two_hop", TWO_HOP), ("group_by", GROUP)):
        out[f"{name}_rdflib"] = timed(lambda q=query: list(g.query(q)), runs_rdflib)
        out[f"{name}_oxigraph"] = timed(lambda q=query: list(store.query(q)), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            r = bench(size, Path(tmp))
            print(f"{size:>9,} triples   rdflib memory   oxigraph   ratio")
            for op in ("parse", "serialize", "lookup", "two_hop", "group_by"):
                a, b = r[f"{op}_rdflib"], r[f"{op}_oxigraph"]
                print(f"  {op:<15} {a * 1000:>10.1f} ms {b * 1000:>8.1f} ms {a / b:>7.1f}x")


if __name__ == "__main__":
    main()
