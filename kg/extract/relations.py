"""Relation heuristics: per-language trigger lexicons (kg/lang/<lang>/relations.json) applied
to the mentions of a sentence, plus title, capital and location patterns.

A trigger's subject is the nearest mention of an allowed class before it, its object the
nearest allowed one after it (nominal forms such as "wizyta Putina w Kazachstanie" take both
after it). Dependency rules run first when the backend parsed the sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.extract.time import find_times
from kg.lang import rule_langs
from kg.model import AnnotatedDoc, Assertion, Mention, Sentence, TimeValue

PERSON, ORG, PLACE, MISC = "PERSON", "ORG", "PLACE", "MISC"
AGENT = {PERSON, ORG}
ANY = {PERSON, ORG, PLACE, MISC}


@dataclass(frozen=True)
class PredicateRule:
    subject: frozenset[str]
    object: frozenset[str]
    confidence: float
    timed: bool = True
    window: int = 8  # tokens between the trigger and its object
    subject_window: int = 12  # tokens between the subject and the trigger
    nominal: bool = False  # "wizyta Putina w Kazachstanie": subject after a noun trigger


#: The predicate vocabulary: allowed classes and the reliability of the surface rule.
PREDICATES: dict[str, PredicateRule] = {
    "visit": PredicateRule(frozenset(AGENT), frozenset({PLACE}), 0.7, nominal=True),
    "meet": PredicateRule(frozenset({PERSON}), frozenset({PERSON}), 0.65),
    "attend": PredicateRule(frozenset(AGENT), frozenset({ORG, MISC}), 0.6, nominal=True),
    "threaten": PredicateRule(frozenset(AGENT | {PLACE}), frozenset(ANY), 0.6, window=4),
    "criticize": PredicateRule(frozenset(AGENT | {PLACE}), frozenset(ANY), 0.6, window=4),
    "support": PredicateRule(frozenset(AGENT | {PLACE}), frozenset(ANY), 0.55, window=4),
    "sign": PredicateRule(frozenset(AGENT | {PLACE}), frozenset({MISC, ORG}), 0.6),
    "advisorOf": PredicateRule(frozenset({PERSON}), frozenset({PERSON}), 0.65, False, 4),
    "memberOf": PredicateRule(frozenset({PLACE, PERSON}), frozenset({ORG}), 0.65, False, 5),
}
VERB_ORDER = (
    "visit",
    "attend",
    "meet",
    "sign",
    "threaten",
    "criticize",
    "support",
    "advisorOf",
    "memberOf",
)


@cache
def lexicon(lang: str) -> dict:
    for code in rule_langs(lang):
        try:
            path = resources.files("kg.lang").joinpath(code, "relations.json")
            return json.loads(path.read_text("utf-8"))
        except (FileNotFoundError, OSError):
            continue
    return {}


def _matches(trigger: str, words: list[str], i: int) -> int:
    """Length in tokens of ``trigger`` matched at token i (0 when it does not match)."""
    parts = trigger.split("_")
    if i + len(parts) > len(words):
        return 0
    for k, part in enumerate(parts):
        word = words[i + k]
        if part.startswith("*"):
            if part[1:] not in word:
                return 0
        elif not word.startswith(part):
            return 0
    return len(parts)


_AND = {"and", "und", "og", "och", "oraz", ",", "sowie", "et"}
_AND_PL = _AND | {"i"}  # Polish "i" is "and"; in nb/sv it is "in"


class _Sentence:
    """A sentence's tokens and the mentions in it, by token position."""

    def __init__(self, sentence: Sentence, mentions: list[Mention]) -> None:
        self.sentence = sentence
        self.words = [t.text.casefold() for t in sentence.tokens]
        self.lemmas = [(t.lemma or t.text).casefold() for t in sentence.tokens]
        self.mentions = mentions
        starts = [t.start for t in sentence.tokens]
        self.first_tok = {}
        self.last_tok = {}
        for m in mentions:
            first = next((k for k, s in enumerate(starts) if s >= m.start), len(starts) - 1)
            last = max((k for k, t in enumerate(sentence.tokens) if t.start < m.end), default=first)
            self.first_tok[m.key] = first
            self.last_tok[m.key] = last

    def before(self, t: int, classes, window: int, exclude=()) -> Mention | None:
        """The nearest mention of an allowed class ending before token t."""
        found = [
            m
            for m in self.mentions
            if m.label in classes
            and m.key not in exclude
            and 0 < t - self.last_tok[m.key] <= window
        ]
        return max(found, key=lambda m: self.last_tok[m.key], default=None)

    def coordinated(self, m: Mention, lang: str) -> list[Mention]:
        """Mentions of m's class joined to it by "and"/"und"/"og"/"och"/"i" (or commas)
        before it: "Norwegen und Polen seien Mitglieder" has two subjects."""
        out = []
        first = self.first_tok[m.key]
        joiners = _AND_PL if lang == "pl" else _AND
        while first >= 2 and self.words[first - 1] in joiners:
            prev = [
                x for x in self.mentions if x.label == m.label and self.last_tok[x.key] == first - 2
            ]
            if not prev:
                break
            out.append(prev[0])
            first = self.first_tok[prev[0].key]
        return out

    def after(self, t: int, classes, window: int, exclude=()) -> Mention | None:
        """The nearest mention of an allowed class starting after token t."""
        found = [
            m
            for m in self.mentions
            if m.label in classes
            and m.key not in exclude
            and 0 < self.first_tok[m.key] - t <= window
        ]
        return min(found, key=lambda m: self.first_tok[m.key], default=None)


