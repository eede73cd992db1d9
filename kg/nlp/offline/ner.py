"""Rule-based named-entity recognition over tokenised sentences.

Evidence, strongest first: the knowledge base (countries, regions, cities, organisations, in
inflected forms), titles before a name ("President", "prezydent", "statsminister"),
organisation cue words, acronyms, multi-token capitalised names, locative prepositions, and
names seen earlier in the same document. Capitalised common words (every German noun) are
rejected with the language's dictionary (simplemma). See GUIDELINES.md for what a mention is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.kb import KnowledgeBase, spelt_as
from kg.model import EntitySpan, Sentence, Token
from kg.nlp.offline.lemmas import lemmatizer
from kg.nlp.offline.tokenize import ner_data
from kg.normalize import base_form, fold, lang_rules, strip_suffix

MAX_KB_TOKENS = 7


@lru_cache(maxsize=200_000)
def is_common_word(word: str, lang: str) -> bool:
    """True when the lower-cased word is in the language's dictionary (not a name).

    simplemma's dictionaries also hold names, capitalised ("Tromsø", "Tomasz"); outside German
    only a lower-case entry makes a common word. German nouns are capitalised entries.
    """
    try:
        if lang in _CAPITALISED_NOUNS:
            return lemmatizer().is_known(word.casefold(), lang)
        return lemmatizer().is_lower_word(word, lang)
    except (ValueError, KeyError):
        return False


def _cap(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and any(ch.isalpha() for ch in t)


@lru_cache(maxsize=100_000)
def lemmatizer_lower_word(word: str, lang: str) -> bool:
    try:
        return lemmatizer().is_lower_word(word, lang)
    except (ValueError, KeyError):
        return False


_SURNAME_PREFIX = re.compile(r"^(Mc|Mac|Fitz|Van|Von|De|Di|Da|Du|La|Le)[A-ZÀ-Þ]")


def _camel(text: str) -> bool:
    """An internal capital after lower-case letters: a brand or company ("CzechInvest"), not
    a surname with a prefix ("McAllister", "MacLeod", "DiMaggio")."""
    return (
        text.isalpha()
        and not _SURNAME_PREFIX.match(text)
        and text[:1].isupper()
        and any(a.islower() and b.isupper() for a, b in zip(text[1:], text[2:], strict=False))
    )


def _acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(text) <= 7
        and len(letters) >= 2
        and all(c.isupper() for c in letters)
        and (text.replace("-", "").isalnum())
    )


@dataclass
class _Span:
    start: int  # token index
    end: int  # exclusive
    label: str
    score: float
    base: str | None = None
    chars: tuple[int, int] | None = None  # character span inside one token


class Recogniser:
    """NER for one language, over one document's sentences."""

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb
        d = ner_data(lang)
        self.titles = d.get("titles", set())
        self.honorifics = d.get("honorifics", set())
        # words are compared case-folded ("Straße" -> "strasse"), so the lists are too
        self.org_cues = {
            c.casefold()
            for code in ("en", "de", "pl", "nb", "sv", lang)
            for c in ner_data(code).get("org_cues", set())
        }
        self.own_org_cues = {c.casefold() for c in d.get("org_cues", set())}
        self.connectors = d.get("connectors", set())
        self.locative = d.get("locative", set())
        self.non_entities = d.get("non_entities", set()) | {"the", "a", "an"}
        self.place_cues = {c.casefold() for c in d.get("place_cues", set())}
        self.org_heads = d.get("org_heads", set())
        self.org_suffixes = tuple(sorted(c.casefold() for c in d.get("org_suffixes", set())))
        self.org_prefix_suffixes = {
            prefix: tuple(ends) for prefix, ends in d.get("org_prefix_suffixes", {}).items()
        }
        self.place_suffixes = tuple(sorted(c.casefold() for c in d.get("place_suffixes", set())))
        self.place_heads = set(d.get("place_heads", ()))
        #: endings of company names made of word parts ("Agromex", "Dolmost", "Elbud")
        self.company_endings = tuple(sorted(d.get("company_endings", ())))
        self.event_cues = tuple(sorted(c.casefold() for c in d.get("event_cues", set())))
        self.kb_first_words = kb_first_words(kb)
        self._headline = False
        self._long_cues = tuple(sorted(c for c in self.org_cues if len(c) >= 5 and c.isalpha()))

    # -- helpers ----------------------------------------------------------------------------
    def given_name(self, word: str) -> bool:
        """A given name (inflected forms too), not a known place or organisation."""
        if word.casefold() in _PLACE_MODIFIERS:
            return False
        names = given_names()
        forms = (
            [word] if word in names else [f for f in _person_forms(word, self.lang) if f in names]
        )
        if not forms and fold(word) not in folded_given_names():
            return False  # lists spell some names without diacritics ("Wieslaw")
        # "Paris", "Jordan" and "Georgia" are names of people too; a country or a big city
        # spelt exactly so is taken for the place
        entry = self.kb.exact(word)
        return (
            entry is None
            or entry.label == "PERSON"
            or (
                entry.label == "PLACE"
                and entry.place_type not in ("Country", "Region", "Continent")
                and entry.population < 100_000
            )
        )

    def event_word(self, word: str) -> bool:
        """The head of an event or prize name: "Championship", "Buchpreis", "Norrlandscupen"."""
        low = word.casefold()
        if low in self.event_cues:
            return True
        return self.lang in _COMPOUNDING and any(
            len(c) >= 4 and low.endswith(c) and len(low) >= len(c) + 4 for c in self.event_cues
        )

    def place_cue(self, word: str) -> bool:
        """A geographic noun (inflected forms too): "Zalewem" -> zalew, "Fjorden"."""
        low = word.casefold()
        return low in self.place_cues or simplemma_lemma(word, self.lang).casefold() in (
            self.place_cues
        )

    def not_a_person(self, words: list[str], prev: str = "") -> str | None:
        """PLACE or ORG for a name of several words that cannot be a person's: it does not
        start with a given name and holds a known place or a common word ("Oslo Stock
        Exchange", "Alemannia Aachen", "Scottish Government"); None when it may be one."""
        if self.given_name(words[0]):
            return None
        lows = [w.casefold() for w in words]
        if lows[0] in _PLACE_MODIFIERS or any(self.place_cue(w) for w in words):
            return "PLACE"
        if self.lang == "pl" and prev in self.locative:
            return "PLACE"  # "w Nowym Sączu", "do Nowego Jorku": a place in its case
        if self.lang == "pl" and len(words) == 2 and _PL_PLACE_ADJECTIVE.match(words[0]):
            return "PLACE"  # "Starej Kamionki", "Dębowej Woli": villages named so
        for k, w in enumerate(words):
            entry = self.kb.lookup(w, self.lang)
            if entry is not None and entry.label == "PLACE" and (k > 0 or len(words) > 2):
                return "ORG"  # a place in a longer name: a club, a company, an exchange
            if (
                self.lang not in _CAPITALISED_NOUNS
                and lemmatizer_lower_word(w, self.lang)
                and not international(w)
            ):
                return "ORG"
        return None

    def common(self, word: str) -> bool:
        return is_common_word(word, self.lang) if self.lang in _DICT_LANGS else False

    def title_at(self, toks, k: int) -> bool:
        """toks[k] is a title here: not when an organisation word follows ("General
        Hospital", "General Assembly") or a possessive ("King's Fund")."""
        return (
            self.is_title(toks[k])
            and not (k + 1 < len(toks) and self.org_word(toks[k + 1].text))
            and not _possessive_inside(toks, k + 1)
        )

    def is_title(self, tok: Token) -> bool:
        low = tok.text.casefold().rsplit("-", 1)[-1]  # "NATO-Generalsekretär"
        return (
            low in self.titles
            or low in self.honorifics
            or any(
                low.endswith(t)
                for t in (
                    "minister",
                    "ministern",
                    "ministeren",
                    "präsident",
                    "präsidentin",
                    "kanzler",
                    "kanzlerin",
                    "ministerin",
                    "direktor",
                    "direktorin",
                    "sprecher",
                    "sprecherin",
                    "vorsitzende",
                    "vorsitzender",
                    "bürgermeister",
                    "bürgermeisterin",
                    "kurator",
                    "kuratorin",
                    "kommunalråd",
                    "kommunalrådet",
                    "oppositionsråd",
                    "oppositionsrådet",
                    "regionråd",
                    "regionrådet",
                    "chefin",
                )
            )
        )

    def adjective_country(self, tok: Token) -> bool:
        text = tok.text
        if self.kb.lookup(text, self.lang) is not None or text in given_names():
            return False  # "Marta" is no adjective of Martinique
        if self.lang == "en" and not text.casefold().endswith(_EN_DEMONYM_ENDINGS):
            return False  # "Port" is no adjective of Portugal
        return self.kb.country_of_adjective(text, self.lang) is not None

    # -- the recogniser ---------------------------------------------------------------------
    def headline_word(self, tok: Token) -> bool:
        """In an English headline in title case, a capitalised word that is a common word
        ("Council Approves Controversial Bypass"): it belongs to no name."""
        return (
            self._headline
            and _cap(tok)
            and lemmatizer_lower_word(tok.text, self.lang)
            and not international(tok.text)
            and not self.org_word(tok.text)
            and self.kb.exact(tok.text) is None
            and tok.text not in given_names()
        )

    def sentence_spans(self, toks: tuple[Token, ...], headline: bool) -> list[_Span]:
        spans: list[_Span] = []
        i, n = 0, len(toks)
        self._headline = headline and self.lang == "en"
        while i < n:
            tok = toks[i]
            particle = self._particle_surname(toks, i) or self._voivodeship(toks, i)
            if particle is not None:
                spans.append(particle)
                i = particle.end
                continue
            if (
                (not _cap(tok) and not tok.text[:1].isdigit())
                or self.headline_word(tok)
                or (self.lang == "en" and tok.text in _POSTNOMINALS and i > 0 and _cap(toks[i - 1]))
            ):
                i += 1
                continue
            # 0. fixed shapes: road numbers, Polish streets, German kinds of place, regional
            # authorities
            fixed = next(
                (sp for match in self._fixed_shapes if (sp := match(toks, i)) is not None), None
            )
            if fixed is not None:
                spans.append(fixed)
                i = fixed.end
                continue
            # 1. a name followed by a lower-case organisation noun (nb, sv), 2. a run of names
            # with an organisation word ("Polskiej Grupy Zbrojeniowej"); a known name of
            # several words as long or longer wins ("Sveriges Kommuner och Regioner")
            if _cap(tok) and not self.is_title(tok):
                org = (self.org_head_span(toks, i) if self.org_heads else None) or (
                    self.org_run_span(toks, i)
                )
                if org is not None:
                    known = self.kb_match(toks, i)
                    if (
                        known is not None
                        and known.end - known.start >= 2
                        and (
                            known.end >= org.end
                            # "Bergen Filharmoniske Orkester og Den Nationale Scene": two
                            or (known.end < n and toks[known.end].text.casefold() in _CONJUNCTIONS)
                        )
                    ):
                        org = known
                    spans.append(org)
                    i = org.end
                    continue
            # 3. a common word before a country names an organisation ("Chess Scotland")
            acronym = _acronym(tok.text) and self.kb.exact(tok.text) is None
            if (
                (self.lang == "en" or acronym)
                and i + 1 < n
                and _cap(tok)
                and not self.is_title(tok)
            ):
                nxt = self.kb.exact(toks[i + 1].text)
                if (
                    nxt is not None
                    and (
                        nxt.place_type in ("Country", "Region")
                        or (acronym and nxt.place_type == "City")  # "FSV Frankfurt"
                    )
                    and (acronym or (i > 0 and lemmatizer_lower_word(tok.text, self.lang)))
                    and not international(tok.text)
                    and tok.text.casefold() not in _PLACE_MODIFIERS
                    and self.kb.exact(tok.text) is None
                    and not self.adjective_country(tok)
                    and (i + 2 >= n or not _cap(toks[i + 2]))
                    and (i == 0 or toks[i - 1].text.casefold() not in self.locative)
                ):
                    spans.append(_Span(i, i + 2, "ORG", 0.6))
                    i += 2
                    continue
            # 3. the knowledge base, longest match first
            kb_span = self.kb_match(toks, i)
            if kb_span is not None:
                spans.append(kb_span)
                i = kb_span.end
                continue
            if not _cap(tok):
                i += 1
                continue
            if tok.text.casefold() in self.non_entities:
                org = self._article_org(toks, i)
                if org is not None:
                    spans.append(org)
                    i = org.end
                else:
                    i += 1  # "The", "Die": the name, if any, starts at the next word
                continue
            parts = self._kb_compound(tok)
            if parts:
                spans.extend(_Span(i, i + 1, label, 0.9, None, (a, b)) for a, b, label in parts)
                i += 1
                continue
            # 2. a run of capitalised tokens, possibly joined by connectors
            j = i + 1
            while j < n and (
                (
                    _cap(toks[j])
                    and not self._kb_token(toks, j)
                    and not self.headline_word(toks[j])
                    and (not self._person_starts(toks, j) or _named_after(toks, j - 1))
                )
                or (toks[j].text == "&" and j + 1 < n and _cap(toks[j + 1]))
                or _named_after(toks, j)
                or _named_after(toks, j + 1)
                or self._particle_in_name(toks, i, j)
                or (_possessive_inside(toks, j) and self._org_ahead(toks, j + 1))
                or (
                    self.lang == "en"
                    and toks[j].text == "and"
                    and j + 1 < n
                    and _cap(toks[j + 1])
                    and i > 0
                    and all(_cap(t) for t in toks[i:j])
                    and self._org_ahead(toks, j + 1)
                    and not any(self.kb.exact(t.text) or self.given_name(t.text) for t in toks[i:j])
                )
                or (
                    toks[j].text.casefold() in self.connectors
                    and j + 1 < n
                    and _cap(toks[j + 1])
                    and (
                        self._org_run(toks, i, j)
                        or (
                            j == i + 1
                            and self.place_cue(toks[i].text)
                            # "Weg zur Arbeit": a German place noun before a plain noun
                            and not (
                                self.lang in _CAPITALISED_NOUNS and self.common(toks[j + 1].text)
                            )
                        )
                    )
                    and not (j == i + 1 and self._generic_noun(toks, i))
                    and not (
                        toks[j].text.casefold() in _CONJUNCTIONS
                        and (
                            self._starts_name(toks[j + 1].text)
                            or toks[j - 1].text in _CLUB_DESIGNATORS
                            or self._second_body(toks, j)
                        )
                    )
                    and (
                        toks[j].text.casefold() not in _SEAT_PREPOSITIONS.get(self.lang, ())
                        or self._org_run_continues(toks, i, j)
                    )
                )
            ):
                j += 1
            span = self.classify(toks, i, j, headline)
            if span is not None:
                spans.append(span)
                i = max(span.end, i + 1)
            else:
                i += 1
        return self._finish(toks, spans)

    def _finish(self, toks, spans: list[_Span]) -> list[_Span]:
        """Words after a name that belong to it ("nr 2", "län", "an der Oder") and British
        teams named by their town."""
        n = len(toks)
        for k, span in enumerate(spans):
            if self._descriptor_first(toks, span):
                span.start += 1  # "die Gewerkschaft Verdi", "der Energiekonzern LEAG"
                if toks[span.start - 1].text.casefold().startswith("insel"):
                    span.label = "PLACE"
            if (
                self.lang in _CAPITALISED_NOUNS
                and span.label == "PERSON"
                and span.end - span.start == 2
                and toks[span.end - 1].text.casefold().endswith(_DE_STREET_ENDINGS)
            ):
                span.label = "PLACE"  # "Wiedner Hauptstraße"
            if (
                span.label == "ORG"
                and span.end + 1 < n
                and toks[span.end].text.casefold() in ("nr", "no", "nummer")
                and toks[span.end + 1].text.isdigit()
            ):
                span.end += 2  # "Szkoły Podstawowej nr 2"
            if (
                self.lang == "en"
                and span.label == "PLACE"
                and span.start == 0
                and span.end < n
                and toks[span.end].text in ("are", "were")
            ):
                span.label = "ORG"  # British English: "Whitley Bay are through", a team
            if (
                span.label == "ORG"
                and span.end < n
                and toks[span.end].text == "län"
                and (
                    toks[span.end - 1].text.endswith("s") or self._kb_place(toks[span.end - 1].text)
                )
            ):
                span.end += 1  # "Länsstyrelsen i Jämtlands län"
            if span.label == "PLACE" and self.lang in _CAPITALISED_NOUNS:
                end = self._river_suffix(toks, span.end)
                if end and (k + 1 == len(spans) or spans[k + 1].start >= span.end):
                    if k + 1 < len(spans) and spans[k + 1].start < end:
                        spans[k + 1].label = "DROP"
                    span.end = end  # "Frankfurt an der Oder", "Weil am Rhein"
            if span.end - span.start == 1 and toks[span.start].text.casefold() in _LEGAL_FORMS:
                span.label = "DROP"  # "AG" left alone by a broken name
        return [sp for sp in spans if sp.label != "DROP"]

    def _descriptor_first(self, toks, span: _Span) -> bool:
        """German: a span opening with a noun that only describes the name after it: "die
        Gewerkschaft Verdi", "der Energiekonzern LEAG", "die Insel Scharhörn"."""
        if (
            self.lang not in _CAPITALISED_NOUNS
            or span.chars is not None
            or span.end - span.start < 2
            or not toks[span.start].text.casefold().endswith(_DE_DESCRIPTORS)
        ):
            return False
        rest = toks[span.start + 1].text
        entry = self.kb.lookup(_text(toks, span.start + 1, span.end), self.lang)
        return _acronym(rest.replace("-", "")) or (
            (entry is not None and entry.label == "ORG")
            or (entry is None and not self.common(rest) and not self.org_word(rest))
        )

    def _river_suffix(self, toks, e: int) -> int:
        """The end of "am Rhein", "an der Oder", "im Breisgau" after a town (German), or 0."""
        n = len(toks)
        k = e
        if k < n and toks[k].text in ("am", "im"):
            k += 1
        elif k + 1 < n and toks[k].text in ("an", "ob", "in") and toks[k + 1].text == "der":
            k += 2
        else:
            return 0
        if k < n and _cap(toks[k]):
            entry = self.kb.lookup(toks[k].text, self.lang)
            if entry is not None and entry.label == "PLACE" and entry.place_type != "City":
                return k + 1
        return 0

    @property
    def _fixed_shapes(self):
        return (
            self._road_number,
            self._street_name,
            self._place_kind,
            self._regional_body,
            self._initial_person,
            self._storm_name,
            self._truncated_org,
            self._national_body,
        )

    def _particle_surname(self, toks, i: int) -> _Span | None:
        """A surname with a two-word particle and no given name: "von der Leyen", "Van der
        Bellen" (a given name before it makes one run of names)."""
        if (
            i + 2 < len(toks)
            and (toks[i].text.casefold(), toks[i + 1].text) in _SURNAME_PARTICLES
            and (i == 0 or not _cap(toks[i - 1]) or toks[i - 1].text in _OPEN)
            and _cap(toks[i + 2])
            and toks[i + 2].text.isalpha()
            and not self.common(toks[i + 2].text)
            and self.kb.lookup(toks[i + 2].text, self.lang) is None
        ):
            return _Span(i, i + 3, "PERSON", 0.7)
        return None

    def _voivodeship(self, toks, i: int) -> _Span | None:
        """A Polish voivodeship written in lower case: "w województwie podkarpackim"."""
        if (
            self.lang == "pl"
            and toks[i].text.casefold() in _PL_VOIVODESHIP
            and i + 1 < len(toks)
            and toks[i + 1].text.islower()
            and toks[i + 1].text.endswith(_PL_REGION_ADJECTIVE)
        ):
            return _Span(i, i + 2, "PLACE", 0.7)
        return None

    def _initial_person(self, toks, i: int) -> _Span | None:
        """A given name and a surname's initial, as reports name suspects: "Marek K.",
        "Dorota W."."""
        if (
            i + 2 < len(toks)
            and len(toks[i + 1].text) == 1
            and toks[i + 1].text.isupper()
            and toks[i + 2].text == "."
            and toks[i + 1].start == toks[i].end + 1
            and toks[i + 2].start == toks[i + 1].end
            and (
                self.given_name(toks[i].text)
                or any(f in given_names() for f in _person_forms(toks[i].text, self.lang))
            )
        ):
            return _Span(i, i + 3, "PERSON", 0.75)
        return None

    def _storm_name(self, toks, i: int) -> _Span | None:
        """A named storm ("Storm Fenna", "Sturmtief Zoltan", "stormen Babet"): an event, not
        a person."""
        n = len(toks)
        if toks[i].text in _STORM_WORDS and i + 1 < n and _cap(toks[i + 1]):
            return _Span(i, i + 2, "MISC", 0.6)
        if i > 0 and toks[i - 1].text in _STORM_WORDS and not _cap(toks[i - 1]):
            return _Span(i, i + 1, "MISC", 0.6)
        return None

    def _truncated_org(self, toks, i: int) -> _Span | None:
        """A truncated compound joined to an organisation noun: "Mark- och miljödomstolen",
        "Helse- og omsorgsdepartementet", "Industri- og Næringspartiet"."""
        n = len(toks)
        if not (
            i + 3 < n
            and toks[i + 1].text == "-"
            and toks[i + 1].start == toks[i].end
            and toks[i + 2].text.casefold() in _CONJUNCTIONS
            and toks[i].text.isalpha()
        ):
            return None
        last = toks[i + 3].text
        if self.one_word_org(last) or (
            self.lang in _COMPOUNDING and last.islower() and self._org_head(last)
        ):
            return _Span(i, i + 4, "ORG", 0.75)
        return None

    def _national_body(self, toks, i: int) -> _Span | None:
        """An article, a country's adjective and an organisation noun (nb, sv, da): "Den
        norske jordmorforening", "Det Norske Teatret"."""
        if (
            self.lang in _NORDIC
            and toks[i].text in ("Den", "Det", "De")
            and i + 2 < len(toks)
            and self.kb.country_of_adjective(toks[i + 1].text, self.lang) is not None
            # a lower-case definite noun is a description: "Den franska hotellkoncernen"
            and (_cap(toks[i + 2]) or not toks[i + 2].text.endswith(_DEFINITE_ENDINGS))
            and (
                self.one_word_org(toks[i + 2].text)
                or self._org_head(toks[i + 2].text.casefold())
                or self.org_word(toks[i + 2].text)
            )
        ):
            return _Span(i, i + 3, "ORG", 0.75)
        return None

    def _road_number(self, toks, i: int) -> _Span | None:
        """A road number written as one word ("A7", "E16", "DK47"; "Rv 9" is not one)."""
        n = len(toks)
        if (
            toks[i].text in _ROAD_PREFIXES
            and i + 1 < n
            and toks[i + 1].start == toks[i].end
            and toks[i + 1].text.isdigit()
            and len(toks[i + 1].text) <= 3
            and (i + 2 >= n or toks[i + 2].start > toks[i + 1].end or toks[i + 2].text in ".,;:)")
        ):
            return _Span(i, i + 2, "PLACE", 0.6)
        return None

    def _place_kind(self, toks, i: int) -> _Span | None:
        """A German kind of place before its name: "Landkreis Erding" (the district),
        "Gemeinde Grünhofen" (the village is the name)."""
        if (
            self.lang in _CAPITALISED_NOUNS
            and toks[i].text in _DE_PLACE_KINDS
            and i + 1 < len(toks)
            and _cap(toks[i + 1])
            and toks[i + 1].text.replace("-", "").isalpha()
            and (
                not self.common(toks[i + 1].text)
                or self.kb.lookup(toks[i + 1].text, self.lang) is not None
                or toks[i].text in _DE_WHOLE_PLACE_KINDS
            )
        ):
            whole = toks[i].text in _DE_WHOLE_PLACE_KINDS
            return _Span(i if whole else i + 1, i + 2, "PLACE", 0.7)
        return None

    def _regional_body(self, toks, i: int) -> _Span | None:
        """A regional authority: "Region Skåne", "Region Hannover"."""
        if (
            toks[i].text == "Region"
            and self.lang in ("de", "nb", "sv")
            and i + 1 < len(toks)
            and (e := self.kb.lookup(toks[i + 1].text, self.lang)) is not None
            and e.label == "PLACE"
        ):
            j = i + 2  # "Region Jämtland Härjedalen": two places
            if (
                j < len(toks)
                and _cap(toks[j])
                and (self._kb_place(toks[j].text) or self._place_word(toks[j].text))
            ):
                j += 1
            return _Span(i, j, "ORG", 0.7)
        return None

    def _kb_place(self, word: str) -> bool:
        e = self.kb.lookup(word, self.lang)
        return e is not None and e.label == "PLACE"

    def _street_name(self, toks, i: int) -> _Span | None:
        """A Polish street, square or estate after its kind word: "ulicy Długiej", "ul.
        Kwiatowej", "placu Wolności" (the name is the mention)."""
        if self.lang != "pl" or i == 0:
            return None
        k = i - 1
        if toks[k].text == "." and k > 0:
            k -= 1  # "ul.", "al.", "pl.", "os."
        if toks[k].text.casefold() not in _PL_STREET_WORDS:
            return None
        j = i
        while j < len(toks) and j - i < 3 and _cap(toks[j]) and toks[j].text.isalpha():
            j += 1
        return _Span(i, j, "PLACE", 0.7) if j > i else None

    def _second_body(self, toks, j: int) -> bool:
        """The conjunction toks[j] joins two organisations: an organisation word or "Region"
        follows, or the name before it is complete ("Vetenskapsrådet och Svenska ...");
        never inside a truncated compound, and "i" is a seat in nb/sv."""
        return not _truncated_compound(toks, j) and (
            self.org_word(toks[j + 1].text)
            or toks[j + 1].text in ("Region", "Den", "Det")
            or (
                self.org_word(toks[j - 1].text)
                and toks[j].text.casefold() not in _SEAT_PREPOSITIONS.get(self.lang, ())
            )
        )

    def _region_name(self, word: str) -> bool:
        """A place in the KB by its own name, or with a compass or height prefix
        ("Südosthessen", "Oberfranken", "Nordfriesland")."""
        for prefix in ("", *_REGION_PREFIXES):
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                rest = word[len(prefix) :]
                e = self.kb.exact(rest[:1].upper() + rest[1:])
                if e is not None and e.label == "PLACE":
                    return True
        return False

    def _org_ahead(self, toks, k: int) -> bool:
        """The capitalised words from toks[k] (up to four) end in an organisation word:
        "... and Markets Authority", "St Oswald's Primary School"."""
        end = k
        while end < len(toks) and end - k < 4 and _cap(toks[end]):
            end += 1
        return end > k and self.org_word(toks[end - 1].text)

    def _noun_before_name(self, word: str) -> bool:
        """A German common noun (or compound, or hyphenated compound ending in one) that is
        no given name: it says what the name after it is."""
        return (
            self.lang in _CAPITALISED_NOUNS
            and not self.given_name(word)
            and (
                self.common(word)
                or self._compound(word)
                or ("-" in word and self.common(word.rsplit("-", 1)[1]))
            )
        )

    def _particle_in_name(self, toks, i: int, j: int) -> bool:
        """toks[j] is a lower-case surname particle inside a person's name: "Joachim von
        Elmendorff", "Ursula von der Leyen" (after a given name, before a capital)."""
        k = j
        while k < len(toks) and k - j < 2 and toks[k].text in _NAME_PARTICLES:
            k += 1
        return (
            k > j
            and k < len(toks)
            and _cap(toks[k])
            and self.given_name(toks[j - 1].text)  # right after a given name
            and self.kb.lookup(toks[k].text, self.lang) is None  # "... von Bad Hersfeld"
            and not self.org_word(toks[k].text)  # "Gernot Albrecht von der Hochschule"
        )

    def _kb_compound(self, tok: Token) -> list[tuple[int, int, str]]:
        """'Astana-Moscow' -> both places, when every part is a KB name; 'Nord-Norge' -> one."""
        if "-" not in tok.text or not tok.text[:1].isupper():
            return []
        head, _, rest = tok.text.partition("-")
        if head.casefold() in _COMPASS and rest[:1].isupper():
            entry = self.kb.lookup(rest, self.lang)
            if entry is not None and entry.label == "PLACE":
                return [(tok.start, tok.end, "PLACE")]
        out, pos, towns = [], tok.start, True
        for part in tok.text.split("-"):
            entry = self.kb.lookup(part, self.lang) if part[:1].isupper() else None
            if entry is None or entry.label != "PLACE":
                return []
            towns = towns and entry.place_type in ("City", "Country")
            out.append((pos, pos + len(part), entry.label))
            pos += len(part) + 1
        # a route joins towns or countries; a district named by two landscapes is one place
        # ("Teltow-Fläming")
        return out if towns else [(tok.start, tok.end, "PLACE")]

    def _kb_token(self, toks, j: int) -> bool:
        """A token that ends a capitalised run: a country, region, organisation or big city."""
        entry = self.kb.lookup(toks[j].text, self.lang)
        if (
            entry is None
            or fold(toks[j].text) in self.kb.common_names
            or (entry.label == "PLACE" and entry.place_type in (None, "District"))
        ):
            # "Ashbourne Vale": a word that names a company too goes on, and a river, a
            # landscape or a district inside a longer name ("Nedre Romerike")
            return False
        if (
            entry.label == "ORG"
            and not _acronym(toks[j].text)
            and j > 0
            and (self.given_name(toks[j - 1].text) or (j > 1 and self.is_title(toks[j - 2])))
        ):
            return False  # "(minister) Oddmund Reitan": a surname that names a company too
        return entry.place_type != "City" or entry.population >= 500_000

    def _compound(self, word: str) -> bool:
        """A German-style compound of dictionary words ("Strommangel", "Großprojekte")."""
        low = word.casefold()
        for k in range(2, len(low) - 3):
            head, tail = low[:k], low[k:]
            if self.common(tail) and (
                self.common(head) or (head.endswith("s") and self.common(head[:-1]))
            ):
                return True
        return False

    def _place_word(self, word: str) -> bool:
        """One-word place names ending in a geographic noun ("Barentshavet", "Storsjön")."""
        low = word.casefold()
        return any(
            low.endswith(suffix) and len(low) - len(suffix) >= 3 for suffix in self.place_suffixes
        )

    def _noun_like(self, word: str) -> bool:
        """A capitalised common noun (German): a compound or a typical noun ending."""
        low = word.casefold()
        return self.common(word) and (low.endswith(_NOUN_ENDINGS) or self._compound(word))

    def org_word(self, word: str) -> bool:
        """An organisation cue word, inflected forms included ("Uniwersytetu", "Banku"), or a
        compound ending in one ("Antriebstechnik", "Kunstmuseum")."""
        low = word.casefold()
        if low in self.org_cues or simplemma_lemma(word, self.lang).casefold() in self.org_cues:
            # another language's cue that is a German noun ("Team", "Fund") is none
            return not (
                self.lang in _CAPITALISED_NOUNS
                and low not in self.own_org_cues
                and simplemma_lemma(word, self.lang).casefold() not in self.own_org_cues
                and self.common(word)
            )
        if self.lang in _COMPOUNDING and low.endswith(_COMPOUND_ORG_ENDINGS):
            return True
        if "-" in word.strip("-") and self.org_word(word.rsplit("-", 1)[1]):
            return True  # "Wermlands-Tidningen", "Max-Planck-Institut"
        if self.lang in _COMPOUNDING and self._cue_compound(low):
            return True  # "Verkstadsbolaget", "Industriekonzern"
        return self.one_word_org(word)

    def _person_starts(self, toks, j: int) -> bool:
        """A full person name begins at toks[j] after another name: "trener Industrii Paweł
        Gawlik" is a club, then a person (not after a given name: "Jan Maria Rokita")."""
        return (
            self.lang in ("pl", "nb", "sv", "da")  # English and German name the role first
            and j + 1 < len(toks)
            and _cap(toks[j + 1])
            and self.given_name(toks[j].text)  # inflected too: "Krzysztofem Malinowskim"
            and not self.given_name(toks[j - 1].text)
            and not self.org_word(toks[j + 1].text)
        )

    def _starts_name(self, word: str) -> bool:
        """After "and"/"og"/"i", a word that begins a second name: an organisation word, an
        acronym or a known organisation ("Stanford University og MIT")."""
        if self.org_word(word) or _acronym(word):
            return True
        entry = self.kb.exact(word)
        return entry is not None and entry.label == "ORG"

    def _cue_compound(self, low: str) -> bool:
        """A compound whose last part is an organisation cue word of five letters or more."""
        return any(
            len(cue) >= 5 and low.endswith(cue) and len(low) >= len(cue) + 3
            for cue in self._long_cues
        )

    def _org_run(self, toks, i: int, j: int) -> bool:
        return any(self.org_word(t.text) for t in toks[i:j])

    def _place_genitive(self, word: str) -> bool:
        """German: a known region's or town's genitive ("Sachsens", "Hamburgs")."""
        return (
            self.lang in _CAPITALISED_NOUNS
            and word.endswith("s")
            and not self.given_name(word)
            and (e := self.kb.exact(word[:-1])) is not None
            and e.label == "PLACE"
            and (e.place_type != "City" or e.population >= 15000)
        )

    def _full_name_at(self, toks, j: int) -> bool:
        """A given name and a surname begin at toks[j] (not "Autumn Cup")."""
        return (
            j + 1 < len(toks)
            and _cap(toks[j + 1])
            and self.given_name(toks[j].text)
            and not self.event_word(toks[j + 1].text)
            and not self.org_word(toks[j + 1].text)
            and not self.place_cue(toks[j + 1].text)
        )

    def _generic_noun(self, toks, i: int) -> bool:
        """German: an article, a common noun, a contraction and a place ("des Museums zum
        Rhein"): the noun names nothing."""
        return (
            self.lang in _CAPITALISED_NOUNS
            and 0 < i < len(toks) - 1
            and toks[i - 1].text.casefold() in _GERMAN_ARTICLES
            and toks[i + 1].text in _DE_CONTRACTIONS
            and i + 2 < len(toks)
            and self._kb_place(toks[i + 2].text)  # a name goes on with a noun: "zur Geschichte"
            and (self.common(toks[i].text) or self.common(simplemma_lemma(toks[i].text, self.lang)))
        )

    def one_word_org(self, word: str) -> bool:
        """'Konkurrensverket', 'Bundeskartellamt': one-word names of authorities and parties."""
        low = word.casefold()
        if self.lang in ("nb", "sv", "da") and low.endswith("s") and len(low) > 6:
            low = low[:-1] if low[:-1].endswith(self.org_suffixes or ("\0",)) else low
        if self.org_suffixes and low.endswith(self.org_suffixes):
            return not any(low == suffix for suffix in self.org_suffixes)
        return any(
            low.startswith(prefix) and low.endswith(ends) and len(low) > len(prefix) + 2
            for prefix, ends in self.org_prefix_suffixes.items()
        )

    def org_run_span(self, toks, i: int) -> _Span | None:
        """A run of capitalised words (joined by connectors) containing an organisation word.

        KB names inside are kept in the organisation ("Technische Universität Dresden"); a
        title ends the run ("EU Commission President ...").
        """
        n, j = len(toks), i + 1
        if toks[i].text.casefold() in self.non_entities:
            return None  # "The World Food Programme": start at "World"
        if self._generic_noun(toks, i):
            return None  # "die Nähe des Museums zum Rhein": a noun, no name
        if (
            j < n
            and toks[j].text.casefold() in self.connectors
            and (
                (self._descriptor(toks, i) and not self.org_word(toks[i].text))
                or (
                    self.lang in _CAPITALISED_NOUNS
                    and not self.org_word(toks[i].text)
                    and self.kb.lookup(toks[i].text, self.lang) is None
                    and toks[i].text not in given_names()
                )
                or (
                    self.lang == "pl"
                    and (i == 0 or toks[i - 1].text in _OPEN)
                    and (
                        lemmatizer_lower_word(toks[i].text, self.lang)
                        or (
                            toks[i].text.casefold().endswith(_PL_VERB_ENDINGS)
                            and not self.given_name(toks[i].text)
                        )
                    )
                    and not self.org_word(toks[i].text)
                    and not toks[i].text.casefold().endswith(_PL_ADJECTIVE_ENDINGS)
                )
            )
        ):
            return None  # "Studenten der Universität Innsbruck": start after the noun
        if (
            self.lang == "pl"
            and j < n
            and _cap(toks[j])
            and (i == 0 or toks[i - 1].text in _OPEN)
            and lemmatizer_lower_word(toks[i].text, self.lang)
            and not self.org_word(toks[i].text)
            and not toks[i].text.casefold().endswith(_PL_ADJECTIVE_ENDINGS)
        ):
            return None  # "Ratownicy Tatrzańskiego Ochotniczego Pogotowia": start after it
        while j < n and j - i < 8 and self._org_run_continues(toks, i, j):
            j += 1
        while j > i + 1 and not _cap(toks[j - 1]):
            j -= 1
        if j - i < 2:
            return None
        if (
            self._descriptor(toks, i)
            and not _truncated_compound(toks, i + 1)
            and toks[i + 1].text.casefold() not in self.connectors  # "Bundesamt für ..."
        ):
            # "Fackförbundet Unionen", "Maschinenbauer Kessler Antriebstechnik": a noun saying
            # what the organisation is, then its name
            named = [t.text for t in toks[i + 1 : j]]
            head = toks[i].text.casefold()
            if (
                head in self.org_cues
                or simplemma_lemma(toks[i].text, self.lang).casefold() in self.org_cues
                or (
                    self.lang in _CAPITALISED_NOUNS
                    and toks[i].text.startswith(("Bundes", "Landes"))
                    and self._cue_compound(head)
                )
            ):
                # "Gewerkschaft Deutscher Lokomotivführer", "Bundesverband WindEnergie": the
                # kind of body opens an official name
                return _Span(i, j, "ORG", 0.75)
            if self.org_word(toks[i].text) and (
                all(
                    (e := self.kb.lookup(w, self.lang)) is not None and e.label == "PLACE"
                    for w in named
                )
                or (
                    self.lang in _CAPITALISED_NOUNS
                    and len([w for w in named if w not in ("I", "II", "III", "IV")]) == 1
                    and (
                        _acronym(named[0])
                        or self._region_name(named[0])
                        or self._place_word(named[0])  # "Bundespolizeiinspektion Ludwigsdorf"
                    )
                )
            ):
                # "Landeskriminalamt Hessen", "Verbraucherzentrale NRW", "Polizeipräsidium
                # Südosthessen": an authority named by its region
                return _Span(i, j, "ORG", 0.75)
            if self.org_word(toks[i].text) or any(self.org_word(w) for w in named):
                return _Span(i + 1, j, "ORG", 0.75)  # "Fackförbundet Unionen"
            return None
        words = [t.text for t in toks[i:j]]
        if not any(self.org_word(w) for w in words[1:]) and not self.org_word(words[0]):
            return None
        if len(words) == 2 and self._place_genitive(words[0]):
            return None  # "Sachsens Wirtschaftsministerium": the state's ministry, no name
        if (
            self.lang in _CAPITALISED_NOUNS
            and all(
                self.common(w) and not international(w) and self.kb.lookup(w, self.lang) is None
                for w in words
            )
            # a capitalised adjective inside a sentence belongs to a name ("der
            # Mittelbayerischen Zeitung"); German writes adjectives in lower case otherwise
            and not (
                i > 0
                and (
                    lemmatizer_lower_word(words[0], self.lang)
                    or _GERMAN_ADJECTIVE.search(words[0]) is not None
                )
            )
        ):
            return None  # "Deutsche Bank" is in the KB; plain German nouns are not names
        return _Span(i, j, "ORG", 0.75)

    def _article_org(self, toks, i: int) -> _Span | None:
        """Nordic names that begin with an article: 'Den Nationale Scene', 'Det Norske Teatret'."""
        if self.lang not in _NORDIC or toks[i].text.casefold() not in ("den", "det", "de"):
            return None
        if i + 1 >= len(toks) or not _cap(toks[i + 1]):
            return None
        org = self.org_run_span(toks, i + 1)
        return _Span(i, org.end, "ORG", org.score) if org is not None else None

    def _descriptor(self, toks, i: int) -> bool:
        """A capitalised common noun before a name: any German noun, or a sentence-initial
        word elsewhere ("Spelutvecklaren Frostbyte Studios", "Förderagentur CzechInvest")."""
        word = toks[i].text
        if international(word) or self.kb.lookup(word, self.lang) is not None:
            return False
        if (
            word.endswith("er")
            and (e := self.kb.exact(word[:-2])) is not None
            and e.label == "PLACE"
        ):
            return False  # "Regensburger Stadtbahngesellschaft": a town's adjective, a name
        if self.lang in _CAPITALISED_NOUNS and _GERMAN_ADJECTIVE.search(word):
            return False  # "Mittelbayerischen Zeitung": a capitalised adjective, a name
        if (
            self.lang in _CAPITALISED_NOUNS
            and word.endswith("er")
            and not self.common(word)
            and self._place_word(word[:-2])
        ):
            return False  # "Brenntaler Solartechnik": the adjective of a town (Brenntal)
        if self.lang in _CAPITALISED_NOUNS:  # a noun: no lower-case entry ("Technischen" has)
            if lemmatizer_lower_word(word, self.lang):
                return False
            # a compound that ends like a town ("Hallbach", "Lindenfeld") is a name
            return self.common(word) or (self._compound(word) and not self._place_word(word))
        if self.lang not in _NORDIC:
            return False  # English and Polish adjectives begin names ("Southern", "Narodowe")
        initial = i == 0 or toks[i - 1].text in "\"'«»„“”‘’‚:-–—("
        # a compound counts when it ends like a definite noun ("Spelutvecklaren",
        # "Oppdrettsselskapet"); names are compounds too ("Lindberg", "Ulstein")
        definite = word.casefold().endswith(("en", "et", "na", "ne", "an"))
        return initial and (self.common(word) or (definite and self._compound(word)))

    def _org_run_continues(self, toks, i: int, j: int) -> bool:
        t = toks[j]
        if self.headline_word(t):
            return False
        if _truncated_compound(toks, j):
            return True  # "Institut für Arbeitsmarkt- und Berufsforschung"
        if t.text in ("I", "II", "III", "IV") and j > i and _cap(toks[j - 1]):
            return True  # "Landgericht München I"
        if _possessive_inside(toks, j) and self.org_word(toks[j + 1].text):
            return True  # "Information Commissioner's Office", "National Farmers' Union"
        if _named_after(toks, j) or _named_after(toks, j + 1):
            return True  # "Szkoła Podstawowa im. Marii Konopnickiej"
        if _cap(t):
            if (
                j > i
                and j + 1 < len(toks)
                and _cap(toks[j + 1])
                and not _named_after(toks, j - 1)
                and t.text in given_names()
                and self.given_name(t.text)
                and not self.org_word(toks[j + 1].text)
            ):
                return False  # "prezes Banku Nadwiślańskiego Paweł Orzechowski": two names
            # after "w"/"i" and one place name the official name ends ("Sąd Okręgowy w Lublinie")
            # unless the place has two words ("Komenda Powiatowa Policji w Nowym Targu")
            if (
                j - 2 > i
                and toks[j - 2].text.casefold() in _SEAT_PREPOSITIONS.get(self.lang, ())
                and (e := self.kb.lookup(f"{toks[j - 1].text} {t.text}", self.lang)) is not None
                and e.label == "PLACE"
            ):
                return True
            return not self.title_at(toks, j) and not (
                j - 2 > i and toks[j - 2].text.casefold() in _SEAT_PREPOSITIONS.get(self.lang, ())
            )
        low = t.text.casefold()
        if low in _CONJUNCTIONS and toks[j - 1].text in _CLUB_DESIGNATORS:
            return False  # "Spjelkavik IL og Brattvåg IL": two clubs
        if (
            low in _CONJUNCTIONS
            and j + 1 < len(toks)
            and any(self.org_word(x.text) for x in toks[i:j])
            and self._second_body(toks, j)
        ):
            return False  # "Svenska Filminstitutet och Region Stockholm": two bodies
        if (
            low in ("and", "und", "og", "och")
            and (
                ((e := self.kb.exact(toks[j - 1].text)) is not None and e.label == "PLACE")
                or (self.lang in _CAPITALISED_NOUNS and self._place_word(toks[j - 1].text))
            )
            and any(self.org_word(x.text) for x in toks[i:j])
        ):
            return False  # "University of Nottingham and Heritage Lincolnshire": two bodies
        seat = (
            low in _SEAT_PREPOSITIONS.get(self.lang, ())
            and any(self.org_word(x.text) for x in toks[i:j])
            and all(x.text.casefold() not in self.locative for x in toks[i + 1 : j])
            # only generic words before it: "Sąd Okręgowy w", "Universitetet i", not a name
            # of its own ("Öresundsmuseet i Malmö" is the museum, in Malmö)
            and all(
                x.text.casefold() in self.org_cues
                or simplemma_lemma(x.text, self.lang).casefold() in self.org_cues
                or lemmatizer_lower_word(x.text, self.lang)
                for x in toks[i:j]
                if _cap(x)
            )
        )
        return (
            low in self.connectors
            and j + 1 < len(toks)
            and _cap(toks[j + 1])
            and not self.is_title(toks[j + 1])
            and not (low in _CONJUNCTIONS and self._starts_name(toks[j + 1].text))
            and (
                seat
                if low in _SEAT_PREPOSITIONS.get(self.lang, ())
                else not (low in self.locative and j - i >= 2)
            )
        )

    def org_head_span(self, toks, i: int) -> _Span | None:
        """'Uppsala universitet', 'Bergen kommune': names + a lower-case organisation noun."""
        if (
            (i == 0 or toks[i - 1].text in "\"'«»„“”‘’‚:-–—(")
            and lemmatizer_lower_word(toks[i].text, self.lang)
            and self.kb.exact(toks[i].text) is None
            and not self.org_word(toks[i].text)
            and i + 1 < len(toks)
            and (_cap(toks[i + 1]) or self._org_head(toks[i + 1].text))
        ):
            # "Enligt Dagens industri": the name starts at the next word; "Enligt tidningen"
            # names none
            return None
        j = i + 1
        while j < len(toks) and j - i < 4 and _cap(toks[j]):
            j += 1
        k = j  # lower-case adjectives before the noun: "Norges teknisk-naturvitenskapelige"
        while (
            k < len(toks)
            and k - j < 2
            and toks[k].text.islower()
            and toks[k].text.endswith(("e", "iske", "ske"))
            and not self._org_head(toks[k].text)
        ):
            k += 1
        owner = toks[j - 1].text
        if (
            k < len(toks)
            and self._org_head(toks[k].text)
            and not (  # "Sørensen-Lunds plateselskap": somebody's company, not its name
                toks[k].text not in self.org_heads
                and owner.endswith("s")
                and self.kb.lookup(owner, self.lang) is None
                and not lemmatizer_lower_word(owner[:-1], self.lang)
            )
        ):
            end = k + 1
            if (
                end + 1 < len(toks)
                and toks[end].text in ("for", "för")
                and toks[end + 1].text.islower()
                and toks[end + 1].text not in ("å", "att")
                and len(toks[end + 1].text) > 3
            ):
                end += 2  # "Norsk institutt for naturforskning"
            return _Span(i, end, "ORG", 0.8)
        if (
            j < len(toks)
            and (
                toks[j].text in self.place_heads
                or any(
                    toks[j].text.endswith(h) and len(toks[j].text) >= len(h) + 3
                    for h in self.place_heads
                    if len(h) >= 4
                )
            )
            and not self.is_title(toks[i])
        ):
            return _Span(i, j + 1, "PLACE", 0.75)  # "Drammen stasjon", "Akershus festning"
        if (
            j + 1 < len(toks)
            and toks[j].text.endswith(("ska", "iska", "ske", "iske"))
            and toks[j + 1].text in self.org_heads
        ):
            return _Span(i, j + 2, "ORG", 0.8)  # Kungliga tekniska högskolan style
        return None

    def _org_head(self, word: str) -> bool:
        """A lower-case organisation noun after a name, or a compound ending in one
        ("kommune", "forskningsråd", "naturoppsyn")."""
        forms = [word] + [word[: -len(d)] for d in ("et", "en", "n", "a") if word.endswith(d)]
        return any(  # definite forms too: "universitetssjukhuset", "kommunen"
            f in self.org_heads
            or any(
                f.endswith(h) and len(f) >= len(h) + 3 and h not in _PLACE_LIKE_HEADS
                for h in self.org_heads
            )
            for f in forms
        )

    def kb_match(self, toks: tuple[Token, ...], i: int) -> _Span | None:
        first = fold(toks[i].text)
        if not _cap(toks[i]) or first in ("",):
            return None
        limit = min(len(toks), i + MAX_KB_TOKENS)
        candidates = range(limit, i, -1) if first[:4] in self.kb_first_words else (i + 1,)
        for j in candidates:
            text = _text(toks, i, j)
            if j - 1 > i and not _cap(toks[j - 1]):
                # "Europeiska unionen": a lower-case word ends a name only as the KB spells it
                # (genitive too: "Europeiska kommissionens")
                bare = text[:-1] if self.lang in _COMPOUNDING and text.endswith("s") else text
                for form in dict.fromkeys((text, bare)):
                    entry = self.kb.lookup(form, self.lang)
                    if entry is not None and form in {n for _l, n in entry.names}:
                        return _Span(i, j, entry.label, 0.95)
                continue
            if j == i + 1 and (toks[i].text.casefold() in self.non_entities):
                return None
            entry = self.kb.lookup(text, self.lang)
            if entry is None:
                continue
            single = j == i + 1
            if (
                single
                and fold(toks[i].text) in self.kb.common_names
                and (
                    i == 0
                    or (i == 1 and toks[0].text in _OPEN)
                    or (j < len(toks) and _cap(toks[j]) and self.given_name(toks[i].text))
                )
            ):
                return None  # "Høyre" opening a sentence, "Lech Wałęsa": a word, a person
            if (
                single
                and self.lang in _CAPITALISED_NOUNS
                and fold(toks[i].text) in self.kb.flagged_names
                and self.common(toks[i].text)
            ):
                return None  # "Bild", "Stern": German nouns, whatever a newspaper is called
            if single and not spelt_as(toks[i].text, entry, self.lang):
                return None  # "Rand" is no "RAND", "Gårda" no "Garda", "Nähe" no "Nahe"
            curated_place = entry.label == "PLACE" and entry.place_type in (None, "District")
            if (
                single
                and curated_place
                and (
                    (
                        fold(toks[i].text) in self.kb.flagged_names
                        and (
                            lemmatizer_lower_word(toks[i].text, self.lang)
                            or (self.lang in _CAPITALISED_NOUNS and self.common(toks[i].text))
                        )
                        and not prev_locative(toks, i, self.locative | _GEO_PREPOSITIONS)
                    )
                    or (entry.place_type == "District" and self.org_word(toks[i].text))
                )
            ):
                return None  # "West Coast Main Line": a river's name as a word; "Burgtheater"
            if (
                (entry.label == "ORG" or curated_place)
                and j < len(toks)
                and _cap(toks[j])
                and not self.headline_word(toks[j])
                and not self._full_name_at(toks, j)  # "prezesem Metra Warszawskiego Jan ..."
                and toks[j].start == toks[j - 1].end + 1
                and not self._kb_token(toks, j)
                and not self.is_title(toks[j])
                and not (self.lang in _CAPITALISED_NOUNS and self.common(toks[j].text))
            ):
                return None  # "Nature Ecology & Evolution", "Lancet Neurology": a longer name
            if (
                toks[i].text in _ARTICLES
                and entry.label == "ORG"
                and (
                    (j < len(toks) and _cap(toks[j]))
                    or (
                        i == 0
                        and j == i + 2
                        and self.lang in _CAPITALISED_NOUNS
                        and self.common(toks[i + 1].text)
                    )
                )
            ):
                # "The National Cyber Security Centre" is no newspaper "The National"; "Die
                # Tageszeitung" opening a sentence is any daily paper
                continue
            if (
                single
                and j < len(toks)
                and _cap(toks[j])
                and (
                    (
                        entry.label == "PLACE"
                        and self.lang == "en"
                        and toks[j].text.casefold() in self.place_cues
                        and (
                            not self.given_name(toks[i].text)
                            or prev_locative(toks, i, self.locative)
                        )
                    )
                    or (
                        entry.label == "ORG"
                        and (e2 := self.kb.exact(toks[j].text)) is not None
                        and (
                            e2.place_type in ("Region", "Country")
                            # a club and its town: "Kickers Offenbach", "Lech Poznań"
                            or (e2.place_type == "City" and not _acronym(toks[i].text))
                        )
                    )
                )
            ):
                # "Victoria Park", "London Road"; a regional or national branch: "NRK
                # Nordland", "WWF Polska"
                return _Span(i, j + 1, entry.label, 0.8)
            if (
                single
                and entry.place_type in ("Country", "Region")
                and j < len(toks)
                and _cap(toks[j])
                and toks[i].text in given_names()
                and self.kb.lookup(toks[j].text, self.lang) is None
                and not self.common(toks[j].text)
                and not self.place_cue(toks[j].text)
                and not self.org_word(toks[j].text)
            ):
                return None  # "Jordan Lemieux-Patton", "Georgia Whitfield": a person
            if (
                single
                and entry.place_type == "City"
                and j < len(toks)
                and _cap(toks[j])
                and (
                    (nxt := self.kb.lookup(toks[j].text, self.lang)) is None
                    # "Alice Green": a given name and a surname that are small towns too
                    or (
                        nxt.place_type == "City"
                        and nxt.population < 100_000
                        and self.given_name(toks[i].text)
                    )
                )
                and not (prev_locative(toks, i, self.locative) and self.given_name(toks[j].text))
                and not self.is_title(toks[j])  # "Oldenburgs Oberbürgermeisterin Anke ..."
                and not (  # German nouns are capitalised: "aus Bregenz Goldmünzen"
                    self.lang in _CAPITALISED_NOUNS
                    and not self.given_name(toks[i].text)
                    and self.common(toks[j].text)
                    and not self.given_name(toks[j].text)
                )
            ):
                return None  # "Vladimir Putin", not the city of Vladimir
            prev = toks[i - 1].text.casefold() if i > 0 else ""
            if single and entry.place_type == "City" and prev not in self.locative:
                word = toks[i].text
                if self.lang in _CAPITALISED_NOUNS:
                    # German dictionaries list towns; a town is a word only where it has a
                    # lower-case entry ("Essen": essen) or follows an article ("die Halle")
                    is_word = lemmatizer_lower_word(word, self.lang) or (
                        prev in _GERMAN_ARTICLES and self.common(word)
                    )
                else:
                    is_word = self.common(word) or self.common(simplemma_lemma(word, self.lang))
                if not is_word:
                    return _Span(i, j, entry.label, 0.7)  # not a word: the city ("Tromsø")
                # a city name that is also a word ("Essen", "Bath", "Dumont") needs more evidence:
                # a preposition of place, or a list of names ("München, Hamburg und Stuttgart")
                listed = (
                    (prev == "," or prev in _LIST_CONJUNCTIONS) and i >= 2 and _cap(toks[i - 2])
                )
                if listed:
                    return _Span(i, j, entry.label, 0.8)
                if entry.population < 100_000 or i == 0:
                    return None
                if (
                    self.lang in _CAPITALISED_NOUNS
                    and entry.population < 1_000_000
                    and self.common(toks[i].text)
                ):
                    return None
            if (
                entry.label == "ORG"
                and not single
                and {lang for lang, _n in entry.names} <= {"en", "pl"}
            ):
                j = self._polish_seat(toks, j)  # a Polish office, not "Rady Europejskiej"
            return _Span(i, j, entry.label, 0.95)
        return None

    def _polish_seat(self, toks, j: int) -> int:
        """A Polish office's seat belongs to its name: "Państwowej Straży Pożarnej w Nowym
        Sączu" (one or two words after "w"/"we" that name a place)."""
        if self.lang != "pl" or j + 1 >= len(toks) or toks[j].text not in ("w", "we"):
            return j
        for k in (j + 3, j + 2):
            if k <= len(toks) and all(_cap(t) for t in toks[j + 1 : k]):
                e = self.kb.lookup(_text(toks, j + 1, k), self.lang)
                if e is not None and e.label == "PLACE":
                    return k
        return j

    def classify(self, toks, i: int, j: int, headline: bool) -> _Span | None:
        while self.lang == "en" and j - i >= 2 and toks[j - 1].text in _POSTNOMINALS:
            j -= 1  # "Sarah Hale KC"
        # strip leading titles, honorifics, country adjectives and function words
        title = i > 0 and self.is_title(toks[i - 1])
        first_token = i
        while (
            i < j
            and (
                self.title_at(toks, i)
                or (
                    self.adjective_country(toks[i])
                    # German writes adjectives in lower case: a capital inside a sentence makes
                    # one part of a name ("der Deutsche Musikrat")
                    and not (
                        self.lang in _CAPITALISED_NOUNS
                        and i > 0
                        and toks[i - 1].text not in _OPEN
                        and i + 1 < j
                        and toks[i].text[:1].isupper()
                    )
                    # so do Nordic and Polish ones before an organisation ("Svenska
                    # Tennisförbundet", "Polski Związek Tenisowy")
                    and not (
                        self.lang in _LOWER_ADJECTIVES
                        and i + 1 < j
                        and any(self.org_word(t.text) for t in toks[i + 1 : j])
                    )
                )
                or (
                    i + 1 < j
                    and self.is_title(toks[i + 1])
                    and self.kb.country_of_adjective(toks[i].text, self.lang)
                )
                or toks[i].text.casefold() in self.non_entities
                or (
                    self.lang in _CAPITALISED_NOUNS
                    and i + 1 < j
                    and (self._noun_like(toks[i].text) or (i + 2 < j and self._descriptor(toks, i)))
                    and not self._org_run(toks, i, j)
                    and not self.given_name(toks[i].text)  # "Regierungschefin Ingrid Halvorsen"
                )
            )
        ):
            if self.is_title(toks[i]):
                title = True
            i += 1
        if (
            i + 1 < j
            and i == 0
            and self.common(toks[i].text)
            and not international(toks[i].text)
            # "Per Olav Ness", "Ole Kristian Tveit": two given names open a full name, and so
            # does one before a surname that is no word ("Maja Lundqvist")
            and not (
                self.given_name(toks[i].text)
                and (self.given_name(toks[i + 1].text) or not self.common(toks[i + 1].text))
            )
            and not (
                self.lang == "pl"
                and toks[i].text.casefold().endswith(_PL_ADJECTIVE_ENDINGS)
                and self._org_run(toks, i, j)
            )
        ):
            i += 1  # a sentence-initial common word ("Wizyta Władimira Putina")
            if (
                self.lang == "pl"
                and i + 1 < j
                and toks[i].text.casefold() in self.connectors
                and any(self.org_word(t.text) for t in toks[i + 1 : j])
            ):
                i += 1  # "Hydrolodzy z Instytutu Meteorologii"
        if (
            self.lang in _CAPITALISED_NOUNS
            and i + 2 < j
            and toks[i + 1].text.casefold() in self.connectors
            and (self.common(toks[i].text) or self._compound(toks[i].text))
            and not self.org_word(toks[i].text)
            and any(self.org_word(t.text) for t in toks[i + 2 : j])
        ):
            i += 2  # "Kunstgeschichtsstudenten der Universität Innsbruck"
        inner = [k for k in range(i + 1, j - 1) if self.title_at(toks, k)]
        if inner:
            i, title = inner[-1] + 1, True  # "Baden-Württembergs Wirtschaftsministerin Anja R."
        while (
            j - i >= 3
            and (
                self.common(toks[i].text)
                or (
                    i == first_token
                    and self._compound(toks[i].text)
                    and not self.given_name(toks[i].text)
                )
            )
            # "Per Olav Ness": two given names open a full name (a German noun is no given
            # name: "Däne Mikkel Sørensen")
            and not (
                self.given_name(toks[i].text)
                and self.given_name(toks[i + 1].text)
                and not (self.lang in _CAPITALISED_NOUNS and self.common(toks[i].text))
            )
            and not any(self.common(t.text) for t in toks[i + 1 : j])
            and all(t.text.replace("-", "").isalpha() for t in toks[i + 1 : j])
        ):
            i += 1  # a job or demonym noun before a name ("Kuratorin Hanna Edelmayer")
        while (
            self.lang in _CAPITALISED_NOUNS
            and j - i >= 3
            and toks[i].text.isalpha()
            and not self.given_name(toks[i].text)
            and self.given_name(toks[i + 1].text)
            and self.kb.lookup(toks[i].text, self.lang) is None
        ):
            i += 1  # a noun before a full name: "Stadtbaurätin Henrike Vollmers"
        if i < j and i > first_token:
            kb_span = self.kb_match(toks, i)
            if kb_span is not None:
                return kb_span
        while i < j and "-" in toks[i].text and toks[i].text.rsplit("-", 1)[1].islower():
            i += 1  # "Moscow-led", "Kremlin-backed"
        while i < j and not toks[i].text[:1].isalnum():
            i += 1  # a name never starts with punctuation (". Marien" of a dropped "St.")
        while j > i and (
            toks[j - 1].text.casefold() in self.connectors
            or toks[j - 1].text.casefold() in self.non_entities
        ):
            j -= 1
        while (
            self.lang in _CAPITALISED_NOUNS
            and j - i >= 2
            and toks[j - 2].text.endswith("s")
            and toks[j - 2].text not in given_names()
            and self.common(toks[j - 1].text)
            and not self.common(toks[j - 2].text)
            and not self.org_word(toks[j - 1].text)
            and self.kb.lookup(toks[j - 1].text, self.lang) is None
        ):
            j -= 1  # a name in the genitive before a noun: "Kaminskis Vertrag"
        if i >= j:
            return None
        words = [t.text for t in toks[i:j]]
        sentence_initial = i == 0 or (i > 0 and toks[i - 1].text in "\"'«»„“”‘’‚:-–—(")
        if "&" in words[1:-1]:
            return _Span(i, j, "ORG", 0.75)  # "Weidner & Söhne", "Nature Ecology & Evolution"
        if (
            self.event_word(words[-1])
            and not title
            and not (len(words) == 2 and self.given_name(words[0]))  # "Doris Day"
        ):
            return _Span(i, j, "MISC", 0.6)  # "World Rapid Championship", "Dramapreis"
        if (
            self.lang in _CAPITALISED_NOUNS
            and len(words) == 2
            and words[0] in _DE_PLACE_KINDS
            and words[1].replace("-", "").isalpha()
            and not self.common(words[1])
        ):
            # "Landkreis Erding" is the district; "Gemeinde Grünhofen" names the village
            whole = words[0] in _DE_WHOLE_PLACE_KINDS
            return _Span(i if whole else i + 1, j, "PLACE", 0.7)
        if len(words) >= 2 and any(w in _CLUB_DESIGNATORS for w in words):
            k = next(k for k, w in enumerate(words) if w in _CLUB_DESIGNATORS)
            if 0 < k < len(words) - 1 and all(self._noun_before_name(w) for w in words[:k]):
                return _Span(i + k, j, "ORG", 0.75)  # "Handball-Zweitligist TV Grünbach"
            return _Span(i, j, "ORG", 0.75)  # "Spjelkavik IL", "VfL Osnabrück", "FC Porto"
        if len(words) == 2 and self._place_genitive(words[0]) and self._noun_before_name(words[1]):
            return _Span(i, i + 1, "PLACE", 0.8)  # "Sachsens Wirtschaftsministerium"
        if (
            self.lang in _CAPITALISED_NOUNS
            and len(words) == 2
            and words[1].endswith("s")
            and self._noun_before_name(words[0])
            and (e := self.kb.exact(words[1][:-1])) is not None
            and e.label == "PLACE"
        ):
            return _Span(j - 1, j, "PLACE", 0.8)  # "Stadtbahnstrecke Regensburgs"
        if (
            self.lang in _CAPITALISED_NOUNS
            and len(words) == 2
            and not sentence_initial
            and self.adjective_country(toks[i])
            and words[0][:1].isupper()
            and words[1].isalpha()
            and not self.is_title(toks[i + 1])
        ):
            # a capitalised adjective inside a sentence begins a name: "Deutsche Musikrat"
            kind = "PLACE" if words[1] in _DE_NAMED_PLACE_NOUNS else "ORG"
            return _Span(i, j, kind, 0.65)
        if _kind_of_place_before(toks, i):
            return _Span(i, j, "PLACE", 0.7)  # "the village of Low Crosby"
        if (
            self.lang in _CAPITALISED_NOUNS
            and len(words) == 2
            and words[0].endswith("er")
            and not self.given_name(words[0])
            and words[1] in _DE_NAMED_PLACE_NOUNS
        ):
            return _Span(i, j, "PLACE", 0.7)  # "Neuenheimer Feld", "Bayerischer Wald"
        if len(words) <= 3 and (_score_at(toks, j) or _score_at(toks, i - 3)):
            return _Span(i, j, "ORG", 0.6)  # a team beside a score: "Celtic 2-1 Molde"
        if len(words) >= 2 and any(self.org_word(w) for w in words):
            return _Span(i, j, "ORG", 0.75)
        if (
            any(self.place_cue(w) for w in words)
            and len(words) >= 2
            and not title
            and not (  # "Stuart Hall", "Alice Green": a surname, unless "at Victoria Park"
                len(words) == 2
                and words[1].casefold() in _SURNAME_PLACE_CUES
                and self.given_name(words[0])
                and not prev_locative(toks, i, self.locative)
            )
        ):
            return _Span(i, j, "PLACE", 0.7)
        if len(words) == 1 and _acronym(words[0]):
            return _Span(i, j, "ORG", 0.7)
        if (
            len(words) == 1
            and self.lang in _COMPOUNDING
            and words[0].casefold().endswith(_COMPOUND_ORG_ENDINGS)
            and not self.common(words[0])
        ):
            return _Span(i, j, "ORG", 0.65)  # "Sunnmørsposten", "Gäubodenmuseum"
        if len(words) == 1 and _camel(words[0]):
            return _Span(i, j, "ORG", 0.65)  # "CzechInvest", "WindEurope"
        named_use = not (sentence_initial or self.lang in _CAPITALISED_NOUNS)
        if (
            len(words) == 1
            and self.one_word_org(words[0])
            and (
                named_use
                or not self.common(words[0])
                or self.lang in _NORDIC
                # "Bundespolizei" is in the dictionary too; "das Landesamt" is generic
                or (self.lang in _CAPITALISED_NOUNS and words[0].startswith("Bundes"))
            )
        ):
            return _Span(i, j, "ORG", 0.7)  # "av Konkurrensverket", "Kulturdepartementet"
        if 2 <= len(words) <= 3 and _acronym(words[0]) and not title:
            if self.given_name(words[1]) and len(words) == 3:
                return _Span(i, i + 1, "ORG", 0.7)  # "TOPR Michał Chowaniec": two names
            return _Span(i, j, "ORG", 0.7)  # "IG Metall", "DNB Markets", "ZF Friedrichshafen"
        if title:
            return _Span(i, min(j, i + 4), "PERSON", 0.85)
        if headline:
            return None
        if len(words) >= 2:
            alpha = all(w.replace("-", "").isalpha() for w in words)
            if (
                len(words) == 2
                and self.lang not in _CAPITALISED_NOUNS
                and (e := self.kb.exact(words[0])) is not None
                and e.place_type == "City"
                and words[0] not in given_names()  # "Anna Grzywacz", "Mari Tangen"
                and lemmatizer_lower_word(words[1], self.lang)
                and not self.given_name(words[1])
            ):
                return _Span(i, j, "ORG", 0.6)  # a town's utility or firm: "Kalmar Vatten"
            if alpha and len(words) <= 4 and self.given_name(words[0]):
                return _Span(i, j, "PERSON", 0.7)  # German dictionaries hold names too
            if (
                alpha
                and sentence_initial
                and len(words) >= 3
                and not self.given_name(words[0])
                and self.kb.lookup(words[0], self.lang) is None
                and self.given_name(words[1])
            ):
                return _Span(i + 1, min(j, i + 4), "PERSON", 0.7)  # "Słoweniec Žiga Mlakar"
            if alpha and self.lang in _CAPITALISED_NOUNS:
                for k in range(1, len(words) - 1):
                    if self.given_name(words[k]) and all(
                        self.common(w)
                        or self._compound(w)
                        or ("-" in w and self.common(w.rsplit("-", 1)[1]))
                        or self.kb.lookup(w, self.lang) is not None
                        for w in words[:k]
                    ):
                        # nouns before a full name: "Hamelns Kämmerer Tobias Rehkopf"
                        return _Span(i + k, min(j, i + k + 3), "PERSON", 0.7)
            commons = sum(self.common(w) and not international(w) for w in words)
            if commons == len(words) and self.lang in _CAPITALISED_NOUNS:
                return None
            if alpha:
                other = self.not_a_person(words, toks[i - 1].text.casefold() if i > 0 else "")
                if other is not None:
                    return _Span(i, j, other, 0.55)
                return _Span(i, min(j, i + 4), "PERSON", 0.6)
            return _Span(i, j, "MISC", 0.4)
        word = words[0]
        if not word.replace("-", "").isalpha() or len(word) < 2:
            return None
        if self.common(word) or (sentence_initial and word.casefold() in self.non_entities):
            return None
        if (
            self.lang in _CAPITALISED_NOUNS
            and not title
            and not sentence_initial
            and self._place_word(word)
            and not self.common(simplemma_lemma(word, self.lang))
        ):
            return _Span(i, j, "PLACE", 0.5)  # "Bramfeld", "Mühlgasse": no word, a place name
        if "-" in word.strip("-") and word[:1].isupper():
            head = word.rsplit("-", 1)[1]
            if head in _HYPHEN_PLACE_HEADS:
                return _Span(i, j, "PLACE", 0.6)  # "Max-Schmeling-Halle", "Ernst-Walz-Brücke"
        if (
            self.lang in _COMPOUNDING
            and not title
            and (sentence_initial or self.lang in _CAPITALISED_NOUNS)
            and self._compound(word)
        ):
            # a capitalised compound: a common noun, unless it is a surname ("Lindberg")
            return _Span(i, j, "MISC", 0.3)
        if self.place_suffixes and not sentence_initial and self._place_word(word):
            return _Span(i, j, "PLACE", 0.55)
        if self.common(simplemma_lemma(word, self.lang)):
            return None  # an inflected common word ("Opery")
        if (
            self.company_endings
            and len(word) >= 6
            and word.casefold().endswith(self.company_endings)
            and not self.given_name(word)
            and self.kb.lookup(word, self.lang) is None
        ):
            return _Span(i, j, "ORG", 0.55)  # a made-up company name: "Gliwbud", "Agromeksu"
        quoted = 0 < i < len(toks) - 1 and toks[i - 1].text in _OPEN and toks[i + 1].text in _CLOSE
        if quoted:
            return _Span(i, j, "MISC", 0.4)
        if sentence_initial and self.lang != "de" and self.common(word.casefold()):
            return None
        prev = toks[i - 1].text.casefold() if i > 0 else ""
        if prev in self.locative:
            return _Span(i, j, "PLACE", 0.5)
        return _Span(i, j, "MISC", 0.45)  # a surname seen in a full name makes it PERSON


