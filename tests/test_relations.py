"""Relation rules on hand-built annotated documents (no NLP backend involved)."""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.merge import merge_facts
from kg.extract.relations import extract_assertions
from kg.mentions import find_mentions
from kg.model import AnnotatedDoc, Document, EntitySpan, Sentence, Token


def annotated(text: str, lang: str, spans: dict[str, str], doc_id: str = "d") -> AnnotatedDoc:
    """Sentences split at '. ', tokens at words, entities from a {surface: class} map."""
    doc = Document(id=doc_id, text=text, source=doc_id, content_hash="0", lang=lang)
    sentences, start = [], 0
    for part in re.split(r"(?<=[^\d]\.) (?=[A-Z])", text):
        tokens = tuple(
            Token(m.group(), start + m.start(), start + m.end())
            for m in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", part)
        )
        sentences.append(Sentence(start, start + len(part), tokens))
        start += len(part) + 1
    entities = []
    for surface, label in spans.items():
        for m in re.finditer(re.escape(surface), text):
            entities.append(EntitySpan(m.start(), m.end(), label, surface, surface))
    return AnnotatedDoc(doc, lang, "test", tuple(sentences), tuple(entities))


def facts(adoc, ref=None, place_types=None):
    mentions = find_mentions(adoc)
    text = adoc.doc.text
    types = {
        m.key: place_types[m.surface] for m in mentions if place_types and m.surface in place_types
    }
    out = set()
    for a in extract_assertions(adoc, mentions, ref, types):
        s = next(m.surface for m in mentions if m.key == a.subject)
        o = next(m.surface for m in mentions if m.key == a.object)
        out.add((s, a.predicate, o, a.time.value if a.time else None))
    assert all(text[a.sentence_start : a.sentence_end] for a in extract_assertions(adoc, mentions))
    return out


def test_verbal_visit_with_date_in_five_languages():
    ref = dt.date(2025, 3, 14)
    cases = [
        ("en", "Jan Nowak visited Oslo on 12 March.", "Jan Nowak", "Oslo"),
        ("pl", "Jan Nowak odwiedził 12 marca Oslo.", "Jan Nowak", "Oslo"),
        ("de", "Jan Nowak besuchte am 12. März Oslo.", "Jan Nowak", "Oslo"),
        ("nb", "Jan Nowak besøkte Oslo 12. mars.", "Jan Nowak", "Oslo"),
        ("sv", "Jan Nowak besökte Oslo den 12 mars.", "Jan Nowak", "Oslo"),
    ]
    for lang, text, person, place in cases:
        found = facts(annotated(text, lang, {person: "PERSON", place: "PLACE"}), ref)
        assert (person, "visit", place, "2025-03-12") in found, (lang, found)


def test_nominal_visit_and_genitive_title():
    adoc = annotated(
        "Wizyta Jana Nowaka w Norwegii trwała dwa dni.",
        "pl",
        {"Jana Nowaka": "PERSON", "Norwegii": "PLACE"},
    )
    assert ("Jana Nowaka", "visit", "Norwegii", None) in facts(adoc)
    adoc = annotated(
        "Polens statsminister Jan Nowak kom til Oslo.",
        "nb",
        {"Polens": "PLACE", "Jan Nowak": "PERSON", "Oslo": "PLACE"},
    )
    found = facts(adoc, place_types={"Polens": "Country", "Oslo": "City"})
    assert ("Jan Nowak", "headOf", "Polens", None) in found


def test_capital_apposition_and_membership():
    adoc = annotated(
        "Vilnius, the capital of Lithuania, hosted the summit. Lithuania is a member of NATO.",
        "en",
        {"Vilnius": "PLACE", "Lithuania": "PLACE", "NATO": "ORG"},
    )
    found = facts(adoc, place_types={"Vilnius": "City", "Lithuania": "Country"})
    assert ("Vilnius", "capitalOf", "Lithuania", None) in found
    assert ("Lithuania", "memberOf", "NATO", None) in found


def test_no_fact_from_coordination_or_negation():
    adoc = annotated(
        "Jan Nowak and Oslo were mentioned.", "en", {"Jan Nowak": "PERSON", "Oslo": "PLACE"}
    )
    assert facts(adoc) == set()
    adoc = annotated(
        "Jan Nowak did not visit Oslo.", "en", {"Jan Nowak": "PERSON", "Oslo": "PLACE"}
    )
    assert facts(adoc) == set()


def test_merge_three_languages_into_one_fact():
    ref = dt.date(2025, 3, 14)
    docs = [
        ("a", "en", "Jan Nowak visited Oslo on 12 March."),
        ("b", "pl", "Jan Nowak odwiedził 12 marca Oslo."),
        ("c", "nb", "Jan Nowak besøkte Oslo onsdag."),
    ]
    assertions, entity_of, langs = [], {}, {}
    for doc_id, lang, text in docs:
        adoc = annotated(text, lang, {"Jan Nowak": "PERSON", "Oslo": "PLACE"}, doc_id)
        mentions = find_mentions(adoc)
        for m in mentions:
            entity_of[m.key] = m.surface
        assertions += extract_assertions(adoc, mentions, ref)
        langs[doc_id] = lang
    (fact,) = merge_facts(assertions, entity_of, langs)
    assert fact.predicate == "visit" and len({a.doc_id for a in fact.assertions}) == 3
    assert fact.confidence > max(a.confidence for a in fact.assertions)
    assert fact.time.value == "2025-03-12" and not fact.conflict