def _nearest_time(times: list[TimeValue], sentence: Sentence, pos: int) -> TimeValue | None:
    inside = [t for t in times if sentence.start <= t.start < sentence.end]
    if not inside:
        return None
    return min(inside, key=lambda t: (abs(t.start - pos), {"date": 0}.get(t.datatype, 1)))


def extract_assertions(
    adoc: AnnotatedDoc,
    mentions: Sequence[Mention],
    reference: dt.date | None = None,
    place_types: Mapping[str, str] | None = None,
    published: bool = True,
) -> list[Assertion]:
    """Facts found in one annotated document, sorted.

    ``published``: ``reference`` is the document's own date, so "will ... on Thursday" can be
    read forward; a build-wide reference date only resolves backwards.
    """
    lang = adoc.lang
    lex = lexicon(lang)
    place_types = place_types or {}
    times = find_times(adoc.doc.text, lang, reference, published=published)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    doc_country = _country_mentions(mentions, place_types, lang)
    out: dict[tuple, Assertion] = {}

    def add(
        subj: Mention,
        pred: str,
        obj: Mention,
        rule: str,
        conf: float,
        s: Sentence,
        pos: int,
        timed: bool,
    ) -> None:
        if subj.key == obj.key or subj.base == obj.base:
            return
        time = _nearest_time(times, s, pos) if timed else None
        key = (subj.key, pred, obj.key)
        a = Assertion(adoc.doc.id, subj.key, pred, obj.key, rule, conf, s.start, s.end, time)
        if key not in out or out[key].confidence < conf:
            out[key] = a

    previous_person: Mention | None = None  # the subject a pronoun or pro-drop refers to
    for index, sentence in enumerate(adoc.sentences):
        ms = sorted(by_sentence.get(index, []), key=lambda m: m.start)
        if index > 0:
            persons = [m for m in by_sentence.get(index - 1, []) if m.label == PERSON]
            if persons:
                previous_person = min(persons, key=lambda m: m.start)
        if len(ms) < 1:
            continue
        ss = _Sentence(sentence, ms)
        words = ss.words
        negations = lex.get("negations", [])

        def negated(k: int, words=words, negations=negations) -> bool:
            """A negation just before the trigger."""
            window = words[max(0, k - 3) : k]
            return any(w in negations for w in window) or any(
                "_" in n and _matches(n, words, q)
                for n in negations
                for q in range(max(0, k - 3), k)
            )

        tok = sentence.tokens
        # verbal and nominal triggers
        parsed = _dependency_facts(ss, lex, lang, place_types) if adoc.has_dependencies else []
        for subj, pred, obj, k in parsed:
            add(
                subj,
                pred,
                obj,
                f"dep.{lang}.{pred}",
                min(0.95, PREDICATES[pred].confidence + 0.15),
                sentence,
                tok[k].start,
                PREDICATES[pred].timed,
            )
        done = {k for *_, k in parsed}
        if len(ms) >= 1:
            for k in range(len(words)):
                if k in done:
                    continue
                for pred in VERB_ORDER:
                    rule = PREDICATES[pred]
                    if not any(
                        _matches(tr, words, k) or _matches(tr, ss.lemmas, k)
                        for tr in lex.get(pred, [])
                    ) or negated(k):
                        continue
                    subj = (
                        ss.before(k, {PERSON}, rule.subject_window)
                        if PERSON in rule.subject and pred in EVENTS
                        else None
                    )
                    subj = subj or ss.before(k, rule.subject, rule.subject_window)
                    obj = ss.after(k, rule.object, rule.window, exclude={subj.key} if subj else ())
                    form = "verb"
                    conf = rule.confidence
                    nominal_subject = ss.after(k, rule.subject, 3) if rule.nominal else None
                    if subj is None and nominal_subject is not None:
                        # nominal: "wizyta Putina w Kazachstanie", "visit by X to Y"
                        subj = nominal_subject
                        obj = ss.after(
                            ss.last_tok[subj.key], rule.object, rule.window, exclude={subj.key}
                        )
                        form = "nominal"
                    if (
                        subj is None
                        and obj is not None
                        and previous_person is not None
                        and (PERSON in rule.subject)
                    ):
                        subj, form, conf = previous_person, "carried", rule.confidence * 0.8
                    if subj is None or obj is None:
                        continue
                    if not _visitable(pred, obj, place_types):
                        continue
                    for one in [subj, *ss.coordinated(subj, lang)] if form == "verb" else [subj]:
                        add(
                            one,
                            pred,
                            obj,
                            f"{lang}.{form}.{pred}",
                            conf,
                            sentence,
                            tok[k].start,
                            rule.timed,
                        )
                    break
        _titles(ss, lex, lang, place_types, doc_country, add)
        _capitals(ss, lex, lang, place_types, doc_country, add)
        _located(ss, lex, lang, place_types, add)
    return sorted(
        _inherit_times(list(out.values()), mentions, adoc.sentences, times),
        key=lambda a: (a.sentence_start, a.subject, a.predicate, a.object),
    )


