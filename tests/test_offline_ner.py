"""The offline backend on sentences written for these tests (not the sample corpus)."""

from __future__ import annotations

import time

import pytest

from kg.model import Document
from kg.nlp.offline.backend import OfflineBackend
from kg.nlp.offline.tokenize import tokenize

BACKEND = OfflineBackend()

# (language, text, expected (surface, class) mentions) -- each text written for this test.
CASES = [
    (
        "en",
        "French President Claire Dumont arrived in Madrid on Monday and met Spanish Prime "
        "Minister Pablo Ortega. Dumont said France and Spain would work with the European "
        "Union.",
        {
            ("Claire Dumont", "PERSON"),
            ("Madrid", "PLACE"),
            ("Pablo Ortega", "PERSON"),
            ("Dumont", "PERSON"),
            ("France", "PLACE"),
            ("Spain", "PLACE"),
            ("European Union", "ORG"),
        },
    ),
    (
        "de",
        "Die Regierung hat am Montag die Vereinbarung unterzeichnet. Bundeskanzlerin Petra "
        "Vogel reiste danach nach Prag, wo sie den tschechischen Präsidenten Tomáš Novák "
        "traf. Vogel lobte die Zusammenarbeit mit Tschechien.",
        {
            ("Petra Vogel", "PERSON"),
            ("Prag", "PLACE"),
            ("Tomáš Novák", "PERSON"),
            ("Vogel", "PERSON"),
            ("Tschechien", "PLACE"),
        },
    ),
    (
        "pl",
        "Premier Węgier Gábor Szabó przyjechał w piątek do Warszawy. W stolicy Polski "
        "spotkał się z prezydentem Andrzejem Malinowskim. Rozmawiano o Unii Europejskiej i "
        "o sytuacji na Ukrainie.",
        {
            ("Węgier", "PLACE"),
            ("Gábor Szabó", "PERSON"),
            ("Warszawy", "PLACE"),
            ("Polski", "PLACE"),
            ("Andrzejem Malinowskim", "PERSON"),
            ("Unii Europejskiej", "ORG"),
            ("Ukrainie", "PLACE"),
        },
    ),
    (
        "nb",
        "Finlands statsminister Mikko Lahtinen besøkte Tromsø fredag. Lahtinens besøk "
        "handlet om samarbeid i Arktis, og han møtte utenriksminister Siri Dahl fra Norge.",
        {
            ("Finlands", "PLACE"),
            ("Mikko Lahtinen", "PERSON"),
            ("Tromsø", "PLACE"),
            ("Lahtinens", "PERSON"),
            ("Siri Dahl", "PERSON"),
            ("Norge", "PLACE"),
        },
    ),
    (
        "sv",
        "Danmarks statsminister Mette Holm besökte Göteborg i går. Hon träffade "
        "utrikesminister Anders Berg och talade om Nato och Östersjön.",
        {
            ("Danmarks", "PLACE"),
            ("Mette Holm", "PERSON"),
            ("Göteborg", "PLACE"),
            ("Anders Berg", "PERSON"),
            ("Nato", "ORG"),
            ("Östersjön", "PLACE"),
        },
    ),
]


def _mentions(lang: str, text: str) -> set[tuple[str, str]]:
    doc = Document(id="t", text=text, source="t", content_hash="0", lang=lang)
    adoc = BACKEND.annotate(doc, lang)
    for e in adoc.entities:
        assert text[e.start : e.end] == e.text
    return {(e.text, e.label) for e in adoc.entities if e.label != "MISC"}


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_mentions_per_language(lang, text, expected):
    found = _mentions(lang, text)
    tp = len(found & expected)
    precision = tp / len(found) if found else 0
    recall = tp / len(expected)
    assert precision >= 0.8 and recall >= 0.8, (sorted(found - expected), sorted(expected - found))


def test_german_capitalised_nouns_are_not_entities():
    assert _mentions("de", "Die Regierung hat am Montag die Vereinbarung unterzeichnet.") == set()
    assert _mentions("de", "Der Strommangel trifft die Industrie und den Mittelstand.") == set()