#: English place nouns that are also surnames ("Stuart Hall", "Alice Green")
_SURNAME_PLACE_CUES = {"hall", "park", "green", "moor", "hill", "castle", "lane", "cross", "bridge"}
#: the last part of a hyphenated name of a building or street ("Max-Schmeling-Halle")
_HYPHEN_PLACE_HEADS = {
    "Halle",
    "Arena",
    "Brücke",
    "Stadion",
    "Platz",
    "Straße",
    "Strasse",
    "Allee",
    "Park",
    "Ring",
    "Weg",
    "Damm",
    "Ufer",
    "Tor",
    "Turm",
    "Kaserne",
    "Center",
    "Gasse",
    "Kai",
    "Promenade",
    "Steg",
    "Tunnel",
    "Bahnhof",
}
#: German nouns named by a place's adjective ("Neuenheimer Feld", "Bayerischer Wald")
_DE_NAMED_PLACE_NOUNS = {
    "Feld",
    "Wald",
    "Forst",
    "See",
    "Berg",
    "Land",
    "Hafen",
    "Tor",
    "Platz",
    "Markt",
    "Heide",
    "Moor",
    "Bucht",
    "Tal",
    "Alb",
    "Höhe",
    "Kreuz",
    "Becken",
    "Aue",
    "Ring",
    "Dom",
    "Straße",
    "Allee",
    "Weg",
    "Brücke",
    "Hauptbahnhof",
    "Bahnhof",
    "Viertel",
    "Insel",
    "Schloss",
    "Bodden",
    "Haff",
    "Meer",
    "Gebirge",
}
#: English words for a kind of place before "of" and a name ("the village of Low Crosby")
_EN_PLACE_KINDS = {"village", "town", "city", "hamlet", "suburb", "parish", "borough", "county"}


