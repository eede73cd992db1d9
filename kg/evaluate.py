"""Score a build against gold annotations (data/GOLD_FORMAT.md): mentions per language,
B-cubed clustering across documents, facts and their dates.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from kg.errors import EvaluationError
from kg.query import run_query

SCORED = ("PERSON", "ORG", "PLACE")
CLASS_OF = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Place": "PLACE",
    "Country": "PLACE",
    "City": "PLACE",
    "AdministrativeArea": "PLACE",
    "Continent": "PLACE",
}
SYMMETRIC = {"meet"}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", path=str(path)) from exc
    for key in ("documents", "entities", "mentions", "facts"):
        if key not in gold:
            raise EvaluationError(f"missing {key!r}", path=str(path), fix="see data/GOLD_FORMAT.md")
    for m in gold["mentions"]:
        if m.get("entity") not in gold["entities"] or m.get("doc") not in gold["documents"]:
            raise EvaluationError(
                f"mention {m} names an unknown entity or document", path=str(path)
            )
    return gold


def _system(out: Path):
    docs = {
        src: (text, lang)
        for _d, src, text, lang in run_query(
            out,
            """
        SELECT ?d ?src ?text ?lang WHERE { ?d a nif:Context ; dcterms:source ?src ;
          nif:isString ?text ; dcterms:language ?lang }""",
        ).rows
    }
    mentions = run_query(
        out,
        """
        SELECT ?src ?b ?e ?ent ?cls WHERE { ?m a nif:Phrase ; nif:referenceContext ?d ;
          nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taIdentRef ?ent ; itsrdf:taClassRef ?cls .
          ?d dcterms:source ?src }""",
    ).rows
    facts = run_query(
        out,
        """
        SELECT ?s ?p ?o ?t WHERE { GRAPH kgg:merged { ?f a kg:Fact ; rdf:subject ?s ;
          rdf:predicate ?p ; rdf:object ?o . OPTIONAL { ?f kg:time ?t } } }""",
    ).rows
    return docs, mentions, facts


def _without_possessive(text: str, start: int, end: int) -> int:
    """The end of a span without an English possessive ("Bergen's") or a Swedish colon
    genitive ("LKAB:s"): annotation guides differ on whether it belongs to the name, so spans
    are compared without it."""
    if end - start > 2 and text[end - 2 : end] in ("'s", "’s", ":s"):
        return end - 2
    return end


def evaluate(graph_path: Path, gold_path: Path) -> dict:
    """Scores of the build in ``graph_path`` (its output folder) against the gold file."""
    gold = load_gold(gold_path)
    out = Path(graph_path)
    if out.is_file():
        out = out.parent
    docs, sys_mentions, sys_facts = _system(out)

    def doc_of(source: str) -> str | None:
        for name in gold["documents"]:
            if source.endswith("/" + name) or source == name:
                return name
        return None

    text_of = {doc_of(src): t for src, (t, _lang) in docs.items() if doc_of(src)}
    lang_of = {name: meta.get("lang", "und") for name, meta in gold["documents"].items()}
    # gold mentions -> offsets
    gold_spans: dict[tuple, tuple[str, str]] = {}
    for m in gold["mentions"]:
        text = text_of.get(m["doc"])
        if text is None:
            continue
        pos, start = -1, -1
        for _ in range(int(m["occurrence"])):
            pos = text.find(m["text"], pos + 1)
            if pos < 0:
                raise EvaluationError(
                    f"{m['text']!r} occurs fewer than {m['occurrence']} times in {m['doc']}",
                    path=str(gold_path),
                )
            start = pos
        end = _without_possessive(text, start, start + len(m["text"]))
        gold_spans[(m["doc"], start, end)] = (m["entity"], m["class"])
    sys_spans: dict[tuple, tuple[str, str]] = {}
    for src, b, e, ent, cls in sys_mentions:
        name = doc_of(src)
        label = CLASS_OF.get(cls.rsplit("/", 1)[-1].rsplit("#", 1)[-1], "MISC")
        if name is not None and label in SCORED:
            end = _without_possessive(text_of.get(name, ""), int(b), int(e))
            sys_spans[(name, int(b), end)] = (ent, label)
    # mention scores per language
    per_lang: dict[str, Counter] = defaultdict(Counter)
    for key, (_ent, cls) in gold_spans.items():
        hit = sys_spans.get(key)
        per_lang[lang_of[key[0]]]["tp" if hit and hit[1] == cls else "fn"] += 1
    for key, (_ent, cls) in sys_spans.items():
        if gold_spans.get(key, (None, None))[1] != cls:
            per_lang[lang_of[key[0]]]["fp"] += 1
    mentions = {lang: _prf(c["tp"], c["fp"], c["fn"]) for lang, c in sorted(per_lang.items())}
    total = sum(per_lang.values(), Counter())
    mentions["all"] = _prf(total["tp"], total["fp"], total["fn"])
    errors = {"missed": [], "spurious": []}
    for key, (_ent, cls) in sorted(gold_spans.items()):
        hit = sys_spans.get(key)
        if not hit or hit[1] != cls:
            errors["missed"].append(_error(key, cls, hit[1] if hit else None, text_of, lang_of))
    for key, (_ent, cls) in sorted(sys_spans.items()):
        if gold_spans.get(key, (None, None))[1] != cls:
            errors["spurious"].append(_error(key, cls, None, text_of, lang_of))
    span_tp = len(set(gold_spans) & set(sys_spans))
    mentions["all_span_only"] = _prf(span_tp, len(sys_spans) - span_tp, len(gold_spans) - span_tp)
    # B-cubed over mentions found with the right span
    common = [k for k in gold_spans if k in sys_spans]
    g_cluster, s_cluster = defaultdict(set), defaultdict(set)
    for k in common:
        g_cluster[gold_spans[k][0]].add(k)
        s_cluster[sys_spans[k][0]].add(k)
    bp = br = 0.0
    for k in common:
        g, s = g_cluster[gold_spans[k][0]], s_cluster[sys_spans[k][0]]
        inter = len(g & s)
        bp += inter / len(s)
        br += inter / len(g)
    n = len(common) or 1
    b3p, b3r = bp / n, br / n
    b3f = 2 * b3p * b3r / (b3p + b3r) if b3p + b3r else 0.0
    fragmented = sorted(g for g, ks in g_cluster.items() if len({sys_spans[k][0] for k in ks}) > 1)
    conflated = []
    for s, ks in sorted(s_cluster.items()):
        golds = sorted({gold_spans[k][0] for k in ks})
        if len(golds) > 1:
            classes = {gold["entities"][g]["class"] for g in golds}
            conflated.append(
                {"system": s, "gold": golds, "serious": bool(classes & {"PERSON", "PLACE"})}
            )
    # map system entities to gold entities by majority of their mentions
    votes: dict[str, Counter] = defaultdict(Counter)
    for k in common:
        votes[sys_spans[k][0]][gold_spans[k][0]] += 1
    to_gold = {s: c.most_common(1)[0][0] for s, c in votes.items()}

    def fact_key(s, p, o):
        return (p, *sorted((s, o))) if p in SYMMETRIC else (p, s, o)

    gold_facts = {
        fact_key(f["subject"], f["predicate"], f["object"]): f.get("time") for f in gold["facts"]
    }
    found: dict[tuple, str | None] = {}
    for s, p, o, t in sys_facts:
        gs, go = to_gold.get(s), to_gold.get(o)
        key = fact_key(gs or s, p.rsplit("#", 1)[-1], go or o)
        found[key] = t if key not in found or found[key] is None else found[key]
    tp = len(set(found) & set(gold_facts))
    facts = _prf(tp, len(found) - tp, len(gold_facts) - tp)
    dated = [k for k, t in gold_facts.items() if t and k in found]
    right = sum(1 for k in dated if found[k] == gold_facts[k])
    facts["dated_found"] = len(dated)
    facts["date_accuracy"] = round(right / len(dated), 3) if dated else None
    facts["missed"] = [list(k) for k in sorted(set(gold_facts) - set(found))]
    return {
        "documents": {"gold": len(gold["documents"]), "matched": len(text_of)},
        "mentions": mentions,
        "mention_errors": errors,
        "clusters": {
            "b_cubed": {"precision": round(b3p, 3), "recall": round(b3r, 3), "f1": round(b3f, 3)},
            "fragmented": fragmented,
            "conflated": conflated,
        },
        "facts": facts,
    }


def _error(key: tuple, cls: str, found: str | None, text_of: dict, lang_of: dict) -> dict:
    doc, start, end = key
    item = {"doc": doc, "lang": lang_of.get(doc, "und"), "text": text_of[doc][start:end]}
    item.update({"class": cls, "start": start, "end": end})
    if found:
        item["found_as"] = found
    return item


def format_report(result: dict, errors: bool = False) -> str:
    lines = ["mentions (exact span and class)", "  lang  precision  recall  f1"]
    for lang, s in result["mentions"].items():
        lines.append(f"  {lang:<5} {s['precision']:<10} {s['recall']:<7} {s['f1']}")
    b3 = result["clusters"]["b_cubed"]
    lines.append(
        f"clusters: B-cubed P {b3['precision']} R {b3['recall']} F1 {b3['f1']}; "
        f"fragmented {len(result['clusters']['fragmented'])}, "
        f"conflated {len(result['clusters']['conflated'])}"
    )
    f = result["facts"]
    lines.append(
        f"facts: P {f['precision']} R {f['recall']} F1 {f['f1']}; date accuracy "
        f"{f['date_accuracy']} over {f['dated_found']} dated facts found"
    )
    if errors:
        for kind in ("missed", "spurious"):
            items = result["mention_errors"][kind]
            lines.append(f"{kind} mentions: {len(items)}")
            for e in items:
                also = f" (found as {e['found_as']})" if e.get("found_as") else ""
                lines.append(f"  {e['lang']}  {e['doc']}  {e['text']!r}  {e['class']}{also}")
    return "\n".join(lines)