def test_conflicting_dates_are_marked():
    docs = [
        ("a", "Jan Nowak visited Oslo on 12 March 2025."),
        ("b", "Jan Nowak visited Oslo on 20 April 2025."),
    ]
    assertions, entity_of = [], {}
    for doc_id, text in docs:
        adoc = annotated(text, "en", {"Jan Nowak": "PERSON", "Oslo": "PLACE"}, doc_id)
        mentions = find_mentions(adoc)
        entity_of.update({m.key: m.surface for m in mentions})
        assertions += extract_assertions(adoc, mentions, None)
    (fact,) = merge_facts(assertions, entity_of, {"a": "en", "b": "en"})
    assert fact.conflict and fact.time is None


def parsed(words: list[tuple[str, int, str]], spans: dict[str, str], lang: str = "en"):
    """A sentence with hand-written UD heads and relations, as a parser would give."""
    text = " ".join(w for w, _, _ in words)
    tokens, pos = [], 0
    for w, head, rel in words:
        tokens.append(Token(w, pos, pos + len(w), lemma=w.lower(), head=head, deprel=rel))
        pos += len(w) + 1
    doc = Document(id="p", text=text, source="p", content_hash="0", lang=lang)
    entities = [
        EntitySpan(m.start(), m.end(), label, s, s)
        for s, label in spans.items()
        for m in re.finditer(re.escape(s), text)
    ]
    return AnnotatedDoc(
        doc, lang, "stanza", (Sentence(0, len(text), tuple(tokens)),), tuple(entities)
    )


def test_dependency_rules_find_the_real_subject():
    # "Kowalski , who met Berg , visited Astana ." -- the nearest name before the verb is
    # Berg, but the parse says Kowalski is the subject of "visited".
    words = [
        ("Kowalski", 7, "nsubj"),
        (",", 4, "punct"),
        ("who", 4, "nsubj"),
        ("met", 1, "acl:relcl"),
        ("Berg", 4, "obj"),
        (",", 4, "punct"),
        ("visited", 0, "root"),
        ("Astana", 7, "obj"),
        (".", 7, "punct"),
    ]
    adoc = parsed(words, {"Kowalski": "PERSON", "Berg": "PERSON", "Astana": "PLACE"})
    assert adoc.has_dependencies
    found = facts(adoc)
    assert ("Kowalski", "visit", "Astana", None) in found
    assert ("Berg", "visit", "Astana", None) not in found
    mentions = find_mentions(adoc)
    rules = {a.rule for a in extract_assertions(adoc, mentions)}
    assert "dep.en.visit" in rules


def test_dependency_rules_polish_oblique_object():
    words = [
        ("Nowak", 2, "nsubj"),
        ("przybył", 0, "root"),
        ("do", 4, "case"),
        ("Oslo", 2, "obl"),
        (".", 2, "punct"),
    ]
    adoc = parsed(words, {"Nowak": "PERSON", "Oslo": "PLACE"}, "pl")
    assert ("Nowak", "visit", "Oslo", None) in facts(adoc)


def test_capital_without_a_country_in_the_phrase_uses_the_knowledge_base():
    adoc = annotated(
        "Statsministeren reiste til Sverige. I hovedstaden Stockholm møtte hun kongen.",
        "nb",
        {"Sverige": "PLACE", "Stockholm": "PLACE"},
    )
    found = facts(adoc, place_types={"Sverige": "Country", "Stockholm": "City"})
    assert ("Stockholm", "capitalOf", "Sverige", None) in found


def test_capital_of_the_country_without_its_name():
    adoc = annotated(
        "Prezydent przyjechał do Szwecji. Spotkanie odbyło się w Sztokholmie, stolicy kraju.",
        "pl",
        {"Szwecji": "PLACE", "Sztokholmie": "PLACE"},
    )
    found = facts(adoc, place_types={"Szwecji": "Country", "Sztokholmie": "City"})
    assert ("Sztokholmie", "capitalOf", "Szwecji", None) in found


def test_coordinated_subjects_share_the_fact_and_a_speaker_is_no_member():
    from kg.extract.relations import extract_assertions
    from kg.mentions import find_mentions
    from kg.model import Document
    from kg.nlp.offline.backend import OfflineBackend

    text = "Marta Kowalczyk sagte, Dänemark und Finnland seien als Mitglieder der NATO Partner."
    doc = Document(id="d", text=text, source="d", content_hash="0", lang="de")
    adoc = OfflineBackend().annotate(doc, "de")
    mentions = find_mentions(adoc)
    found = {
        (
            text[int(a.subject.split("#")[1].split("-")[0]) : int(a.subject.split("-")[-1])],
            a.predicate,
        )
        for a in extract_assertions(adoc, mentions, None, {})
    }
    assert ("Dänemark", "memberOf") in found and ("Finnland", "memberOf") in found
    assert ("Marta Kowalczyk", "memberOf") not in found