EVENTS = {"visit", "meet", "attend", "sign"}


def _inherit_times(assertions: list[Assertion], mentions, sentences, times) -> list[Assertion]:
    """An undated event takes the time of an earlier dated event of the same subject within
    three sentences ("Brenner attended the summit on Tuesday. ... Brenner met Aasland there."),
    else the last full date of the two sentences before it."""
    surname = {m.key: m.base.split()[-1].casefold() for m in mentions if m.base.split()}
    index = {s.start: i for i, s in enumerate(sentences)}
    dated = [a for a in assertions if a.time is not None and a.predicate in EVENTS]
    out = []
    for a in assertions:
        if a.time is None and a.predicate in EVENTS:
            here = index.get(a.sentence_start, 0)
            earlier = [
                d
                for d in dated
                if surname.get(d.subject) == surname.get(a.subject)
                and 0 < here - index.get(d.sentence_start, 0) <= 3
            ]
            context = [
                t
                for t in times
                if t.datatype == "date"
                and t.start < a.sentence_start
                and here - _sentence_index(sentences, t.start) <= 2
            ]
            if earlier:
                source = max(earlier, key=lambda d: d.sentence_start)
                a = dataclasses.replace(a, time=source.time, rule=a.rule + "+time")
            elif context:  # the date of the preceding sentences ("on Tuesday ... he met ...")
                a = dataclasses.replace(
                    a, time=max(context, key=lambda t: t.start), rule=a.rule + "+context-time"
                )
        out.append(a)
    return out


def _sentence_index(sentences, offset: int) -> int:
    return max((i for i, s in enumerate(sentences) if s.start <= offset), default=0)


def _visitable(pred: str, obj: Mention, place_types: Mapping[str, str]) -> bool:
    """A visit goes to a country, region or city (not, say, a continent or a sea)."""
    return pred != "visit" or place_types.get(obj.key) in (None, "City", "Country", "Region")


SUBJECT_RELS = ("nsubj",)
OBJECT_RELS = ("obj", "obl", "iobj", "nmod", "obl:arg", "xcomp")


def _dependency_facts(ss: _Sentence, lex, lang, place_types) -> list[tuple]:
    """Verb triggers with their nsubj and obj/obl arguments from a dependency parse (UD)."""
    toks = ss.sentence.tokens
    mention_at: dict[int, Mention] = {}
    for m in ss.mentions:
        for k in range(ss.first_tok[m.key], ss.last_tok[m.key] + 1):
            mention_at[k] = m
    children: dict[int, list[tuple[int, str]]] = {}
    for k, t in enumerate(toks):
        if t.head:
            children.setdefault(t.head - 1, []).append((k, (t.deprel or "").split(":")[0]))

    def argument(k: int, rels: tuple[str, ...], classes) -> Mention | None:
        for child, rel in sorted(children.get(k, [])):
            m = mention_at.get(child)
            if rel in rels and m is not None and m.label in classes:
                return m
        return None

    out = []
    for k in range(len(toks)):
        for pred in VERB_ORDER:
            rule = PREDICATES[pred]
            if not any(
                _matches(tr, ss.words, k) or _matches(tr, ss.lemmas, k) for tr in lex.get(pred, [])
            ):
                continue
            subj = argument(k, SUBJECT_RELS, rule.subject)
            obj = argument(k, OBJECT_RELS, rule.object)
            if subj is not None and obj is not None and subj.key != obj.key:
                if not _visitable(pred, obj, place_types):
                    continue
                out.append((subj, pred, obj, k))
                break
    return out


def _is_country(m: Mention, place_types: Mapping[str, str]) -> bool:
    return m.label == PLACE and place_types.get(m.key) == "Country"