def _person_forms(word: str, lang: str) -> list[str]:
    """Base forms of an inflected given name: the name rules' and the person case endings
    ("Tomaszowi" -> "Tomasz", "Marka" -> "Mark")."""
    forms = strip_suffix(word, lang)
    low = word.casefold()
    for ending, repl in lang_rules(lang).get("person_case_endings", []):
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: len(word) - len(ending)] + repl)
    if lang == "pl":  # short feminine names: "Ewie", "Ewę", "Ewy" -> "Ewa"
        for ending in ("ie", "ę", "ą", "y", "i"):
            if low.endswith(ending) and len(word) - len(ending) == 2:
                forms.append(word[: -len(ending)] + "a")
        # the locative of men's names: "Dawidzie", "Piotrze", "Janie"
        for ending, repl in _PL_NAME_LOCATIVES:
            if low.endswith(ending) and len(word) - len(ending) >= 2:
                forms.append(word[: -len(ending)] + repl)
    return forms


_PL_NAME_LOCATIVES = (("dzie", "d"), ("cie", "t"), ("rze", "r"), ("nie", "n"), ("sie", "s"))
#: endings of Polish verbs that open sentences ("Rozmawiamy z ...", "Zapowiedział ...")
_PL_VERB_ENDINGS = (
    "amy",
    "emy",
    "imy",
    "ają",
    "eją",
    "ują",
    "ał",
    "ała",
    "ało",
    "ali",
    "ały",
    "ił",
    "iła",
    "ili",
    "ył",
    "yła",
    "yli",
)


