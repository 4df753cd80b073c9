"""A deterministic, realistic-looking directory for benchmarks.

`generate(engine, sizes, seed)` fills a migrated, empty Atlas database with topics, actors
(states, people, ministries, organisations, NGOs, networks, companies), initiatives with parents,
events, participations with roles and evidence, affiliations, documents whose text states those
participations, and the mentions of the actors, initiatives and events in them.

The same seed always gives the same rows. Rows are written with SQLAlchemy Core bulk inserts
(executemany) in one transaction and with explicit ids, so that relations can point at rows
without reading them back; on PostgreSQL the id sequences are moved past the inserted ids.

Run it alone to fill a database: `python bench/generate.py sqlite:///bench.db --quick`
(the database must already be migrated: `atlas db upgrade`).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

import sqlalchemy as sa
from babel import Locale
from sqlalchemy.engine import Connection, Engine

from atlas.models import (
    Actor,
    ActorTopic,
    Affiliation,
    Document,
    DocumentTopic,
    Event,
    Initiative,
    InitiativeTopic,
    Mention,
    Participation,
    Topic,
)
from atlas.texts import slugify

BATCH_SIZE = 5_000
CREATED = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind to make."""

    actors: int = 10_000
    initiatives: int = 2_000
    participations: int = 50_000
    documents: int = 20_000
    events: int = 3_000
    affiliations: int = 4_000
    # Characters of a document's text (its participations' sentences may make it longer).
    text_length: tuple[int, int] = (1200, 3200)

    def scaled(self, factor: float) -> Sizes:
        """Every count times `factor` (at least 20); the text length stays."""
        counts: dict[str, Any] = {
            name: max(20, int(value * factor))
            for name, value in vars(self).items()
            if isinstance(value, int)
        }
        return replace(self, **counts)


FULL = Sizes()
QUICK = FULL.scaled(0.2)


@dataclass
class Summary:
    """What was written, and keys the benchmark draws its requests from."""

    counts: dict[str, int] = field(default_factory=dict)
    actor_slugs: list[str] = field(default_factory=list)
    initiative_slugs: list[str] = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)
    participations_per_initiative: dict[str, int] = field(default_factory=dict)
    participations_per_actor: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


DASH = "\N{EN DASH}"  # German typography: a dateline is "Berlin, en dash, text"


def _words(text: str) -> list[str]:
    return text.split()


# --- vocabularies -------------------------------------------------------------------------------

TOPICS = [
    ("Klima", "Climate"),
    ("Gesundheit", "Health"),
    ("Abrüstung", "Disarmament"),
    ("Menschenrechte", "Human rights"),
    ("Energie", "Energy"),
    ("Migration", "Migration"),
    ("Ernährungssicherheit", "Food security"),
    ("Digitalisierung", "Digitalisation"),
    ("Cybersicherheit", "Cyber security"),
    ("Handel", "Trade"),
    ("Entwicklung", "Development"),
    ("Bildung", "Education"),
    ("Gleichstellung", "Gender equality"),
    ("Wasser", "Water"),
    ("Biodiversität", "Biodiversity"),
    ("Meeresschutz", "Ocean protection"),
    ("Terrorismusbekämpfung", "Counter-terrorism"),
    ("Humanitäre Hilfe", "Humanitarian aid"),
    ("Kultur", "Culture"),
    ("Wissenschaft", "Science"),
]

FIRST_NAMES = _words(
    "Anna Annalena Bärbel Birgit Claudia Dagmar Elke Franziska Gabriele Hanna Ines Johanna "
    "Katrin Lena Luise Maria Monika Nadine Petra Renate Sabine Svenja Ulrike Ursula Verena "
    "Andreas Bernd Christian Dieter Frank-Walter Georg Heiko Jörg Jürgen Klaus Lars Markus "
    "Matthias Michael Niels Olaf Peter Ralf Stefan Thomas Tobias Uwe Volker Wolfgang Amina "
    "Ayşe Chen Fatima Giorgos Ingrid Jean-Claude João Kofi Leïla Mateus Nkosazana Olena "
    "Pedro Rania Sanna Takeshi Yasmin Zoltán"
)
LAST_NAMES = _words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
    "Lange Schmitt Werner Krause Meier Lehmann Köhler Herrmann König Walter Mayer Huber Kaiser "
    "Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger "
    "Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus "
    "Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas "
    "Schreiber Graf Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt "
    "Sauer Arnold Wolff Pfeiffer Okonjo Dlamini Nakamura Kowalski Nowak Papadopoulos Rossi "
    "García Silva Haddad Jensen Lindqvist Novák Horváth Dubois"
)
CITIES = [
    city.replace("-", " ")
    for city in _words(
        "Berlin Bonn Brüssel Genf Wien Paris New-York Nairobi Addis-Abeba Jakarta Bangkok Santiago "
        "Lima Dakar Accra Kapstadt Rabat Amman Tiflis Kiew Warschau Prag Oslo Stockholm Helsinki "
        "Kopenhagen Madrid Lissabon Rom Den-Haag Luxemburg Montreal Ottawa Canberra Wellington "
        "Tokio Seoul Neu-Delhi Singapur Manila Hanoi Doha Abu-Dhabi Kairo Tunis Abuja Kigali"
    )
]
REGIONS = [
    "Europa",
    "Afrika",
    "Asien",
    "Lateinamerika",
    "Pazifik",
    "Nahost",
    "Sahel",
    "Arktis",
    "Mittelmeer",
    "Ostsee",
    "Westbalkan",
    "Karibik",
    "Zentralasien",
    "Südostasien",
]
ADJECTIVES = [
    "Globale",
    "Internationale",
    "Europäische",
    "Afrikanische",
    "Gemeinsame",
    "Transatlantische",
    "Offene",
    "Grüne",
    "Digitale",
    "Nachhaltige",
]
PUBLISHERS = [
    "Auswärtiges Amt",
    "Bundesregierung",
    "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung",
    "Bundesministerium der Verteidigung",
    "Deutsche Welle",
    "tagesschau.de",
    "Frankfurter Rundschau",
    "Süddeutsche Zeitung",
    "Der Tagesspiegel",
    f"Vereinte Nationen {DASH} Regionales Informationszentrum",
    f"Europäische Kommission {DASH} Vertretung in Deutschland",
    "Deutsche Gesellschaft für Internationale Zusammenarbeit",
]
TITLES = [
    ("Außenministerin", "Foreign Minister"),
    ("Außenminister", "Foreign Minister"),
    ("Botschafterin", "Ambassador"),
    ("Botschafter", "Ambassador"),
    ("Staatssekretärin", "State Secretary"),
    ("Staatssekretär", "State Secretary"),
    ("Generalsekretär", "Secretary-General"),
    ("Sonderbeauftragte", "Special Envoy"),
    ("Referatsleiter", "Head of Division"),
    ("Ministerin", "Minister"),
    ("Minister", "Minister"),
    ("Präsidentin", "President"),
    ("Vorsitzender", "Chair"),
]
ROLE_VERBS = {
    "member": "ist Mitglied",
    "founder": "gehört zu den Gründern",
    "host": "ist Gastgeber",
    "chair": "führt den Vorsitz",
    "co_chair": "teilt sich den Vorsitz",
    "participant": "nimmt teil",
    "supporter": "unterstützt die Arbeit",
    "co_sponsor": "bringt die Initiative mit ein",
    "organiser": "organisiert die Treffen",
    "partner": "ist Partner",
}
INITIATIVE_ROLES = {
    "member": 50,
    "participant": 12,
    "founder": 8,
    "partner": 8,
    "supporter": 7,
    "co_sponsor": 4,
    "chair": 3,
    "co_chair": 2,
    "host": 3,
    "organiser": 3,
}
EVENT_ROLES = {"participant": 70, "host": 10, "organiser": 10, "chair": 5, "co_chair": 5}