def _country_mentions(mentions, place_types, lang) -> dict[str, Mention]:
    """KB id -> first mention of each country in the document (for adjective resolution)."""
    from kg.kb import get_kb

    kb = get_kb()
    out: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if _is_country(m, place_types):
            entry = kb.lookup(m.base, lang, label=PLACE) or kb.lookup(m.surface, lang, label=PLACE)
            if entry is not None:
                out.setdefault(entry.id, m)
    return out


def _adjective_country(word_text: str, lang: str, doc_country: dict[str, Mention]):
    from kg.kb import get_kb

    entry = get_kb().country_of_adjective(word_text, lang)
    return doc_country.get(entry.id) if entry is not None else None


def _home_country(city: Mention, lang: str, doc_country: dict[str, Mention]) -> Mention | None:
    """The document's mention of the country the knowledge base puts ``city`` in."""
    from kg.kb import get_kb

    entry = get_kb().lookup(city.base, lang, label=PLACE) or get_kb().lookup(city.surface, lang)
    return doc_country.get(entry.country) if entry is not None and entry.country else None


def _titles(ss: _Sentence, lex, lang, place_types, doc_country, add) -> None:
    """headOf: 'Kazakh President X', 'Kasakhstans president X', 'Prezydent Kazachstanu, X',
    'X, the president of Y'."""
    words, tok = ss.words, ss.sentence.tokens
    holders = frozenset({PLACE, ORG})
    for k in range(len(words)):
        n = max((_matches(tr, words, k) for tr in lex.get("head_titles", [])), default=0)
        if not n:
            continue
        end = k + n - 1
        person = ss.after(end, {PERSON}, 3)
        if person is not None:
            place = ss.before(k, holders, 2)
            rule = "title.genitive-before"
            if place is None:  # title, then holder, then person
                place = ss.after(end, holders, 3)
                if place is not None and ss.first_tok[place.key] > ss.first_tok[person.key]:
                    place = None
                rule = "title.holder-after"
            if place is None and k > 0:
                place = _adjective_country(tok[k - 1].text, lang, doc_country)
                rule = "title.adjective"
            if place is not None and (place.label == ORG or _is_country(place, place_types)):
                add(person, "headOf", place, f"{lang}.{rule}.headOf", 0.8, ss.sentence, 0, False)
                continue
        person = ss.before(k, {PERSON}, 3)
        if person is not None:  # "X, the president of Y"
            place = ss.after(end, holders, 3)
            if place is not None and (place.label == ORG or _is_country(place, place_types)):
                add(
                    person,
                    "headOf",
                    place,
                    f"{lang}.title.apposition.headOf",
                    0.7,
                    ss.sentence,
                    0,
                    False,
                )


def _capitals(ss: _Sentence, lex, lang, place_types, doc_country, add) -> None:
    """capitalOf: 'Astana, the capital of Kazakhstan', 'Kasakhstans hovedstad Astana',
    'die kasachische Hauptstadt Astana'."""
    words, tok = ss.words, ss.sentence.tokens
    for k in range(len(words)):
        if not any(_matches(w, words, k) for w in lex.get("capital_words", [])):
            continue
        city_after = ss.after(k, {PLACE}, 2)
        city_before = ss.before(k, {PLACE}, 3)
        country_before = ss.before(k, {PLACE}, 2)
        country_after = ss.after(k, {PLACE}, 3)
        pairs = []
        if city_before is not None and country_after is not None:
            pairs.append((city_before, country_after, "apposition"))
        if country_before is not None and city_after is not None:
            pairs.append((city_after, country_before, "genitive"))
        if city_after is not None and k > 0:
            adj = _adjective_country(tok[k - 1].text, lang, doc_country)
            if adj is not None:
                pairs.append((city_after, adj, "adjective"))
        for city in (city_after, city_before):  # "hovedstaden Astana", "w Astanie, stolicy kraju"
            home = (
                _home_country(city, lang, doc_country) if city is not None and not pairs else None
            )
            if home is not None:
                pairs.append((city, home, "implicit"))
        for city, country, form in pairs:
            if place_types.get(city.key) in (None, "City") and _is_country(country, place_types):
                add(
                    city,
                    "capitalOf",
                    country,
                    f"{lang}.capital.{form}.capitalOf",
                    0.75,
                    ss.sentence,
                    0,
                    False,
                )
                break


def _located(ss: _Sentence, lex, lang, place_types, add) -> None:
    """locatedIn: '<City> in <Country>', '<City> (<Country>)'."""
    ms = ss.mentions
    for a, b in zip(ms, ms[1:], strict=False):
        if place_types.get(a.key) != "City" or place_types.get(b.key) != "Country":
            continue
        gap = ss.words[ss.last_tok[a.key] + 1 : ss.first_tok[b.key]]
        if gap in ([w] for w in lex.get("locative", [])) or gap in (["("], [","]):
            add(a, "locatedIn", b, f"{lang}.located.locatedIn", 0.6, ss.sentence, 0, False)