def _kind_of_place_before(toks, i: int) -> bool:
    return i >= 2 and toks[i - 1].text == "of" and toks[i - 2].text in _EN_PLACE_KINDS


#: endings of definite nouns in nb and sv
_DEFINITE_ENDINGS = ("en", "et", "na", "ne", "an", "erna", "arna")
#: Polish adjectives that open village and town names (old, new, upper, lower, white, oak ...)
_PL_PLACE_ADJECTIVE = re.compile(
    r"^(Star|Now|Wielk|Mał|Górn|Doln|Wysok|Such|Dębow|Kamienn|Średn|Krzyw"
    r"|Brzozow|Lipow|Sosnow|Bukow|Wierzbow)"
    r"(a|e|y|i|ej|ą|ego|ym|im|ie|ich|ych|iej|iego|ą)$"
)
#: prepositions before rivers, lakes, islands and landscapes ("am Main", "nad Wartą")
_GEO_PREPOSITIONS = {"im", "am", "an", "auf", "nad", "on", "along", "i", "på", "ved", "vid"}
#: German preposition-article contractions
_DE_CONTRACTIONS = {"zum", "zur", "im", "am", "vom", "beim", "ins", "ans"}
#: languages that write a country's adjective in lower case unless it opens a name
_LOWER_ADJECTIVES = {"nb", "sv", "da", "pl"}
#: company legal forms, never a name on their own
_LEGAL_FORMS = {"ag", "gmbh", "se", "kg", "plc", "ltd", "asa", "ab", "as", "sa", "oyj", "nv"}
#: German nouns that describe the name after them ("Gewerkschaft Verdi", "Insel Rügen")
_DE_DESCRIPTORS = (
    "gewerkschaft",
    "gewerkschaften",
    "konzern",
    "hersteller",
    "autobauer",
    "reederei",
    "firma",
    "unternehmen",
    "discounter",
    "insel",
)
#: endings of German street names ("Hauptstraße", "Kirchgasse")
_DE_STREET_ENDINGS = ("straße", "strasse", "gasse", "allee", "weg", "platz", "damm", "ufer")
#: articles that may open a name ("The Guardian", "Die Zeit", "Det Norske Teatret")
_ARTICLES = {"The", "Die", "Der", "Das", "Det", "Den"}
_PL_VOIVODESHIP = {"województwo", "województwa", "województwie", "województwem"}
_PL_REGION_ADJECTIVE = ("skie", "skiego", "skim", "ckie", "ckiego", "ckim")
#: two-word surname particles ("von der Leyen", "Van der Bellen", "de la Cruz")
_SURNAME_PARTICLES = {
    ("von", "der"),
    ("von", "dem"),
    ("van", "der"),
    ("van", "den"),
    ("van", "de"),
    ("de", "la"),
    ("de", "los"),
    ("de", "las"),
}
#: English honours and ranks written after a name ("Sarah Hale KC", "John Smith MP")
_POSTNOMINALS = {"KC", "QC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE", "DBE"}
#: words naming a storm before its name, in kg's languages
_STORM_WORDS = {
    "Storm",
    "Hurricane",
    "Typhoon",
    "Cyclone",
    "Sturmtief",
    "Orkantief",
    "Orkan",
    "Hurrikan",
    "Taifun",
    "orkan",
    "huragan",
    "orkanu",
    "orkanem",
    "stormen",
    "orkanen",
    "ekstremværet",
    "uværet",
    "stormsenteret",
    "lavtrycket",
    "ovädret",
}
#: prefixes of German region names made from another place's name
_REGION_PREFIXES = (
    "Südost",
    "Südwest",
    "Nordost",
    "Nordwest",
    "Süd",
    "Nord",
    "Ost",
    "West",
    "Ober",
    "Unter",
    "Nieder",
    "Mittel",
    "Hoch",
)
#: abbreviations that continue a name after their full stop: Polish "im." (imienia, named
#: after), "św." and "St." (saint)
_NAME_ABBREVIATIONS = {"im", "św", "Św", "St"}