ACTOR_KIND_SHARES = {
    "state": 0.02,
    "person": 0.50,
    "international_organisation": 0.04,
    "government_body": 0.15,
    "ngo": 0.14,
    "network": 0.03,
    "company": 0.10,
    "other": 0.02,
}
# How often an actor of each kind takes part in something (states join almost everything).
ACTOR_ACTIVITY = {
    "state": 60.0,
    "person": 0.4,
    "international_organisation": 8.0,
    "government_body": 2.0,
    "ngo": 1.2,
    "network": 2.0,
    "company": 0.8,
    "other": 0.5,
}
INITIATIVE_KINDS = {
    "alliance": 14,
    "coalition": 12,
    "forum": 14,
    "platform": 12,
    "dialogue": 10,
    "centre": 6,
    "campaign": 8,
    "principles": 4,
    "programme": 14,
    "other": 6,
}


# --- prose ----------------------------------------------------------------------------------------
# Document text is German news prose made from sentence templates whose slots are filled from
# pools of subjects, verbs, adjectives and domain nouns. Within each pool the words are picked
# with a Zipf-like skew (the first-listed most often), so that a few words occur in nearly every
# document and most only in a few per cent of them, as in a real news archive.

ZIPF_EXPONENT = 1.0


@dataclass(frozen=True)
class Noun:
    """A domain noun with its grammatical gender (m, f, n) and, when it has one, its plural."""

    word: str
    gender: str
    plural: str | None

    @property
    def genitive(self) -> str:
        """The genitive singular: des Klimaschutzes, des Abkommens, der Impfstoffplattform."""
        word = self.word
        if self.gender == "f" or word.endswith(("us", "fonds")):
            return word
        if word.endswith("nis"):
            return word + "ses"
        if word.endswith(("s", "ß", "x", "z", "sch")):
            return word + "es"
        return word + "s"


_FEMININE_PLURAL = ("ung", "heit", "keit", "schaft", "ion", "tät", "form", "ur", "enz", "anz")


def _nouns(spec: str) -> list[Noun]:
    """Nouns from "f Impfstoffplattform, n Entwicklungsprojekt/e, m Klimaanpassungsfonds": a
    suffix after / makes the plural; feminines ending in -ung, -heit, -e … have the regular one."""
    nouns = []
    for item in spec.split(","):
        gender, word = item.split()
        plural = None
        if "/" in word:
            word, suffix = word.split("/")
            plural = word + suffix.strip("-")
        elif gender == "f" and word.endswith("e"):
            plural = word + "n"
        elif gender == "f" and word.endswith(_FEMININE_PLURAL):
            plural = word + "en"
        nouns.append(Noun(word, gender, plural))
    return nouns


