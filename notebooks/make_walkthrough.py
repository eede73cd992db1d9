"""Writes notebooks/walkthrough.ipynb (outputs stripped). Run after editing the cells below."""

from pathlib import Path

import nbformat

CELLS = [
    (
        "md",
        """# kg walkthrough

Build the sample corpus from Python, look at entities and facts as tables, ask SPARQL,
analyse the graph with networkx, show the interactive graph, and load the Turtle into a
store of your own (pyoxigraph). Run it from the repository (`make demo` installs kg).""",
    ),
    (
        "code",
        """import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd

from kg.pipeline import BuildOptions, build

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
corpus = ROOT / "data" / "corpus"
out = Path(tempfile.mkdtemp()) / "walkthrough"
report = build([corpus], BuildOptions(out=out, manifest=corpus / "manifest.csv",
                                      reference_date=dt.date(2025, 6, 30)))
report.documents_read, report.languages, report.counts["entities"], report.counts["facts"]""",
    ),
    ("md", "## Entities, with mentions per language"),
    (
        "code",
        """from kg.inspect import list_entities, list_facts

entities = list_entities(out)
pd.DataFrame(entities.rows, columns=entities.columns).head(10)""",
    ),
    ("md", "## Facts, merged across languages, with time and confidence"),
    (
        "code",
        """facts = list_facts(out)
df = pd.DataFrame(facts.rows, columns=facts.columns)
df.sort_values("sources", ascending=False).head(10)""",
    ),
    ("md", "## SPARQL: who met whom, and facts confirmed in three languages"),
    (
        "code",
        """from kg.query import run_query

met = run_query(out, "who-met-whom")
pd.DataFrame(met.rows, columns=met.columns)""",
    ),
    (
        "code",
        """confirmed = run_query(out, "confirmed-facts", {"min": "3"})
pd.DataFrame(confirmed.rows, columns=confirmed.columns)""",
    ),
    ("md", "## The graph in networkx: centrality and communities"),
    (
        "code",
        """import networkx as nx

from kg.stats import graph_stats, to_networkx
from kg.store import open_dataset

ds = open_dataset(out)
g = to_networkx(ds)
stats = graph_stats(ds, top=5)
ds.close()
central = sorted(nx.degree_centrality(nx.Graph(g)).items(), key=lambda x: -x[1])[:5]
[(g.nodes[n]["label"], round(c, 3)) for n, c in central], stats["communities"][:3]""",
    ),
    ("md", "## The interactive graph, inline"),
    (
        "code",
        """import html

from IPython.display import HTML

page = (out / "graph.html").read_text("utf-8")
HTML(f'<iframe srcdoc="{html.escape(page)}" width="100%" height="500"></iframe>')""",
    ),
    ("md", "## Load the Turtle into your own store"),
    (
        "code",
        """import pyoxigraph as ox

store = ox.Store()
store.load(path=str(out / "merged.ttl"), format=ox.RdfFormat.TURTLE)
rows = store.query('''
  PREFIX kg: <https://w3id.org/kg/ontology#>
  PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
  SELECT ?a ?b WHERE { ?x kg:visit ?y . ?x skos:prefLabel ?a . ?y skos:prefLabel ?b }''')
sorted((r["a"].value, r["b"].value) for r in rows)""",
    ),
]


def main() -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        for kind, src in CELLS
    ]
    path = Path(__file__).with_name("walkthrough.ipynb")
    nbformat.write(nb, path)


if __name__ == "__main__":
    main()