#: Polish words for street, avenue, square and estate (with case forms and abbreviations)
_PL_STREET_WORDS = {
    "ulica",
    "ulicy",
    "ulicę",
    "ulicą",
    "ul",
    "aleja",
    "alei",
    "aleję",
    "aleją",
    "al",
    "plac",
    "placu",
    "placem",
    "pl",
    "osiedle",
    "osiedla",
    "osiedlu",
    "os",
    "rondo",
    "rondzie",
}
#: organisation heads whose compounds are places: "huvudstad" (capital), "hemstad"
_PLACE_LIKE_HEADS = {"stad", "region"}
#: German kinds of place that belong to the name ("Landkreis Erding", "Freistaat Bayern")
_DE_WHOLE_PLACE_KINDS = {
    "Landkreis",
    "Landkreises",
    "Kreis",
    "Kreises",
    "Freistaat",
    "Verbandsgemeinde",
    "Samtgemeinde",
}
#: German nouns for a kind of place before its name (the others name only the place)
_DE_PLACE_KINDS = _DE_WHOLE_PLACE_KINDS | {
    "Gemeinde",
    "Ortsteil",
    "Dorf",
    "Stadtteil",
    "Ortschaft",
    "Stadt",
    "Dörfer",
    "Orte",
    "Ortsteile",
    "Gemeinden",
    "Hansestadt",
    "Kreisstadt",
    "Landeshauptstadt",
}
#: words before a town that keep it a place in a match report ("fans from Aberdeen")
_PLACE_BEFORE = {
    "from",
    "to",
    "in",
    "at",
    "near",
    "fra",
    "til",
    "från",
    "till",
    "på",
    "i",
    "z",
    "ze",
    "do",
    "w",
    "we",
    "na",
    "aus",
    "nach",
    "bei",
    "im",
    "zu",
}