# Nouns of every field, the most common first.
GENERAL_NOUNS = _nouns(
    "f Zusammenarbeit, f Umsetzung, f Finanzierung, f Strategie, n Abkommen/-, "
    "f Partnerschaft, f Vereinbarung, m Bericht/e, n Programm/e, f Initiative, "
    "f Verhandlung, f Erklärung, m Haushalt/e, f Konferenz, n Mandat/e, m Aktionsplan, "
    "f Koordinierung, f Förderung, m Fonds, n Gremium, f Arbeitsgruppe, m Fahrplan, "
    "f Zwischenbilanz, f Absichtserklärung, n Pilotvorhaben/-, f Evaluierung, n Monitoring"
)
FIELD_NOUNS = {
    "development": _nouns(
        "f Entwicklungszusammenarbeit, f Armutsbekämpfung, n Entwicklungsprojekt/e, "
        "f Budgethilfe, f Kapazitätsentwicklung, m Partnerschaftsansatz, f Projektförderung, "
        "n Förderprogramm/e, f Mikrofinanzierung, f Wirkungsmessung, n Länderprogramm/e, "
        "f Schuldenumwandlung, f Entwicklungsbank, m Strukturwandel, f Eigenverantwortung, "
        "f Geberkoordinierung, n Kooperationsabkommen/-, f Beschäftigungsförderung, "
        "f Berufsbildungspartnerschaft, f Infrastrukturfinanzierung, m Wiederaufbaufonds, "
        "f Regierungsführung, f Dezentralisierung, f Kommunalentwicklung, "
        "n Wirtschaftswachstum, f Ausbildungsoffensive"
    ),
    "diplomacy": _nouns(
        "m Dialog/e, f Vermittlung, n Gipfeltreffen/-, f Sanktion, f Friedensverhandlung, "
        "m Waffenstillstand, f Resolution, n Konsultationsformat/e, f Außenpolitik, "
        "f Krisendiplomatie, m Multilateralismus, f Völkerrechtsordnung, n Ministertreffen/-, "
        "f Ratspräsidentschaft, f Kontaktgruppe, m Staatsbesuch/e, f Botschafterkonferenz, "
        "f Vertrauensbildung, f Nachbarschaftspolitik, m Sicherheitsrat, n Völkerrecht, "
        "f Sondersitzung, f Streitbeilegung"
    ),
    "climate": _nouns(
        "m Klimaschutz, f Klimaanpassung, m Klimaanpassungsfonds, f Emissionsminderung, "
        "n Klimaziel/e, f Klimafinanzierung, m Emissionshandel, f Dekarbonisierung, "
        "f Aufforstung, m Waldschutz, f Klimaresilienz, f Biodiversitätsstrategie, "
        "n Schutzgebiet/e, m Artenschutz, f Kohlenstoffbepreisung, f Klimapartnerschaft, "
        "n Frühwarnsystem/e, m Hitzeschutz, f Klimaneutralität, f Treibhausgasbilanz, "
        "f Moorrenaturierung, m Korallenschutz, f Meeresschutzzone"
    ),
    "health": _nouns(
        "f Impfstoffplattform, m Impfstoff/e, f Pandemievorsorge, n Gesundheitssystem/e, "
        "f Impfkampagne, f Krankenhausfinanzierung, f Gesundheitsversorgung, "
        "f Antibiotikaresistenz, f Krankheitsüberwachung, n Frühwarnnetz/e, "
        "f Müttergesundheit, f Arzneimittelproduktion, f Seuchenbekämpfung, "
        "n Labornetzwerk/e, f Gesundheitsfachkraft, m Impfschutz, f Lieferkette, "
        "f Malariabekämpfung, f Tuberkulosebehandlung, n Gesundheitsprogramm/e, "
        "f Pflegeausbildung, f Medikamentenzulassung"
    ),
    "security": _nouns(
        "f Abrüstung, f Rüstungskontrolle, f Friedenssicherung, f Terrorismusbekämpfung, "
        "f Cyberabwehr, f Krisenprävention, f Minenräumung, f Nichtverbreitung, m Grenzschutz, "
        "f Stabilisierungsmission, f Sicherheitssektorreform, f Polizeiausbildung, "
        "n Kleinwaffenregister/-, f Deradikalisierung, f Konfliktprävention, "
        "f Exportkontrolle, f Lagebeurteilung, n Friedensabkommen/-, f Truppenstationierung, "
        "f Ausbildungsmission, f Resilienzstrategie, f Verteidigungsfähigkeit"
    ),
    "trade": _nouns(
        "n Freihandelsabkommen/-, f Zollsenkung, f Lieferkettensorgfalt, m Marktzugang, "
        "f Handelspartnerschaft, f Exportförderung, m Investitionsschutz, "
        "f Rohstoffpartnerschaft, f Wettbewerbsfähigkeit, f Handelserleichterung, "
        "n Ursprungszertifikat/e, m Binnenmarkt, f Produktnormierung, f Zollunion, "
        "m Warenverkehr, f Wertschöpfungskette, f Investitionsgarantie, "
        "f Außenwirtschaftsförderung, n Handelsdefizit/e, f Mittelstandsförderung, "
        "f Direktinvestition"
    ),
    "migration": _nouns(
        "f Migrationspartnerschaft, f Fachkräfteeinwanderung, f Rückführung, "
        "f Aufnahmeeinrichtung, f Fluchtursachenbekämpfung, n Resettlementprogramm/e, "
        "f Integrationsförderung, m Grenzübertritt/e, m Flüchtlingsschutz, f Arbeitsmigration, "
        "f Visaerleichterung, f Rückkehrberatung, n Aufnahmeprogramm/e, "
        "f Schleuserkriminalität, f Diasporaförderung, f Asylverfahrensreform, "
        "f Binnenvertreibung, m Familiennachzug, f Anerkennungsregelung, f Erstaufnahme"
    ),
    "energy": _nouns(
        "f Energiewende, m Wasserstoff, f Wasserstoffpartnerschaft, f Netzanbindung, "
        "n Solarkraftwerk/e, m Windpark/s, f Energieeffizienz, m Kohleausstieg, "
        "f Stromversorgung, f Speichertechnologie, f Energiepartnerschaft, "
        "n Netzausbauprogramm/e, f Elektrifizierung, m Energiemarkt, f Versorgungssicherheit, "
        "n Wasserkraftwerk/e, f Erdwärme, f Photovoltaikanlage, n Effizienzprogramm/e, "
        "f Offshore-Windenergie, n Power-to-X-Projekt/e"
    ),
    "water": _nouns(
        "n Wasserressourcenmanagement, f Wasserversorgung, f Abwasserbehandlung, "
        "f Trinkwasseraufbereitung, f Bewässerung, m Hochwasserschutz, "
        "f Meerwasserentsalzung, f Sanitärversorgung, n Flusseinzugsgebiet/e, "
        "m Grundwasserschutz, f Dürrevorsorge, f Wasserpartnerschaft, f Wasserkommission, "
        "n Küstenschutzprojekt/e, f Regenwassernutzung, m Gewässerschutz, "
        "f Wassergovernance, f Tiefbrunnenbohrung, n Wasserkraftabkommen/-, "
        "f Meeresverschmutzung, n Fischereiabkommen/-"
    ),
    "digital": _nouns(
        "f Digitalisierung, f Cybersicherheit, m Datenschutz, f Breitbandanbindung, "
        "f Verwaltungsdigitalisierung, n Rechenzentrum, f Plattformregulierung, "
        "n Open-Data-Portal/e, f Cloudinfrastruktur, f Datenpartnerschaft, "
        "f Cyberdiplomatie, n Innovationszentrum, f Digitalkompetenz, f Desinformation, "
        "m Internetzugang, f Netzneutralität, f Algorithmenregulierung, "
        "f Halbleiterfertigung, n Glasfasernetz/e, f E-Government-Strategie, "
        "f Sicherheitslücke, m Quellcode"
    ),
    "humanitarian": _nouns(
        "f Nothilfe, f Katastrophenvorsorge, f Nahrungsmittelhilfe, m Wiederaufbau, "
        "f Bargeldhilfe, n Flüchtlingslager/-, f Notunterkunft, f Logistikkette, "
        "m Hilfskonvoi/s, f Erdbebenhilfe, f Winterhilfe, m Hilfskorridor/e, "
        "f Lebensmittelverteilung, f Wasserausgabe, n Nothilfepaket/e, f Überschwemmung, "
        "f Dürrekatastrophe, m Katastrophenschutz, f Traumabehandlung"
    ),
    "food": _nouns(
        "f Ernährungssicherheit, f Landwirtschaft, f Kleinbauernförderung, "
        "f Bodenfruchtbarkeit, n Saatgut, f Agrarforschung, f Schulspeisung, "
        "f Mangelernährung, f Getreidelieferung, f Lebensmittelverschwendung, "
        "f Agrarökologie, f Ernteversicherung, m Agrarhandel, f Viehzucht, f Fischzucht, "
        "n Ernährungssystem/e, f Hungerbekämpfung, f Getreideinitiative, m Ernteausfall"
    ),
    "rights": _nouns(
        "n Menschenrecht/e, f Gleichstellung, f Pressefreiheit, f Rechtsstaatlichkeit, "
        "f Frauenförderung, f Wahlbeobachtung, f Korruptionsbekämpfung, f Meinungsfreiheit, "
        "m Minderheitenschutz, f Justizreform, f Zivilgesellschaft, f Demokratieförderung, "
        "f Antidiskriminierung, f Geschlechtergerechtigkeit, n Völkerstrafrecht, "
        "f Menschenrechtsbeobachtung, f Inklusion, f Teilhabe, m Kinderschutz, "
        "f Versammlungsfreiheit"
    ),
    "education": _nouns(
        "f Bildung, f Hochschulkooperation, n Stipendienprogramm/e, "
        "f Forschungspartnerschaft, m Wissenschaftsaustausch, f Berufsausbildung, "
        "f Grundbildung, f Lehrerfortbildung, n Austauschprogramm/e, f Alphabetisierung, "
        "f Wissenschaftsdiplomatie, f Exzellenzinitiative, n Forschungsnetzwerk/e, "
        "f Kulturdiplomatie, n Goethe-Institut/e, f Sprachförderung, f Schulpartnerschaft, "
        "n Kulturerbe, f Restitution, f Digitalbildung, f Wissenschaftsfreiheit"
    ),
}
# The fields a document on each topic is mostly about (the first), and may also touch.
FIELDS_OF_TOPIC = {
    "Klima": ("climate", "energy"),
    "Gesundheit": ("health", "humanitarian"),
    "Abrüstung": ("security", "diplomacy"),
    "Menschenrechte": ("rights", "diplomacy"),
    "Energie": ("energy", "climate"),
    "Migration": ("migration", "development"),
    "Ernährungssicherheit": ("food", "humanitarian"),
    "Digitalisierung": ("digital", "education"),
    "Cybersicherheit": ("digital", "security"),
    "Handel": ("trade", "development"),
    "Entwicklung": ("development", "trade"),
    "Bildung": ("education", "development"),
    "Gleichstellung": ("rights", "education"),
    "Wasser": ("water", "development"),
    "Biodiversität": ("climate", "water"),
    "Meeresschutz": ("water", "climate"),
    "Terrorismusbekämpfung": ("security", "diplomacy"),
    "Humanitäre Hilfe": ("humanitarian", "migration"),
    "Kultur": ("education", "diplomacy"),
    "Wissenschaft": ("education", "digital"),
}
# Every domain noun, the fields interleaved so that each has common and rare words.
ALL_NOUNS = [
    noun
    for rank in range(max(len(nouns) for nouns in FIELD_NOUNS.values()))
    for nouns in FIELD_NOUNS.values()
    if rank < len(nouns)
    for noun in [nouns[rank]]
]
# Adjective stems; the endings follow the article (die nachhaltige, den nachhaltigen).
PROSE_ADJECTIVES = _words(
    "neu gemeinsam international regional nachhaltig bilateral multilateral langfristig "
    "zusätzlich umfassend digital europäisch global national verbindlich wirksam "
    "grenzüberschreitend strategisch politisch finanziell technisch öffentlich lokal "
    "kommunal ländlich humanitär wirtschaftlich sozial ökologisch klimaneutral ambitioniert "
    "transparent konkret dringend erheblich bestehend geplant erweitert gezielt inklusiv "
    "resilient innovativ verlässlich solidarisch dauerhaft zentral afrikanisch asiatisch "
    "zivil militärisch privat städtisch erneuerbar"
)
# Subjects of a sentence (singular; lower case, the sentence start is capitalised).
SUBJECTS = [
    "die Bundesregierung",
    "das Auswärtige Amt",
    "das Entwicklungsministerium",
    "die Europäische Kommission",
    "der Ausschuss",
    "das Sekretariat",
    "die Delegation",
    "ein Sprecher des Ministeriums",
    "eine Sprecherin der Organisation",
    "der Lenkungskreis",
    "die Arbeitsgruppe",
    "die Weltbank",
    "der Sonderbeauftragte",
    "die Botschafterin",
    "die Ratspräsidentschaft",
    "das Parlament",
    "der Haushaltsausschuss",
    "die Durchführungsorganisation",
    "die Geberkonferenz",
    "das Netzwerk",
    "der Koordinierungsrat",
    "die Regionalorganisation",
    "das Expertengremium",
    "der Beirat",
    "die Gastgeberregierung",
    "die Entwicklungsbank",
    "das Generalsekretariat",
    "die Kommission",
]
PAST_VERBS = _words(
    "stärkte förderte unterstützte finanzierte kritisierte begrüßte prüfte erweiterte "
    "verlängerte bewertete koordinierte lobte forderte beschloss vereinbarte verabschiedete "
    "präsentierte evaluierte sicherte bekräftigte verteidigte plante startete stoppte "
    "überarbeitete intensivierte bündelte beschleunigte"
)
ZU_INFINITIVES = [
    "auszubauen",
    "zu stärken",
    "zu fördern",
    "zu überprüfen",
    "zu finanzieren",
    "weiterzuentwickeln",
    "zu verbessern",
    "zu beschleunigen",
    "zu sichern",
    "umzusetzen",
    "zu erweitern",
    "zu verstetigen",
    "aufzustocken",
    "neu aufzustellen",
    "zu modernisieren",
    "zu vereinfachen",
    "zu harmonisieren",
    "zu evaluieren",
    "zu koordinieren",
    "voranzutreiben",
]
PARTICIPLES = _words(
    "ausgebaut gestärkt evaluiert modernisiert aufgestockt umgesetzt verstetigt überarbeitet "
    "erweitert beschlossen finanziert abgeschlossen vorgestellt ausgeweitet neu_ausgerichtet"
)
MONTHS = _words(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
)
# Slots: S subject, V past verb, Z zu-infinitive, P participle, N/A/D/G a noun phrase in the
# nominative/accusative/dative/genitive, PL a plural, X a bare noun, person, topic, city, region,
# year, num, month. The first templates are the most common.
SENTENCES = [
    "{S} {V} {A}.",
    "{S} kündigte an, {A} {Z}.",
    "{N} soll bis {year} {P} werden.",
    "Im Mittelpunkt der Gespräche in {city} stand {N}.",
    "Nach Angaben des Ministeriums wurde {N} bereits {P}.",
    "Für {A} stehen in diesem Jahr {num} Millionen Euro zur Verfügung.",
    "Kritiker bemängeln, dass {N} bislang zu wenig Wirkung zeige.",
    "„Wir brauchen {A} jetzt mehr denn je“, sagte {person}.",
    "„{N} ist für die Region {region} von zentraler Bedeutung“, betonte {person}.",
    "Die Finanzierung {G} ist bis {year} gesichert.",
    "Zugleich geht es um {A} und um {A}.",
    "In der Region {region} hängt vieles von {D} ab.",
    "Beobachter verweisen auf die Erfahrungen mit {D} in {city}.",
    "Ein Schwerpunkt liegt auf {D}, ein weiterer auf {D}.",
    "Bereits {year} hatte {S} {A} {P}.",
    "Die Debatte über {A} dürfte auch beim nächsten Treffen in {city} weitergehen.",
    "Mehrere Staaten aus der Region {region} signalisierten Interesse an {D}.",
    "Der Bericht zu {D} soll im {month} vorgestellt werden.",
    "Wie {S} mitteilte, wurde {N} im vergangenen Jahr {P}.",
    "Dabei spielt {N} eine wichtige Rolle, vor allem im Bereich {topic}.",
    "Nach Einschätzung von Fachleuten ist {N} ein zentraler Baustein für {A}.",
    "Die Zahl der Projekte im Bereich {X} ist seit {year} deutlich gestiegen.",
    "Auf der Tagesordnung steht außerdem {N}.",
    "{S} warnte vor Kürzungen bei {D}.",
    "Seit {year} fließen jährlich rund {num} Millionen Euro in {A}.",
    "Die Initiative zu {D} geht auf ein Treffen in {city} im Jahr {year} zurück.",
    "Offen blieb zunächst, wie {N} langfristig finanziert werden soll.",
    "Ein Evaluierungsbericht bescheinigt {D} gute Ergebnisse, mahnt aber mehr Transparenz an.",
    "Die Partner in der Region {region} sollen stärker in {A} eingebunden werden.",
    "Neue {PL} sind vor allem in der Region {region} geplant.",
    "{S} sprach sich für {A} aus, verwies aber auf die angespannte Haushaltslage.",
    "Vertreterinnen der Zivilgesellschaft forderten mehr Mitsprache bei {D}.",
    "Die Gespräche über {A} sollen im {month} in {city} fortgesetzt werden.",
    "{person} nannte {A} einen „wichtigen Schritt“.",
    "Ohne {A} seien die Ziele im Bereich {topic} kaum zu erreichen, hieß es.",
]
_ARTICLES = {
    ("nom", "m"): "der",
    ("nom", "f"): "die",
    ("nom", "n"): "das",
    ("acc", "m"): "den",
    ("acc", "f"): "die",
    ("acc", "n"): "das",
    ("dat", "m"): "dem",
    ("dat", "f"): "der",
    ("dat", "n"): "dem",
    ("gen", "m"): "des",
    ("gen", "f"): "der",
    ("gen", "n"): "des",
}
_CONTRACTIONS = [
    (" von dem ", " vom "),
    (" zu dem ", " zum "),
    (" zu der ", " zur "),
    (" bei dem ", " beim "),
    (" in dem ", " im "),
    (" an dem ", " am "),
]