def test_base_forms_strip_inflection():
    text = "Wizyta Władimira Putina w Kazachstanie i w Astanie."
    doc = Document(id="t", text=text, source="t", content_hash="0", lang="pl")
    bases = {e.text: e.base for e in BACKEND.annotate(doc, "pl").entities}
    assert bases["Władimira Putina"] == "Władimir Putin"
    assert bases["Kazachstanie"] == "Kazachstan"
    assert bases["Astanie"] == "Astana"


def test_tokenizer_keeps_offsets_and_splits_sentences():
    text = "Dr. J. R. Smith met Kassym-Jomart Tokayev on Nov. 28. The talks lasted 1,5 hours."
    sentences = tokenize(text, "en")
    assert len(sentences) == 2
    words = [t.text for t in sentences[0].tokens]
    assert "Kassym-Jomart" in words and "1,5" in [t.text for t in sentences[1].tokens]
    for s in sentences:
        for t in s.tokens:
            assert text[t.start : t.end] == t.text
    de = tokenize("Am 28. November reiste er nach Astana. Danach ging er.", "de")
    assert len(de) == 2


def test_offline_backend_speed():
    text = " ".join(c[1] for c in CASES) + "\n"
    doc = Document(id="t", text=text * 40, source="t", content_hash="0", lang="en")
    BACKEND.annotate(doc, "en")  # warm caches
    started = time.perf_counter()
    adoc = BACKEND.annotate(doc, "en")
    tokens = sum(len(s.tokens) for s in adoc.sentences)
    rate = tokens / (time.perf_counter() - started)
    assert rate > 5_000, rate  # a generous floor; bench/ measures the real figure


def test_first_name_that_is_also_a_city_starts_a_genitive_person_name():
    """'Vladimir' is a Russian city, but before a capitalised genitive it is a first name."""
    found = _mentions("nb", "Vladimir Petrovs statsbesøk til Bergen ble kort. Petrov reiste hjem.")
    assert ("Vladimir Petrovs", "PERSON") in found
    assert ("Vladimir", "PLACE") not in found


def test_organisation_runs_and_one_word_authorities():
    found = _mentions(
        "sv",
        "Affären måste godkännas av Konkurrensverket. Spelutvecklaren Frostfjord Studios "
        "säljs till ett amerikanskt bolag.",
    )
    assert ("Konkurrensverket", "ORG") in found
    assert ("Frostfjord Studios", "ORG") in found
    found = _mentions("pl", "Badania prowadzi zespół Polskiej Grupy Zbrojeniowej z Radomia.")
    assert ("Polskiej Grupy Zbrojeniowej", "ORG") in found


PER, ORG, LOC = "PERSON", "ORG", "PLACE"