#: prepositions that put what follows in a place ("to", "til", "do" also take persons)
_IN_PLACE = {"in", "at", "near", "i", "på", "w", "we", "aus", "bei", "im", "nad", "pod"}
#: a score written as one token; "2:1" but not a time like "8:30"
_SCORE_TOKEN = re.compile(r"^(?:\d{1,2}:\d|\d{1,2}[-–]\d{1,2})$")


def _match_report(per_sentence) -> bool:
    """Two or more match scores ("2-1", "3:0") in a document: a sports report."""
    scores = 0
    for s, _spans in per_sentence:
        toks = s.tokens
        scores += sum(1 for k in range(len(toks) - 2) if _score_at(toks, k))
        scores += sum(1 for t in toks if _SCORE_TOKEN.match(t.text))  # "2:1" as one token
        if scores >= 2:
            return True
    return False


def _towns_as_teams(per_sentence, rec: Recogniser) -> None:
    """In a match report a town named on its own, not after a preposition of place, is its
    club: "Aberdeen beat Motherwell", "Leksand vann" (an address stays a place); a name
    before a town is the club's name: "Lech Poznań", "Legią Warszawa"."""
    for index, (s, spans) in enumerate(per_sentence):
        toks = s.tokens
        ends = {sp.end: sp for sp in spans}
        starts = {sp.start: sp for sp in spans}
        merged: list[_Span] = []
        gone: set[int] = set()
        for sp in spans:
            if sp.label != "PLACE" or sp.chars is not None or sp.end - sp.start > 2:
                continue
            entry = rec.kb.lookup(toks[sp.end - 1].text, rec.lang)
            if entry is None or entry.place_type != "City":
                continue
            first = toks[sp.start]
            if sp.end - sp.start == 2:  # "Jagiellonią Białystok" read as one place
                if rec.kb.lookup(first.text, rec.lang) is None:
                    sp.label = "ORG"
                continue
            nxt = toks[sp.end] if sp.end < len(toks) else None
            if (
                nxt is not None
                and _cap(nxt)
                and nxt.text.isalpha()
                and nxt.text.endswith("s")
                and (  # a nickname, perhaps another club's ("Steelers")
                    (nick := rec.kb.lookup(nxt.text, rec.lang)) is None or nick.label == "ORG"
                )
                and not rec.common(nxt.text)
                and (sp.end + 1 >= len(toks) or not _cap(toks[sp.end + 1]))
            ):
                merged.append(_Span(sp.start, sp.end + 1, "ORG", 0.6))  # "Sheffield Steelers"
                gone.add(id(sp))
                after = starts.get(sp.end)
                if after is not None and after.end == sp.end + 1:
                    gone.add(id(after))
                continue
            prev = toks[sp.start - 1] if sp.start > 0 else None
            before = ends.get(sp.start)
            if (
                prev is not None
                and _cap(prev)
                and prev.text.isalpha()
                and (before is None or before.end - before.start == 1)
                and rec.kb.lookup(prev.text, rec.lang) is None
                and (sp.start - 1 > 0 or before is not None or not rec.common(prev.text))
            ):
                if before is not None:
                    gone.add(id(before))
                merged.append(_Span(sp.start - 1, sp.end, "ORG", 0.6))
                gone.add(id(sp))
            elif (prev is None or prev.text.casefold() not in _PLACE_BEFORE) and not (
                _listed_after_place_word(toks, sp.start)
            ):
                sp.label = "ORG"
        if merged:
            kept = [x for x in spans if id(x) not in gone] + merged
            per_sentence[index] = (s, sorted(kept, key=lambda x: x.start))


