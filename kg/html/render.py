"""The interactive HTML graph: one self-contained file drawn with pyvis (vis-network inline).

All text from articles is HTML-escaped before it reaches the page; external links that pyvis'
template adds (Bootstrap from a CDN) are removed, so the file opens offline from file://.
Large graphs get a layout computed here (kg.html.layout) and physics off.
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.html.layout import cached_layout
from kg.stats import to_networkx

COLOURS = {
    "Person": "#e4572e",
    "Organization": "#17bebb",
    "Place": "#76b041",
    "Country": "#4c9a2a",
    "City": "#9bc53d",
    "Thing": "#a0a0a0",
}
SHAPES = {
    "Person": "dot",
    "Organization": "diamond",
    "Place": "triangle",
    "Country": "triangle",
    "City": "triangleDown",
    "Thing": "square",
}
PHYSICS_LIMIT = 300  # above this many nodes, lay out in Python and switch physics off


@dataclass(frozen=True)
class HtmlStats:
    nodes: int
    edges: int
    pruned: int
    seconds: float

    def __str__(self) -> str:
        return f"{self.nodes} nodes, {self.edges} edges, {self.pruned} pruned, {self.seconds} s"


def _e(text: object) -> str:
    """Escape for HTML markup that kg writes itself (page title, legend)."""
    return html.escape(str(text), quote=True)


_HREF = re.compile("href", re.I)


def _text(text: object) -> str:
    """Article text for vis-network: drawn on the canvas or shown as plain text in tooltips.

    pyvis switches every tooltip to raw-HTML mode when any title contains "href", so that
    word is broken with a zero-width space; the data itself reaches the page through JSON.
    """
    return _HREF.sub(lambda m: m.group(0)[:3] + "\u200b" + m.group(0)[3:], str(text))


def _label(attrs: dict, lang: str) -> str:
    labels = attrs.get("labels", {})
    return labels.get(lang) or labels.get("en") or attrs.get("label") or "?"


def render_html(
    dataset,
    out_path: Path,
    *,
    label_lang: str = "en",
    max_nodes: int = 2000,
    title: str = "kg graph",
    graph: nx.MultiDiGraph | None = None,
    cache: Path | None = None,
) -> HtmlStats:
    """Write the merged view of ``dataset`` as one self-contained HTML file.

    ``cache``: a folder where the layout of a big graph is kept under a hash of its nodes
    and edges; a re-build whose drawn graph has the same shape reuses it (same bytes)."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    started = time.perf_counter()
    graph = graph if graph is not None else to_networkx(dataset)
    pruned = 0
    if graph.number_of_nodes() > max_nodes:
        keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:max_nodes]
        pruned = graph.number_of_nodes() - len(keep)
        graph = graph.subgraph(keep).copy()
    big = graph.number_of_nodes() > PHYSICS_LIMIT
    # fewer iterations for big graphs (each costs O(n²)); the page can refine with physics on
    iterations = max(15, min(50, 25_000 // max(1, graph.number_of_nodes())))
    if big:
        simple = nx.Graph()
        simple.add_nodes_from(graph.nodes)
        simple.add_edges_from((s, o) for s, o in graph.edges() if s != o)
        positions = cached_layout(simple, iterations, cache)
    else:
        positions = {}
    net = Network(
        height="92vh", width="100%", directed=True, cdn_resources="in_line", notebook=False
    )
    for node in sorted(graph.nodes):
        a = graph.nodes[node]
        cls = a.get("class", "Thing")
        others = ", ".join(f"{v} ({k})" for k, v in sorted(a.get("labels", {}).items()))
        tip = [
            f"{_label(a, label_lang)} — {cls}",
            f"labels: {others}",
            f"mentions: {a.get('mention_count', 0)}",
        ] + [f"same as: {s}" for s in a.get("same_as", [])]
        extra = (
            {
                "x": float(positions[node][0]) * 1000,
                "y": float(positions[node][1]) * 1000,
                "physics": False,
            }
            if big
            else {}
        )
        net.add_node(
            node,
            label=_text(_label(a, label_lang)),
            title=_text("\n".join(tip)),
            color=COLOURS.get(cls, "#a0a0a0"),
            kgclass=cls,
            shape=SHAPES.get(cls, "dot"),
            size=10 + min(30, 2 * int(a.get("mention_count", 1))),
            **extra,
        )
    edges = 0
    for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"])):
        lines = [
            f"{data['predicate']} {data.get('time') or ''}".strip(),
            f"confidence {data.get('confidence')}; sources: {len(data.get('sources', []))}"
            f" in {', '.join(data.get('languages', []))}",
        ]
        if data.get("conflict"):
            lines.append("CONFLICT: sources disagree")
        lines += [f"“{ev}”" for ev in data.get("evidence", [])[:5]]
        lines += [f"source: {src}" for src in data.get("sources", [])[:5]]
        label = data["predicate"] + (f" {data['time']}" if data.get("time") else "")
        # pyvis' add_edge checks both ends against a list of all nodes (quadratic at archive
        # size); both ends are drawn nodes here, so the Edge is made and appended as it would
        net.edges.append(
            Edge(
                s,
                o,
                True,
                label=_text(label),
                title=_text("\n".join(lines)),
                arrows="to",
                color="#c0392b" if data.get("conflict") else "#888888",
                kgpred=data["predicate"],
                kglangs=list(data.get("languages", [])),
                kgtime=(data.get("time") or "").lstrip("-"),
            ).options
        )
        edges += 1
    net.toggle_physics(not big)
    page = net.generate_html(notebook=False)
    page = _self_contained(page, title, graph, not big)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out_path)
    return HtmlStats(
        graph.number_of_nodes(), edges, pruned, round(time.perf_counter() - started, 3)
    )


_EXTERNAL = re.compile(
    r"<link[^>]+href=\"https?://[^\"]*\"[^>]*>|<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>",
    re.I,
)

_CONTROLS = """
<div id="kg-controls" style="font:14px sans-serif;padding:4px">
 <b>{title}</b> &nbsp; <input id="kg-search" placeholder="search a node" size="20">
 class <select id="kg-class"><option value="">all</option>{classes}</select>
 predicate <select id="kg-pred"><option value="">all</option>{preds}</select>
 language <select id="kg-lang"><option value="">all</option>{langs}</select>
 from <input id="kg-from" size="10" placeholder="YYYY-MM-DD">
 to <input id="kg-to" size="10" placeholder="YYYY-MM-DD">
 <label><input type="checkbox" id="kg-physics" {physics}> physics</label>
 <span id="kg-legend">{legend}</span>
</div>
<script>
window.addEventListener('load', function () {{
  var t0 = performance.now();
  function val(id) {{ return document.getElementById(id).value; }}
  function filter() {{
    var cls = val('kg-class'), pred = val('kg-pred'), lang = val('kg-lang');
    var from = val('kg-from'), to = val('kg-to');
    edges.update(edges.get().map(function (e) {{
      var hide = (pred && e.kgpred !== pred) ||
        (lang && (e.kglangs || []).indexOf(lang) < 0) ||
        ((from || to) && !e.kgtime) || (from && e.kgtime < from) ||
        (to && e.kgtime.slice(0, to.length) > to);
      return {{id: e.id, hidden: !!hide}};
    }}));
    var shown = {{}};
    edges.get().forEach(function (e) {{
      if (!e.hidden) {{ shown[e.from] = 1; shown[e.to] = 1; }}
    }});
    var edgeFilter = pred || lang || from || to;
    nodes.update(nodes.get().map(function (n) {{
      var hide = (cls && n.kgclass !== cls) || (edgeFilter && !shown[n.id]);
      return {{id: n.id, hidden: !!hide}};
    }}));
    document.body.setAttribute('data-kg-visible',
      nodes.get({{filter: function (n) {{ return !n.hidden; }}}}).length);
  }}
  ['kg-class', 'kg-pred', 'kg-lang', 'kg-from', 'kg-to'].forEach(function (id) {{
    document.getElementById(id).addEventListener('change', filter);
  }});
  var box = document.getElementById('kg-search');
  box.addEventListener('change', function () {{
    var q = box.value.toLowerCase();
    var hit = nodes.get().filter(function (n) {{
      return String(n.label).toLowerCase().indexOf(q) >= 0; }});
    if (hit.length) {{
      network.selectNodes([hit[0].id]);
      network.focus(hit[0].id, {{scale: 1.2}});
    }}
  }});
  network.once('afterDrawing', function () {{
    document.body.setAttribute('data-kg-drawn', nodes.length + ' ' + edges.length);
    document.body.setAttribute('data-kg-ms', Math.round(performance.now()));
  }});
  document.getElementById('kg-physics').addEventListener('change', function (e) {{
    network.setOptions({{physics: {{enabled: e.target.checked}}}});
  }});
  // filters can be preset in the URL: graph.html#pred=visit&lang=pl&from=2025-01
  var preset = new URLSearchParams(location.hash.slice(1));
  var ids = {{class: 'kg-class', pred: 'kg-pred', lang: 'kg-lang', from: 'kg-from', to: 'kg-to'}};
  var any = false;
  Object.keys(ids).forEach(function (k) {{
    if (preset.get(k)) {{ document.getElementById(ids[k]).value = preset.get(k); any = true; }}
  }});
  if (any) {{ filter(); }}
  network.redraw();
}});
</script>
"""


def _options(values) -> str:
    return "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted(set(values)))


def _self_contained(page: str, title: str, graph: nx.MultiDiGraph, physics: bool) -> str:
    page = _EXTERNAL.sub("", page)
    legend = " ".join(f'<span style="color:{c}">&#9679; {k}</span>' for k, c in COLOURS.items())
    edges = [d for _s, _o, d in graph.edges(data=True)]
    controls = _CONTROLS.format(
        title=_e(title),
        legend=legend,
        classes=_options(graph.nodes[n].get("class", "Thing") for n in graph.nodes),
        preds=_options(d["predicate"] for d in edges),
        langs=_options(lang for d in edges for lang in d.get("languages", [])),
        physics="checked" if physics else "",
    )
    page = page.replace("<body>", "<body>" + controls, 1)
    page = re.sub(r"<title>.*?</title>", f"<title>{_e(title)}</title>", page, flags=re.S)
    return page
