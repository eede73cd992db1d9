"""Cross-lingual linking: KB first, then person clustering; no conflation."""

from __future__ import annotations

from kg.kb import get_kb
from kg.link import link_mentions
from kg.model import Mention


def m(doc: str, start: int, surface: str, label: str, lang: str, base: str | None = None):
    return Mention(doc, start, start + len(surface), surface, label, lang, base or surface, 0)


def test_countries_link_across_languages_and_cases():
    mentions = [
        m("a", 0, "Kazachstanu", "PLACE", "pl", "Kazachstan"),
        m("b", 0, "Kasakhstans", "PLACE", "nb", "Kasakhstan"),
        m("c", 0, "Kasachstan", "PLACE", "de"),
        m("d", 0, "Kazakhstan", "PLACE", "en"),
        m("e", 0, "Kazakstan", "PLACE", "sv"),
    ]
    result = link_mentions(mentions)
    assert {result.entity_of[x.key] for x in mentions} == {"Q232"}
    entity = result.entities[0]
    assert "http://www.wikidata.org/entity/Q232" in entity.same_as
    assert dict(entity.labels)["pl"] == "Kazachstan"


def test_acronyms_across_languages():
    kb = get_kb()
    assert kb.lookup("OVKS", "de").id == kb.lookup("CSTO", "en").id == kb.lookup("ODKB", "pl").id


def test_persons_by_surname_and_transliteration():
    mentions = [
        m("a", 0, "Władimira Putina", "PERSON", "pl", "Władimir Putin"),
        m("b", 0, "Wladimir Putin", "PERSON", "de"),
        m("c", 0, "Vladimir Putins", "PERSON", "nb", "Vladimir Putin"),
        m("c", 40, "Putin", "PERSON", "nb"),
        m("d", 0, "Kassym-Jomart Tokayev", "PERSON", "en"),
        m("e", 0, "Kasym-Żomart Tokajew", "PERSON", "pl"),
        m("f", 0, "Tokajev", "PERSON", "sv"),
    ]
    result = link_mentions(mentions)
    e = result.entity_of
    assert e[mentions[0].key] == e[mentions[1].key] == e[mentions[2].key] == e[mentions[3].key]
    assert e[mentions[4].key] == e[mentions[5].key] == e[mentions[6].key]
    assert e[mentions[0].key] != e[mentions[4].key]


def test_no_conflation_of_similar_names():
    mentions = [
        m("a", 0, "Kyiv", "PLACE", "en"),
        m("a", 10, "Kyrgyzstan", "PLACE", "en"),
        m("b", 0, "Tokaj", "PLACE", "en"),
        m("b", 10, "Kassym-Jomart Tokayev", "PERSON", "en"),
        m("c", 0, "Anna Nowak", "PERSON", "pl"),
        m("c", 20, "Jan Nowak", "PERSON", "pl"),
    ]
    result = link_mentions(mentions)
    keys = [result.entity_of[x.key] for x in mentions]
    assert len(set(keys)) == len(keys)


def test_entity_iris_are_stable():
    mentions = [m("a", 0, "Jan Kowalski", "PERSON", "pl"), m("b", 0, "Oslo", "PLACE", "nb")]
    assert link_mentions(mentions).entity_of == link_mentions(list(reversed(mentions))).entity_of


def test_a_club_named_like_its_town_is_not_the_town():
    club = m("a", 0, "Motherwell", "ORG", "en")
    town = m("b", 20, "Motherwell", "PLACE", "en")
    result = link_mentions([club, town])
    entities = {e.key: e for e in result.entities}
    assert entities[result.entity_of[club.key]].label == "ORG"
    assert entities[result.entity_of[town.key]].label == "PLACE"
    assert result.entity_of[club.key] != result.entity_of[town.key]