# (rule, language, text, mentions that must be found, mentions that must not) -- each text
# written for this test, with names made up or general.
RULE_CASES = [
    (
        "given name, German dictionary",
        "de",
        "Der Verein entließ den Sportdirektor Jens Hartwig am Montag.",
        {("Jens Hartwig", PER)},
        set(),
    ),
    (
        "given name, no country adjective",
        "pl",
        "Wystawę otworzyła Ewa Dąbrowska z Gdańska.",
        {("Ewa Dąbrowska", PER)},
        set(),
    ),
    (
        "given name after a descriptor",
        "sv",
        "Bolagets jurist, advokaten Tobias Lind, vill inte kommentera.",
        {("Tobias Lind", PER)},
        set(),
    ),
    (
        "acronym before a full name",
        "pl",
        "Akcją kierował naczelnik GOPR Tomasz Wierzbicki z Krynicy.",
        {("GOPR", ORG), ("Tomasz Wierzbicki", PER)},
        set(),
    ),
    (
        "names that cannot be persons",
        "en",
        "Shares fell on the Madrid Stock Exchange while farmers in South Fernshire waited.",
        {("Madrid Stock Exchange", ORG), ("South Fernshire", LOC)},
        set(),
    ),
    (
        "title-case headline",
        "en",
        "Brenford Council Rejects Ambitious Harbour Plan After Long Debate\nThe plan failed.",
        {("Brenford Council", ORG)},
        {("Brenford Council Rejects Ambitious Harbour Plan After Long Debate", ORG)},
    ),
    (
        "ampersand firm",
        "sv",
        "Uppdraget gick till advokatbyrån Lindqvist & Berg i fjol.",
        {("Lindqvist & Berg", ORG)},
        set(),
    ),
    (
        "genitive name before a noun",
        "de",
        "Trainer Jonas Weber verlängerte. Webers Vertrag läuft bis 2028.",
        {("Jonas Weber", PER)},
        {("Webers Vertrag", PER)},
    ),
    (
        "seat after a generic word only",
        "sv",
        "Utställningen visas på Strandviksmuseet i Umeå och på Universitetet i Lund.",
        {("Universitetet i Lund", ORG)},
        {("Strandviksmuseet i Umeå", ORG)},
    ),
    (
        "compound ending in a cue word",
        "sv",
        "Maskinbolaget Stålverk köps av en tysk koncern.",
        {("Stålverk", ORG)},
        set(),
    ),
    (
        "German place-name ending",
        "de",
        "Die Linie fährt künftig zwischen Wellersdorf und dem Hafen.",
        {("Wellersdorf", LOC)},
        set(),
    ),
    (
        "Polish surnames in case",
        "pl",
        "Sąd skazał Andrzeja Kowalczyka na trzy lata. Kowalczyk się odwoła. "
        "Z Kowalczykiem rozmawiał też Paweł Zawadzki. Z Zawadzkim spotkał się prezes.",
        {("Kowalczyk", PER), ("Kowalczykiem", PER), ("Zawadzkim", PER)},
        set(),
    ),
    (
        "possessives inside names",
        "en",
        "The Data Commissioner's Office fined the firm. Members of the National Growers' "
        "Union and of Rowing Ireland met in Cork.",
        {
            ("Data Commissioner's Office", ORG),
            ("National Growers' Union", ORG),
            ("Rowing Ireland", ORG),
            ("Cork", LOC),
        },
        set(),
    ),
    (
        "title before a possessive",
        "en",
        "A report by the King's Fund was out.",
        {("King's Fund", ORG)},
        set(),
    ),
    (
        "Nordic name and noun",
        "nb",
        "Toget stoppet ved Lillevik stasjon, og Statens vegvesen varslet trafikantene.",
        {("Lillevik stasjon", LOC), ("Statens vegvesen", ORG)},
        set(),
    ),
    (
        "Nordic name and noun, initial preposition",
        "sv",
        "Enligt Dagens industri vill Malmö stad sälja marken.",
        {("Dagens industri", ORG), ("Malmö stad", ORG)},
        set(),
    ),
    (
        "German authorities, nouns before names",
        "de",
        "Das Landeskriminalamt Sachsen ermittelt. Die Doktoranden der Universität Jena "
        "protestieren. Erfurts Bürgermeister Jonas Kielmann schweigt.",
        {("Landeskriminalamt Sachsen", ORG), ("Universität Jena", ORG), ("Jonas Kielmann", PER)},
        set(),
    ),
    (
        "Polish organisation then a person",
        "pl",
        "Zdaniem prezesa Banku Pomorskiego Paweł Orzechowski ma rację. Raport przygotował "
        "WWF Polska. Czech Tomasz Dvořák wygrał. Krajowa Administracja Skarbowa wykryła.",
        {
            ("Banku Pomorskiego", ORG),
            ("Paweł Orzechowski", PER),
            ("WWF Polska", ORG),
            ("Tomasz Dvořák", PER),
            ("Krajowa Administracja Skarbowa", ORG),
        },
        set(),
    ),
    (
        "teams beside a score, prefixed surnames",
        "en",
        "Rosenborg 3-0 Viking, said head coach Ewan McTavish on Sunday.",
        {("Rosenborg", ORG), ("Viking", ORG), ("Ewan McTavish", PER)},
        set(),
    ),
    (
        "club designators",
        "nb",
        "Kampen mellom Hareid IL og Ulstein IL endte uavgjort.",
        {("Hareid IL", ORG), ("Ulstein IL", ORG)},
        set(),
    ),
    (
        "hyphenated descriptor",
        "de",
        "Er bringt seinen Co-Trainer Lars Pohlmeyer mit.",
        {("Lars Pohlmeyer", PER)},
        set(),
    ),
    (
        "given name without diacritics in the list",
        "pl",
        "Prezes klubu Wiesław Kąkol mówił.",
        {("Wiesław Kąkol", PER)},
        set(),
    ),
    (
        "Nordic authority at sentence start",
        "nb",
        "Kulturdepartementet har gitt støtte til festivalen.",
        {("Kulturdepartementet", ORG)},
        set(),
    ),
    (
        "Polish places in case",
        "pl",
        "Wystawa trafi do Nowego Jorku, a potem do Nowego Targu.",
        {("Nowego Jorku", LOC), ("Nowego Targu", LOC)},
        set(),
    ),
    (
        "city before a person",
        "pl",
        "Obraz kupił kolekcjoner z Genewy Laurent Vuilleumier.",
        {("Genewy", LOC), ("Laurent Vuilleumier", PER)},
        set(),
    ),
    (
        "towns in a list",
        "pl",
        "Kibice z Gdyni i Słupska stali wzdłuż trasy.",
        {("Gdyni", LOC), ("Słupska", LOC)},
        set(),
    ),
    (
        "German names: street, town adjective, capitalised adjective, authority and place",
        "de",
        "Die Bahn fährt über die Kumpfmühler Straße. Die Regensburger Verkehrsgesellschaft "
        "plant mehr, schreibt die Mittelbayerische Zeitung. Die Polizeidirektion Oldenburg "
        "ermittelt.",
        {
            ("Kumpfmühler Straße", LOC),
            ("Regensburger Verkehrsgesellschaft", ORG),
            ("Mittelbayerische Zeitung", ORG),
            ("Polizeidirektion Oldenburg", ORG),
        },
        set(),
    ),
    (
        "events and prizes are no organisations; 'Port of'; no adjective of Portugal",
        "en",
        "Ships waited at the Port of Kestermouth before the World Rapid Championship.",
        {("Port of Kestermouth", LOC)},
        {("World Rapid Championship", ORG), ("of Kestermouth", ORG)},
    ),
    (
        "a club or town, then a full name",
        "pl",
        "Trener Industrii Paweł Gawlik i prezes Gwardii Marek Sroka rozmawiali z Janem Marią "
        "Rokitą.",
        {("Paweł Gawlik", PER), ("Marek Sroka", PER)},
        {("Industrii Paweł Gawlik", ORG), ("Gwardii Marek Sroka", ORG)},
    ),
    (
        "a title word before an organisation word is part of the name",
        "en",
        "Patients at Marshfield General Hospital waited. General Anna Kowalski spoke.",
        {("Marshfield General Hospital", ORG), ("Anna Kowalski", PER)},
        set(),
    ),
    (
        "Nordic one-word councils and associations",
        "sv",
        "Hon ska söka pengar från Kulturrådet och Naturskyddsföreningen.",
        {("Kulturrådet", ORG), ("Naturskyddsföreningen", ORG)},
        set(),
    ),
    (
        "genitive city before a title, federal authority",
        "de",
        "Oldenburgs Oberbürgermeisterin Anke Sielmann lobte die Bundespolizei.",
        {("Oldenburgs", LOC), ("Anke Sielmann", PER), ("Bundespolizei", ORG)},
        set(),
    ),
    (
        "road numbers, small towns of the home countries",
        "de",
        "Auf der A1 bei Bad Oldesloe und der B75 staute sich der Verkehr bis nach Reinfeld.",
        {("A1", LOC), ("B75", LOC), ("Bad Oldesloe", LOC), ("Reinfeld", LOC)},
        set(),
    ),
    (
        "surname particle, title noun before a full name",
        "de",
        "Kreisbaurätin Margarete von Hohenstein widersprach dem Stadtkämmerer Uwe Brandis.",
        {("Margarete von Hohenstein", PER), ("Uwe Brandis", PER)},
        {("Kreisbaurätin Margarete", PER), ("Hohenstein", LOC)},
    ),
    (
        "club acronym and city, club after a descriptor, venue",
        "de",
        "Der Drittligist SV Sandhausen verlor im Hardtwaldstadion, der VfR Aalen gewann.",
        {("SV Sandhausen", ORG), ("VfR Aalen", ORG)},
        {("Drittligist SV Sandhausen", ORG)},
    ),
    (
        "genitive city after a noun",
        "de",
        "Die Ringbahn Augsburgs wird teurer als geplant.",
        {("Augsburgs", LOC)},
        {("Ringbahn Augsburgs", ORG)},
    ),
    (
        "Polish im., plural noun opening a sentence, two-word seat",
        "pl",
        "Strażacy Państwowej Straży Pożarnej w Nowym Sączu gasili pożar w Szkole Podstawowej"
        " im. Marii Konopnickiej.",
        {
            ("Państwowej Straży Pożarnej w Nowym Sączu", ORG),
            ("Szkole Podstawowej im. Marii Konopnickiej", ORG),
        },
        {("Strażacy Państwowej Straży Pożarnej w Nowym Sączu", ORG)},
    ),
    (
        "Polish company names from word parts, towns in case",
        "pl",
        "Budpol przejął Rolmex, a magazyny w Gnieźnie i Lesznie wynajął Transbud.",
        {("Rolmex", ORG), ("Budpol", ORG), ("Transbud", ORG), ("Gnieźnie", LOC), ("Lesznie", LOC)},
        set(),
    ),
    (
        "German authorities: truncated compound, region, genitive -amts, St.",
        "de",
        "Laut dem Institut für Gewässer- und Bodenkunde meldete das Polizeipräsidium"
        " Nordhessen einen Brand am Klinikum St. Georg; das Finanzamts-Gutachten fehlt.",
        {
            ("Institut für Gewässer- und Bodenkunde", ORG),
            ("Polizeipräsidium Nordhessen", ORG),
            ("Klinikum St. Georg", ORG),
        },
        set(),
    ),
    (
        "Swedish colon genitive, two bodies joined by och, regional authority, court",
        "sv",
        "Enligt NCC:s vd betalar Kulturrådet och Region Uppsala, men Hovrätten för"
        " Nedre Norrland har sista ordet.",
        {
            ("NCC:s", ORG),
            ("Kulturrådet", ORG),
            ("Region Uppsala", ORG),
            ("Hovrätten för Nedre Norrland", ORG),
        },
        {("Kulturrådet och Region Uppsala", ORG)},
    ),
    (
        "English: and inside an official name, possessive school, two bodies, headland",
        "en",
        "The Gambling and Lotteries Commission wrote to St Brigid's Grammar School, the"
        " University of Leeds and Heritage Yorkshire, near Dunnet Ness.",
        {
            ("Gambling and Lotteries Commission", ORG),
            ("St Brigid's Grammar School", ORG),
            ("University of Leeds", ORG),
            ("Dunnet Ness", LOC),
        },
        {("University of Leeds and Heritage Yorkshire", ORG)},
    ),
    (
        "Norwegian names with lower-case words, somebody's company",
        "nb",
        "Midler fra Norges forskningsråd går til Norsk senter for havbruk og Statens"
        " naturoppsyn, mens Bergen-Hauges plateselskap taper.",
        {
            ("Norges forskningsråd", ORG),
            ("Norsk senter for havbruk", ORG),
            ("Statens naturoppsyn", ORG),
        },
        {("Bergen-Hauges plateselskap", ORG)},
    ),
    (
        "German: chamber with a truncated compound, inspectorate of a village, firm named"
        " like a town, a state's ministry",
        "de",
        "Die Industrie- und Handelskammer Chemnitz, die Bundespolizeiinspektion Ebersdorf"
        " und Lindenbach Antriebstechnik widersprachen; Thüringens Umweltministerium schwieg.",
        {
            ("Industrie- und Handelskammer Chemnitz", ORG),
            ("Bundespolizeiinspektion Ebersdorf", ORG),
            ("Lindenbach Antriebstechnik", ORG),
            ("Thüringens", LOC),
        },
        {("Thüringens Umweltministerium", ORG)},
    ),
    (
        "match report: towns named on their own are their clubs, an address stays a place",
        "en",
        "Dundee beat Livingston 3-1 on Saturday. Fans travelled from Livingston, and Falkirk"
        " drew 0-0 with Dundee.",
        {("Dundee", ORG), ("Livingston", ORG), ("Falkirk", ORG), ("Livingston", LOC)},
        set(),
    ),
    (
        "Polish streets after their kind word, clubs with their town in a match report",
        "pl",
        "Kibice spotkali się przy ulicy Słonecznej i na placu Kościuszki. Wisłą Kraków"
        " przegrała z Pogonią Szczecin 1:2, a Zagłębie Lubin zremisowało 0:0.",
        {
            ("Słonecznej", LOC),
            ("Kościuszki", LOC),
            ("Pogonią Szczecin", ORG),
            ("Zagłębie Lubin", ORG),
        },
        set(),
    ),
    (
        "German: district and village after their kind word, court with a numeral, -anstalt,"
        " a town's adjective in a firm's name",
        "de",
        "Die Rosenfelder Messtechnik GmbH aus der Gemeinde Wendelsheim im Landkreis Freising"
        " verklagte die Landesanstalt für Medien vor dem Landgericht Berlin II.",
        {
            ("Rosenfelder Messtechnik GmbH", ORG),
            ("Wendelsheim", LOC),
            ("Landkreis Freising", LOC),
            ("Landesanstalt für Medien", ORG),
            ("Landgericht Berlin II", ORG),
        },
        set(),
    ),
    (
        "Swedish: two bodies after a complete name, adjective + definite head, seat kept",
        "sv",
        "Pengar från Vetenskapsrådet och Svenska Läkaresällskapet går till Karolinska"
        " universitetssjukhuset.",
        {("Vetenskapsrådet", ORG), ("Karolinska universitetssjukhuset", ORG)},
        {("Vetenskapsrådet och Svenska Läkaresällskapet", ORG)},
    ),
    (
        "a country's capital is no organisation",
        "sv",
        "Delegationen reste vidare till Estlands huvudstad på tisdagen.",
        {("Estlands", LOC)},
        {("Estlands huvudstad", ORG)},
    ),
    (
        "arena after a name, hockey club",
        "sv",
        "Brynäs IF mötte Skellefteå AIK inför fullsatt publik i Gavlerinken Arena.",
        {("Brynäs IF", ORG), ("Skellefteå AIK", ORG), ("Gavlerinken Arena", LOC)},
        set(),
    ),
    (
        "English: named storms, post-nominals, judge, kinds of place before 'of'",
        "en",
        "As Storm Ilsa flooded the village of Nether Wyke, Judge Martin Crowe heard Anna"
        " Pryce KC at the Old Granary Hall.",
        {("Martin Crowe", PER), ("Anna Pryce", PER), ("Nether Wyke", LOC)},
        {("Storm Ilsa", PER), ("Anna Pryce KC", PER), ("KC", ORG), ("Judge Martin Crowe", PER)},
    ),
    (
        "English: a surname that is a place noun stays a person",
        "en",
        "Later Stuart Hall walked through Victoria Park with Alice Green.",
        {("Stuart Hall", PER), ("Victoria Park", LOC), ("Alice Green", PER)},
        set(),
    ),
    (
        "Polish: a suspect named by an initial",
        "pl",
        "Prokuratura postawiła zarzuty Tomaszowi R. oraz Agnieszce L.",
        {("Tomaszowi R.", PER), ("Agnieszce L.", PER)},
        set(),
    ),
    (
        "German: hyphenated halls and bridges, a town's adjective and a field",
        "de",
        "Das Derby in der Hans-Albers-Halle begann nach dem Umbau der Karl-Tamm-Brücke"
        " am Lindauer Feld. Der Deutsche Handballbund war zufrieden.",
        {
            ("Hans-Albers-Halle", LOC),
            ("Karl-Tamm-Brücke", LOC),
            ("Lindauer Feld", LOC),
            ("Deutsche Handballbund", ORG),
        },
        set(),
    ),
    (
        "truncated compounds joined to an organisation noun, a national body",
        "nb",
        "Saken ligger hos Landbruks- og matdepartementet, sier Den norske legeforening.",
        {("Landbruks- og matdepartementet", ORG), ("Den norske legeforening", ORG)},
        set(),
    ),
    (
        "Swedish: county board with 'län', two-place region, genitive of a KB name, particles",
        "sv",
        "Länsstyrelsen i Västernorrlands län och Region Jämtland Härjedalen svarade"
        " Europeiska kommissionens ordförande. Von der Leyen var nöjd.",
        {
            ("Länsstyrelsen i Västernorrlands län", ORG),
            ("Region Jämtland Härjedalen", ORG),
            ("Europeiska kommissionens", ORG),
            ("Von der Leyen", PER),
        },
        {("Den franska", ORG)},
    ),
    (
        "Swedish: a description after an article and adjective is no name",
        "sv",
        "Den franska hotellkoncernen köper Hotell Norrsken i Kiruna.",
        set(),
        {("Den franska hotellkoncernen", ORG)},
    ),
    (
        "KB: a German noun is no newspaper, a word spelt otherwise is no river, a generic noun",
        "de",
        "Das Bild zeigt die Nähe des Museums zum Rhein. Das Museum zur Geschichte Sachsens öffnet.",
        {("Rhein", LOC), ("Museum zur Geschichte Sachsens", ORG)},
        {("Bild", ORG), ("Nähe", LOC), ("Museums zum Rhein", ORG)},
    ),
    (
        "KB: a town is not hidden by a company of its name; a surname after a given name",
        "en",
        "Flooding closed roads in Halifax, said councillor Ingrid Reitan.",
        {("Halifax", LOC), ("Ingrid Reitan", PER)},
        {("Halifax", ORG), ("Reitan", ORG)},
    ),
    (
        "KB: a national branch, a club with its town, a river after its preposition",
        "pl",
        "Raport przygotował Greenpeace Polska, a Lech Poznań pokonał Wisłę Kraków nad Wartą.",
        {("Greenpeace Polska", ORG), ("Lech Poznań", ORG), ("Wisłę Kraków", ORG)},
        set(),
    ),
    (
        "KB: a name longer than the known one, an event after a known place",
        "en",
        "Readers of Nature Ecology & Evolution sailed in the Solent Autumn Cup.",
        {("Nature Ecology & Evolution", ORG)},
        {("Nature", ORG), ("Solent", LOC)},
    ),
    (
        "Polish: villages named by an adjective, voivodeships in lower case, dative names",
        "pl",
        "Mieszkańcy Starej Wsi w województwie lubelskim podziękowali Ewie Kowalczyk i"
        " Zbigniewowi Nowakowi w Myślenicach.",
        {
            ("Starej Wsi", LOC),
            ("województwie lubelskim", LOC),
            ("Ewie Kowalczyk", PER),
            ("Zbigniewowi Nowakowi", PER),
            ("Myślenicach", LOC),
        },
        set(),
    ),
    (
        "German: 'X an der Y' towns, a capitalised adjective opens a name, Freistaat",
        "de",
        "Der Deutsche Alpenverein tagte in Frankfurt an der Oder und im Freistaat Sachsen.",
        {
            ("Deutsche Alpenverein", ORG),
            ("Frankfurt an der Oder", LOC),
            ("Freistaat Sachsen", LOC),
        },
        set(),
    ),
    (
        "an organisation's first word names it alone later; a county; a place after 'in'",
        "en",
        "Shares in Brindlecote Biologics fell in Lancashire. Brindlecote said it would appeal."
        " Staff in Harwick Council met in Harwick.",
        {
            ("Brindlecote Biologics", ORG),
            ("Brindlecote", ORG),
            ("Lancashire", LOC),
            ("Harwick Council", ORG),
        },
        {("Harwick", ORG)},
    ),
    (
        "two given names open a sentence, a particle before an organisation ends a person",
        "nb",
        "Per Olav Lunde leder styret. Kari Albrecht von der Hochschule kom også.",
        {("Per Olav Lunde", PER)},
        {("Olav Lunde", PER)},
    ),
    (
        "Polish: a sentence-initial verb, a numbered school, a man's name in the locative",
        "pl",
        "Współpracujemy z Powiatowym Urzędem Pracy. Dyrektor Szkoły Podstawowej nr 5"
        " opowiedział o Marcinie Kowalskim.",
        {("Szkoły Podstawowej nr 5", ORG), ("Marcinie Kowalskim", PER)},
        {("Współpracujemy z Powiatowym Urzędem Pracy", ORG)},
    ),
    (
        "Norwegian: a one-word institute opens a sentence, two known bodies joined by 'og'",
        "nb",
        "Havforskningsinstituttet anbefaler kutt, sier Bergen Filharmoniske Orkester og Den"
        " Nationale Scene.",
        {
            ("Havforskningsinstituttet", ORG),
            ("Bergen Filharmoniske Orkester", ORG),
            ("Den Nationale Scene", ORG),
        },
        set(),
    ),
    (
        "English: a town as a team in British usage",
        "en",
        "Spennymoor are through to the next round after a win at home.",
        {("Spennymoor", ORG)},
        {("Spennymoor", LOC)},
    ),
    (
        "German: a describing noun before a name, a two-word street",
        "de",
        "Die Gewerkschaft Verdi und der Energiekonzern LEAG trafen sich an der Wiedner"
        " Hauptstraße.",
        {("Verdi", ORG), ("LEAG", ORG), ("Wiedner Hauptstraße", LOC)},
        {("Gewerkschaft Verdi", ORG), ("Wiedner Hauptstraße", PER)},
    ),
    (
        "English: a country's name as a given name, a firm named by an acronym and a name,"
        " a club with its nickname in a match report",
        "en",
        "Jordan Okafor-Reyes joined DLA Piper. Belfast beat Cardiff Devils 4-2 and Dundee 3-1.",
        {
            ("Jordan Okafor-Reyes", PER),
            ("DLA Piper", ORG),
            ("Cardiff Devils", ORG),
        },
        {("Jordan", LOC)},
    ),
]


@pytest.mark.parametrize(
    ("rule", "lang", "text", "present", "absent"), RULE_CASES, ids=[c[0] for c in RULE_CASES]
)
def test_rule(rule, lang, text, present, absent):
    found = _mentions(lang, text)
    assert present <= found, (rule, sorted(present - found), sorted(found))
    assert not absent & found, (rule, sorted(absent & found))


def test_sentence_case_headline_is_read_as_a_sentence():
    text = "Ras ved Grønnestrand stenger veien\nEt ras ved Grønnestrand stengte veien i natt."
    found = {
        (e.text, e.label)
        for e in BACKEND.annotate(
            Document(id="t", text=text, source="t", content_hash="0", lang="nb"), "nb"
        ).entities
    }
    assert found == {("Grønnestrand", "PLACE")}