def _listed_after_place_word(toks, k: int) -> bool:
    """toks[k] ends a list of names that a preposition of place opens ("från Slite,
    Klintehamn och Roma", "i Stockholm och Uppsala")."""
    while k >= 2 and (toks[k - 1].text == "," or toks[k - 1].text.casefold() in _CONJUNCTIONS):
        k -= 2
        if not _cap(toks[k]):
            return False
        if k > 0 and toks[k - 1].text.casefold() in _PLACE_BEFORE:
            return True
    return False


def _colon_genitive(toks, end: int, lang: str) -> bool:
    """A Swedish genitive after a colon follows the name: "SSAB:s", "EU:s" (the name is
    toks[..end], the colon and the s come next, all written together)."""
    return (
        lang == "sv"
        and end + 1 < len(toks)
        and toks[end].text == ":"
        and toks[end + 1].text == "s"
        and toks[end].start == toks[end - 1].end
        and toks[end + 1].start == toks[end].end
    )


def _truncated_compound(toks, k: int) -> bool:
    """toks[k] is the hyphen of a truncated German compound or the conjunction after it:
    "Arbeitsmarkt- und Berufsforschung", "Zoo- und Wildtierforschung"."""
    if toks[k].text == "-":
        return (
            0 < k < len(toks) - 2
            and toks[k].start == toks[k - 1].end
            and _cap(toks[k - 1])
            and toks[k + 1].text in ("und", "oder")
            and _cap(toks[k + 2])
        )
    return toks[k].text in ("und", "oder") and _truncated_compound(toks, k - 1) if k > 0 else False


def _named_after(toks, k: int) -> bool:
    """toks[k] is the full stop of "im.", "św." or "St." before a capitalised name: "Stadion
    im. Ernesta Pohla", "parafia św. Barbary", "Kreiskrankenhaus St. Elisabeth"."""
    return (
        1 <= k < len(toks) - 1
        and toks[k].text == "."
        and toks[k - 1].text in _NAME_ABBREVIATIONS
        and toks[k].start == toks[k - 1].end
        and _cap(toks[k + 1])
    )


def prev_locative(toks, i: int, locative) -> bool:
    """The word before toks[i] is a preposition of place ("z Genewy Laurent ...")."""
    return i > 0 and toks[i - 1].text.casefold() in locative


def _possessive_inside(toks, j: int) -> bool:
    """toks[j] is a possessive ("'s", "'") between two capitalised words."""
    return (
        toks[j].text in ("'s", "’s", "'", "’")
        and 0 < j < len(toks) - 1
        and _cap(toks[j - 1])
        and _cap(toks[j + 1])
    )


_GERMAN_ARTICLES = {
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "einen",
    "einem",
    "eines",
    "kein",
    "keine",
    "jede",
    "jeder",
    "jedes",
    "diese",
    "dieser",
    "dieses",
    "im",
    "am",
    "zum",
    "zur",
    "vom",
    "beim",
}

#: Polish adjective endings: a sentence-initial adjective may begin a name ("Krajowa ...").
_PL_ADJECTIVE_ENDINGS = (
    "owa",
    "owy",
    "owe",
    "owej",
    "owego",
    "ska",
    "ski",
    "skie",
    "skiej",
    "skiego",
    "cka",
    "cki",
    "ckie",
    "na",
    "ny",
    "ne",
    "nej",
    "nego",
    "wa",
    "wy",
    "we",
    "ra",
    "ry",
    "la",
    "ly",
)

_EN_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch", "ss", "ai", "ot", "ak", "ek")
_GERMAN_ADJECTIVE = re.compile(r"(isch|lich|ig)(e|en|er|es|em)$")

#: Sports club designators, matched as written ("IL", not "il").
_CLUB_DESIGNATORS = {
    "FC",
    "SC",
    "SV",
    "IF",
    "IL",
    "FK",
    "BK",
    "IK",
    "KS",
    "TSV",
    "VfL",
    "VfB",
    "AFC",
    "CF",
    "AC",
    "SK",
    "HC",
    "HK",
    "BSC",
    "SSV",
    "AIK",
    "GIF",
    "TV",
    "TuS",
    "SG",
    "HF",
    "FF",
    "FSV",
    "TSG",
    "SpVgg",
}


def _score_at(toks, k: int) -> bool:
    """A match score ("2-1", "3–0", "1:1") as three tokens from toks[k]."""
    return (
        k >= 0
        and k + 2 < len(toks)
        and toks[k].text.isdigit()
        and len(toks[k].text) <= 2
        and toks[k + 1].text in ("-", "–", ":")
        and toks[k + 2].text.isdigit()
        and len(toks[k + 2].text) <= 2
    )


#: road numbers written as one word: motorways and national roads in kg's languages
_ROAD_PREFIXES = {"A", "B", "E", "M", "N", "S", "DK", "DW", "Rv", "Fv", "RV", "FV", "Lv"}
#: lower-case particles inside surnames (followed by a capitalised part)
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "zu", "af", "di", "da", "du", "la", "le"}
#: Conjunctions that join names in a list.
_LIST_CONJUNCTIONS = {"und", "oder", "sowie", "and", "or", "og", "eller", "och", "i", "oraz", "lub"}

