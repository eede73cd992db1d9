"""Merge per-document assertions into facts: one triple, many sources, one confidence.

Confidence: 1 - prod(1 - c_d) over the best assertion of each supporting document, so a
fact grows more certain with every independent source. Times agree when one refines the
other (2024-11-28, --11-28, 2024-11, 2024); otherwise the fact is marked as a conflict and
keeps no agreed time. A place or organisation said to be headed by two people is a conflict
too (unless the sources give different times).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from kg.model import Assertion, Fact, TimeValue

PRECISION = {"date": 3, "gMonthDay": 2, "gYearMonth": 2, "gYear": 1}
#: Dates of one event may differ by this many days (a two-day visit) without a conflict.
EVENT_TOLERANCE_DAYS = 2
FUNCTIONAL_BY_OBJECT = {"headOf", "capitalOf"}
SYMMETRIC = {"meet"}  # one holder per office / one capital


def _parts(t: TimeValue) -> tuple[str | None, str | None, str | None]:
    v = t.value
    if t.datatype == "date":
        return v[:4], v[5:7], v[8:10]
    if t.datatype == "gYearMonth":
        return v[:4], v[5:7], None
    if t.datatype == "gYear":
        return v[:4], None, None
    return None, v[2:4], v[5:7]  # --MM-DD


def compatible(a: TimeValue, b: TimeValue) -> bool:
    """True when one time refines the other (no field where both are known differs)."""
    return all(x is None or y is None or x == y for x, y in zip(_parts(a), _parts(b), strict=True))


def _close(a: TimeValue, b: TimeValue) -> bool:
    if a.datatype != "date" or b.datatype != "date":
        return False
    import datetime as dt

    days = abs((dt.date.fromisoformat(a.value) - dt.date.fromisoformat(b.value)).days)
    return days <= EVENT_TOLERANCE_DAYS


def agreed_time(times: Sequence[TimeValue]) -> tuple[TimeValue | None, bool]:
    """The time the sources agree on, and whether they conflict.

    Times agree when one refines the other, or when two dates lie within
    EVENT_TOLERANCE_DAYS (the days of one event); then the most precise value given by the
    most sources wins. Anything else is a conflict and no time is agreed.
    """
    if not times:
        return None, False
    for i, a in enumerate(times):
        for b in times[i + 1 :]:
            if not compatible(a, b) and not _close(a, b):
                return None, True
    votes: dict[tuple[str, str], int] = {}
    for t in times:
        votes[(t.datatype, t.value)] = votes.get((t.datatype, t.value), 0) + 1
    best = max(times, key=lambda t: (PRECISION[t.datatype], votes[(t.datatype, t.value)], t.value))
    return best, False


def merge_facts(
    assertions: Sequence[Assertion], entity_of: Mapping[str, str], languages: Mapping[str, str]
) -> list[Fact]:
    groups: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in assertions:
        s, o = entity_of.get(a.subject), entity_of.get(a.object)
        if s is None or o is None or s == o:
            continue
        if a.predicate in SYMMETRIC and o < s:  # one fact for "A met B" and "B met A"
            s, o = o, s
        groups[(s, a.predicate, o)].append(a)
    facts: dict[tuple[str, str, str], Fact] = {}
    for key, group in groups.items():
        group.sort(key=lambda a: (a.doc_id, a.sentence_start, a.subject, a.object))
        best_per_doc: dict[str, float] = {}
        for a in group:
            best_per_doc[a.doc_id] = max(best_per_doc.get(a.doc_id, 0.0), a.confidence)
        doubt = 1.0
        for c in best_per_doc.values():
            doubt *= 1.0 - c
        time, conflict = agreed_time([a.time for a in group if a.time is not None])
        facts[key] = Fact(
            key[0], key[1], key[2], tuple(group), round(1.0 - doubt, 3), time, conflict
        )
    # functional predicates: two different subjects for one object (same or unknown time)
    by_object: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in facts:
        if key[1] in FUNCTIONAL_BY_OBJECT:
            by_object[(key[1], key[2])].append(key)
    for keys in by_object.values():
        if len(keys) < 2:
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                ta, tb = facts[a].time, facts[b].time
                if ta is None or tb is None or compatible(ta, tb):
                    for k in (a, b):
                        f = facts[k]
                        facts[k] = Fact(
                            f.subject,
                            f.predicate,
                            f.object,
                            f.assertions,
                            f.confidence,
                            f.time,
                            True,
                        )
    return [facts[k] for k in sorted(facts)]
