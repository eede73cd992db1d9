"""Mention[] -> Entity[]: link to the knowledge base, then cluster the rest across documents.

Every decision is recorded as a reason on the entity, so ``kg explain`` can show it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.kb import display_names, spelt_as
from kg.model import Entity, Mention
from kg.normalize import fold, translit_key
from kg.rdf.namespaces import short_hash

SURNAME_RATIO = 89.0  # rapidfuzz ratio on transliteration keys for one surname
FIRSTNAME_RATIO = 80.0
_ACRONYM = re.compile(r"^[A-ZÀ-Ž]{2,8}$")


@dataclass(frozen=True, slots=True)
class LinkResult:
    entities: tuple[Entity, ...]
    entity_of: dict[str, str]  # Mention.key -> Entity.key


@dataclass
class _Cluster:
    label: str
    key: str  # canonical clustering key
    kb: object | None = None  # KBEntry
    mentions: list[Mention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _name_tokens(text: str, lang: str) -> list[str]:
    return [translit_key(t, lang) for t in re.split(r"[\s]+", text.strip()) if t]


class _Linker:
    def __init__(self, kb) -> None:
        self.kb = kb
        self.clusters: dict[str, _Cluster] = {}

    def cluster(self, cid: str, label: str, key: str, kb=None) -> _Cluster:
        if cid not in self.clusters:
            self.clusters[cid] = _Cluster(label, key, kb)
        return self.clusters[cid]

    # -- knowledge base -------------------------------------------------------------------
    def link_kb(self, m: Mention, resolved: Mapping[str, str] | None = None) -> bool:
        if self.kb is None:
            return False
        if resolved is not None and m.key in resolved:
            entry = self.kb.get(resolved[m.key]) if resolved[m.key] else None
        else:
            entry = kb_entry(m, self.kb)
        if entry is None:
            return False
        c = self.cluster(f"kb:{entry.id}", entry.label, entry.id, entry)
        c.mentions.append(m)
        c.reasons.append(
            f"{m.surface!r} ({m.lang}, {m.doc_id[:8]}@{m.start}) -> knowledge base {entry.id}"
            f" {entry.name!r}" + (f" (NER said {m.label})" if entry.label != m.label else "")
        )
        return True

    # -- persons --------------------------------------------------------------------------
    def link_persons(self, persons: list[Mention]) -> None:
        full = [m for m in persons if len(m.base.split()) >= 2]
        single = [m for m in persons if len(m.base.split()) < 2]
        # Group full names by surname key (fuzzy), then split by first-name agreement.
        # Only groups with the same initial can match; the first matching group of a key
        # never changes (groups are only appended), so it is remembered per key.
        surname_groups: list[tuple[str, list[Mention]]] = []
        by_initial: dict[str, list[tuple[str, list[Mention]]]] = defaultdict(list)
        group_of: dict[str, list[Mention]] = {}
        for m in sorted(full, key=lambda m: (translit_key(m.base.split()[-1], m.lang), m.key)):
            skey = translit_key(m.base.split()[-1], m.lang)
            members = group_of.get(skey)
            if members is None:
                for gkey, group in by_initial[skey[:1]]:
                    if fuzz.ratio(gkey, skey) >= SURNAME_RATIO:
                        members = group
                        break
                else:
                    members = []
                    surname_groups.append((skey, members))
                    by_initial[skey[:1]].append((skey, members))
                group_of[skey] = members
            members.append(m)
        by_surname: dict[str, list[_Cluster]] = defaultdict(list)
        for skey, members in surname_groups:
            firsts: list[tuple[str, _Cluster]] = []
            seen: dict[str, _Cluster] = {}  # a first name met before meets the same cluster
            for m in members:
                fkey = _name_tokens(m.base, m.lang)[0]
                c = seen.get(fkey)
                if c is None:
                    for known, c in firsts:  # noqa: B007 - c is the match after break
                        if _first_names_agree(known, fkey):
                            break
                    else:
                        c = self.cluster(f"person:{fkey} {skey}", "PERSON", f"{fkey} {skey}")
                        firsts.append((fkey, c))
                        by_surname[skey].append(c)
                    seen[fkey] = c
                c.mentions.append(m)
                c.reasons.append(
                    f"{m.surface!r} ({m.lang}, {m.doc_id[:8]}@{m.start}) -> person by surname"
                    f" key {skey!r} and first name {fkey!r}"
                )
        # Surname-only mentions: same-document full name first, then a unique global one.
        surname_initial: dict[str, list[str]] = defaultdict(list)
        for gkey in by_surname:
            surname_initial[gkey[:1]].append(gkey)
        candidates_of: dict[str, list[_Cluster]] = {}
        docs_of: dict[int, set[str]] = {}
        for m in sorted(single, key=lambda m: m.key):
            skey = translit_key(m.base, m.lang)
            candidates = candidates_of.get(skey)
            if candidates is None:
                candidates = candidates_of[skey] = [
                    c
                    for gkey in surname_initial[skey[:1]]
                    if fuzz.ratio(gkey, skey) >= SURNAME_RATIO
                    for c in by_surname[gkey]
                ]
            for c in candidates:
                if id(c) not in docs_of:
                    docs_of[id(c)] = {x.doc_id for x in c.mentions}
            same_doc = [c for c in candidates if m.doc_id in docs_of[id(c)]]
            chosen, why = None, ""
            if len(same_doc) == 1:
                chosen, why = same_doc[0], "surname of a full name in the same document"
            elif not same_doc and len(candidates) == 1:
                chosen, why = candidates[0], "surname of the only full name with that surname"
            if chosen is None:
                chosen = self.cluster(f"person:{skey}", "PERSON", skey)
                why = "surname alone" + (" (ambiguous)" if len(candidates) > 1 else "")
            chosen.mentions.append(m)
            if id(chosen) in docs_of:
                docs_of[id(chosen)].add(m.doc_id)
            chosen.reasons.append(f"{m.surface!r} ({m.lang}, {m.doc_id[:8]}@{m.start}) -> {why}")

    # -- organisations, places, other -----------------------------------------------------
    def link_names(self, mentions: list[Mention]) -> None:
        for m in sorted(mentions, key=lambda m: m.key):
            key = " ".join(_name_tokens(m.base, m.lang)) or fold(m.base)
            if _ACRONYM.match(m.surface):
                key = m.surface
            c = self.cluster(f"{m.label}:{key}", m.label, key)
            c.mentions.append(m)
            c.reasons.append(
                f"{m.surface!r} ({m.lang}, {m.doc_id[:8]}@{m.start}) -> normalised key {key!r}"
            )


def kb_entry(m: Mention, kb):
    """The knowledge-base entry a mention names, if any (by base form, then surface; a
    non-person mention never links to a person entry, an organisation never to a city)."""
    for text in dict.fromkeys((m.base, m.surface)):
        entry = kb.lookup(text, m.lang, label=m.label)
        if entry is None and m.label != "PERSON":
            entry = kb.lookup(text, m.lang)
            if entry is not None and (
                entry.label == "PERSON"
                # a club named like its town ("Aberdeen beat Motherwell") is not the town
                or (m.label == "ORG" and entry.place_type == "City")
                # another kind of entity only where the name is spelt so ("Gårda" != "Garda")
                or (len(text.split()) == 1 and not spelt_as(text, entry, m.lang))
            ):
                entry = None
        if entry is not None:
            return entry
    return None


def _first_names_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= FIRSTNAME_RATIO


def _most_common(values: list[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _entity(c: _Cluster) -> Entity:
    kb = c.kb
    mentions = sorted(c.mentions, key=lambda m: m.key)
    if kb is not None:
        key, name, label = kb.id, kb.name, kb.label
        labels = display_names(kb)
    else:
        label = c.label
        if label == "PERSON":
            longest = max(len(m.base.split()) for m in mentions)
            names = [m.base for m in mentions if len(m.base.split()) == longest]
        else:
            names = [m.base for m in mentions]
        name = _most_common(names)
        key = "h" + short_hash(label, c.key, length=12)
        labels = {}
    for lang in sorted({m.lang for m in mentions}):
        if lang not in labels:
            in_lang = [m for m in mentions if m.lang == lang]
            if label == "PERSON":
                longest = max(len(m.base.split()) for m in in_lang)
                in_lang = [m for m in in_lang if len(m.base.split()) == longest]
            labels[lang] = _most_common([m.base for m in in_lang])
    alt = sorted({(m.lang, m.surface) for m in mentions} | {(m.lang, m.base) for m in mentions})
    return Entity(
        key=key,
        label=label,
        name=name,
        labels=tuple(sorted(labels.items())),
        alt_labels=tuple(alt),
        same_as=tuple(sorted(kb.same_as)) if kb is not None else (),
        place_type=kb.place_type if kb is not None else None,
        mentions=tuple(m.key for m in mentions),
        reasons=tuple(c.reasons),
    )


def _merge_acronyms(linker: _Linker) -> None:
    """An acronym used in a document whose full-name ORG cluster has those initials merges."""
    clusters = linker.clusters
    for cid in sorted(clusters):
        c = clusters.get(cid)
        if c is None or c.kb is not None or c.label != "ORG" or not _ACRONYM.match(c.key):
            continue
        docs = {m.doc_id for m in c.mentions}
        for other_id in sorted(clusters):
            other = clusters[other_id]
            if (
                other is c
                or other.label != "ORG"
                or not any(m.doc_id in docs for m in other.mentions)
            ):
                continue
            words = [w for w in re.split(r"[\s-]+", other.mentions[0].base) if w[:1].isupper()]
            if len(words) >= 2 and "".join(w[0] for w in words).upper() == c.key:
                other.mentions.extend(c.mentions)
                other.reasons.extend(c.reasons)
                other.reasons.append(f"acronym {c.key!r} = initials of {other.mentions[0].base!r}")
                del clusters[cid]
                break


def link_mentions(
    mentions: Sequence[Mention], kb=None, resolved: Mapping[str, str] | None = None
) -> LinkResult:
    """Link all mentions of a build to entities. ``kb`` defaults to the packaged KB;
    ``resolved`` maps mention keys to the KB id :func:`kb_entry` gave them ("" for none),
    as the per-document stage computed and cached it."""
    if kb is None:
        from kg.kb import get_kb

        kb = get_kb()
    linker = _Linker(kb)
    persons, others = [], []
    for m in mentions:
        if linker.link_kb(m, resolved):
            continue
        (persons if m.label == "PERSON" else others).append(m)
    linker.link_persons(persons)
    linker.link_names(others)
    _merge_acronyms(linker)
    entities = sorted((_entity(c) for c in linker.clusters.values()), key=lambda e: e.key)
    # Two clusters may mint one key (a KB id reached by two routes): merge them.
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.key in merged:
            prev = merged[e.key]
            e = Entity(
                key=e.key,
                label=prev.label,
                name=prev.name,
                labels=prev.labels,
                alt_labels=tuple(sorted(set(prev.alt_labels) | set(e.alt_labels))),
                same_as=prev.same_as,
                place_type=prev.place_type,
                mentions=tuple(sorted(prev.mentions + e.mentions)),
                reasons=prev.reasons + e.reasons,
            )
        merged[e.key] = e
    entity_of = {mk: e.key for e in merged.values() for mk in e.mentions}
    return LinkResult(tuple(merged[k] for k in sorted(merged)), entity_of)