#: Prepositions naming the seat inside official names: "Sąd Okręgowy w Lublinie",
#: "Universitetet i Bergen", "Statsforvalteren i Agder".
_SEAT_PREPOSITIONS = {"pl": ("w", "we"), "nb": ("i",), "sv": ("i",), "da": ("i",)}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names in Latin script from many languages (kg.kb.given_name_list)."""
    from kg.kb import given_name_list

    return given_name_list()


@lru_cache(maxsize=1)
def folded_given_names() -> frozenset[str]:
    """The given names case- and accent-folded ("wieslaw" for "Wiesław" and "Wieslaw")."""
    return frozenset(fold(n) for n in given_names())


#: Words that begin place names and are given names too ("North Yorkshire", "Lower Fenby").
_PLACE_MODIFIERS = {
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "great",
    "little",
    "new",
    "old",
    "nord",
    "süd",
    "ost",
    "ober",
    "unter",
    "groß",
    "klein",
    "neu",
    "alt",
    "sør",
    "øst",
    "vest",
    "øvre",
    "nedre",
    "stor",
    "store",
    "lille",
    "norra",
    "södra",
    "östra",
    "västra",
    "övre",
    "stora",
    "lilla",
    "nowy",
    "nowa",
    "stary",
    "stara",
    "górny",
    "dolny",
    "wielki",
    "mały",
}


@lru_cache(maxsize=100_000)
def international(word: str) -> bool:
    """Stored capitalised (a name) in the dictionaries of at least three languages."""
    found = 0
    for lang in ("en", "de", "pl", "nb", "sv"):
        try:
            lemmas = lemmatizer()
            if lemmas.is_known(word, lang) and not lemmas.is_lower_word(word, lang):
                found += 1
        except (ValueError, KeyError):
            continue
    return found >= 3


_OPEN = "\"'«„“‘‚"
_CLOSE = "\"'»“”’"


@lru_cache(maxsize=200_000)
def simplemma_lemma(word: str, lang: str) -> str:
    try:
        return lemmatizer().lemmatize(word, lang)
    except (ValueError, KeyError):
        return word


_CAPITALISED_NOUNS = {"de"}
_NORDIC = {"nb", "nn", "sv", "da"}
#: Compass words that make a region of a place in hyphenated names ("Nord-Norge", "Süd-Tirol")
_COMPASS = {
    "nord",
    "sør",
    "syd",
    "øst",
    "vest",
    "norr",
    "söder",
    "öster",
    "väster",
    "nordost",
    "süd",
    "ost",
    "west",
    "north",
    "south",
    "east",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "mittel",
    "midt",
    "mellersta",
    "północno",
    "południowo",
    "nordvest",
}
#: "and" in the five languages: joins two organisations' names only inside one name
_CONJUNCTIONS = {"and", "und", "i", "og", "och", "oraz", "&"}
_NOUN_ENDINGS = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "tät",
    "ismus",
    "ment",
    "nis",
    "tum",
    "ei",
    "chef",
    "präsident",
    "minister",
    "konzern",
    "firma",
    "zeitung",
    "sender",
)
_COMPOUNDING = {"de", "nb", "sv", "da", "nl"}
_COMPOUND_ORG_ENDINGS = (
    "ballbund",  # "Handballbund", "Fußballbund"
    "krankenkasse",
    "ersatzkasse",
    "sportbund",
    "schutzbund",
    "posten",
    "bladet",
    "avisen",
    "sparbank",
    "sparebank",
    "verft",
    "technik",
    "museum",
    "museet",
    "verband",
    "gesellschaft",
    "gruppe",
    "gruppen",
    "werke",
    "zeitung",
    "institut",
    "institutet",
    "stiftung",
    "ministerium",
    "universität",
    "agentur",
    "konzern",
    "partei",
    "partiet",
    "verket",
    "banken",
    "tidende",
    "bladet",
    "ämbetet",  # "Riksantikvarieämbetet"
    "inspektion",  # "Bundespolizeiinspektion"
    "anstalt",  # "Kreditanstalt", "Landesanstalt"
    "instituttet",  # "Havforskningsinstituttet"
    "departementet",
    "direktoratet",
    "tilsynet",
    "amt",  # "Landratsamt", "Bundesamt", "Finanzamt"
    "amts",
    "verbands",
    "instituts",
    "präsidium",
    "präsidiums",
    "zentrale",
    "verein",
    "vereins",
    "kunsthalle",
)
_DICT_LANGS = {"en", "de", "pl", "nb", "sv", "da", "nn", "fr", "es", "it", "nl", "pt", "fi", "cs"}


@lru_cache(maxsize=4)
def kb_first_words(kb: KnowledgeBase) -> frozenset[str]:
    """First four letters of the first word of every multi-word KB name."""
    out = set()
    for key in kb._index:  # noqa: SLF001 - the KB's own index
        if " " in key:
            out.add(key.split(" ", 1)[0][:4])
    return frozenset(out)


def _text(toks, i: int, j: int) -> str:
    parts = [toks[i].text]
    for k in range(i + 1, j):
        parts.append(" " if toks[k].start > toks[k - 1].end else "")
        parts.append(toks[k].text)
    return "".join(parts)


def _is_headline(sentence: Sentence, line_sentences: int, lang: str = "en") -> bool:
    """A headline in title case (English): most words capitalised, no final stop. Other
    languages write headlines in sentence case, read as sentences."""
    if lang != "en":
        return False
    words = [t for t in sentence.tokens if t.text[:1].isalpha()]
    if len(words) < 4 or line_sentences > 1:
        return False
    caps = sum(1 for t in words if t.text[:1].isupper())
    return caps / len(words) >= 0.6 and sentence.tokens[-1].text not in ".!?"


def recognise(
    text: str, sentences: list[Sentence], lang: str, kb: KnowledgeBase
) -> list[EntitySpan]:
    """Entity spans of a document, with base forms; offsets into ``text``."""
    rec = Recogniser(lang, kb)
    per_sentence: list[tuple[Sentence, list[_Span]]] = []
    lines: dict[int, int] = {}
    for s in sentences:
        line = text.count("\n", 0, s.start)
        lines[line] = lines.get(line, 0) + 1
    for s in sentences:
        line = text.count("\n", 0, s.start)
        per_sentence.append((s, rec.sentence_spans(s.tokens, _is_headline(s, lines[line], lang))))
    # Document-level pass: a surname seen in a full person name labels lone mentions.
    surnames: dict[str, str] = {}
    for s, spans in per_sentence:
        for sp in spans:
            if sp.label == "PERSON" and sp.end - sp.start >= 2:
                last = s.tokens[sp.end - 1].text
                if _genitive(s.tokens, sp.end, lang):
                    last = last[:-1]
                surnames[fold(last)] = last
    # an inflected surname in the full name ("Andrzeja Kowalczyka") names the base form too
    endings = lang_rules(lang).get("surname_case_endings", [])
    for last in list(surnames.values()):
        for ending, replacement in endings:
            if last.endswith(ending) and len(last) - len(ending) >= 3:
                stem = last[: len(last) - len(ending)] + replacement
                surnames.setdefault(fold(stem), stem)
                break
    full_names = {
        tuple(fold(t.text) for t in s.tokens[sp.start : sp.end])
        for s, spans in per_sentence
        for sp in spans
        if sp.label == "PERSON" and 2 <= sp.end - sp.start <= 4
    }
    ordered_names = sorted(full_names, key=lambda n: (-len(n), n))
    per_sentence = [
        (s, _propagate(s.tokens, spans, surnames, ordered_names, lang)) for s, spans in per_sentence
    ]
    short = _short_org_names(per_sentence, rec)
    if short:
        per_sentence = [(s, _short_orgs(s.tokens, spans, short)) for s, spans in per_sentence]
    if _match_report(per_sentence):
        _towns_as_teams(per_sentence, rec)
    out: list[EntitySpan] = []
    for s, spans in per_sentence:
        for sp in spans:
            begin, finish = sp.chars or (s.tokens[sp.start].start, s.tokens[sp.end - 1].end)
            base = None
            colon_s = sp.chars is None and _colon_genitive(s.tokens, sp.end, lang)
            if colon_s:  # Swedish genitive of an acronym or number: "SSAB:s", "EU:s"
                base = text[begin:finish]
                finish = s.tokens[sp.end + 1].end
            surface = text[begin:finish]
            genitive = sp.chars is None and _genitive(s.tokens, sp.end, lang)
            label = sp.label
            key = fold(surface)
            if sp.end - sp.start == 1 and label in ("PERSON", "MISC", "PLACE") and sp.score <= 0.7:
                stripped = _surname_stem(surface, lang, surnames)
                if key in surnames:
                    label = "PERSON"
                elif stripped:
                    label, base = "PERSON", stripped
                elif label == "MISC" and sp.score < 0.45:
                    continue
            if label == "PERSON" and base is None:
                base = base_form(surface, lang, "PERSON")
                stripped = _genitive_stem(surface, lang)
                if stripped and (genitive or fold(stripped.split()[-1]) in surnames):
                    base = stripped
            elif base is None and label in ("PLACE", "ORG"):
                base = kb_base(kb.lookup(surface, lang), surface, lang)
            out.append(EntitySpan(begin, finish, label, surface, base or surface, sp.score))
    return out


def _short_org_names(per_sentence, rec: Recogniser) -> set[str]:
    """First words of organisations named in full in the document that may name them alone
    later ("Corrib Generics" ... "Corrib said"): no word, acronym or known place, no part of
    a person's name there and never after "in" there."""
    persons, short, placed = set(), set(), set()
    for s, spans in per_sentence:
        toks = s.tokens
        placed.update(
            fold(toks[k].text)
            for k in range(1, len(toks))
            if toks[k - 1].text in _IN_PLACE
            and not (k + 1 < len(toks) and _cap(toks[k + 1]))  # "shares in Corrib Generics"
        )
        for sp in spans:
            if sp.chars is not None:
                continue
            word = s.tokens[sp.start].text
            if sp.label == "PERSON":
                persons.update(fold(t.text) for t in s.tokens[sp.start : sp.end])
            elif sp.label == "ORG" and sp.end - sp.start >= 2:
                if not (word.isalpha() and word[:1].isupper() and not word.isupper()):
                    continue
                if rec.common(word) or lemmatizer_lower_word(word, rec.lang):
                    continue
                if word.casefold() in _CLUB_DESIGNATORS or word in _ARTICLES:
                    continue
                if rec.kb.lookup(word, rec.lang) is None:
                    short.add(fold(word))
    return short - persons - placed  # "i Bærum": a place somewhere in the article


def _short_orgs(toks, spans: list[_Span], short: set[str]) -> list[_Span]:
    """Label lone mentions of an organisation's first word as the organisation."""
    covered = {k for sp in spans for k in range(sp.start, sp.end)}
    for sp in spans:
        if (
            sp.end - sp.start == 1
            and sp.chars is None
            and sp.label in ("PLACE", "MISC")
            and sp.score <= 0.7
            and fold(toks[sp.start].text) in short
        ):
            sp.label = "ORG"
    added = [
        _Span(k, k + 1, "ORG", 0.5)
        for k, t in enumerate(toks)
        if k not in covered
        and fold(t.text) in short
        and _cap(t)
        and not (k + 1 < len(toks) and _cap(toks[k + 1]))
    ]
    return sorted(spans + added, key=lambda sp: sp.start) if added else spans


def _propagate(
    toks, spans: list[_Span], surnames: dict[str, str], names: list[tuple[str, ...]], lang: str
) -> list[_Span]:
    """Add persons named in full elsewhere in the document where the sentence rules dropped
    them: the full name (headlines) or the surname alone, inflected or not (sentence-initial
    "Wierzbicki podkreślił", "Mlakara")."""
    if not surnames:
        return spans
    covered = {k for sp in spans for k in range(sp.start, sp.end)}
    added = []
    k = 0
    while k < len(toks):
        if k in covered or not _cap(toks[k]):
            k += 1
            continue
        for name in names:
            end = k + len(name)
            if (
                end <= len(toks)
                and not covered & set(range(k, end))
                and tuple(fold(t.text) for t in toks[k:end]) == name
            ):
                added.append(_Span(k, end, "PERSON", 0.6))
                k = end
                break
        else:
            if fold(toks[k].text) in surnames or _surname_stem(toks[k].text, lang, surnames):
                added.append(_Span(k, k + 1, "PERSON", 0.45))
            k += 1
    return sorted(spans + added, key=lambda sp: sp.start) if added else spans


def kb_base(entry, surface: str, lang: str) -> str:
    """The base form of a KB-linked surface: itself when it is a name, else the KB name."""
    if entry is None:
        return surface
    known = (
        {fold(n) for _l, n in entry.names}
        | {fold(entry.name)}
        | {fold(a) for _l, a in entry.acronyms}
    )
    if fold(surface) in known:
        return surface
    in_lang = [n for _l, n in entry.names if _l == lang]
    return in_lang[0] if in_lang else entry.name


def _genitive(toks, end: int, lang: str) -> bool:
    """Nordic/German genitive: 'Putins statsbesøk' (name + s, then a lower-case noun)."""
    if lang not in ("nb", "sv", "de", "da") or end >= len(toks) or end == 0:
        return False
    name, nxt = toks[end - 1].text, toks[end].text
    return name.endswith("s") and len(name) > 3 and nxt[:1].islower() and nxt.isalpha()


def _surname_stem(word: str, lang: str, surnames: dict[str, str]) -> str | None:
    """The surname of a person named in full that ``word`` inflects ("Mlakara" -> "Mlakar")."""
    stem = _genitive_stem(word, lang)
    if stem and fold(stem) in surnames:
        return stem
    for ending, replacement in lang_rules(lang).get("surname_case_endings", []):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            candidate = word[: len(word) - len(ending)] + replacement
            if fold(candidate) in surnames:
                return surnames[fold(candidate)]
    return None


def _genitive_stem(surface: str, lang: str) -> str | None:
    if lang in ("nb", "sv", "de", "da") and surface.endswith("s") and len(surface) > 4:
        return surface[:-1]
    return None