class Zipf:
    """Items picked with weights 1 / rank ** exponent: the first often, the last rarely."""

    def __init__(self, items: Sequence[Any], exponent: float = ZIPF_EXPONENT) -> None:
        self.items = list(items)
        self.cumulative = list(
            itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(items)))
        )

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


class Prose:
    """Sentences of German news prose about one document's topic, from the seeded `rng`."""

    general = Zipf(GENERAL_NOUNS)
    every_noun = Zipf(ALL_NOUNS, 1.1)
    fields: ClassVar[dict[str, Zipf]] = {name: Zipf(nouns) for name, nouns in FIELD_NOUNS.items()}
    adjectives = Zipf(PROSE_ADJECTIVES)
    subjects = Zipf(SUBJECTS)
    past = Zipf(PAST_VERBS)
    infinitives = Zipf(ZU_INFINITIVES)
    participles = Zipf([word.replace("_", " ") for word in PARTICIPLES])
    sentences = Zipf(SENTENCES, 0.5)

    def __init__(
        self,
        rng: random.Random,
        topic: str,
        actors: Sequence[dict[str, Any]],
        people: Sequence[dict[str, Any]],
    ) -> None:
        self.rng, self.topic = rng, topic
        self.actors, self.people = actors, people
        primary, secondary = FIELDS_OF_TOPIC[topic]
        self.primary, self.secondary = self.fields[primary], self.fields[secondary]
        self.other = self.fields[rng.choice(list(FIELD_NOUNS))]
        # What fills each slot of a template (see SENTENCES).
        self.slots: dict[str, Callable[[], Any]] = {
            "N": lambda: self.phrase("nom"),
            "A": lambda: self.phrase("acc"),
            "D": lambda: self.phrase("dat"),
            "G": lambda: self.phrase("gen"),
            "S": self.subject,
            "V": lambda: self.past.pick(rng),
            "Z": lambda: self.infinitives.pick(rng),
            "P": lambda: self.participles.pick(rng),
            "PL": self.plural,
            "X": lambda: self.noun().word,
            "person": lambda: rng.choice(people)["name"],
            "topic": lambda: topic,
            "city": lambda: rng.choice(CITIES),
            "region": lambda: rng.choice(REGIONS),
            "year": lambda: str(rng.randint(2010, 2030)),
            "num": lambda: str(rng.randint(2, 900)),
            "month": lambda: rng.choice(MONTHS),
        }

    def __getitem__(self, slot: str) -> str:
        """A value for a template's slot, drawn when the template asks for it."""
        return str(self.slots[slot]())

    def noun(self) -> Noun:
        draw = self.rng.random()
        if draw < 0.45:
            pool = self.primary
        elif draw < 0.6:
            pool = self.secondary
        elif draw < 0.7:
            pool = self.other
        elif draw < 0.85:
            pool = self.general
        else:
            pool = self.every_noun
        noun: Noun = pool.pick(self.rng)
        return noun

    def phrase(self, case: str) -> str:
        """A noun phrase with the definite article, sometimes with an adjective."""
        noun = self.noun()
        article = _ARTICLES[case, noun.gender]
        word = noun.genitive if case == "gen" else noun.word
        if self.rng.random() < 0.35:
            ending = "e" if case == "nom" or (case == "acc" and noun.gender != "m") else "en"
            return f"{article} {self.adjectives.pick(self.rng)}{ending} {word}"
        return f"{article} {word}"

    def plural(self) -> str:
        for _ in range(10):
            noun = self.noun()
            if noun.plural:
                return noun.plural
        return "Projekte"

    def subject(self) -> str:
        draw = self.rng.random()
        if draw < 0.2:
            return str(self.rng.choice(self.actors)["name"])
        if draw < 0.3:
            return f"die Delegation aus {self.rng.choice(CITIES)}"
        return str(self.subjects.pick(self.rng))

    def sentence(self) -> str:
        template: str = self.sentences.pick(self.rng)
        text = template.format_map(self)
        for long, short in _CONTRACTIONS:
            text = text.replace(long, short)
        first = 1 if text.startswith("„") else 0  # a quotation's first word is capitalised too
        return text[:first] + text[first].upper() + text[first + 1 :]


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class SlugRegistry:
    """Unique slugs per table: a second `Allianz für Klima` becomes `allianz-fuer-klima-2`."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str) -> str:
        base = slugify(text)[:100].strip("-") or "x"
        slug, number = base, 1
        while slug in self.used:
            number += 1
            slug = f"{base}-{number}"
        self.used.add(slug)
        return slug


def _stamp(index: int) -> dict[str, Any]:
    moment = CREATED + timedelta(seconds=index)
    return {"created_at": moment, "updated_at": moment, "version": 1}


def _random_date(rng: random.Random, first: int, last: int) -> date:
    start = date(first, 1, 1).toordinal()
    return date.fromordinal(rng.randint(start, date(last, 12, 31).toordinal()))


def _dated(rng: random.Random, first: int, last: int) -> tuple[date, str]:
    """A date and its precision: mostly a day, sometimes only the month or year is known."""
    day = _random_date(rng, first, last)
    precision = rng.choices(["day", "month", "year"], weights=[85, 10, 5])[0]
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


# --- the generator ------------------------------------------------------------------------------


class DirectoryGenerator:
    """Builds every row in memory (a few hundred MB at most), then writes them table by table."""

    def __init__(self, sizes: Sizes, seed: int) -> None:
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        german = Locale("de")
        self.countries = {
            code: name
            for code, name in sorted(german.territories.items())
            if re.fullmatch(r"[A-Z]{2}", code) and code not in {"EU", "EZ", "UN", "ZZ", "QO"}
        }
        self.topic_ids: list[int] = []
        self.actors: list[dict[str, Any]] = []
        self.initiatives: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    # topics, actors, initiatives, events --------------------------------------------------------

    def topics(self) -> None:
        slugs = SlugRegistry()
        for index, (label_de, label_en) in enumerate(TOPICS, start=1):
            self.rows[Topic].append(
                {
                    "id": index,
                    "slug": slugs.make(label_de),
                    "label_de": label_de,
                    "label_en": label_en,
                    **_stamp(index),
                }
            )
            self.topic_ids.append(index)

    def _topic_label(self) -> str:
        return self.rng.choice(TOPICS)[0]

    def _actor_name(self, kind: str, country: str | None) -> tuple[str, str | None, list[str]]:
        rng = self.rng
        land = self.countries.get(country or "", "Deutschland")
        topic = self._topic_label()
        if kind == "person":
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            aliases = [f"{first[0]}. {last}"] if rng.random() < 0.3 else []
            return f"{first} {last}", None, aliases
        if kind == "government_body":
            name = rng.choice(
                [
                    f"Ministerium für {topic} ({land})",
                    f"Außenministerium ({land})",
                    f"Agentur für {topic} ({land})",
                    f"Botschaft {land} in {rng.choice(CITIES)}",
                ]
            )
            return name, None, []
        if kind == "international_organisation":
            adjective = rng.choice(ADJECTIVES)
            name = f"{adjective} Organisation für {topic} {DASH} {rng.choice(REGIONS)}"
            abbreviation = "".join(word[0] for word in name.split() if word[0].isupper())
            return name, f"{adjective} Organisation for {topic}", [abbreviation]
        if kind == "ngo":
            return (
                rng.choice(
                    [
                        f"{rng.choice(LAST_NAMES)}-Stiftung",
                        f"Verein für {topic} e.V.",
                        f"{rng.choice(ADJECTIVES)} Hilfe {rng.choice(REGIONS)} e.V.",
                    ]
                ),
                None,
                [],
            )
        if kind == "network":
            return f"Netzwerk {topic} {rng.choice(REGIONS)}", None, []
        if kind == "company":
            suffix = rng.choice(["GmbH", "AG", "SE", "GmbH & Co. KG"])
            return f"{rng.choice(LAST_NAMES)} {topic} {suffix}", None, []
        return f"Städtepartnerschaft {rng.choice(CITIES)}{DASH}{rng.choice(CITIES)}", None, []

    def actors_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        codes = list(self.countries)
        counts = {kind: int(share * self.sizes.actors) for kind, share in ACTOR_KIND_SHARES.items()}
        counts["state"] = min(counts["state"], len(codes))
        counts["person"] += self.sizes.actors - sum(counts.values())
        state_codes = sorted(rng.sample(codes, counts["state"]))
        if "DE" not in state_codes:
            state_codes[0] = "DE"
        kinds = [kind for kind, count in counts.items() for _ in range(count)]
        for index, kind in enumerate(kinds, start=1):
            if kind == "state":
                country: str | None = state_codes.pop()
                name, name_en, aliases = self.countries[country], None, []
                description = f"Staat ({country}), Mitglied der Vereinten Nationen."
            else:
                country = "DE" if rng.random() < 0.3 else rng.choice(codes)
                if kind == "other" and rng.random() < 0.5:
                    country = None
                name, name_en, aliases = self._actor_name(kind, country)
                description = (
                    f"{name} arbeitet zu {self._topic_label()} und {self._topic_label()}."
                    if rng.random() < 0.6
                    else None
                )
            row = {
                "id": index,
                "slug": slugs.make(name),
                "name": name,
                "name_en": name_en,
                "aliases": aliases,
                "kind": kind,
                "country": country,
                "description": description,
                "website": f"https://{slugify(name)[:40]}.example.org/"
                if kind != "person"
                else None,
                **_stamp(index),
            }
            self.rows[Actor].append(row)
            self.actors.append(row)
            topic_count = rng.randint(2, 5) if kind == "state" else rng.choice([0, 1, 1, 2, 3])
            for topic_id in rng.sample(self.topic_ids, topic_count):
                self.rows[ActorTopic].append({"actor_id": index, "topic_id": topic_id})

    def _initiative_name(self, kind: str) -> str:
        rng, topic = self.rng, self._topic_label()
        region, city, adjective = rng.choice(REGIONS), rng.choice(CITIES), rng.choice(ADJECTIVES)
        names = {
            "alliance": f"{adjective} Allianz für {topic}",
            "coalition": f"Koalition für {topic} in {region}",
            "forum": f"{city}-Forum {topic}",
            "platform": f"Plattform {topic} {region}",
            "dialogue": f"{region}-Dialog zu {topic}",
            "centre": f"Zentrum für {topic} {city}",
            "campaign": f"Kampagne {adjective} {topic}",
            "principles": f"{city}er Prinzipien zu {topic}",
            "programme": f"Programm {topic} {rng.randint(2005, 2030)}",
            "other": f"Initiative {topic} {region}",
        }
        return names[kind]

    def initiatives_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        for index in range(1, self.sizes.initiatives + 1):
            kind = _pick(rng, INITIATIVE_KINDS)
            name = self._initiative_name(kind)
            founded: tuple[date, str] | tuple[None, None] = (
                _dated(rng, 1990, 2024) if rng.random() < 0.85 else (None, None)
            )
            # A fifth are sub-groups (working groups, small groups) of an earlier initiative.
            parent = rng.randint(1, index - 1) if index > 10 and rng.random() < 0.2 else None
            row = {
                "id": index,
                "slug": slugs.make(name),
                "name": name,
                "name_en": None,
                "aliases": [],
                "kind": kind,
                "description": f"{name}: Zusammenarbeit zu {self._topic_label()}.",
                "status": rng.choices(
                    ["active", "ended", "planned", "unknown"], weights=[60, 15, 5, 20]
                )[0],
                "founded_on": founded[0],
                "founded_precision": founded[1],
                "website": None,
                "parent_id": parent,
                **_stamp(index),
            }
            self.rows[Initiative].append(row)
            self.initiatives.append(row)
            for topic_id in rng.sample(self.topic_ids, rng.randint(1, 3)):
                self.rows[InitiativeTopic].append({"initiative_id": index, "topic_id": topic_id})

    def events_(self) -> None:
        rng, slugs = self.rng, SlugRegistry()
        for index in range(1, self.sizes.events + 1):
            initiative = rng.choice(self.initiatives) if rng.random() < 0.9 else None
            starts, precision = _dated(rng, 2005, 2025)
            city = rng.choice(CITIES)
            label = initiative["name"] if initiative else f"Konferenz {self._topic_label()}"
            name = f"{label}: Treffen in {city} {starts.year}"
            self.events.append(
                {
                    "id": index,
                    "slug": slugs.make(name),
                    "name": name,
                    "name_en": None,
                    "aliases": [],
                    "starts_on": starts,
                    "ends_on": starts + timedelta(days=rng.randint(0, 3))
                    if precision == "day"
                    else None,
                    "date_precision": precision,
                    "place": city,
                    "virtual": rng.random() < 0.1,
                    "description": None,
                    "initiative_id": initiative["id"] if initiative else None,
                    **_stamp(index),
                }
            )
        self.rows[Event] = self.events

    # participations, documents and mentions ------------------------------------------------------

    def participations(self) -> list[dict[str, Any]]:
        """Participations without evidence yet; popular initiatives get many (Zipf-like)."""
        rng = self.rng
        # Cumulative weights, summed once: the same draws as `weights=`, without summing the
        # weights again at every draw.
        actor_weights = list(
            itertools.accumulate(ACTOR_ACTIVITY[actor["kind"]] for actor in self.actors)
        )
        ranks = list(range(len(self.initiatives)))
        rng.shuffle(ranks)
        initiative_weights = list(itertools.accumulate(1.0 / (rank + 5) ** 0.9 for rank in ranks))
        seen: set[tuple[int, str, int]] = set()
        rows: list[dict[str, Any]] = []
        while len(rows) < self.sizes.participations:
            actor = rng.choices(self.actors, cum_weights=actor_weights)[0]
            if rng.random() < 0.85:
                target_type = "initiative"
                target = rng.choices(self.initiatives, cum_weights=initiative_weights)[0]
                role = _pick(rng, INITIATIVE_ROLES)
            else:
                target_type, target = "event", rng.choice(self.events)
                role = _pick(rng, EVENT_ROLES)
            key = (actor["id"], target_type, target["id"])
            if key in seen:
                continue
            seen.add(key)
            start: tuple[date, str] | tuple[None, None] = (
                _dated(rng, 2000, 2024) if rng.random() < 0.4 else (None, None)
            )
            end_on = None
            if start[0] is not None and rng.random() < 0.2:
                end_on = start[0] + timedelta(days=rng.randint(400, 4000))
            rows.append(
                {
                    "id": len(rows) + 1,
                    "actor_id": actor["id"],
                    "initiative_id": target["id"] if target_type == "initiative" else None,
                    "event_id": target["id"] if target_type == "event" else None,
                    "role": role,
                    "start_on": start[0],
                    "end_on": end_on,
                    "date_precision": start[1],
                    "note": "Laut Abschlusserklärung." if rng.random() < 0.1 else None,
                    "evidence_document_id": None,
                    "evidence_mention_id": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    "_actor": actor,
                    "_target": target,
                    **_stamp(len(rows) + 1),
                }
            )
        return rows

    def documents(self, participations: list[dict[str, Any]]) -> None:
        """Documents whose sentences state the participations (90 % of them get evidence),
        with mentions of every actor, initiative and event they name."""
        rng = self.rng
        by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for participation in participations:
            if rng.random() < 0.9:
                by_document[rng.randint(1, self.sizes.documents)].append(participation)
        slugs = SlugRegistry()
        mention_id = 0
        people = [actor for actor in self.actors if actor["kind"] == "person"] or self.actors
        topic_ids = {label: index for index, (label, _) in enumerate(TOPICS, start=1)}
        shortest, longest = self.sizes.text_length
        for index in range(1, self.sizes.documents + 1):
            stated = by_document.get(index, [])
            subject = stated[0]["_actor"]["name"] if stated else rng.choice(self.actors)["name"]
            topic = self._topic_label()
            prose = Prose(rng, topic, self.actors, people)
            title = rng.choice(
                [
                    f"{subject} stärkt Zusammenarbeit bei {topic}",
                    f"Gemeinsame Erklärung zu {topic}",
                    f"{subject}: Neue Partnerschaften für {topic}",
                    f"Treffen in {rng.choice(CITIES)}: Fortschritte bei {topic}",
                    f"Mehr Geld für {prose.phrase('acc')}",
                    f"{prose.noun().word}: {subject} setzt auf {topic}",
                ]
            )
            published, precision = _dated(rng, 2010, 2025)
            city = rng.choice(CITIES)
            text = _TextBuilder(f"{city} {DASH} ")
            mentions: list[dict[str, Any]] = []

            def mention(
                start: int,
                end: int,
                column: str,
                target_id: int,
                confirmed: bool,
                document_id: int = index,
                into: list[dict[str, Any]] = mentions,
            ) -> int:
                nonlocal mention_id
                mention_id += 1
                linked = not confirmed and rng.random() < 0.7
                status = "confirmed"
                if not confirmed:
                    status = rng.choices(["confirmed", "suggested", "rejected"], [80, 15, 5])[0]
                into.append(
                    {
                        "id": mention_id,
                        "document_id": document_id,
                        "start": start,
                        "end": end,
                        "text": None,  # filled from the text once it is complete
                        "actor_id": target_id if column == "actor_id" else None,
                        "initiative_id": target_id if column == "initiative_id" else None,
                        "event_id": target_id if column == "event_id" else None,
                        "method": "linked" if linked else "curated",
                        "confidence": round(rng.uniform(0.6, 0.99), 2) if linked else 1.0,
                        "status": status,
                        **_stamp(mention_id),
                    }
                )
                return mention_id

            for participation in stated:
                actor, target = participation["_actor"], participation["_target"]
                column = "initiative_id" if participation["initiative_id"] else "event_id"
                sentence_start = text.offset
                actor_start = text.add(actor["name"])
                actor_mention = mention(actor_start, text.offset, "actor_id", actor["id"], True)
                text.add(f" {ROLE_VERBS[participation['role']]} bei „")
                target_start = text.add(target["name"])
                mention(target_start, text.offset, column, target["id"], True)
                text.add("“. ")
                participation["evidence_document_id"] = index
                participation["evidence_mention_id"] = actor_mention
                participation["evidence_start"] = sentence_start
                participation["evidence_end"] = text.offset - 1
                text.add(prose.sentence() + " ")
            # A few more names in passing: what the linker finds and editors review.
            for _ in range(rng.randint(1, 3)):
                other = rng.choice(self.actors)
                text.add("Auch ")
                start = text.add(other["name"])
                mention(start, text.offset, "actor_id", other["id"], False)
                text.add(" äußerte sich zu den Ergebnissen. ")
            # News prose up to the drawn length, in paragraphs of three to six sentences.
            length, paragraph = rng.randint(shortest, longest), rng.randint(3, 6)
            while text.offset < length:
                sentence = prose.sentence()
                if text.offset + len(sentence) > longest and text.offset >= shortest:
                    break
                paragraph -= 1
                text.add(sentence + (" " if paragraph else "\n\n"))
                paragraph = paragraph or rng.randint(3, 6)
            clean_text = text.value().strip()
            for item in mentions:
                item["text"] = clean_text[item["start"] : item["end"]]
            self.rows[Mention].extend(mentions)
            raw_text = (
                f"{rng.choice(PUBLISHERS)}\nStartseite > Aktuelles > Meldung {index}\n\n"
                f"{title}\n\n{clean_text}\n\nFoto: dpa\nTeilen | Drucken | Kontakt\n"
            )
            self.rows[Document].append(
                {
                    "id": index,
                    "slug": slugs.make(f"{published.year} {title}"),
                    "title": title,
                    "publisher": rng.choice(PUBLISHERS),
                    "kind": rng.choices(
                        ["press_release", "article", "news", "speech", "interview", "report"],
                        [40, 25, 20, 7, 4, 4],
                    )[0],
                    "language": "de" if rng.random() < 0.92 else "en",
                    "published_on": published,
                    "date_precision": precision,
                    "place": city,
                    "source_url": f"https://news.example.org/{index}",
                    "clean_text": clean_text,
                    "raw_text": raw_text,
                    "captions": ["Foto: dpa"] if rng.random() < 0.5 else [],
                    "sha256": hashlib.sha256(raw_text.encode()).hexdigest(),
                    **_stamp(index),
                }
            )
            # The topic the text is about first, sometimes a second one.
            others = [topic_id for topic_id in self.topic_ids if topic_id != topic_ids[topic]]
            for topic_id in [topic_ids[topic], *rng.sample(others, rng.randint(0, 1))]:
                self.rows[DocumentTopic].append({"document_id": index, "topic_id": topic_id})
        self.rows[Participation] = [
            {key: value for key, value in row.items() if not key.startswith("_")}
            for row in participations
        ]

    def affiliations(self) -> None:
        rng = self.rng
        people = [actor for actor in self.actors if actor["kind"] == "person"]
        bodies = [
            actor
            for actor in self.actors
            if actor["kind"] in {"state", "government_body", "international_organisation"}
        ]
        for index in range(1, self.sizes.affiliations + 1):
            title, title_en = rng.choice(TITLES)
            start, precision = _dated(rng, 2000, 2024)
            self.rows[Affiliation].append(
                {
                    "id": index,
                    "actor_id": rng.choice(people)["id"],
                    "organization_id": rng.choice(bodies)["id"],
                    "title": title,
                    "title_en": title_en,
                    "start_on": start,
                    "end_on": None,
                    "date_precision": precision,
                    "note": None,
                    "evidence_document_id": rng.randint(1, self.sizes.documents)
                    if rng.random() < 0.5
                    else None,
                    "evidence_mention_id": None,
                    "evidence_start": None,
                    "evidence_end": None,
                    **_stamp(index),
                }
            )

    def build(self) -> None:
        self.topics()
        self.actors_()
        self.initiatives_()
        self.events_()
        participations = self.participations()
        self.documents(participations)
        self.affiliations()


class _TextBuilder:
    """A text assembled piece by piece, knowing the offset of each piece."""

    def __init__(self, start: str = "") -> None:
        self.parts = [start]
        self.offset = len(start)

    def add(self, piece: str) -> int:
        """Append a piece and return the offset where it starts."""
        start = self.offset
        self.parts.append(piece)
        self.offset += len(piece)
        return start

    def value(self) -> str:
        return "".join(self.parts)


# --- writing ------------------------------------------------------------------------------------

# Parents before children, so foreign keys hold at every insert.
TABLE_ORDER = [
    Topic,
    Actor,
    ActorTopic,
    Initiative,
    InitiativeTopic,
    Event,
    Document,
    DocumentTopic,
    Mention,
    Participation,
    Affiliation,
]


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write(connection: Connection, rows: dict[Any, list[dict[str, Any]]]) -> None:
    for model in TABLE_ORDER:
        table = model.__table__  # type: ignore[attr-defined]
        for batch in _batches(rows[model], BATCH_SIZE):
            connection.execute(table.insert(), list(batch))
    if connection.dialect.name == "postgresql":
        for model in TABLE_ORDER:
            table = model.__table__  # type: ignore[attr-defined]
            if "id" in table.c:
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
                    )
                )


def generate(engine: Engine, sizes: Sizes = FULL, seed: int = 20251106) -> Summary:
    """Fill the (migrated, empty) database behind `engine`; returns counts and sample keys."""
    started = time.perf_counter()
    generator = DirectoryGenerator(sizes, seed)
    generator.build()
    with engine.begin() as connection:
        _write(connection, generator.rows)
    summary = Summary(
        counts={model.__tablename__: len(generator.rows[model]) for model in TABLE_ORDER},
        actor_slugs=[actor["slug"] for actor in generator.actors],
        initiative_slugs=[initiative["slug"] for initiative in generator.initiatives],
        topic_slugs=[topic["slug"] for topic in generator.rows[Topic]],
    )
    slug_of_initiative = {row["id"]: row["slug"] for row in generator.initiatives}
    slug_of_actor = {row["id"]: row["slug"] for row in generator.actors}
    for row in generator.rows[Participation]:
        actor_slug = slug_of_actor[row["actor_id"]]
        summary.participations_per_actor[actor_slug] = (
            summary.participations_per_actor.get(actor_slug, 0) + 1
        )
        if row["initiative_id"] is not None:
            slug = slug_of_initiative[row["initiative_id"]]
            summary.participations_per_initiative[slug] = (
                summary.participations_per_initiative.get(slug, 0) + 1
            )
    summary.seconds = time.perf_counter() - started
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL of a migrated, empty Atlas database")
    parser.add_argument("--quick", action="store_true", help="a fifth of the full size")
    parser.add_argument("--seed", type=int, default=20251106)
    args = parser.parse_args()
    from atlas.db import create_db_engine

    engine = create_db_engine(args.url)
    try:
        summary = generate(engine, QUICK if args.quick else FULL, args.seed)
    finally:
        engine.dispose()
    counts = ", ".join(f"{count} {table}" for table, count in summary.counts.items())
    print(f"Generated in {summary.seconds:.1f} s: {counts}")


if __name__ == "__main__":
    main()
